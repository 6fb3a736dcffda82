"""The 通报 action of the 摘要 tab: a 督查通报 draft (rag.summary.bulletin) of one district's progress
table, with its counts, a preview, and Markdown / DOCX downloads."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import streamlit as st

from rag.index.build import Index
from rag.settings import Settings
from rag.ui.page import guarded

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def render_bulletin(index: Index, settings: Settings) -> bool:
    """The 摘要 / 通报 switch; when 通报 is chosen, render the bulletin action and return True."""
    if st.radio("生成", ["摘要", "通报"], horizontal=True, key="s_kind", label_visibility="collapsed") != "通报":
        return False
    from rag.status.schedule import table_districts
    from rag.summary.bulletin import build_bulletin
    from rag.summary.bulletin_export import to_markdown

    districts = table_districts(index)
    if not districts:
        st.info("索引中没有进展表，无法生成通报：到「资料库」页上传进展情况表。")
        return True
    c1, c2 = st.columns(2)
    district = c1.selectbox("区（进展表）", districts, key="b_district")
    period = c2.text_input("序时进度期间（可选，如 1-8月、上半年；默认取表格自身期间）", key="b_period",
                           max_chars=20).strip() or None
    if st.button("生成通报", key="b_go", type="primary"):
        with st.spinner("正在生成通报…"):
            b = guarded(build_bulletin, index, settings, district=district, period=period, what="生成通报")
        if b is not None:
            st.session_state.bulletin = (b, guarded(to_markdown, b, what="生成通报") or "")
    if "bulletin" in st.session_state:
        _show(*st.session_state.bulletin)
    return True


def _show(b: Any, md: str) -> None:
    c = b.counts
    cols = st.columns(4)
    cols[0].metric("任务总数", b.total)
    for col, label, keys in zip(cols[1:], ("达到序时进度", "未达到序时进度", "无法判断"),
                                (("done", "on_track"), ("behind",), ("unknown",)), strict=True):
        col.metric(label, f"{sum(c[k] for k in keys)}（{b.share(*keys):.1f}%）")
    st.caption(b.rule)
    for w in b.warnings:
        st.warning(w)
    d1, d2 = st.columns(2)
    d1.download_button("下载通报 Markdown", md.encode("utf-8"), "bulletin.md", "text/markdown", key="b_md")
    docx = guarded(_docx_bytes, b, what="生成 DOCX")
    if docx:
        d2.download_button("下载通报 DOCX", docx, "bulletin.docx", DOCX_MIME, key="b_docx")
    with st.container(border=True):
        st.markdown(md)


def _docx_bytes(b: Any) -> bytes:
    from rag.summary.bulletin_export import to_docx

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bulletin.docx"
        to_docx(b, path)
        return path.read_bytes()
