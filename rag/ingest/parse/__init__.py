"""Parsing: a Document's text -> citable Row records. Pure functions, no I/O.

Layout is detected from the content (never the file name): a table header named by any of its usual column
names, written tab-separated, pipe-separated or one cell per line; else prose, whose numbered progress lists
("1.…(第6项):…", "(一)…", "——指标…", "一是…") become progress rows and the rest paragraphs. Prose before a table's
header is kept as paragraphs. Units are canonicalised across the whole corpus by `finalize`."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field, replace

from rag.domain import Document, Row
from rag.ingest.parse.cells import parse_cells, parse_pipes
from rag.ingest.parse.clean import normalize_dates, squash, strip_spam
from rag.ingest.parse.header import find_header
from rag.ingest.parse.lines import parse_lines
from rag.ingest.parse.lists import expand_inline, progress_lists
from rag.ingest.parse.prose import RawParagraph, parse_prose, prose_lines
from rag.ingest.parse.tables import TABS_ROLES, RawRow, RawTable, parse_tabs
from rag.ingest.parse.units import canonical_map, resegment, split_units
from rag.ingest.period_rows import annotate_rows

__all__ = ["ParseResult", "detect_layout", "parse_document", "finalize"]

_NUM_LINE = re.compile(r"^[\s\u00a0\u3000]*\d{1,4}[\s\u00a0\u3000]*$", re.M)


@dataclass
class ParseResult:
    doc: Document
    rows: list[Row]
    notes: list[str] = field(default_factory=list)


def detect_layout(text: str) -> str:
    """'tabs' | 'pipes' | 'lines' | 'prose', from the shape of the text alone: a header line (or, one cell per
    line, a run of header lines) naming 序号 and at least two other known columns, then numbered rows in that
    shape (one is enough). A lone 序号 line followed by number lines is a one-cell-per-line table too."""
    header = find_header(text)
    if header:
        return header.layout
    if _NUM_LINE.search(text) and re.search(r"^[\s\u00a0]*序号[\s\u00a0]*$", text, re.M):
        return "lines"
    return "prose"


LIST_ROLES = ("row", "task", "progress")


def _render(r: RawRow, roles: tuple[str, ...]) -> str:
    """The row's citable text; a column the table has is always named (— when empty), others only when filled."""
    parts = [f"序号{r.row}"]
    if r.section:
        parts.append(f"重点工作任务：{r.section}")
    parts.append(f"目标任务：{r.task}")
    if "leader" in roles:
        parts.append(f"牵头区领导：{r.leader or '—'}")
    if "unit" in roles or r.unit:
        parts.append(f"牵头单位：{r.unit or '—'}")
    parts.append(f"进展情况：{r.progress or '—'}")
    parts.extend(f"{name}：{value}" for name, value in r.extra)
    return "｜".join(parts)


def _progress_row(doc: Document, r: RawRow, roles: tuple[str, ...]) -> Row:
    quality = list(r.notes)
    for name in ("task", "progress", "unit", "section"):
        clean, removed = strip_spam(getattr(r, name))
        if removed:
            setattr(r, name, squash(clean))
            quality.append(f"removed web spam from {name}: {removed[0]}")
    units = split_units(r.unit)
    r.unit = "、".join(units)
    return Row(
        doc=doc.name, row=r.row, district=doc.district, title=doc.title, period=doc.period, kind="progress_row",
        text=_render(r, roles), section=r.section, heading=r.heading, task=r.task, leader=r.leader, unit=r.unit,
        units=units, progress=r.progress, progress_normalized=normalize_dates(r.progress),
        data_quality=tuple(quality), page=r.page,
    )


def _paragraph(doc: Document, p: RawParagraph) -> Row:
    text, removed = strip_spam(p.text)
    return Row(
        doc=doc.name, row=None, district=doc.district, title=doc.title, period=doc.period, kind="paragraph",
        text=squash(text), section=p.heading, heading=p.heading, paragraph=p.number,
        progress_normalized=normalize_dates(squash(text)),
        data_quality=tuple(f"removed web spam: {s}" for s in removed), page=p.page,
    )


def _unique_numbers(found: list[tuple[int, RawRow]]) -> None:
    """Row numbers stay unique in a document: a later list that numbers from 1 again continues after the last."""
    seen: set[int] = set()
    for _, r in found:
        if r.row in seen:
            new = max(seen) + 1
            r.notes.append(f"numbered {r.row} in its list; 序号{new} here (an earlier list uses {r.row})")
            r.row = new
        seen.add(r.row)


def _prose_rows(doc: Document, text: str, lists: bool) -> list[Row]:
    """Paragraphs of `text`, and with `lists` the progress rows of its numbered lists, in document order."""
    lines = prose_lines(text)
    found: list[tuple[int, RawRow]] = []
    used: set[int] = set()
    if lists:
        expanded = expand_inline(lines)
        found, used = progress_lists(expanded, doc.title)
        if found:
            lines = expanded
    _unique_numbers(found)
    paras = parse_prose(text, doc.title, lines=lines, skip=frozenset(used))
    placed = [(at, _progress_row(doc, r, LIST_ROLES)) for at, r in found]
    placed += [(p.at, _paragraph(doc, p)) for p in paras]
    return [row for _, row in sorted(placed, key=lambda x: x[0])]


def _table(text: str, layout: str) -> RawTable:
    if layout == "lines":
        return parse_lines(text)
    if layout == "pipes":
        return parse_pipes(text)
    header = find_header(text)
    roles = header.roles if header else TABS_ROLES
    seed = set(roles) <= set(TABS_ROLES) and "unit" in roles and (
        "progress" not in roles or roles.index("unit") < roles.index("progress"))
    if not seed:  # columns in another order or extra columns: read them by their names
        return parse_cells(text, "\t")
    table = parse_tabs(text)
    table.roles = roles
    return table


def parse_document(doc: Document) -> ParseResult:
    """The document's rows, each with the year, period and stance its figures describe (rag.ingest.period_rows)."""
    res = _parse(doc)
    res.doc, res.rows = annotate_rows(res.doc, res.rows)
    return res


def _parse(doc: Document) -> ParseResult:
    layout = (doc.layout or detect_layout(doc.text)).split("+")[0]
    if layout == "prose":
        rows = _prose_rows(doc, doc.text, lists=True)
        lists = any(r.kind == "progress_row" for r in rows)
        return ParseResult(replace(doc, layout="prose+list" if lists else "prose"), rows)
    table = _table(doc.text, layout)
    header = find_header(doc.text)
    head = "\n".join(doc.text.split("\n")[: header.line]) if header else ""
    rows = _prose_rows(doc, head, lists=False) + [_progress_row(doc, r, table.roles) for r in table.rows]
    return ParseResult(replace(doc, layout=layout), rows, list(table.notes))


def finalize(results: list[ParseResult]) -> list[ParseResult]:
    """Corpus-wide unit repair: split run-together unit names using names that stand alone
    elsewhere, then canonicalise spellings per district (区X == X)."""
    known: set[str] = set()
    for res in results:
        for r in res.rows:
            known.update(r.units)
    by_district: dict[str, set[str]] = defaultdict(set)
    staged: list[list[tuple[Row, tuple[str, ...]]]] = []
    for res in results:
        cur = []
        for r in res.rows:
            units = resegment(r.units, known) if r.units else ()
            by_district[r.district].update(units)
            cur.append((r, units))
        staged.append(cur)
    canon = canonical_map(by_district)
    out = []
    for res, cur in zip(results, staged):
        rows = []
        for r, units in cur:
            if r.kind == "progress_row":
                cu = tuple(dict.fromkeys(canon.get((r.district, u), u) for u in units))
                r = replace(r, units=cu, unit="、".join(cu))
                label = f"牵头单位：{r.unit or '—'}".replace("\\", "\\\\")
                r = replace(r, text=re.sub(r"牵头单位：[^｜]*", label, r.text))
            rows.append(r)
        out.append(ParseResult(res.doc, rows, res.notes))
    return out
