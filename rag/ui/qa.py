"""The 问答 tab: streamed answers with citation chips that open the source row, numbers highlighted.
Document text and questions are untrusted: HTML is only ever built from html.escape'd pieces;
everything else goes through st.markdown without unsafe_allow_html."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import streamlit as st

from rag.ask.retrieve import Filters, row_ok
from rag.domain import STATUS_ZH, Answer, Citation, Row
from rag.index.build import Index
from rag.ingest.names import period_zh
from rag.settings import Settings
from rag.status.rules import index_statuses, left_out_note, status_filter
from rag.summary.export import md_escape
from rag.ui import chat_summary
from rag.ui.chat_rules import MAX_QUESTION, filter_words, refusal, scoped, summary_request, transcript
from rag.ui.page import ALL, doc_names, filters_caption, guarded
from rag.ui.status_list import grouped

EXAMPLES = ("钱塘区2023年GDP增长多少？", "临安区科投集团负责哪些任务？", "钱塘哪些目标滞后？", "余杭区实际利用外资完成了吗？")
NUMBER = re.compile(r"\d+(?:\.\d+)?%?")
ROW_HEIGHT = 72  # px: above 4rem Streamlit wraps cell text (two lines here)
_TAG = re.compile(r"〔(\S{3}) (序号\d+|第\d+段)〕")


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


def source_html(c: Citation, row: Row | None, doc_meta: dict[str, str], numbers: set[str], name: str = "") -> str:
    """The cited source row laid out as a small table: every value escaped, cited numbers marked."""
    title = doc_meta.get("title") or c.title or c.doc
    period = period_zh(doc_meta.get("period", ""))
    if row is not None and row.kind == "progress_row":
        fields = [("序号", str(row.row)), ("任务", row.task), ("牵头单位", row.unit or "—"), ("进展", row.progress)]
        fields += [("页码", f"第{c.page}页")] if c.page is not None else []
    else:
        fields = [("位置", c.anchor or "—"), ("原文", row.text if row else c.text)]
    fields += [("文档", f"{name or title}：{title}"), ("文件", c.doc), ("时期", period or "—")]
    cells = "".join(
        f"<tr><th style='white-space:nowrap;text-align:left;vertical-align:top'>{html.escape(k)}</th>"
        f"<td>{highlight(v, numbers if k in ('任务', '进展', '原文') else set())}</td></tr>" for k, v in fields
    )
    return f"<div class='rag-source'><table>{cells}</table></div>"


def _where(c: Citation) -> str:
    return c.anchor


def chip_label(i: int, c: Citation, names: dict[str, str]) -> str:
    """"[1] 余杭2023全年 · 序号15": the document's short Chinese name, not its file name."""
    return f"[{i}] {names.get(c.doc, c.doc[:3])} · {_where(c)}".rstrip(" ·")


def readable(text: str, names: dict[str, str]) -> str:
    """Source tags in an answer ("〔004 序号15〕") with the document's short name ("〔余杭2023全年 · 序号15〕")."""
    by_prefix: dict[str, list[str]] = {}
    for doc, name in names.items():
        by_prefix.setdefault(doc[:3], []).append(name)

    def one(m: re.Match[str]) -> str:
        found = by_prefix.get(m[1], [])
        return f"〔{found[0]} · {m[2]}〕" if len(found) == 1 else m[0]

    return _TAG.sub(one, text)


def _pick(key: str, i: int) -> None:
    st.session_state[key] = None if st.session_state.get(key) == i else i


def show_answer(index: Index, a: Answer, key: str, filters: Filters) -> None:
    """Warnings, then citation chips (file name on hover); the chosen citation's source row below them;
    under a status list, the rows it had to leave out as unknown."""
    for w in a.warnings:
        st.warning(w)
    if a.backend != "offline":
        st.caption(f"由模型生成（{a.backend}），数字已核验")
    left_out(index, a, filters, key)
    if not a.citations:
        return
    names, state = doc_names(index), f"cite_{key}"
    with st.container(horizontal=True, gap="small"):
        for i, c in enumerate(a.citations):
            st.button(chip_label(i + 1, c, names), key=f"{state}_{i}", help=f"文件：{c.doc}", on_click=_pick,
                      args=(state, i), type="primary" if st.session_state.get(state) == i else "secondary")
    picked = st.session_state.get(state)
    if not isinstance(picked, int) or picked >= len(a.citations):
        st.caption(f"共 {len(a.citations)} 条来源，点击查看原文（鼠标停留可见文件名）")
        return
    c = a.citations[picked]
    st.markdown(source_html(c, index.by_id.get(c.id), index.docs.get(c.doc, {}), cited_numbers(a.text),
                            names.get(c.doc, "")), unsafe_allow_html=True)


def left_out(index: Index, a: Answer, filters: Filters, key: str) -> None:
    """A status list ("钱塘哪些目标滞后") names what it left out: the unknown rows of the same documents,
    in an expander, with a way to open them on the dashboard."""
    want = status_filter(a.question) if a.route == "status" and len(a.citations) > 1 else None
    if want is None:
        return
    docs = {c.doc for c in a.citations}
    scope = [s for s in index_statuses(index).values() if s.row.doc in docs and row_ok(s.row, filters)]
    note = left_out_note(scope, want)
    if not note:
        return
    unknown = [s for s in scope if s.status == "unknown"]
    names = doc_names(index)
    with st.expander(note.removesuffix("，见看板")):
        st.dataframe([{"位置": s.row.anchor, "任务": s.row.task, "原因": s.reason, "牵头单位": s.row.unit or "—",
                       "文档": names.get(s.row.doc, s.row.doc)} for s in unknown], hide_index=True, width="stretch",
                     row_height=ROW_HEIGHT, column_config={"任务": st.column_config.TextColumn(width="large")})
        districts = sorted({s.row.district for s in unknown})
        st.button("在进度看板中查看", key=f"unknown_{key}", on_click=_to_dashboard,
                  args=(districts[0] if len(districts) == 1 else None,))


def _to_dashboard(district: str | None) -> None:
    st.session_state.nav = "进度看板"
    st.session_state.d_status = [STATUS_ZH["unknown"]]
    if district:
        st.session_state.f_district = district


def _ask(index: Index, settings: Settings, question: str, filters: Filters) -> Answer | None:
    from rag.ask.answer import stream

    # the question as answered (follow-ups rewritten with their context), so context carries on
    history = [(m["answer"].question, m["answer"].text) for m in st.session_state.chat if m.get("answer")]
    final: list[Answer] = []

    def pieces() -> Iterator[str]:
        for item in stream(question, filters, history, index=index, settings=settings):
            if isinstance(item, Answer):
                final.append(item)
            else:
                yield md_escape(item)

    guarded(st.write_stream, pieces(), what="回答")
    return final[0] if final else None


def _clear_filters() -> None:
    st.session_state.update(f_district=ALL, f_unit=ALL, f_doc=ALL)


def show_message(index: Index, m: dict[str, Any], key: str, filters: Filters) -> None:
    """One assistant turn: the answer (a long status list grouped by district), what narrowed it (with a click to
    clear the filters), sources since removed from the library, then warnings and citation chips."""
    a: Answer | None = m.get("answer")
    if a is None:
        chat_summary.show(m, key)
        return
    names = {**m.get("names", {}), **doc_names(index)}
    listed = grouped(index, a, names)
    if listed is not None:
        st.markdown(listed[0])
        a = replace(a, citations=listed[1])
    else:
        st.markdown(md_escape(readable(a.text, names)))
    if m.get("note"):
        st.info(m["note"])
    if m.get("scope"):
        c1, c2 = st.columns([4, 1], vertical_alignment="center")
        c1.info(f"按筛选：{m['scope']}（只在筛选范围内查找）")
        c2.button("清除筛选", key=f"unfilter_{key}", on_click=_clear_filters)
    gone = sorted({names.get(c.doc, c.doc) for c in a.citations if c.doc not in index.docs})
    if gone:
        st.warning(f"来源文档已从资料库移除：{'、'.join(gone)}。这条回答可能已过时，请重新提问。")
    show_answer(index, a, key, filters)


def _turn(index: Index, settings: Settings, question: str, filters: Filters) -> dict[str, Any] | None:
    """Answer one question: a Chinese refusal (too long, English), a summary, or the answerer's answer."""
    if msg := refusal(question):
        st.markdown(md_escape(msg))
        return {"question": question, "answer": None, "text": msg}
    if (want := summary_request(index, question)) is not None:
        return chat_summary.build(index, settings, question, *want)
    use, note = scoped(index, question, filters)
    a = _ask(index, settings, question, use)
    if a is None:
        return None
    names = doc_names(index)
    return {"question": question, "answer": a, "note": note, "scope": filter_words(use, names),
            "names": {c.doc: names.get(c.doc, c.doc) for c in a.citations}}


def render_qa(index: Index | None, settings: Settings, filters: Filters) -> None:
    st.session_state.setdefault("chat", [])
    if index is None:
        st.info("还没有索引：到「资料库」页建立索引后再提问。")
        return
    filters_caption(filters, index)
    cols = st.columns(len(EXAMPLES))
    for col, q in zip(cols, EXAMPLES):
        if col.button(q, key=f"ex_{q}", width="stretch"):
            st.session_state.pending = q
    if st.session_state.chat:
        c1, c2 = st.columns(2)
        if c1.button("清空对话", key="clear_chat"):
            st.session_state.chat = []
            for k in [k for k in st.session_state if str(k).startswith("cite_")]:
                del st.session_state[k]  # a new conversation opens no source by itself
        c2.download_button("下载对话（Markdown，含出处）", transcript(st.session_state.chat, doc_names(index))
                           .encode("utf-8"), "对话记录.md", "text/markdown", key="dl_chat")
    for i, m in enumerate(st.session_state.chat):
        with st.chat_message("user"):
            st.text(m["question"])
        with st.chat_message("assistant"):
            show_message(index, m, str(i), filters)
    # at the top level of the page (not in a tab or column), so Streamlit pins it below the conversation;
    # no max_chars: a longer paste is refused with a message rather than silently cut (chat_rules.refusal)
    typed = st.chat_input(f"问一个关于各区政府工作报告的问题…（中文，{MAX_QUESTION} 字以内）", key="chat_q")
    question = typed if isinstance(typed, str) else st.session_state.pop("pending", None)
    if not question:
        return
    with st.chat_message("user"):
        st.text(question)
    with st.chat_message("assistant"):
        m = _turn(index, settings, question, filters)
        if m is None:
            return
        st.session_state.chat.append(m)
        st.rerun()  # redraw the finished answer in the conversation, with its source tags and chips
