"""Periods: the year and the part of the year a figure describes, and whether it is a target or an actual.

Pure functions over text; words and patterns are data (rag/data/periods.json).
- `period_spans(text)`: every period phrase ("1-8月", "上半年", "截至10月底", "前三季度", "全年") with its
  normalised label and the share of the year it covers (`period_fraction`).
- `asked_spans(text)`: the same, and a period said by its end alone ("8月底", "年底"), for a question: "截至8月底
  完成多少，年底能完成吗" asks two periods, as of August and the whole year.
- `document_period(title, text, manifest_period)`: the year and period a document reports on.
- `clause_period(text, context)`: (year, period, stance) of one clause, from its own words first and then its
  context (a Row, or a PeriodContext such as a section's).
Rows get their fields from rag.ingest.period_rows."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from rag.domain import Row
from rag.lexicons import period_words

__all__ = [
    "PeriodContext", "PeriodSpan", "asked_spans", "clause_period", "clause_stance", "document_period", "is_progress_title",
    "period_fraction", "period_spans", "relative_year", "words", "years_in",
]

MONTHS = 12
MIN_TEXT_MENTIONS = 3  # a period named this often in a progress report's text speaks for a title that names none
_CN = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10, "十一": 11, "十二": 12}
_YEAR = re.compile(r"(20\d{2})\s*年")
_LOOSE_YEAR = re.compile(r"(20\d{2})(?![\d\-/.])(?=\s|年|$|[A-Za-z(（)）])")  # "2023 Q3" in a manifest
_FULL_DATE = re.compile(r"20\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|20\d{2}-\d{1,2}-\d{1,2}")
_SENTENCE_END = re.compile(r"[。；;！？!?\n｜|]")
_PARENS = re.compile(r"[（(][^（()）]*[）)]")
_LABEL_MONTHS = re.compile(r"^(?:1-|截至)(\d{1,2})月(?:(\d{1,2})日)?$|^(\d{1,2})月$")
_NAMED_FRACTION = {"一季度": 0.25, "上半年": 0.5, "前三季度": 0.75, "全年": 1.0}
_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


@lru_cache(maxsize=1)
def words() -> dict[str, Any]:
    """The period data file (rag/data/periods.json)."""
    return period_words().model_dump()


@lru_cache(maxsize=2)
def _patterns(key: str = "spans") -> list[tuple[re.Pattern[str], str, str]]:
    return [(re.compile(p["pattern"]), p.get("kind", "named"), p.get("label", "")) for p in words()[key]]


@dataclass(frozen=True)
class PeriodSpan:
    """One period phrase: where it is, its label ("1-8月", "上半年", "截至10月") and a year written with it."""

    start: int
    end: int
    label: str
    year: int | None = None

    @property
    def fraction(self) -> float | None:
        return period_fraction(self.label)


@dataclass(frozen=True)
class PeriodContext:
    """What surrounds a clause: the year and period its figures describe unless it names others, its stance
    (target | actual | ""), and the year the document was written in (for 今年 / 去年)."""

    year: int | None = None
    period: str = ""
    stance: str = ""
    doc_year: int | None = None


def _month(s: str) -> int | None:
    n = int(s) if s.isdigit() else _CN.get(s)
    return n if n and 1 <= n <= MONTHS else None


def _label(months: int, day: int | None = None, until: bool = False) -> str:
    """1-N月 and 截至N月(底) are the same span: the named ones read 一季度/上半年/前三季度/全年."""
    if until and day is not None and day < _DAYS[months - 1] - 3:
        return f"截至{months}月{day}日"
    if months in (3, 6, 9, 12) and not until:
        return str(words()["named_months"][str(months)])
    return f"截至{months}月" if until else f"1-{months}月"


def period_fraction(label: str) -> float | None:
    """Share of the year a label covers: 上半年 0.5, 1-8月 0.667, 截至10月 0.833, 10月 0.833 (the year gone
    by the end of that month), 截至9月20日 0.722; None for an empty or unknown label."""
    if label in _NAMED_FRACTION:
        return _NAMED_FRACTION[label]
    m = _LABEL_MONTHS.match(label or "")
    if not m:
        return None
    months = int(m.group(1) or m.group(3))
    if m.group(2):
        return round((months - 1 + int(m.group(2)) / _DAYS[months - 1]) / MONTHS, 3)
    return round(months / MONTHS, 3)


def _span(m: re.Match[str], kind: str, label: str) -> PeriodSpan | None:
    year = int(m.group(1)) if m.group(1) else None
    if kind == "named":
        return PeriodSpan(m.start(), m.end(), label, year)
    months = _month(m.group(2))
    if months is None:
        return None
    day = int(m.group(3)) if kind == "until" and m.group(3) else None
    return PeriodSpan(m.start(), m.end(), _label(months, day, until=kind == "until"), year)


def _base(text: str, start: int, end: int) -> bool:
    """The phrase at text[start:end] is a comparison base (比2022年, 较1-11月, 与上半年相比, 2022年同期) or sits
    in a quoted title (《2023年…》), not the time the figures describe."""
    w = words()
    head, tail = text[max(0, start - 4) : start], text[end : end + 3]
    opened = text.rfind("《", 0, start) > text.rfind("》", 0, start)
    return opened or head.endswith(tuple(w["not_the_year_before"])) or tail.startswith(tuple(w["not_the_year_after"]))


def period_spans(text: str) -> list[PeriodSpan]:
    """Every period phrase in `text` that says what its figures describe (not a comparison base), in order;
    where two overlap, the one that starts first (then the longer) wins."""
    text = text or ""
    found = [s for rx, kind, label in _patterns() for m in rx.finditer(text) if (s := _span(m, kind, label))]
    out: list[PeriodSpan] = []
    for s in sorted(found, key=lambda s: (s.start, -(s.end - s.start))):
        listed = text[s.end :].startswith(tuple(words()["not_a_period_after"]))
        if (not out or s.start >= out[-1].end) and not listed and not _base(text, s.start, s.end):
            out.append(s)
    return out


def asked_spans(text: str) -> list[PeriodSpan]:
    """The periods a question asks about: every period phrase (period_spans), and a period said by its end
    alone where none overlaps it ("8月底到多少" as of August, "年底最后多少" the whole year; ends are data,
    `ends` in rag/data/periods.json). Reports write these as deadlines (8月底前完成), so ingest does not read them."""
    text = text or ""
    out = period_spans(text)
    ends = [s for rx, kind, label in _patterns("ends") for m in rx.finditer(text) if (s := _span(m, kind, label))]
    for s in ends:
        based = _base(text, s.start, s.end) or re.search(r"[比较][^，,。？?]{0,2}$", text[max(0, s.start - 3) : s.start])
        if all(s.end <= o.start or s.start >= o.end for o in out) and not based:
            out.append(s)
    return sorted(out, key=lambda s: s.start)


def years_in(text: str) -> list[tuple[int, int]]:
    """(position, year) of each year the text says its figures are about: not a comparison base (比2022年),
    nor a year inside a quoted title (《2023年…》)."""
    text = text or ""
    return [(m.start(), int(m.group(1))) for m in _YEAR.finditer(text) if not _base(text, m.start(), m.end())]


def relative_year(text: str, doc_year: int | None) -> int | None:
    """The year 今年 / 去年 / 过去一年 in `text` means, counted from the year the document was written in (the
    last such word wins; 比去年 is a comparison base, not the year described)."""
    if doc_year is None:
        return None
    before = tuple(words()["not_the_year_before"])
    hits = [(m.start(), off) for w, off in words()["relative_years"].items() for m in re.finditer(w, text)
            if not text[max(0, m.start() - 4) : m.start()].endswith(before)]
    return doc_year + max(hits)[1] if hits else None


def clause_stance(text: str, weak: bool = False) -> str:
    """'target' when the clause says so (力争, 确保, 目标, 计划…), 'actual' when it reports (已, 同比, 累计, 完成
    全年目标的…), else '' — or, with `weak`, 'actual' for a plain 完成/增长/实现. Words in brackets are a
    side note ("增长5.1%（预期目标6%）") and do not count."""
    w = words()
    bare = _PARENS.sub("", text) or text
    vs = re.sub(w["vs_target"], "", bare)
    got = [r for r in w["results_with_target_words"] if r in vs]  # "共争取到帮扶资金240万元": a result
    for r in got:
        vs = vs.replace(r, "")
    obtained = re.compile(w["obtained_sum"])
    if obtained.search(vs):  # "争取增发国债项目资金1221.9亿元": a sum obtained
        got.append("争取")
        vs = obtained.sub(lambda m: m.group(0).replace("争取", ""), vs)
    if any(t in vs for t in w["target_strong"]):
        return "target"
    if got or vs != bare or any(a in bare for a in w["actual_strong"]):
        return "actual"
    return "actual" if weak and any(a in bare for a in w["actual_weak"]) else ""


def is_progress_title(title: str) -> bool:
    """A progress or completion report (进展情况, 完成情况, 通报…) rather than a work or plan report."""
    return any(w in (title or "") for w in words()["progress_title_words"])


_RESULTS_TITLE = re.compile(r"统计公报|国民经济和社会发展$")  # a DOCX heading may break before 统计公报


def is_results_title(title: str) -> bool:
    """A statistical communiqué (…国民经济和社会发展统计公报): every figure is of the year its title names."""
    return bool(_RESULTS_TITLE.search(title or ""))


def _title_year(text: str) -> int | None:
    """The latest year a title or manifest period names ("2023 Q3" too), dates ("2024年2月5日",
    "2024-03-07") only when it names no other year."""
    for t in (_FULL_DATE.sub("", text or ""), text or ""):
        years = [int(m.group(1)) for m in _LOOSE_YEAR.finditer(t) if not _base(t, m.start(), m.end())]
        if years:
            return max(years)
    return None


def _title_label(text: str) -> str:
    spans = period_spans(text or "")
    if spans:
        return spans[0].label
    m = re.search(words()["month_in_title"], _FULL_DATE.sub("", text or ""))
    months = _month(m.group(2)) if m else None
    return f"{months}月" if months else ""


def document_period(title: str, text: str, manifest_period: str = "") -> tuple[int | None, str]:
    """(year, period) a document reports on. Year: the latest year its title names (a work report's own year,
    a plan report's plan year), else the manifest period's, else the year the text names most. Period: what
    the title names ("三季度进展情况" -> 前三季度, "10月份" -> 10月), else the manifest period's, else for a
    progress report the period its text names at least MIN_TEXT_MENTIONS times, else 全年."""
    year = _title_year(title) or _title_year(manifest_period)
    if year is None:
        counts = Counter(y for _, y in years_in(text))
        year = max(counts, key=lambda y: (counts[y], y)) if counts else None
    label = _title_label(title) or _title_label(manifest_period)
    if not label and (is_progress_title(title) or not title):
        named = Counter(s.label for s in period_spans(text) if s.label != "全年")
        if named and named.most_common(1)[0][1] >= MIN_TEXT_MENTIONS:
            label = named.most_common(1)[0][0]
    return year, label or "全年"


def _heading_year(row: Row) -> int | None:
    """The one year a work report's section heading names ("三、2026年主要工作"): 今年 in it is that year."""
    years = {y for _, y in years_in(f"{row.section} {row.heading}")}
    return years.pop() if len(years) == 1 and row.kind != "progress_row" else None


def _row_context(text: str, row: Row) -> tuple[PeriodContext, str]:
    """The clause's context within a row (its target column, its progress column, or its text) and the
    text before it in its sentence (a period or 力争 said there carries over: "1-8月，投资增长33%")."""
    doc_year = _title_year(row.title) or _title_year(row.period) or _heading_year(row) or row.year
    own = PeriodContext(row.year, row.period_label, row.stance, doc_year)
    places = [(row.task, PeriodContext(row.year, "全年", "target", doc_year)),
              (row.progress, own), (row.progress_normalized, own), (row.text, own)]
    for field_text, ctx in places:
        at = field_text.find(text) if field_text and text else -1
        if at < 0:
            continue
        if field_text is row.text and row.kind == "progress_row":
            marker = field_text.rfind("进展情况：", 0, at + 1)
            ctx = own if marker >= 0 else places[0][1]
        ends = [m.end() for m in _SENTENCE_END.finditer(field_text, 0, at)]
        return ctx, field_text[(ends[-1] if ends else 0) : at]
    return own, ""


def clause_period(text: str, context: Row | PeriodContext | None = None) -> tuple[int | None, str, str]:
    """(year, period, stance) of one clause. Its own words win: a period phrase ("1-8月"), a year ("2023年",
    "去年"), a stance word (力争 / 同比); then what comes before it in its sentence; then the context (for a Row:
    the target column is a 全年 target, the progress column the row's period and an actual). A target that
    names no period is for the whole year."""
    if isinstance(context, Row):
        ctx, before = _row_context(text, context)
    else:
        ctx, before = context or PeriodContext(), ""
    scope = before + text
    spans = period_spans(scope)
    years = years_in(scope)
    year = spans[-1].year if spans and spans[-1].year else (years[-1][1] if years else None)
    if year is None:
        year = relative_year(scope, ctx.doc_year) or ctx.year
    # a clause that names a time of its own (2023年, 1-8月 in a 2024 plan section) is not one of its context's targets
    elsewhen = (year != ctx.year) or any(s.label not in ("全年", ctx.period) for s in spans)
    inherited = "" if elsewhen and ctx.stance == "target" else ctx.stance
    stance = clause_stance(text) or clause_stance(before) or inherited or clause_stance(text, weak=True)
    period = spans[-1].label if spans else ("全年" if stance == "target" else ctx.period)
    return year, period, stance
