"""Shared page pieces: the index loader (cached per generation), the page switch and the one set of
filters in the sidebar (区 / 牵头单位 / 文档, used by 问答, 进度看板 and 摘要 with its 通报 alike), the guard
that turns pipeline errors into messages, Chinese display names of documents, and the page style. The
pages live beside it: qa.py, dashboard.py, summary_tab.py (bulletin_tab.py), library.py."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any, TypeVar

import streamlit as st

from rag.ask.retrieve import Filters
from rag.domain import STATUS_ZH
from rag.errors import RagError
from rag.index.build import Index
from rag.ingest.names import short_names
from rag.settings import Settings

T = TypeVar("T")
ALL = "（全部）"
PAGES = ("问答", "进度看板", "摘要", "资料库", "指标")  # 指标: rag/ui/indicators.py (issue N)
FILTERED = PAGES[:3]  # the pages the sidebar filters drive
COLORS = {STATUS_ZH[k]: c for k, c in (("done", "#2e7d32"), ("on_track", "#64b5f6"), ("partial", "#fb8c00"),
                                        ("behind", "#e53935"), ("unknown", "#bdbdbd"))}


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


def doc_names(index: Index) -> dict[str, str]:
    """file -> the document's short Chinese name ("余杭2023全年"), once per loaded index."""
    if "short_names" not in index.memo:
        index.memo["short_names"] = short_names(index.docs)
    names: dict[str, str] = index.memo["short_names"]
    return names


def updated_at(settings: Settings) -> str:
    """"索引更新于 11月28日 10:42": when the current index was published (server time)."""
    try:
        t = datetime.fromtimestamp((settings.data_dir / "CURRENT").stat().st_mtime)
    except OSError:
        return "索引更新时间未知"
    return f"索引更新于 {t.month}月{t.day}日 {t:%H:%M}"


# ---------------------------------------------------------------- style

# Streamlit writes a few things in English that no parameter changes: the uploader's instructions and
# button, the "Press Enter to apply" hint of text inputs, and the tables' and charts' toolbar (Download as CSV,
# Search, Fullscreen, Show/hide columns; the page has its own Chinese download buttons). The page hides them and
# says what matters in Chinese. The uploader's button sits left of its instructions.
_STYLE = """<style>
[data-testid="stFileUploaderDropzoneInstructions"] > div > span,
[data-testid="stFileUploaderDropzoneInstructions"] > div > small {display: none;}
[data-testid="stFileUploaderDropzoneInstructions"] > div::after {
  content: "拖放文件到这里，或点击左侧的“选择文件”按钮（单个文件不超过 __MB__ MB）"; font-size: 0.9rem;}
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] {display: none;}
[data-testid="stFileUploaderDropzone"] button > div::after {content: "选择文件"; margin-left: 0.3rem;}
[data-testid="InputInstructions"] {display: none;}
[data-testid="stElementToolbar"] {display: none;}
</style>"""


def style(settings: Settings) -> None:
    st.markdown(_STYLE.replace("__MB__", str(settings.max_file_mb)), unsafe_allow_html=True)


# ---------------------------------------------------------------- sidebar


def navigation() -> str:
    """The page switch, in the sidebar so that the chat input can stay pinned below the conversation;
    `?page=进度看板` opens a page directly."""
    if "nav" not in st.session_state:
        asked = st.query_params.get("page", "")
        st.session_state.nav = asked if asked in PAGES else PAGES[0]
    page = str(st.sidebar.radio("页面", PAGES, key="nav", label_visibility="collapsed"))
    if st.query_params.get("page") != page:
        st.query_params["page"] = page
    return page


def sidebar(settings: Settings, index: Index | None, page: str) -> Filters:
    """Index facts, the shared filters (disabled where a page does not use them) and the backend."""
    if index is None:
        st.sidebar.warning("尚未建立索引")
        _backend(settings)
        return Filters()
    off = page not in FILTERED
    st.sidebar.subheader("筛选")
    st.sidebar.caption("资料库页不使用筛选" if off else "问答、进度看板、摘要（含通报）共用这组筛选")
    district = st.sidebar.selectbox("区", [ALL, *index.districts()], key="f_district", disabled=off,
                                    placeholder="选择区")
    d = None if district == ALL else district
    unit = st.sidebar.selectbox("牵头单位", [ALL, *index.units(d)], key="f_unit", disabled=off,
                                placeholder="选择牵头单位")
    docs = [n for n in sorted(index.docs) if not d or index.docs[n].get("district") == d]
    names = doc_names(index)
    doc = st.sidebar.selectbox("文档", [ALL, *docs], key="f_doc", disabled=off, placeholder="选择文档",
                               format_func=lambda n: n if n == ALL else names.get(n, n))
    st.sidebar.subheader("索引")
    st.sidebar.caption(f"{updated_at(settings)} · {len(index.docs)} 份文档 · {len(index.rows)} 行")
    _backend(settings)
    if off:
        return Filters()
    return Filters(d, None if unit == ALL else unit, None if doc == ALL else doc)


def _backend(settings: Settings) -> None:
    pub = settings.public()
    st.sidebar.subheader("回答方式")
    if pub["backend"] == "offline":
        st.sidebar.caption("离线（抽取式回答，无需模型）")
    else:
        st.sidebar.caption(f"模型：{pub['model']} · 地址：{pub['base_url']}")
        st.sidebar.caption(f"API 密钥：{'已设置' if pub['api_key'] == 'set' else '未设置'}")


def filters_caption(filters: Filters, index: Index) -> None:
    """"当前筛选（侧栏）：钱塘区 · 区商务局" on a page the sidebar filters drive."""
    shown = [filters.district, filters.unit, doc_names(index).get(filters.doc or "", filters.doc)]
    if any(shown):
        st.caption("当前筛选（侧栏）：" + " · ".join(v for v in shown if v))
