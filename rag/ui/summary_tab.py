"""The 摘要 page: a cited progress summary (rag.summary.build) of the sidebar's filters, with Markdown
and DOCX downloads. Readers see the sections, a one-line 核验提示 (details in an expander) and the 来源
table folded."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import streamlit as st

from rag.ask.retrieve import Filters
from rag.index.build import Index
from rag.settings import Settings
from rag.summary.export import body_markdown, source_rows
from rag.ui.bulletin_tab import render_bulletin
from rag.ui.page import filters_caption, guarded


def render_summary(index: Index | None, settings: Settings, filters: Filters) -> None:
    from rag.summary import build as sm

    if index is None:
        st.info("还没有索引：到「资料库」页建立索引。")
        return
    if render_bulletin(index, settings, filters):  # 摘要 / 通报 switch; the 通报 action is rag/ui/bulletin_tab.py
        return
    filters_caption(filters, index)
    topic = st.text_input("主题（可选，仅本页）", key="s_topic", max_chars=100, placeholder="例如：数字经济、招商引资")
    if st.button("生成摘要", key="s_go", type="primary"):
        with st.spinner("正在生成摘要…"):
            summary = guarded(sm.summarize, index, settings, district=filters.district, unit=filters.unit,
                              doc=filters.doc, topic=topic.strip() or None, what="生成摘要")
        if summary is not None:
            md = guarded(sm.to_markdown, summary, what="生成摘要")
            st.session_state.summary = (summary, md or "")
    if "summary" not in st.session_state:
        st.caption("按侧栏的区、牵头单位和文档筛选生成摘要。")
        return
    summary, md = st.session_state.summary
    show_summary(summary)
    b1, b2 = st.columns(2)
    b1.download_button("下载 Markdown", md.encode("utf-8"), "summary.md", "text/markdown", key="s_md")
    docx = guarded(_docx_bytes, sm.to_docx, summary, what="生成 DOCX")
    if docx:
        b2.download_button("下载 DOCX", docx, "summary.docx",
                           "application/vnd.openxmlformats-officedocument.wordprocessingml.document", key="s_docx")


def show_summary(summary: Any) -> None:
    """The sections, then 核验提示 in a line or two (the details folded), then the 来源 table (folded)."""
    st.markdown(body_markdown(summary, level=3))
    if summary.notices:
        st.markdown("#### 核验提示")
        for line in summary.notices:
            st.info(line)
        with st.expander("核验明细"):
            for w in summary.warnings:
                st.text(w)
    rows = source_rows(summary)
    st.markdown("#### 来源")
    with st.expander(f"共 {len(rows)} 条来源（点击展开）", expanded=False):
        st.dataframe(rows, hide_index=True, width="stretch", row_height=84, column_config={
            "任务": st.column_config.TextColumn("任务", width="large"),
            "进展/原文": st.column_config.TextColumn("进展/原文", width="large"),
        })


def _docx_bytes(to_docx: Callable[[Any, Path], Any], summary: Any) -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "summary.docx"
        to_docx(summary, path)
        return path.read_bytes()
