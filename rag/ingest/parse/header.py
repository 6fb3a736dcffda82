"""Table headers by their names: which column holds the 序号, the task, the plan, the leader, the unit, the
progress, a deadline or a note, whatever each office calls it (工作任务 / 内容与要求 / 项目内容 …, 牵头单位 /
责任部门 …, 进展情况 / 落实情况 / 当前进度 …). Names are data (rag/data/parse.json "header_roles").

Also finds where a document's table begins and which layout it has: tab- or pipe-separated header lines, or
a header flattened one cell per line (a 序号 line followed by the other names). Pure functions."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rag.ingest.parse.clean import squash
from rag.lexicons import parse_words

__all__ = ["Header", "header_role", "header_roles", "find_header", "ROLES"]

# the roles a column can have; a column whose name is unknown keeps its position as "other"
ROLES = ("row", "section", "task", "plan", "leader", "unit", "progress", "deadline", "note", "other")
_SENTENCE = re.compile(r"[。；;，,！？!?]")
_NUM_LINE = re.compile(r"^\d{1,4}$")
# a one-cell-per-line header is at most this many name lines after 序号 (wider tables are rare)
_MAX_LINE_HEADER = 10


@dataclass(frozen=True)
class Header:
    """A table header: the layout it was written in, the line it starts on, and per column its role and name."""

    layout: str  # tabs | pipes | lines
    line: int
    roles: tuple[str, ...]
    names: tuple[str, ...]


def header_role(cell: str) -> str:
    """The role a header cell names: its exact name, else the longest known name inside a short cell without
    sentence punctuation ('1-6月进展情况' -> progress); '' when the cell names no known column."""
    names = parse_words().header_roles
    name = re.sub(r"[\s:：*＊]", "", cell)
    if name in names:
        return names[name]
    if not name or len(name) > int(parse_words().header_max_chars) or _SENTENCE.search(name):
        return ""
    hits = [k for k in names if k in name]
    return names[max(hits, key=len)] if hits else ""


def header_roles(cells: list[str]) -> list[str] | None:
    """Per-column roles when `cells` is a header row (序号 first, at least two other known columns), else None.
    A second task column makes the first the section (重点工作任务 | 具体目标任务); a lone section column is the
    task; a role named twice keeps its first column, the other becomes "other"."""
    got = [header_role(c) for c in cells]
    if not got or got[0] != "row" or sum(1 for r in got if r) < 3:
        return None
    if got.count("task") >= 2 and "section" not in got:
        got[got.index("task")] = "section"
    if "task" not in got and "section" in got:
        got[got.index("section")] = "task"
    seen: set[str] = set()
    out = []
    for r in got:
        out.append("other" if not r or r in seen else r)
        seen.add(r)
    return out


def _lines_header(lines: list[str], i: int) -> tuple[list[str], list[str]] | None:
    """Roles and names of a header flattened one cell per line, starting at the 序号 line i."""
    names = ["序号"]
    for s in lines[i + 1 :]:
        if not s:
            continue
        if _NUM_LINE.match(s) or len(names) > _MAX_LINE_HEADER:
            break
        if not header_role(s) and (len(s) > int(parse_words().header_max_chars) or _SENTENCE.search(s)):
            return None  # body text, not a column name (an unknown short name is a column of its own)
        names.append(s)
    roles = header_roles(names)
    return (roles, names) if roles else None


def find_header(text: str) -> Header | None:
    """The first table header in `text` that numbered rows follow; None for prose. A tab or pipe header needs a
    row in its own shape after it; a one-per-line header needs a number line after it."""
    lines = [squash(ln) for ln in text.split("\n")]
    raw = text.split("\n")
    for i, ln in enumerate(lines):
        compact = re.sub(r"\s", "", ln)
        if "序号" not in compact and "编号" not in compact:
            continue
        for sep, layout, row in (("\t", "tabs", r"^\s*\d{1,4}\s*\t"), ("|", "pipes", r"^\s*\|?\s*\d{1,4}\s*\|")):
            src = raw[i] if sep == "\t" else ln
            if sep not in src:
                continue
            cells = [squash(c) for c in src.strip().strip("|").split(sep)]
            roles = header_roles(cells) if sep == "|" else header_roles([c for c in cells if c] or cells)
            if roles and any(re.match(row, r) for r in raw[i + 1 :]):
                return Header(layout, i, tuple(roles), tuple(c for c in cells if c or sep == "|"))
        if compact in ("序号", "编号"):
            found = _lines_header(lines, i)
            if found and any(_NUM_LINE.match(s) for s in lines[i + 1 :]):
                return Header("lines", i, tuple(found[0]), tuple(found[1]))
    return None
