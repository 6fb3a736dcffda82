"""The 进度看板 page: status counts per district (a click on a bar filters the table), per unit, and the
table of every progress row in the sidebar's filters, with CSV/XLSX downloads."""

from __future__ import annotations

import io
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from rag.ask.retrieve import Filters
from rag.domain import STATUS_ZH
from rag.index.build import Index
from rag.status.rules import index_statuses
from rag.summary.cells import neutralise_cell
from rag.ui.page import COLORS, doc_names, filters_caption, guarded

ORDER = list(STATUS_ZH.values())  # 已完成 按进度推进 部分滞后 滞后 无法判断
ROW_HEIGHT = 84  # px: above 4rem Streamlit wraps cell text, so 任务 and 原因 read without scrolling sideways
MAX_UNITS = 25  # units shown in the per-unit chart (the busiest)
BAR_PX = 24  # height per unit in that chart, so every unit keeps its label
COLUMNS = ["区", "序号", "状态", "任务", "原因", "牵头单位", "文档", "进展"]  # 任务 first among the long ones


def status_table(data_dir: str, gen: str, _index: Index) -> pd.DataFrame:
    names = doc_names(_index)
    recs = [{**s.to_json(), "units": tuple(s.row.units)} for s in index_statuses(_index).values()]
    df = pd.DataFrame(recs, columns=["district", "unit", "doc", "row", "status_zh", "reason", "task", "progress",
                                     "units"])
    df["doc"] = df["doc"].map(lambda d: names.get(d, d))
    return df.rename(columns={"district": "区", "unit": "牵头单位", "doc": "文档", "row": "序号", "status_zh": "状态",
                              "reason": "原因", "task": "任务", "progress": "进展", "units": "全部牵头单位"})


@st.cache_data(max_entries=16, show_spinner=False)
def excel_bytes(df: pd.DataFrame) -> bytes:
    """The XLSX download, built once per distinct table (not on every rerun of the page)."""
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as xw:
        df.map(neutralise_cell).to_excel(xw, index=False, sheet_name="进度")  # no cell becomes a live formula
    return buf.getvalue()


def csv_bytes(df: pd.DataFrame) -> bytes:
    """The CSV download (UTF-8 with BOM, for Excel), cells that would run as formulas neutralised."""
    return df.map(neutralise_cell).to_csv(index=False).encode("utf-8-sig")


def counts(df: pd.DataFrame, by: str) -> pd.DataFrame:
    """Long table (by, 状态, 行数, 顺序) for a stacked bar chart."""
    out = df.groupby([by, "状态"]).size().reset_index(name="行数")
    return out.assign(顺序=out["状态"].map(ORDER.index))


def _bars(data: pd.DataFrame, by: str, horizontal: bool) -> alt.Chart:
    scale = alt.Scale(domain=[c for c in ORDER if c in set(data["状态"])],
                      range=[COLORS[c] for c in ORDER if c in set(data["状态"])])
    if horizontal:
        enc: tuple[Any, Any] = (alt.Y(f"{by}:N", title=None, sort="-x", axis=alt.Axis(labelLimit=260)),
                                alt.X("行数:Q", title="行数", axis=alt.Axis(tickMinStep=1, format="d")))
    else:  # district names written horizontally under their bars
        enc = (alt.X(f"{by}:N", title=None, axis=alt.Axis(labelAngle=0, labelLimit=260)),
               alt.Y("行数:Q", title="行数", axis=alt.Axis(tickMinStep=1, format="d")))
    return alt.Chart(data).mark_bar().encode(
        *enc, color=alt.Color("状态:N", scale=scale, title="状态", legend=alt.Legend(orient="top")),
        order=alt.Order("顺序:Q"), tooltip=[by, "状态", "行数"])


def district_chart(df: pd.DataFrame, scope: str = "") -> tuple[str | None, str | None]:
    """Status counts per district, names written horizontally; a click on a bar segment picks that
    district and status (returned, to filter the table), a click on empty space clears it. The chart's key
    carries the sidebar filters (`scope`), so a pick never outlives a change of 区, 牵头单位 or 文档."""
    pick = alt.selection_point(name="pick", fields=["区", "状态"], on="click", clear="dblclick")
    chart = _bars(counts(df, "区"), "区", horizontal=False).add_params(pick).encode(
        opacity=alt.condition(pick, alt.value(1.0), alt.value(0.45))).properties(height=300)
    event = st.altair_chart(chart, key=f"d_chart{scope}", on_select="rerun", selection_mode="pick", width="stretch")
    return chart_pick(event)


def chart_pick(event: Any) -> tuple[str | None, str | None]:
    """(区, 状态) of the clicked bar segment in an altair selection event, else (None, None)."""
    points = ((event or {}).get("selection") or {}).get("pick") or []
    if not points:
        return None, None
    first = points[0] if isinstance(points, list) else points
    return first.get("区"), first.get("状态")


def render_dashboard(index: Index | None, filters: Filters) -> None:
    if index is None:
        st.info("还没有索引：到「资料库」页建立索引。")
        return
    df = guarded(status_table, str(index.settings.data_dir), index.generation, index, what="进度判断")
    if df is None or df.empty:
        st.info("索引中没有进度表行。")
        return
    filters_caption(filters, index)
    if filters.district:
        df = df[df["区"] == filters.district]
    if filters.unit:  # co-led rows too (牵头单位 "区发改局、区商务局" counts for 区商务局), as in 摘要
        df = df[df["全部牵头单位"].map(lambda units: filters.unit in units)]
    if filters.doc:
        df = df[df["文档"] == doc_names(index).get(filters.doc, filters.doc)]
    st.subheader("各区进度")
    st.caption("点击柱子可筛选下表，双击空白处取消")
    district, status = district_chart(df, f"_{filters.district}_{filters.unit}_{filters.doc}")
    statuses = st.pills("状态（本页）", ORDER, selection_mode="multi", key="d_status")
    view = df
    if district in set(df["区"]):
        view = view[view["区"] == district]
        view = view[view["状态"] == status] if status else view
        st.caption(f"已按图表筛选：{district}" + (f" · {status}" if status else ""))
    if statuses:
        view = view[view["状态"].isin(statuses)]
    named = view[view["牵头单位"] != ""].assign(单位=lambda d: d["区"].str[:-1] + "·" + d["牵头单位"])
    if not named.empty:
        st.subheader("各牵头单位进度")
        top = named["单位"].value_counts().index[:MAX_UNITS]
        data = counts(named[named["单位"].isin(top)], "单位")
        st.altair_chart(_bars(data, "单位", horizontal=True).properties(height=alt.Step(BAR_PX)), width="stretch")
    behind = int((df["状态"] == STATUS_ZH["behind"]).sum())
    partial = int((df["状态"] == STATUS_ZH["partial"]).sum())
    st.caption(f"共 {len(view)} 行（筛选范围内 {len(df)} 行，其中滞后 {behind} 行、部分滞后 {partial} 行）")
    if view.empty:
        st.info("没有符合筛选的行：换一个区或状态，或双击图表空白处取消图表筛选。")
        return
    st.dataframe(view[COLUMNS], hide_index=True, width="stretch", row_height=ROW_HEIGHT, column_config={
        "区": st.column_config.TextColumn("区", width="small"),
        "序号": st.column_config.NumberColumn("序号", width="small"),
        "状态": st.column_config.TextColumn("状态", width="small"),
        "任务": st.column_config.TextColumn("任务", width="large"),
        "原因": st.column_config.TextColumn("原因", width="medium"),
        "进展": st.column_config.TextColumn("进展", width="large"),
    })
    d1, d2 = st.columns(2)
    d1.download_button("下载 CSV", csv_bytes(view[COLUMNS]), "progress.csv", "text/csv",
                       key="dl_csv")
    d2.download_button("下载 XLSX", excel_bytes(view[COLUMNS]), "progress.xlsx",
                       "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", key="dl_xlsx")
