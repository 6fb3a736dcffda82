"""Owns summary rendering: a Summary (rag/summarize.py) -> Markdown or a Word document (python-docx).

Each sentence carries its citation markers ([1][3], runs written [4]–[9]), numbered by first citation;
a 核验提示 section says in a line or two what verification removed (details at the end, 核验明细), and
the 来源 appendix is a table of every cited row, folded by default (<details> in Markdown, a heading
collapsed by default in Word)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rag.ingest.names import short_name

if TYPE_CHECKING:
    from rag.summary.build import Summary

__all__ = ["SOURCE_COLUMNS", "body_markdown", "md_escape", "source_rows", "to_docx", "to_markdown"]


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


SOURCE_COLUMNS = ("编号", "文档", "位置", "牵头单位", "任务", "进展/原文", "文件")


def source_rows(summary: Summary) -> list[dict[str, str]]:
    """The 来源 table: one row per cited row, numbered as the markers are (page, Markdown and DOCX alike)."""
    out = []
    for n, r in enumerate(summary.citations, 1):
        table = r.kind == "progress_row"
        out.append(dict(zip(SOURCE_COLUMNS, (
            f"[{n}]", short_name(r.district, r.title, r.period, r.doc), r.anchor, (r.unit or "—") if table else "",
            r.task if table else "", " ".join((r.progress if table else r.text).split()), r.doc), strict=True)))
    return out


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>!:$~|])")


def md_escape(text: str) -> str:
    """Document text is data: escape what Markdown (and Streamlit's :color[...] / $math$) would turn
    into links, images, HTML, emphasis or directives."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def body_markdown(summary: Summary, level: int = 1) -> str:
    """Title, scope and the four sections with their citation markers (what the page shows first);
    `level`: the title's heading level (the page nests the summary under its own title)."""
    num = _numbering(summary)
    lines = [f"{'#' * level} {md_escape(summary.title)}", "", f"范围：{md_escape(summary.scope)}", ""]
    for name, sents in summary.sections:
        lines += [f"{'#' * (level + 1)} {name}", ""]
        lines += [f"- {md_escape(s.text)}{_markers([num[r.id] for r in s.rows])}" for s in sents] or ["（无）"]
        lines.append("")
    return "\n".join(lines)


def _md_cell(text: str) -> str:
    return md_escape(" ".join(text.split())) or " "


def to_markdown(summary: Summary) -> str:
    """The whole summary: sections, 核验提示 (what readers need), 来源 as a table folded in a <details>
    block, and the verification details last."""
    lines = [body_markdown(summary)]
    if summary.notices:
        lines += ["## 核验提示", ""] + [f"- {md_escape(w)}" for w in summary.notices] + [""]
    rows = source_rows(summary)
    lines += ["## 来源", "", f"<details><summary>共 {len(rows)} 条来源（点击展开）</summary>", ""]
    lines += ["| " + " | ".join(SOURCE_COLUMNS) + " |", "|" + "---|" * len(SOURCE_COLUMNS)]
    lines += ["| " + " | ".join(_md_cell(row[c]) for c in SOURCE_COLUMNS) + " |" for row in rows]
    lines += ["", "</details>", ""]
    if summary.warnings:
        lines += ["## 核验明细", ""] + [f"- {md_escape(w)}" for w in summary.warnings] + [""]
    return "\n".join(lines)


def _collapsed(paragraph: Any) -> None:
    """Word's "collapsed by default" for a heading (w15:collapsed, declared ignorable for older readers)."""
    from docx.oxml import parse_xml

    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(parse_xml(
        '<w15:collapsed xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml" '
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="w15"/>'))


DOCX_AUTHOR = "区政府工作报告问答"  # python-docx's template would say "python-docx"


def set_properties(doc: Any, title: str) -> None:
    """The document's author and title in Word's 属性 (not the template's "python-docx")."""
    props = doc.core_properties
    props.author = props.last_modified_by = DOCX_AUTHOR
    props.title, props.comments = title, "由区政府工作报告问答生成，请核对后使用"


def to_docx(summary: Summary, path: str | Path) -> Path:
    """Write the summary as a Word document: headings, bullet sentences, 核验提示, the 来源 table under a
    heading collapsed by default, and the verification details."""
    from docx import Document as Docx

    num = _numbering(summary)
    doc = Docx()
    set_properties(doc, summary.title)
    doc.add_heading(summary.title, level=0)
    doc.add_paragraph(f"范围：{summary.scope}")
    for name, sents in summary.sections:
        doc.add_heading(name, level=1)
        for s in sents:
            doc.add_paragraph(s.text + _markers([num[r.id] for r in s.rows]), style="List Bullet")
        if not sents:
            doc.add_paragraph("（无）")
    if summary.notices:
        doc.add_heading("核验提示", level=1)
        for w in summary.notices:
            doc.add_paragraph(w, style="List Bullet")
    rows = source_rows(summary)
    _collapsed(doc.add_heading("来源", level=1))
    table = doc.add_table(rows=1, cols=len(SOURCE_COLUMNS))
    table.style = "Table Grid"
    for cell, head in zip(table.rows[0].cells, SOURCE_COLUMNS, strict=True):
        cell.text = head
    for row in rows:
        for cell, col in zip(table.add_row().cells, SOURCE_COLUMNS, strict=True):
            cell.text = row[col]
    if summary.warnings:
        _collapsed(doc.add_heading("核验明细", level=1))
        for w in summary.warnings:
            doc.add_paragraph(w, style="List Bullet")
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(out))
    return out
