"""The 摘要 tab: a cited progress summary (rag.summary.build) with Markdown and DOCX downloads."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import streamlit as st

from rag.index.build import Index
from rag.settings import Settings
from rag.ui.bulletin_tab import render_bulletin
from rag.ui.page import ALL, guarded


def render_summary(index: Index | None, settings: Settings) -> None:
    from rag.summary import build as sm

    if index is None:
        st.info("还没有索引：到「资料库」页建立索引。")
        return
    if render_bulletin(index, settings):  # 摘要 / 通报 switch; the 通报 action is rag/ui/bulletin_tab.py
        return
    c1, c2, c3 = st.columns(3)
    district = c1.selectbox("区", [ALL, *index.districts()], key="s_district")
    d = None if district == ALL else district
    unit = c2.selectbox("牵头单位", [ALL, *index.units(d)], key="s_unit")
    topic = c3.text_input("主题（可选）", key="s_topic", max_chars=100).strip() or None
    if st.button("生成摘要", key="s_go", type="primary"):
        with st.spinner("正在生成摘要…"):
            summary = guarded(sm.summarize, index, settings, district=d, unit=None if unit == ALL else unit,
                              topic=topic, what="生成摘要")
        if summary is not None:
            md = guarded(sm.to_markdown, summary, what="生成摘要")
            st.session_state.summary = (summary, md or "")
    if "summary" not in st.session_state:
        return
    summary, md = st.session_state.summary
    st.markdown(md)
    b1, b2 = st.columns(2)
    b1.download_button("下载 Markdown", md.encode("utf-8"), "summary.md", "text/markdown", key="s_md")
    docx = guarded(_docx_bytes, sm.to_docx, summary, what="生成 DOCX")
    if docx:
        b2.download_button("下载 DOCX", docx, "summary.docx",
                           "application/vnd.openxmlformats-officedocument.wordprocessingml.document", key="s_docx")


def _docx_bytes(to_docx: Callable[[Any, Path], Any], summary: Any) -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "summary.docx"
        to_docx(summary, path)
        return path.read_bytes()
