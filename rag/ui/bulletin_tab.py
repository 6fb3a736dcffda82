"""The 通报 action of the 摘要 page: a 督查通报 draft (rag.summary.bulletin) of one district's progress
tables, with its counts, a preview, and Markdown / DOCX downloads. The district is the sidebar's 区 filter,
as for every other page (with 全部, the page offers the districts that have a table, and a click sets that
filter); the 序时进度 period is this page's own input and says so (仅本页), like the summary's topic."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import streamlit as st

from rag.ask.retrieve import Filters
from rag.index.build import Index
from rag.settings import Settings
from rag.ui.page import ALL, filters_caption, guarded

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def render_bulletin(index: Index, settings: Settings, filters: Filters) -> bool:
    """The 摘要 / 通报 switch; when 通报 is chosen, render the bulletin action and return True."""
    if st.radio("生成", ["摘要", "通报"], horizontal=True, key="s_kind", label_visibility="collapsed") != "通报":
        return False
    from rag.status.schedule import table_districts

    districts = table_districts(index)
    if not districts:
        st.info("索引中没有进展表，无法生成通报：到「资料库」页上传进展情况表。")
        return True
    filters_caption(filters, index)
    district = _district(filters, districts)
    if district is None:
        return True
    if filters.unit or filters.doc:
        st.caption(f"通报覆盖{district}的全部进展表：侧栏的牵头单位、文档筛选不用于通报。")
    period = st.text_input("序时进度期间（可选，仅本页）", key="b_period", max_chars=20,
                           placeholder="如 1-8月、上半年；默认取表格自身的期间").strip() or None
    if st.button(f"生成{district}通报", key="b_go", type="primary"):
        _build(index, settings, district, period)
    shown = st.session_state.get("bulletin")
    if shown and shown[0].district == district:
        _show(*shown)
    return True


def _district(filters: Filters, districts: list[str]) -> str | None:
    """The sidebar's 区 when it has a progress table; else say so and offer the districts that have one
    (a click sets the sidebar filter, so every page keeps using the same one)."""
    if filters.district in districts:
        return filters.district
    if filters.district is None and len(districts) == 1:
        return districts[0]
    if filters.district:
        st.info(f"{filters.district}没有进展情况表，无法生成通报。有进展表的区：{'、'.join(districts)}。")
    else:
        st.info("通报按区生成：请在侧栏的「区」筛选中选一个区，或点下面的区名。")
    cols = st.columns(len(districts))
    for col, d in zip(cols, districts, strict=True):
        col.button(d, key=f"b_pick_{d}", on_click=_pick, args=(d,))
    return None


def _pick(district: str) -> None:
    st.session_state.f_district = district
    st.session_state.f_unit = ALL  # the unit and document lists depend on the district
    st.session_state.f_doc = ALL


def _build(index: Index, settings: Settings, district: str, period: str | None) -> None:
    from rag.summary.bulletin import build_bulletin
    from rag.summary.bulletin_export import to_markdown

    with st.spinner("正在生成通报…"):
        b = guarded(build_bulletin, index, settings, district=district, period=period, what="生成通报")
    if b is not None:
        st.session_state.bulletin = (b, guarded(to_markdown, b, what="生成通报") or "")


def _show(b: Any, md: str) -> None:
    c = b.counts
    cols = st.columns(4)
    cols[0].metric("任务总数", b.total)
    for col, label, keys in zip(cols[1:], ("达到序时进度", "未达到序时进度", "无法判断"),
                                (("done", "on_track"), ("partial", "behind"), ("unknown",)), strict=True):
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
