"""The 进度看板 tab: status counts per district, the filterable table of every progress row, CSV/XLSX."""

from __future__ import annotations

import io

import pandas as pd
import streamlit as st

from rag.domain import STATUS_ZH
from rag.index.build import Index
from rag.status.rules import index_statuses
from rag.ui.page import COLORS, guarded


def status_table(data_dir: str, gen: str, _index: Index) -> pd.DataFrame:
    recs = [s.to_json() for s in index_statuses(_index).values()]
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
