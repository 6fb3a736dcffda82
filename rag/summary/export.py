"""Owns summary rendering: a Summary (rag/summarize.py) -> Markdown or a Word document (python-docx).

Each sentence carries its citation markers ([1][3], runs written [4]–[9]), numbered by first citation;
a 核验提示 section lists verification warnings, and a 来源 appendix lists every cited row."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from rag.domain import Row

if TYPE_CHECKING:
    from rag.summary.build import Summary

__all__ = ["to_docx", "to_markdown"]


def _markers(nums: Sequence[int]) -> str:
    """[1][3], with runs of three or more written [4]–[9]."""
    out, i, ns = [], 0, sorted(set(nums))
    while i < len(ns):
        j = i
        while j + 1 < len(ns) and ns[j + 1] == ns[j] + 1:
            j += 1
        out.append(f"[{ns[i]}]–[{ns[j]}]" if j - i >= 2 else "".join(f"[{n}]" for n in ns[i : j + 1]))
        i = j + 1
    return "".join(out)


def _numbering(summary: Summary) -> dict[str, int]:
    return {r.id: n for n, r in enumerate(summary.citations, 1)}


def _source_line(n: int, r: Row) -> str:
    return f"[{n}] 《{r.title}》 {r.anchor} ({r.doc}): {' '.join(r.text.split())}"


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>!:$~|])")


def md_escape(text: str) -> str:
    """Document text is data: escape what Markdown (and Streamlit's :color[...] / $math$) would turn
    into links, images, HTML, emphasis or directives."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def to_markdown(summary: Summary) -> str:
    num = _numbering(summary)
    lines = [f"# {md_escape(summary.title)}", "", f"范围：{md_escape(summary.scope)}", ""]
    for name, sents in summary.sections:
        lines += [f"## {name}", ""]
        lines += [f"- {md_escape(s.text)}{_markers([num[r.id] for r in s.rows])}" for s in sents] or ["（无）"]
        lines.append("")
    if summary.warnings:
        lines += ["## 核验提示", ""] + [f"- {md_escape(w)}" for w in summary.warnings] + [""]
    lines += ["## 来源", ""] + [f"[{n}] " + md_escape(_source_line(n, r).split("] ", 1)[1])
                                for n, r in enumerate(summary.citations, 1)]
    return "\n".join(lines) + "\n"


def to_docx(summary: Summary, path: str | Path) -> Path:
    """Write the summary as a Word document (headings, bullet sentences, 来源 table)."""
    from docx import Document as Docx

    num = _numbering(summary)
    doc = Docx()
    doc.add_heading(summary.title, level=0)
    doc.add_paragraph(f"范围：{summary.scope}")
    for name, sents in summary.sections:
        doc.add_heading(name, level=1)
        for s in sents:
            doc.add_paragraph(s.text + _markers([num[r.id] for r in s.rows]), style="List Bullet")
        if not sents:
            doc.add_paragraph("（无）")
    if summary.warnings:
        doc.add_heading("核验提示", level=1)
        for w in summary.warnings:
            doc.add_paragraph(w, style="List Bullet")
    doc.add_heading("来源", level=1)
    table = doc.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, head in zip(table.rows[0].cells, ("编号", "来源", "位置", "原文"), strict=True):
        cell.text = head
    for n, r in enumerate(summary.citations, 1):
        cells = table.add_row().cells
        cells[0].text, cells[1].text = f"[{n}]", f"《{r.title}》（{r.doc}）"
        cells[2].text, cells[3].text = r.anchor, r.text
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(out))
    return out
