"""The 问答 tab: streamed answers with citation chips that open the source row, numbers highlighted.
Document text and questions are untrusted: HTML is only ever built from html.escape'd pieces;
everything else goes through st.markdown without unsafe_allow_html."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

import streamlit as st

from rag.ask.retrieve import Filters
from rag.domain import Answer, Citation, Row
from rag.index.build import Index
from rag.settings import Settings
from rag.summary.export import md_escape
from rag.ui.page import guarded

EXAMPLES = ("钱塘区2023年GDP增长多少？", "临安区科投集团负责哪些任务？", "钱塘哪些目标滞后？", "余杭区实际利用外资完成了吗？")
NUMBER = re.compile(r"\d+(?:\.\d+)?%?")


def highlight(text: str, numbers: set[str]) -> str:
    """Escaped HTML of untrusted text with the given numbers wrapped in <mark>."""
    out: list[str] = []
    pos = 0
    for m in NUMBER.finditer(text):
        out.append(html.escape(text[pos : m.start()]))
        tok = html.escape(m.group(0))
        out.append(f"<mark>{tok}</mark>" if m.group(0) in numbers or m.group(0).rstrip("%") in numbers else tok)
        pos = m.end()
    out.append(html.escape(text[pos:]))
    return "".join(out).replace("\n", "<br>")


def cited_numbers(answer_text: str) -> set[str]:
    found = set(NUMBER.findall(re.sub(r"〔[^〕]*〕", "", answer_text)))
    return found | {n.rstrip("%") for n in found if n.endswith("%")}


def source_html(c: Citation, row: Row | None, doc_meta: dict[str, str], numbers: set[str]) -> str:
    """The cited source row laid out as a small table: every value escaped, cited numbers marked."""
    title = doc_meta.get("title") or c.title or c.doc
    period = doc_meta.get("period", "")
    if row is not None and row.kind == "progress_row":
        fields = [("序号", str(row.row)), ("任务", row.task), ("牵头单位", row.unit or "—"), ("进展", row.progress)]
        fields += [("页码", f"第{c.page}页")] if c.page is not None else []
    else:
        fields = [("位置", c.anchor or "—"), ("原文", row.text if row else c.text)]
    fields += [("文档", f"{title}（{c.doc}）"), ("时期", period or "—")]
    cells = "".join(
        f"<tr><th style='white-space:nowrap;text-align:left;vertical-align:top'>{html.escape(k)}</th>"
        f"<td>{highlight(v, numbers if k in ('任务', '进展', '原文') else set())}</td></tr>" for k, v in fields
    )
    return f"<div class='rag-source'><table>{cells}</table></div>"


def chip_label(i: int, c: Citation) -> str:
    return f"[{i}] {c.doc[:3]} {c.anchor}"


def show_answer(index: Index, a: Answer, key: str) -> None:
    """Warnings, then citation chips; the chosen citation's source row below them."""
    for w in a.warnings:
        st.warning(w)
    if a.backend != "offline":
        st.caption(f"由模型生成（{a.backend}），数字已核验")
    if not a.citations:
        return
    labels = [chip_label(i, c) for i, c in enumerate(a.citations, 1)]
    pick = st.pills("来源", labels, key=f"cite_{key}", label_visibility="collapsed")
    if pick is None:
        st.caption(f"共 {len(labels)} 条来源，点击编号查看原文")
        return
    c = a.citations[labels.index(pick)]
    row = index.by_id.get(c.id)
    st.markdown(source_html(c, row, index.docs.get(c.doc, {}), cited_numbers(a.text)), unsafe_allow_html=True)


def _ask(index: Index, settings: Settings, question: str, filters: Filters) -> Answer | None:
    from rag.ask.answer import stream

    # the question as answered (follow-ups rewritten with their context), so context carries on
    history = [(m["answer"].question, m["answer"].text) for m in st.session_state.chat]
    final: list[Answer] = []

    def pieces() -> Iterator[str]:
        for item in stream(question, filters, history, index=index, settings=settings):
            if isinstance(item, Answer):
                final.append(item)
            else:
                yield md_escape(item)

    guarded(st.write_stream, pieces(), what="回答")
    return final[0] if final else None


def render_qa(index: Index | None, settings: Settings, filters: Filters) -> None:
    st.session_state.setdefault("chat", [])
    if index is None:
        st.info("还没有索引：到「资料库」页建立索引后再提问。")
        return
    if any(filters.__dict__.values()):
        st.caption("当前筛选：" + " · ".join(v for v in (filters.district, filters.unit, filters.doc) if v))
    cols = st.columns(len(EXAMPLES))
    for col, q in zip(cols, EXAMPLES):
        if col.button(q, key=f"ex_{q}", width="stretch"):
            st.session_state.pending = q
    if st.session_state.chat and st.button("清空对话", key="clear_chat"):
        st.session_state.chat = []
    for i, m in enumerate(st.session_state.chat):
        with st.chat_message("user"):
            st.text(m["question"])
        with st.chat_message("assistant"):
            st.markdown(md_escape(m["answer"].text))
            show_answer(index, m["answer"], str(i))
    typed = st.chat_input("问一个关于各区政府工作报告的问题…", key="chat_q", max_chars=2000)
    question = typed if isinstance(typed, str) else st.session_state.pop("pending", None)
    if not question:
        return
    with st.chat_message("user"):
        st.text(question)
    with st.chat_message("assistant"):
        a = _ask(index, settings, question, filters)
        if a is None:
            return
        st.session_state.chat.append({"question": question, "answer": a})
        show_answer(index, a, str(len(st.session_state.chat) - 1))


# ---------------------------------------------------------------- 进度看板
