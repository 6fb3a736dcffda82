"""Tables written one row per line with a separator ('|' from converted Office/HTML/PDF files and web pages, or a
tab), read by their header's column names. A row whose cells shifted because one was missing (a merged cell
the source left out) is put back by content (rag.ingest.parse.align); a unit or leader missing that way is the
merged cell of the row above, as in the seed tables, and is inherited with a note. Pure functions."""

from __future__ import annotations

import re

from rag.ingest.parse.align import align_cells
from rag.ingest.parse.clean import page_of, squash
from rag.ingest.parse.header import header_roles
from rag.ingest.parse.tables import RawRow, RawTable, keep_row

__all__ = ["parse_cells", "parse_pipes"]

_NUM = re.compile(r"\d{1,4}")
_FIELDS = ("task", "unit", "progress", "leader", "section")
_DEFAULT = ("row", "task", "unit", "progress")


def _split(line: str, sep: str) -> list[str]:
    return [squash(c) for c in line.strip().strip("|").split(sep)] if sep == "|" else [squash(c) for c in line.split(sep)]


def _chunks(text: str, sep: str, table: RawTable) -> tuple[list[tuple[str, int | None, bool]], list[str], list[str]]:
    """The rows' lines (a row broken across lines joined), each with its page and whether it was broken; and the
    header's roles and names (the last header seen: headers repeat on every page)."""
    roles, names = list(_DEFAULT), list(_DEFAULT)
    chunks: list[tuple[str, int | None, bool]] = []
    page: int | None = None
    for ln in text.split("\n"):
        s = squash(ln) if sep == "|" else ln.strip()
        if not s:
            continue
        if page_of(squash(s)) is not None:
            page = page_of(squash(s))
            continue
        cells = _split(s, sep)
        found = header_roles(cells if sep == "|" else [c for c in cells if c])
        if found:
            roles, names = found, cells if sep == "|" else [c for c in cells if c]
            continue
        if _NUM.fullmatch(cells[0]) and sep in s:
            chunks.append((s, page, False))
        elif sep in s and chunks:
            chunks[-1] = (chunks[-1][0] + " " + s, chunks[-1][1], True)  # a row broken across lines
        elif chunks:
            table.notes.append(f"not a row: {squash(s)[:40]}")
    return chunks, roles, names


def parse_cells(text: str, sep: str) -> RawTable:
    """Rows of a table whose cells are separated by `sep` ('|' or a tab), columns named by its header."""
    table = RawTable([])
    rows: dict[int, RawRow] = {}
    chunks, roles, names = _chunks(text, sep, table)
    table.roles = tuple(roles)
    above = RawRow(0)
    for line, page, broken in chunks:
        cells = _split(line, sep)
        raw = RawRow(int(cells[0]), page=page)
        values, shifted = align_cells(cells[1:], roles[1:])
        for role, name, val in zip(roles[1:], names[1:], values):
            if role in _FIELDS:
                setattr(raw, role, val)
            elif val:
                raw.extra.append((name, val))
        if shifted:
            raw.notes.append("cells realigned by content (a cell was missing)")
            for role, label in (("unit", "unit"), ("leader", "leader")):
                if role in roles and not getattr(raw, role) and getattr(above, role):
                    setattr(raw, role, getattr(above, role))
                    raw.notes.append(f"{label} inherited from the row above (merged cells)")
        if broken:
            raw.notes.append("row was broken across lines")
        keep_row(rows, raw, table)
        above = raw
    table.rows = [rows[k] for k in sorted(rows)]
    return table


def parse_pipes(text: str) -> RawTable:
    return parse_cells(text, "|")
