"""Parsing: a Document's text -> citable Row records. Pure functions, no I/O.

Layout is detected from the content (never the file name): tab tables, one-field-per-line tables,
pipe tables, or prose. Units are canonicalised across the whole corpus by `finalize`."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field, replace

from rag.domain import Document, Row
from rag.ingest.parse.clean import normalize_dates, squash, strip_spam
from rag.ingest.parse.prose import parse_prose
from rag.ingest.parse.tables import RawRow, RawTable, parse_lines, parse_pipes, parse_tabs
from rag.ingest.parse.units import canonical_map, resegment, split_units
from rag.ingest.period_rows import annotate_rows
from rag.lexicons import parse_words

__all__ = ["ParseResult", "detect_layout", "parse_document", "finalize"]

_TAB_ROW = re.compile(r"^\d{1,4}\t", re.M)
_PIPE_ROW = re.compile(r"^\s*\d{1,4}\s*\|", re.M)
_NUM_LINE = re.compile(r"^[\s\u00a0\u3000]*\d{1,4}[\s\u00a0\u3000]*$", re.M)


@dataclass
class ParseResult:
    doc: Document
    rows: list[Row]
    notes: list[str] = field(default_factory=list)


def detect_layout(text: str) -> str:
    """'tabs' | 'pipes' | 'lines' | 'prose', from the shape of the text alone: a header line naming
    序号 and at least two other known columns, then numbered rows in that shape (one is enough)."""
    tabs, pipes, nums = len(_TAB_ROW.findall(text)), len(_PIPE_ROW.findall(text)), len(_NUM_LINE.findall(text))
    roles = set(parse_words().header_roles)
    header_tabs = header_pipes = False
    for ln in text.splitlines():
        if "序号" not in ln:
            continue
        for sep in ("\t", "|"):
            cells = {squash(c) for c in ln.split(sep)}
            if len(cells & roles) >= 3:
                header_tabs |= sep == "\t"
                header_pipes |= sep == "|"
    if header_tabs and tabs >= 1 and tabs >= pipes:
        return "tabs"
    if header_pipes and pipes >= 1:
        return "pipes"
    if nums >= 1 and re.search(r"^[\s\u00a0]*序号[\s\u00a0]*$", text, re.M):
        return "lines"
    return "prose"


def _render(r: RawRow, has_leader: bool) -> str:
    parts = [f"序号{r.row}"]
    if r.section:
        parts.append(f"重点工作任务：{r.section}")
    parts.append(f"目标任务：{r.task}")
    if has_leader:
        parts.append(f"牵头区领导：{r.leader or '—'}")
    parts.append(f"牵头单位：{r.unit or '—'}")
    parts.append(f"进展情况：{r.progress or '—'}")
    return "｜".join(parts)


def _table_rows(doc: Document, table: RawTable, layout: str) -> tuple[list[Row], list[str]]:
    rows: list[Row] = []
    notes = list(table.notes)
    for r in table.rows:
        quality = list(r.notes)
        for name in ("task", "progress", "unit", "section"):
            clean, removed = strip_spam(getattr(r, name))
            if removed:
                setattr(r, name, squash(clean))
                quality.append(f"removed web spam from {name}: {removed[0]}")
        units = split_units(r.unit)
        unit = "、".join(units)
        r.unit = unit
        rows.append(
            Row(
                doc=doc.name,
                row=r.row,
                district=doc.district,
                title=doc.title,
                period=doc.period,
                kind="progress_row",
                text=_render(r, layout == "tabs"),
                section=r.section,
                heading=r.heading,
                task=r.task,
                leader=r.leader,
                unit=unit,
                units=units,
                progress=r.progress,
                progress_normalized=normalize_dates(r.progress),
                data_quality=tuple(quality),
                page=r.page,
            )
        )
    return rows, notes


def parse_document(doc: Document) -> ParseResult:
    """The document's rows, each with the year, period and stance its figures describe (rag.ingest.period_rows)."""
    res = _parse(doc)
    res.doc, res.rows = annotate_rows(res.doc, res.rows)
    return res


def _parse(doc: Document) -> ParseResult:
    layout = doc.layout or detect_layout(doc.text)
    doc = replace(doc, layout=layout)
    if layout == "prose":
        rows = []
        for p in parse_prose(doc.text, doc.title):
            text, removed = strip_spam(p.text)
            rows.append(
                Row(
                    doc=doc.name,
                    row=None,
                    district=doc.district,
                    title=doc.title,
                    period=doc.period,
                    kind="paragraph",
                    text=squash(text),
                    section=p.heading,
                    heading=p.heading,
                    paragraph=p.number,
                    progress_normalized=normalize_dates(squash(text)),
                    data_quality=tuple(f"removed web spam: {s}" for s in removed),
                    page=p.page,
                )
            )
        return ParseResult(doc, rows)
    parser = {"tabs": parse_tabs, "lines": parse_lines, "pipes": parse_pipes}[layout]
    rows, notes = _table_rows(doc, parser(doc.text), layout)
    return ParseResult(doc, rows, notes)


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
