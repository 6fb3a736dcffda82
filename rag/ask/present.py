"""The library's present, per place: the year its latest document speaks from, so that 去年 in a question is a
year. A work report or plan report is delivered in the year it plans (2026年政府工作报告: now 2026, 去年 2025); a
progress table of part of a year speaks from within it (2023年三季度进展: now 2023); a document of a whole year's
results, published after it (统计公报, a full-year completion table), speaks from the next (2025年统计公报: now 2026)."""

from __future__ import annotations

import re
from collections import Counter

from rag.index.build import Index
from rag.ingest.periods import is_results_title

_OWN_NAME = "国民经济和社会发展统计公报"  # a communiqué names itself; a work report does not
# the year before the present is taken only when that share of the place's rows speak of it: where a document is
# misdated (a communiqué whose title the reader missed, rows dated by a publication date) the year before holds under
# 3% of the place's rows (银川, 海南, 苏州, 石家庄, 临安 on the corpus + realworld2 library); where it is right, 12% or more
HELD_SHARE = 0.1
_LAST = re.compile(r"(?<![比较同与跟和对])(?:去年|上一年)(?!同期)")  # 去年 as the year asked, not 比去年 / 去年同期


def present_year(index: Index, place: str) -> int | None:
    """The latest year the place's documents speak from (None when none is dated)."""
    memo = index.memo.setdefault("present_year", {})
    if place not in memo:
        years = [y for doc, m in index.docs.items() if m.get("district") == place
                 if (y := _speaks_from(index, doc)) is not None]
        memo[place] = max(years, default=None)
    now: int | None = memo[place]
    return now


def _speaks_from(index: Index, doc: str) -> int | None:
    meta = index.docs[doc]
    year = int(meta["year"]) if str(meta.get("year", "")).isdigit() else None
    if year is None:
        return None
    rows = [r for r in index.rows if r.doc == doc]
    whole_year = meta.get("period_label", "全年") in ("", "全年")
    table = bool(rows) and all(r.kind == "progress_row" for r in rows)
    results = is_results_title(meta.get("title", "")) or any(
        _OWN_NAME in f"{r.section} {r.heading} {r.text}" for r in rows if r.kind != "progress_row")
    return year + 1 if whole_year and (table or results) else year


def says_last(text: str) -> bool:
    """The text says 去年 of the year it asks about (not 比去年, 去年同期)."""
    return bool(_LAST.search(text))


def last_year(question: str, index: Index, place: str | None) -> int | None:
    """The year 去年 names in the question, counted from the place's present; None when the question does not say
    去年 of the year asked or no place is asked."""
    if not place or not says_last(question):
        return None
    now = present_year(index, place)
    if not now:
        return None
    years = _row_years(index, place)
    return now - 1 if years[now - 1] >= HELD_SHARE * sum(years.values()) else None


def _row_years(index: Index, place: str) -> Counter[int | None]:
    """How many of the place's rows speak of each year (counted once per place and loaded index, not per question)."""
    memo = index.memo.setdefault("row_years", {})
    if place not in memo:
        memo[place] = Counter(r.year for r in index.rows if r.district == place)
    counts: Counter[int | None] = memo[place]
    return counts
