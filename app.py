"""Streamlit entry point (`streamlit run app.py`): page config, the sidebar (page switch and the shared
filters) and the chosen page.

Thin on purpose: every page is a render function in rag/ui/ (qa, dashboard, summary_tab, library), which
call the same pipeline functions as the `rag` CLI. The pages are switched in the sidebar rather than with
tabs, so the 问答 page's chat input stays pinned below the conversation."""

from __future__ import annotations

import streamlit as st

from rag.errors import RagError
from rag.settings import Settings
from rag.ui.dashboard import render_dashboard
from rag.ui.indicators import render_indicators
from rag.ui.library import render_library
from rag.ui.page import load_index, navigation, sidebar, style
from rag.ui.qa import render_qa
from rag.ui.summary_tab import render_summary

st.set_page_config(page_title="区政府工作报告问答", page_icon="📑", layout="wide")

try:
    settings = Settings.from_env()
except RagError as e:
    st.error(str(e))
    st.stop()

style(settings)
st.sidebar.title("区政府工作报告问答")
page = navigation()
index = load_index(settings)
filters = sidebar(settings, index, page)
st.title(page)
if page == "问答":
    render_qa(index, settings, filters)
elif page == "进度看板":
    render_dashboard(index, filters)
elif page == "摘要":
    render_summary(index, settings, filters)
elif page == "指标":
    render_indicators(index)
else:
    render_library(index, settings)
