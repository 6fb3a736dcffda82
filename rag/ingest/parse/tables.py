"""Raw table records (RawRow, RawTable) and the tab-separated layout with merged cells that shift columns
("tabs", 序号 | 重点工作任务 | 具体目标任务 | 牵头区领导 | 牵头单位 | 进展情况). The other layouts: one field per line
(rag.ingest.parse.lines), pipe- or tab-separated by column names (rag.ingest.parse.cells). Each parser turns a
document's text into RawRow records; rag.ingest.parse builds Row values from them. Pure functions."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rag.ingest.parse.clean import is_boilerplate, squash
from rag.ingest.parse.header import header_roles
from rag.ingest.parse.units import is_leader_cell, is_unit_cell

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
    extra: list[tuple[str, str]] = field(default_factory=list)  # (column name, value) of plan/deadline/note columns


# the columns of the seed layouts when no header says otherwise
TABS_ROLES = ("row", "section", "task", "leader", "unit", "progress")


@dataclass
class RawTable:
    rows: list[RawRow]
    notes: list[str] = field(default_factory=list)
    roles: tuple[str, ...] = TABS_ROLES  # the columns the table has (rendering names only these)


def _norm_heading(s: str) -> str:
    """Headings wrapped across lines keep stray spaces ('共同富裕 示范区'): joined, end punctuation dropped."""
    return re.sub(r"(?<=[\u3000-\u9fff\uff00-\uffef]) +|(?<=\S) +(?=[\u3000-\u9fff\uff00-\uffef])", "", squash(s)).rstrip("。.，,")


def _is_top_heading(h: str, current: str) -> bool:
    return not current or "，" in h or "," in h or _norm_heading(h) == _norm_heading(current)


def keep_row(rows: dict[int, RawRow], raw: RawRow, table: RawTable) -> None:
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
        if not vals or (len(vals) == 1 and vals[0] == title) or header_roles(cells):
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
        keep_row(rows, raw, table)
        last = raw
    table.rows = [rows[k] for k in sorted(rows)]
    return table
