"""Communiqué tables in a PDF page, read from the positions of the characters rather than from ruling lines.

Statistical communiqués draw their tables (表1 … 表16) with few or no rules, so pdfplumber's table finder
returns a column per cell ("19917.0582.86114.3…", digits of four rows run together). Here a caption line
("表 1：2021 年地区生产总值及其增长速度") opens a table; each following text line is split into cells where the
gap between two characters is wider than GAP character widths, and the table ends at the first line that is
one cell only (prose, a 图 caption, a heading). rag.ingest.pdf writes the rows as pipe rows in place of what
the table finder made of that region."""

from __future__ import annotations

import re
from typing import Any

from rag.ingest.parse.clean import fix_radicals

__all__ = ["caption_tables", "overlaps"]

GAP = 1.0  # a gap wider than this many character widths between two characters separates two cells
_CAPTION = re.compile(r"^\s*表\s*\d{1,2}\s*[:：.、]?")
_ANY_CAPTION = re.compile(r"表\s*\d")

Box = tuple[float, float, float, float]


def _cells(line: dict[str, Any]) -> list[str]:
    chars = line.get("chars") or []
    if not chars:
        return [line["text"]]
    cells, cur = [], chars[0]["text"]
    for a, b in zip(chars, chars[1:]):
        if b["x0"] - a["x1"] > GAP * max(a.get("size", 10.0), 1.0):
            cells.append(cur)
            cur = b["text"]
        else:
            cur += b["text"]
    cells.append(cur)
    return [fix_radicals(c).strip() for c in cells if c.strip()]


def caption_tables(page: Any) -> list[tuple[Box, list[list[str]]]]:
    """(region, rows of cells) of every captioned table on the page: the caption row, the header, the rows."""
    if not _ANY_CAPTION.search("".join(c["text"] for c in page.chars)):
        return []  # most pages have no table: their lines are not read twice
    lines = sorted(page.extract_text_lines(return_chars=True), key=lambda ln: ln["top"])
    out: list[tuple[Box, list[list[str]]]] = []
    i = 0
    while i < len(lines):
        if not _CAPTION.match(lines[i]["text"]):
            i += 1
            continue
        rows = [[re.sub(r"\s+", " ", fix_radicals(lines[i]["text"])).strip()]]
        top, bottom = lines[i]["top"], lines[i]["bottom"]
        j = i + 1
        while j < len(lines):
            cells = _cells(lines[j])
            if len(cells) < 2 or _CAPTION.match(lines[j]["text"]):
                break
            rows.append(cells)
            bottom = lines[j]["bottom"]
            j += 1
        if len(rows) >= 3:
            out.append(((0.0, top - 1, float(page.width), bottom + 1), rows))
        i = j
    return out


def overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
