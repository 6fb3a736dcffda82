"""The three progress-table layouts, recovered by content: tab-separated with merged cells that
shift columns ("tabs"), one field per line ("lines"), pipe-separated ("pipes"). Each parser turns a
document's text into RawRow records; rag.ingest.parse builds Row values from them. Pure functions."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rag.ingest.parse.clean import is_boilerplate, page_of, squash
from rag.ingest.parse.units import is_leader_cell, is_unit_cell
from rag.lexicons import parse_words

_NUM = re.compile(r"\d{1,4}")


@dataclass
class RawRow:
    row: int
    task: str = ""
    progress: str = ""
    unit: str = ""
    leader: str = ""
    section: str = ""
    heading: str = ""
    notes: list[str] = field(default_factory=list)
    page: int | None = None


@dataclass
class RawTable:
    rows: list[RawRow]
    notes: list[str] = field(default_factory=list)


def _header_roles(cells: list[str]) -> list[str] | None:
    roles = parse_words().header_roles
    got = [roles.get(squash(c), "") for c in cells]
    return got if got and got[0] == "row" and sum(1 for r in got if r) >= 3 else None


def _norm_heading(s: str) -> str:
    """Headings wrapped across lines keep stray spaces ('共同富裕 示范区'): joined, end punctuation dropped."""
    return re.sub(r"(?<=[\u3000-\u9fff\uff00-\uffef]) +|(?<=\S) +(?=[\u3000-\u9fff\uff00-\uffef])", "", squash(s)).rstrip("。.，,")


def _is_top_heading(h: str, current: str) -> bool:
    return not current or "，" in h or "," in h or _norm_heading(h) == _norm_heading(current)


def _keep_row(rows: dict[int, RawRow], raw: RawRow, table: RawTable) -> None:
    """Keep the first copy of each 序号; a second, different copy is noted, not kept."""
    old = rows.get(raw.row)
    if old is None:
        rows[raw.row] = raw
    elif (old.task, old.progress, old.unit) != (raw.task, raw.progress, raw.unit):
        table.notes.append(f"序号{raw.row} appears twice with different text; kept the first")


# ---------------------------------------------------------------- tabs (merged cells shift columns)


def parse_tabs(text: str) -> RawTable:
    table = RawTable([])
    rows: dict[int, RawRow] = {}
    lines = [ln for ln in text.split("\n")]
    title = next((squash(ln) for ln in lines if squash(ln)), "")
    section = heading = leader = unit = ""
    last: RawRow | None = None
    for ln in lines:
        cells = [squash(c) for c in ln.split("\t")]
        vals = [c for c in cells if c]
        if not vals or (len(vals) == 1 and vals[0] == title) or _header_roles(cells):
            continue
        if "\t" not in ln:
            if last is not None and not is_boilerplate(ln):
                last.progress = (last.progress + " " + vals[0]).strip()
            continue
        if not _NUM.fullmatch(cells[0]):
            if all(not is_leader_cell(v) and not is_unit_cell(v) for v in vals) and len(vals) == 1:
                heading = vals[0]
                table.notes.append(f"section label without 序号: {vals[0]}")
            continue
        raw = RawRow(int(cells[0]))
        kinds = ["leader" if is_leader_cell(v) else "unit" if is_unit_cell(v) else "text" for v in vals[1:]]
        body = vals[1:]
        marks = [i for i, k in enumerate(kinds) if k != "text"]
        if marks:
            pre = [v for v, k in zip(body[: marks[0]], kinds[: marks[0]]) if k == "text"]
            post = [v for v, k in zip(body[marks[-1] + 1 :], kinds[marks[-1] + 1 :]) if k == "text"]
            mid = [v for v, k in zip(body[marks[0] : marks[-1]], kinds[marks[0] : marks[-1]]) if k == "text"]
            post = mid + post
        else:
            pre, post = (body[:-1], body[-1:]) if len(body) >= 2 else (body, [])
        raw.task = pre[-1] if pre else ""
        for h in pre[:-1]:
            if _is_top_heading(h, section):
                if _norm_heading(h) != _norm_heading(section):
                    heading = ""
                section = _norm_heading(h)
            else:
                heading = h
        raw.progress = " ".join(post)
        leaders = [v for v, k in zip(body, kinds) if k == "leader"]
        units = [v for v, k in zip(body, kinds) if k == "unit"]
        if kinds and kinds[-1] == "leader":
            raw.notes.append(f"a leader's name ({body[-1]}) stood in the progress column; not progress")
        if leaders:
            leader = " ".join(dict.fromkeys(" ".join(leaders).split(" ")))
        if units:
            unit = " ".join(units)
        if not units and not leaders:
            raw.notes.append("leader and unit inherited from the row above (merged cells)")
        elif not units:
            raw.notes.append("unit inherited from the row above (merged cells)")
        elif not leaders:
            raw.notes.append("leader inherited from the row above (merged cells)")
        raw.leader, raw.unit, raw.section, raw.heading = leader, unit, section, heading
        _keep_row(rows, raw, table)
        last = raw
    table.rows = [rows[k] for k in sorted(rows)]
    return table


# ---------------------------------------------------------------- lines (one field per line)


def parse_lines(text: str) -> RawTable:
    table = RawTable([])
    rows: dict[int, RawRow] = {}
    header = set(parse_words().header_roles)
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
    for num, fields in records:
        raw = RawRow(num)
        fields = [f for f in fields if f not in header]
        # task, progress, unit (the unit may be split over lines: '组织部' + '(人才办)'); anything
        # after the unit before the next 序号 is page furniture.
        unit_at = next((i for i in range(1, len(fields)) if is_unit_cell(fields[i])), None)
        if unit_at is None:
            raw.task = fields[0] if fields else ""
            raw.progress = " ".join(fields[1:])
            raw.notes.append("no responsible unit found")
        else:
            raw.task = fields[0] if unit_at >= 1 else ""
            raw.progress = " ".join(fields[1:unit_at])
            unit_parts = [fields[unit_at]]
            for f in fields[unit_at + 1 :]:
                if f.startswith(("(", "（")) or (is_unit_cell(f) and len(f) <= 12):
                    unit_parts.append(f)
                else:
                    break
            raw.unit = " ".join(unit_parts)
            rest = fields[unit_at + len(unit_parts) :]
            if rest and not all(is_boilerplate(r) or r in header for r in rest):
                table.notes.append(f"序号{num}: {len(rest)} trailing lines after the unit were not part of the row")
        _keep_row(rows, raw, table)
    if len(records) > len(rows):
        table.notes.append(f"{len(records) - len(rows)} repeated rows dropped (table appears more than once)")
    table.rows = [rows[k] for k in sorted(rows)]
    return table


# ---------------------------------------------------------------- pipes


def parse_pipes(text: str) -> RawTable:
    table = RawTable([])
    rows: dict[int, RawRow] = {}
    roles = ["row", "task", "unit", "progress"]
    chunks: list[str] = []
    pages: list[int | None] = []  # the page each chunk starts on (page marks of converted PDFs)
    page: int | None = None
    broken: set[int] = set()
    for ln in text.split("\n"):
        s = squash(ln)
        if not s:
            continue
        if page_of(s) is not None:
            page = page_of(s)
            continue
        cells = [squash(c) for c in s.strip("|").split("|")]
        found = _header_roles(cells)
        if found:
            roles = found
            continue
        if _NUM.fullmatch(cells[0]) and "|" in s:
            chunks.append(s)
            pages.append(page)
        elif "|" in s and chunks:
            chunks[-1] += " " + s  # a row broken across lines
            broken.add(len(chunks) - 1)
        elif chunks:
            table.notes.append(f"not a row: {s[:40]}")
    for i, ch in enumerate(chunks):
        cells = [squash(c) for c in ch.strip().strip("|").split("|")]
        cells = [c for c in cells if c] if len(cells) > len(roles) else cells
        raw = RawRow(int(cells[0]), page=pages[i])
        for role, val in zip(roles[1:], cells[1:]):
            if role in ("task", "unit", "progress", "leader", "section"):
                setattr(raw, role, val)
        if i in broken:
            raw.notes.append("row was broken across lines")
        _keep_row(rows, raw, table)
    table.rows = [rows[k] for k in sorted(rows)]
    return table
