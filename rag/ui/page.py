"""Shared page pieces: the index loader (cached per generation), the sidebar filters, the guard that
turns pipeline errors into messages, and the constants the tabs share. The tabs live beside it:
qa.py, dashboard.py, summary_tab.py, library.py."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import streamlit as st

from rag.ask.retrieve import Filters
from rag.domain import STATUS_ZH
from rag.errors import RagError
from rag.index.build import Index
from rag.settings import Settings

T = TypeVar("T")
ALL = "（全部）"
COLORS = {STATUS_ZH[k]: c for k, c in (("done", "#2e7d32"), ("on_track", "#64b5f6"), ("behind", "#e53935"),
                                        ("unknown", "#bdbdbd"))}


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
                               format_func=lambda n: doc_label(index, n))
    return Filters(d, None if unit == ALL else unit, None if doc == ALL else doc)


def doc_label(index: Index, name: str) -> str:
    return name if name == ALL else f"{index.docs[name].get('title', name)[:24]}（{name[:3]}）"


# ---------------------------------------------------------------- 问答
