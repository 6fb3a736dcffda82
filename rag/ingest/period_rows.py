"""Every row of a document gets its year, period, share of the year and stance (rag.ingest.periods).

- Progress-table rows: the table title's year and period (document_period), unless the row's progress text
  names another period ("1-8月，…", "半年度…"); stance actual (the progress column reports), target when
  the row has no progress yet.
- Paragraphs: the section they stand in. A heading that names a year and review words ("一、2023年工作回顾",
  "2023年计划执行情况") holds that year's actuals; one with plan words ("二、2024年重点工作安排", "主要预期
  目标") that year's targets; "过去一年" is the year before the report's. Headings are read from the text
  itself, numbered ("一、", "（一）") or not ("2019年工作回顾"), so a heading the prose parser skips still
  counts. The paragraph's own opening ("2023年，…", "上半年，…") wins over its section.
Pure functions."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from rag.domain import Document, Row
from rag.ingest.periods import (
    PeriodContext,
    clause_stance,
    document_period,
    is_progress_title,
    period_fraction,
    period_spans,
    relative_year,
    words,
    years_in,
)

__all__ = ["annotate_rows", "heading_context", "section_contexts"]

HEADING_CHARS = 40  # a numbered line longer than this is body text, not a heading
BARE_HEADING_CHARS = 30  # an unnumbered heading ("2019年工作回顾") is a short line without punctuation
_NUMBERED = re.compile(r"^(?:[一二三四五六七八九十]+[、．.]|第[一二三四五六七八九十]+部分)")
_SUB = re.compile(r"^[（(][一二三四五六七八九十]+[）)]")
_CLAUSE = re.compile(r"[，,：:。；;！？!?]")
_SENTENCE = re.compile(r"[。；;！？!?]")
_EMPTY = {"", "—", "-", "－", "无", "/"}


_WORK = re.compile(r"20\d\d年(?:的)?(?:主要|重点)?(?:工作|任务)")  # a year's work named (not a date line, 2026年3月)


def heading_context(line: str, doc_year: int | None, narrative: bool, period: str) -> PeriodContext | None:
    """The context a heading sets, or None when it names neither a year nor review/plan words. A review
    heading without a year is the year before a work or plan report's own (its 回顾), the report's year in a
    progress report."""
    w = words()
    review = any(x in line for x in w["review_words"])
    stance = "actual" if review else "target" if any(x in line for x in w["plan_words"]) else ""
    years = years_in(line)
    year = years[0][1] if years else relative_year(line, doc_year)
    if year is None and not stance:
        return None
    if narrative and year is not None and doc_year is not None and _WORK.search(line) \
            and (year > doc_year or year == doc_year and not stance):
        stance = "target"  # "三、2026年主要工作" in a report on 2025, "关于2026年工作" in a 2026 report: planned
    plan = any(x in line for x in w["plan_words"])
    if narrative and review and plan and year is not None and doc_year is not None and year >= doc_year:
        stance = "target"  # "二、2025年目标任务和主要工作" in the 2025 report: its plan (主要工作 is no review here)
    if year is None and doc_year is not None:
        year = doc_year - 1 if review and narrative else doc_year
    return PeriodContext(year, period, stance, doc_year)


def _heading(line: str, title: str) -> tuple[int, str]:
    """(level, heading text): 1 for "一、…" or a bare "2019年工作回顾", 2 for "（一）…"; 0 for body text and
    for the title, or a piece of it, repeated in the text."""
    head = _SENTENCE.split(line, maxsplit=1)[0]
    if _NUMBERED.match(line) and len(head) <= HEADING_CHARS:
        return 1, head
    if _SUB.match(line) and len(head) <= HEADING_CHARS:
        return 2, head
    if len(line) <= BARE_HEADING_CHARS and not _CLAUSE.search(line) and years_in(line) and line not in title:
        return 1, line
    return 0, ""


def section_contexts(text: str, base: PeriodContext, narrative: bool,
                     title: str = "") -> list[tuple[str, PeriodContext]]:
    """Each non-empty line of `text` (whitespace removed) with the context of the section it stands in. A
    top heading that names no period keeps the one before ("三、加强政府自身建设" after the year's plan); a
    sub-heading counts only when it names a year."""
    out: list[tuple[str, PeriodContext]] = []
    top: PeriodContext = base
    cur: PeriodContext = base
    title = re.sub(r"\s+", "", title)
    for raw in text.splitlines():
        line = re.sub(r"\s+", "", raw)
        if not line:
            continue
        level, head = _heading(line, title)
        ctx = heading_context(head, base.doc_year, narrative, base.period) if level else None
        if level == 1:
            top = ctx or top
            cur = top
        elif level == 2 and ctx is not None and years_in(head):
            cur = replace(ctx, stance=ctx.stance or top.stance)
        out.append((line, cur))
    return out


def _progress_span(progress: str) -> tuple[str, int | None]:
    """The period a progress text reports for (its first period phrase that is not 全年 nor in a target
    clause: "力争三季度完成" is a deadline), with a year written with it."""
    for s in period_spans(progress):
        if s.label == "全年":
            continue
        lo = max((m.end() for m in _CLAUSE.finditer(progress, 0, s.start)), default=0)
        hi = next((m.start() for m in _CLAUSE.finditer(progress, s.end)), len(progress))
        if clause_stance(progress[lo:hi]) != "target":
            return s.label, s.year
    return "", None


def _table_row(row: Row, year: int | None, period: str) -> Row:
    label, own_year = _progress_span(row.progress)
    label = label or period
    stance = "actual" if row.progress.strip() not in _EMPTY else "target"
    return replace(row, year=own_year or year, period_label=label, period_fraction=period_fraction(label),
                   stance=stance)


def _paragraph(row: Row, ctx: PeriodContext, progress: bool) -> Row:
    sentence = _SENTENCE.split(row.text, maxsplit=1)[0]
    lead = _CLAUSE.split(row.text, maxsplit=1)[0]
    years = years_in(lead)
    year = years[0][1] if years else relative_year(lead, ctx.doc_year) or ctx.year
    spans = period_spans(sentence)
    label = spans[0].label if spans else ctx.period
    stance = ctx.stance or ("actual" if progress else clause_stance(row.text))
    return replace(row, year=spans[0].year if spans and spans[0].year else year, period_label=label,
                   period_fraction=period_fraction(label), stance=stance)


def _paragraph_contexts(doc: Document, rows: Sequence[Row], base: PeriodContext,
                        narrative: bool) -> list[PeriodContext]:
    """The section context of each paragraph row, found by its text among the document's lines (in order)."""
    lines = section_contexts(doc.text, base, narrative, doc.title)
    out, at = [], 0
    for r in rows:
        key = re.sub(r"\s+", "", r.text)[:16]
        j = next((k for k in range(at, len(lines)) if key and key in lines[k][0]), None)
        if j is not None:
            at = j + 1
        out.append(lines[j][1] if j is not None else lines[min(at, len(lines) - 1)][1] if lines else base)
    return out


def annotate_rows(doc: Document, rows: Sequence[Row]) -> tuple[Document, list[Row]]:
    """The document with its detected year and period, and its rows with theirs."""
    year, period = document_period(doc.title, doc.text, doc.period)
    doc = replace(doc, year=year, period_label=period)
    progress = is_progress_title(doc.title) or any(r.kind == "progress_row" for r in rows)
    narrative = not progress
    base = PeriodContext(year, period if progress else "全年", "actual" if progress else "", year)
    paragraphs = [r for r in rows if r.kind == "paragraph"]
    contexts = dict(zip((id(r) for r in paragraphs), _paragraph_contexts(doc, paragraphs, base, narrative)))
    # rows report results: under a title naming two years ("2021年计划执行情况与2022年计划"), the first one
    title_years = sorted({y for _, y in years_in(doc.title)})
    row_year = title_years[0] if len(title_years) >= 2 else year
    out = [_paragraph(r, contexts[id(r)], progress) if r.kind == "paragraph" else _table_row(r, row_year, period)
           for r in rows]
    return doc, out
