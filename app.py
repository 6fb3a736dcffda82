"""Streamlit entry point (`streamlit run app.py`): page config, sidebar and the four tabs.

Thin on purpose: every tab is a render function in rag/ui/ (qa, dashboard, summary_tab, library), which call
the same pipeline functions as the `rag` CLI."""

from __future__ import annotations

import streamlit as st

from rag.errors import RagError
from rag.settings import Settings
from rag.ui.dashboard import render_dashboard
from rag.ui.library import render_library
from rag.ui.page import load_index, sidebar
from rag.ui.qa import render_qa
from rag.ui.summary_tab import render_summary

st.set_page_config(page_title="区政府工作报告问答", page_icon="📑", layout="wide")
st.title("区政府工作报告问答")

try:
    settings = Settings.from_env()
except RagError as e:
    st.error(str(e))
    st.stop()

index = load_index(settings)
filters = sidebar(settings, index)
qa, dashboard, summary, library = st.tabs(["问答", "进度看板", "摘要", "资料库"])
with qa:
    render_qa(index, settings, filters)
with dashboard:
    render_dashboard(index)
with summary:
    render_summary(index, settings)
with library:
    render_library(index, settings)
