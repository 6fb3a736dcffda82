"""A summary asked for in chat ("给我一份余杭区商务局的进展摘要", issue Q item 9): made with the same builder as the 摘要
page (rag.summary.build.summarize) for the district and unit the question names, shown in the conversation with a
click that opens it on the 摘要 page with the sidebar filters set (where it can be downloaded as Markdown or DOCX)."""

from __future__ import annotations

from typing import Any

import streamlit as st

from rag.index.build import Index
from rag.settings import Settings
from rag.summary.export import body_markdown, md_escape
from rag.ui.page import ALL, guarded


def build(index: Index, settings: Settings, question: str, district: str | None, unit: str | None) -> dict[str, Any]:
    """The chat message of a summary request: the summary's sections with citation markers, or why there is none."""
    from rag.summary import build as sm

    with st.spinner("正在生成摘要…"):
        summary = guarded(sm.summarize, index, settings, district=district, unit=unit, doc=None, topic=None,
                          what="生成摘要")
    if summary is None:
        return {"question": question, "answer": None, "text": "摘要没有生成，请到「摘要」页重试。"}
    text = body_markdown(summary, level=4) if summary.citations else md_escape(
        f"没有找到可以摘要的内容（{summary.scope}）。")
    md = guarded(sm.to_markdown, summary, what="生成摘要") or ""
    return {"question": question, "answer": None, "text": text, "summary": (summary, md),
            "scope": (district, unit)}


def _open(m: dict[str, Any]) -> None:
    district, unit = m["scope"]
    st.session_state.update(nav="摘要", s_kind="摘要", f_district=district or ALL, f_unit=unit or ALL, f_doc=ALL,
                            summary=m["summary"])


def show(m: dict[str, Any], key: str) -> None:
    """A summary or notice turn of the conversation (no citation chips: the summary numbers its sources)."""
    if "summary" not in m:
        st.markdown(md_escape(m.get("text", "")))
        return
    st.caption("按问题中的区和牵头单位生成的摘要（与「摘要」页相同）：")
    with st.container(border=True):
        st.markdown(m["text"])
    st.button("在「摘要」页打开（可下载 Markdown / DOCX）", key=f"open_summary_{key}", on_click=_open, args=(m,))
