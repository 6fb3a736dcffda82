"""The Streamlit page: sidebar, 问答 and 进度看板 (摘要 and 资料库 live in rag/page_library.py).

Thin over the pipeline: it calls rag.ask.answer.stream, rag.status.rules.assess_all and rag.summary.build, the same
functions as the CLI. Document text and questions are untrusted: HTML is only ever built from
html.escape'd pieces; everything else goes through st.markdown without unsafe_allow_html."""

from __future__ import annotations

import html
import io
import re
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

import pandas as pd
import streamlit as st

from rag.ask.retrieve import Filters
from rag.domain import STATUS_ZH, Answer, Citation, Row
from rag.errors import RagError
from rag.index.build import Index
from rag.settings import Settings
from rag.summary.export import md_escape

T = TypeVar("T")
EXAMPLES = ("钱塘区2023年GDP增长多少？", "临安区科投集团负责哪些任务？", "钱塘哪些目标滞后？", "余杭区实际利用外资完成了吗？")
ALL = "（全部）"
COLORS = {STATUS_ZH[k]: c for k, c in (("done", "#2e7d32"), ("on_track", "#64b5f6"), ("behind", "#e53935"),
                                        ("unknown", "#bdbdbd"))}
_NUMBER = re.compile(r"\d+(?:\.\d+)?%?")


def guarded(fn: Callable[..., T], *args: Any, what: str = "操作", **kw: Any) -> T | None:
    """Run a pipeline call; a RagError shows its message, anything else a short one (no traceback)."""
    try:
        return fn(*args, **kw)
    except RagError as e:
        st.error(str(e))
    except Exception as e:  # noqa: BLE001 - the page must never show a traceback
        st.error(f"{what}失败：{type(e).__name__}。请检查设置或重新建立索引。")
    return None


def generation(settings: Settings) -> str:
    cur = settings.data_dir / "CURRENT"
    try:
        return cur.read_text(encoding="utf-8").strip()
    except OSError:
        return ""


@st.cache_resource(show_spinner="正在加载索引…", max_entries=4)
def _open_index(data_dir: str, gen: str, _settings: Settings) -> Index:
    return Index(_settings)


def load_index(settings: Settings) -> Index | None:
    """The published index, cached by data dir + generation (a new ingest gives a new one)."""
    return guarded(_open_index, str(settings.data_dir), generation(settings), settings, what="加载索引")


# ---------------------------------------------------------------- sidebar


def sidebar(settings: Settings, index: Index | None) -> Filters:
    pub = settings.public()
    st.sidebar.subheader("后端")
    if pub["backend"] == "offline":
        st.sidebar.write("离线（抽取式回答，无需模型）")
    else:
        st.sidebar.write(f"模型：`{pub['model']}`")
        st.sidebar.write(f"地址：`{pub['base_url']}`")
    st.sidebar.caption(f"API key：{'已设置' if pub['api_key'] == 'set' else '未设置'}")
    st.sidebar.subheader("索引")
    if index is None:
        st.sidebar.warning("尚未建立索引")
        return Filters()
    st.sidebar.caption(f"版本 {index.generation} · {len(index.docs)} 份文档 · {len(index.rows)} 行")
    st.sidebar.subheader("筛选")
    district = st.sidebar.selectbox("区", [ALL, *index.districts()], key="f_district")
    d = None if district == ALL else district
    unit = st.sidebar.selectbox("牵头单位", [ALL, *index.units(d)], key="f_unit")
    docs = [n for n in sorted(index.docs) if not d or index.docs[n].get("district") == d]
    doc = st.sidebar.selectbox("文档", [ALL, *docs], key="f_doc",
                               format_func=lambda n: _doc_label(index, n))
    return Filters(d, None if unit == ALL else unit, None if doc == ALL else doc)


def _doc_label(index: Index, name: str) -> str:
    return name if name == ALL else f"{index.docs[name].get('title', name)[:24]}（{name[:3]}）"


# ---------------------------------------------------------------- 问答


def highlight(text: str, numbers: set[str]) -> str:
    """Escaped HTML of untrusted text with the given numbers wrapped in <mark>."""
    out: list[str] = []
    pos = 0
    for m in _NUMBER.finditer(text):
        out.append(html.escape(text[pos : m.start()]))
        tok = html.escape(m.group(0))
        out.append(f"<mark>{tok}</mark>" if m.group(0) in numbers or m.group(0).rstrip("%") in numbers else tok)
        pos = m.end()
    out.append(html.escape(text[pos:]))
    return "".join(out).replace("\n", "<br>")


def cited_numbers(answer_text: str) -> set[str]:
    found = set(_NUMBER.findall(re.sub(r"〔[^〕]*〕", "", answer_text)))
    return found | {n.rstrip("%") for n in found if n.endswith("%")}


def source_html(c: Citation, row: Row | None, doc_meta: dict[str, str], numbers: set[str]) -> str:
    """The cited source row laid out as a small table: every value escaped, cited numbers marked."""
    title = doc_meta.get("title") or c.title or c.doc
    period = doc_meta.get("period", "")
    if row is not None and row.kind == "progress_row":
        fields = [("序号", str(row.row)), ("任务", row.task), ("牵头单位", row.unit or "—"), ("进展", row.progress)]
    else:
        where = f"第{c.paragraph}段" if c.paragraph is not None else (f"序号{c.row}" if c.row is not None else "—")
        fields = [("位置", where), ("原文", row.text if row else c.text)]
    fields += [("文档", f"{title}（{c.doc}）"), ("时期", period or "—")]
    cells = "".join(
        f"<tr><th style='white-space:nowrap;text-align:left;vertical-align:top'>{html.escape(k)}</th>"
        f"<td>{highlight(v, numbers if k in ('任务', '进展', '原文') else set())}</td></tr>" for k, v in fields
    )
    return f"<div class='rag-source'><table>{cells}</table></div>"


def chip_label(i: int, c: Citation) -> str:
    where = f"序号{c.row}" if c.row is not None else (f"第{c.paragraph}段" if c.paragraph is not None else "")
    return f"[{i}] {c.doc[:3]} {where}"


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


@st.cache_data(show_spinner="正在判断进度…", max_entries=4)
def status_table(data_dir: str, gen: str, _index: Index) -> pd.DataFrame:
    recs = [s.to_json() for s in _index.statuses().values()]
    df = pd.DataFrame(recs, columns=["district", "unit", "doc", "row", "status_zh", "reason", "task", "progress"])
    return df.rename(columns={"district": "区", "unit": "牵头单位", "doc": "文档", "row": "序号", "status_zh": "状态",
                              "reason": "原因", "task": "任务", "progress": "进展"})


@st.cache_data(max_entries=16, show_spinner=False)
def excel_bytes(df: pd.DataFrame) -> bytes:
    """The XLSX download, built once per distinct table (not on every rerun of the page)."""
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as xw:
        df.to_excel(xw, index=False, sheet_name="进度")
    return buf.getvalue()


def render_dashboard(index: Index | None) -> None:
    if index is None:
        st.info("还没有索引：到「资料库」页建立索引。")
        return
    df = guarded(status_table, str(index.settings.data_dir), index.generation, index, what="进度判断")
    if df is None or df.empty:
        st.info("索引中没有进度表行。")
        return
    order = [STATUS_ZH[k] for k in ("done", "on_track", "behind", "unknown")]
    by_district = df.pivot_table(index="区", columns="状态", values="序号", aggfunc="count", fill_value=0)
    by_district = by_district.reindex(columns=[c for c in order if c in by_district.columns])
    st.subheader("各区进度")
    st.bar_chart(by_district, stack=True, color=[COLORS[c] for c in by_district.columns])
    c1, c2, c3, c4 = st.columns([2, 3, 2, 1])
    districts = c1.multiselect("区", sorted(df["区"].unique()), key="d_district")
    pool = df[df["区"].isin(districts)] if districts else df
    units = c2.multiselect("牵头单位", sorted(u for u in pool["牵头单位"].unique() if u), key="d_unit")
    statuses = c3.multiselect("状态", order, key="d_status")
    behind = c4.toggle("只看滞后", key="d_behind")
    view = pool
    if units:
        view = view[view["牵头单位"].isin(units)]
    if behind:
        view = view[view["状态"] == STATUS_ZH["behind"]]
    elif statuses:
        view = view[view["状态"].isin(statuses)]
    st.subheader("各牵头单位进度")
    named = view[view["牵头单位"] != ""].assign(单位=lambda d: d["区"].str[:-1] + "·" + d["牵头单位"])
    by_unit = named.pivot_table(index="单位", columns="状态", values="序号", aggfunc="count", fill_value=0)
    if not by_unit.empty:
        top = by_unit.sum(axis=1).sort_values(ascending=False).index[:25]
        chart = by_unit.loc[top].reindex(columns=[c for c in order if c in by_unit.columns])
        st.bar_chart(chart, horizontal=True, stack=True, height=max(240, 30 * len(top)),
                     color=[COLORS[c] for c in chart.columns], sort=False)
    st.caption(f"共 {len(view)} 行（全部 {len(df)} 行，其中滞后 {int((df['状态'] == STATUS_ZH['behind']).sum())} 行）")
    st.dataframe(view, hide_index=True, width="stretch")
    d1, d2 = st.columns(2)
    d1.download_button("下载 CSV", view.to_csv(index=False).encode("utf-8-sig"), "progress.csv", "text/csv",
                       key="dl_csv")
    d2.download_button("下载 XLSX", excel_bytes(view), "progress.xlsx",
                       "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", key="dl_xlsx")
