"""Owns 督查通报 rendering: a Bulletin (rag.summary.bulletin) -> Markdown (pipe tables) or a Word document
(python-docx, real Word tables). Both walk one list of blocks, so the two formats say the same thing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from rag.summary.export import md_escape, set_properties

if TYPE_CHECKING:
    from rag.summary.bulletin import Bulletin, Item

__all__ = ["ANNEX_HEADER", "OVERVIEW_HEADER", "blocks", "to_docx", "to_markdown"]

OVERVIEW_HEADER = ("类别", "项数", "占比")
ANNEX_HEADER = ("序号", "牵头单位", "任务", "状态", "判断依据", "出处")
_DIGITS = "〇一二三四五六七八九"
Block = tuple  # ("title"|"h1"|"h2"|"p"|"ul", text) | ("ol", n, text) | ("table", header, rows)


def _cn(n: int) -> str:
    """1..99 in Chinese numerals (一, 十二, 二十三)."""
    tens, ones = divmod(n, 10)
    return (("" if tens == 1 else _DIGITS[tens]) + "十" if tens else "") + (_DIGITS[ones] if ones or not tens else "")


def _others(b: Bulletin, status: str) -> Iterator[Block]:
    from rag.summary.bulletin import lines_for

    groups = b.by_unit(status)
    if not groups:
        yield ("p", "（无）")
    for unit, items in groups:
        for line in lines_for(b, items):
            yield ("ul", f"{unit}：{line}")


def _annex_row(b: Bulletin, i: Item) -> tuple[str, ...]:
    return (str(i.row.row), i.unit, i.task, b.class_names[i.status.status], i.status.reason, i.citation)


def blocks(b: Bulletin) -> list[Block]:
    """The bulletin as a flat list of headings, paragraphs, list items and tables."""
    from rag.summary.bulletin import item_line, schedule_of

    s = b.sections
    out: list[Block] = [("title", b.title), ("h1", s[0])]
    out += [("p", x) for x in b.overview()]
    out += [("table", OVERVIEW_HEADER, [(a, str(n), p) for a, n, p in b.overview_table()]), ("p", b.evaluation)]
    out.append(("h1", s[1]))
    n = 0
    for k, (unit, items) in enumerate(b.by_unit(), 1):  # 滞后 and 部分滞后
        out.append(("h2", f"（{_cn(k)}）{unit}（{len(items)}项）"))
        for item in items:
            n += 1
            out.append(("ol", n, item_line(item, schedule_of(b, item))))
    if not n:
        out.append(("p", "（无）"))
    out += [("h1", s[2]), *_others(b, "done"), ("h1", s[3]), *_others(b, "unknown"), ("h1", s[4])]
    out.append(("table", ANNEX_HEADER, [_annex_row(b, i) for i in b.items]))
    if b.warnings:
        out += [("h1", "核验提示"), *(("ul", w) for w in b.warnings)]
    return out


def _md_cell(text: str) -> str:
    return md_escape(" ".join(str(text).split()))


def to_markdown(b: Bulletin) -> str:
    lines: list[str] = []
    for blk in blocks(b):
        kind = blk[0]
        if kind == "table":
            header, rows = blk[1], blk[2]
            lines += ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
            lines += ["| " + " | ".join(_md_cell(c) for c in r) + " |" for r in rows]
            lines.append("")
        elif kind == "ol":
            lines += [f"{blk[1]}. {md_escape(blk[2])}", ""]
        elif kind == "ul":
            lines.append(f"- {md_escape(blk[1])}")
        else:
            prefix = {"title": "# ", "h1": "## ", "h2": "### ", "p": ""}[kind]
            if lines and lines[-1].startswith("- "):
                lines.append("")
            lines += [prefix + md_escape(blk[1]), ""]
    return "\n".join(lines).rstrip() + "\n"


def to_docx(b: Bulletin, path: str | Path) -> Path:
    """Write the bulletin as a Word document: headings, numbered items, and Word tables (Table Grid)."""
    from docx import Document as Docx

    doc = Docx()
    set_properties(doc, b.title)
    for blk in blocks(b):
        kind = blk[0]
        if kind == "table":
            header, rows = blk[1], blk[2]
            table = doc.add_table(rows=1, cols=len(header))
            table.style = "Table Grid"
            for cell, head in zip(table.rows[0].cells, header, strict=True):
                cell.text = head
                for run in cell.paragraphs[0].runs:
                    run.bold = True
            for r in rows:
                for cell, value in zip(table.add_row().cells, r, strict=True):
                    cell.text = str(value)
        elif kind == "ol":
            doc.add_paragraph(f"{blk[1]}. {blk[2]}")
        elif kind == "ul":
            doc.add_paragraph(blk[1], style="List Bullet")
        elif kind == "p":
            doc.add_paragraph(blk[1])
        else:
            doc.add_heading(blk[1], level={"title": 0, "h1": 1, "h2": 2}[kind])
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(out))
    return out
