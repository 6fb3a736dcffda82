"""Tables flattened one cell per line (a web table copied as text): a 序号 line, the column names one per line,
then each row as its number on a line of its own followed by its cells. Cells are told apart by content: the
responsible unit ends like an organisation and may be split over lines ('组织部' + '(人才办)'); the text cells
before and after it fill the columns the header names there, one line each, the last one taking any further
lines (progress often runs over several). Without a header, the seed order 任务 / 进展 / 单位 is assumed. Pure."""

from __future__ import annotations

import re

from rag.ingest.parse.clean import is_boilerplate, page_of, squash
from rag.ingest.parse.header import find_header
from rag.ingest.parse.tables import RawRow, RawTable, keep_row
from rag.ingest.parse.units import is_leader_cell, is_unit_cell
from rag.lexicons import parse_words

__all__ = ["parse_lines"]

_NUM = re.compile(r"\d{1,4}")
_DEFAULT = ("row", "task", "progress", "unit")
_TEXT_FIELDS = ("task", "progress", "section")
# a unit cell written over several lines continues with a bracket or a short unit name of at most this length
_UNIT_PART_MAX = 12


def _records(text: str) -> list[tuple[int, list[str]]]:
    records: list[tuple[int, list[str]]] = []
    expect = 1
    for ln in text.split("\n"):
        s = squash(ln)
        if not s or page_of(s) is not None:
            continue
        if _NUM.fullmatch(s) and int(s) in (expect, 1):
            records.append((int(s), []))
            expect = int(s) + 1
            continue
        if records:
            records[-1][1].append(s)
    return records


def _fill(raw: RawRow, roles: list[str], names: list[str], values: list[str]) -> None:
    """Put one line per column, the last column taking the remaining lines."""
    for i, (role, name) in enumerate(zip(roles, names)):
        val = " ".join(values[i:]) if i == len(roles) - 1 else (values[i] if i < len(values) else "")
        if role in _TEXT_FIELDS:
            setattr(raw, role, val)
        elif val:
            raw.extra.append((name, val))


def _unit_parts(fields: list[str], at: int) -> list[str]:
    parts = [fields[at]]
    for f in fields[at + 1 :]:
        if f.startswith(("(", "（")) or (is_unit_cell(f) and len(f) <= _UNIT_PART_MAX):
            parts.append(f)
        else:
            break
    return parts


def _row(num: int, fields: list[str], roles: list[str], names: list[str], table: RawTable) -> RawRow:
    raw = RawRow(num)
    if "leader" in roles:
        leaders = [f for f in fields[1:] if is_leader_cell(f)]
        raw.leader = " ".join(leaders)
        fields = fields[:1] + [f for f in fields[1:] if f not in leaders]
    body = [(r, n) for r, n in zip(roles, names) if r not in ("row", "leader")]
    unit_col = next((i for i, (r, _) in enumerate(body) if r == "unit"), None)
    unit_at = next((i for i in range(1, len(fields)) if is_unit_cell(fields[i])), None) if unit_col is not None else None
    if unit_col is not None and unit_at is None and len(fields) == len(body):
        unit_at = unit_col  # one line per column: the unit's name is unusual, its place is not
        raw.notes.append("unit taken from its column (its name does not end like an organisation)")
    if unit_col is None or unit_at is None:
        raw.task = fields[0] if fields else ""
        raw.progress = " ".join(fields[1:])
        if unit_col is not None:
            raw.notes.append("no responsible unit found")
        return raw
    parts = _unit_parts(fields, unit_at)
    raw.unit = " ".join(parts)
    before, after = body[:unit_col], body[unit_col + 1 :]
    _fill(raw, [r for r, _ in before], [n for _, n in before], fields[:unit_at])
    rest = fields[unit_at + len(parts) :]
    if after:
        _fill(raw, [r for r, _ in after], [n for _, n in after], [f for f in rest if not is_boilerplate(f)])
    elif rest and not all(is_boilerplate(f) for f in rest):
        table.notes.append(f"序号{num}: {len(rest)} trailing lines after the unit were not part of the row")
    return raw


def parse_lines(text: str) -> RawTable:
    header = find_header(text)
    roles, names = (list(header.roles), list(header.names)) if header and header.layout == "lines" else (
        list(_DEFAULT), list(_DEFAULT))
    table = RawTable([], roles=tuple(roles))
    skip = set(parse_words().header_roles) | set(names)
    rows: dict[int, RawRow] = {}
    records = _records(text)
    for num, fields in records:
        keep_row(rows, _row(num, [f for f in fields if f not in skip], roles, names, table), table)
    if len(records) > len(rows):
        table.notes.append(f"{len(records) - len(rows)} repeated rows dropped (table appears more than once)")
    table.rows = [rows[k] for k in sorted(rows)]
    return table
