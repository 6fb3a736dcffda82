"""The 指标 page (issue N): pick an indicator, see the library's figure records of it as a table of place ×
year/period (the level and the growth, each with its citation), a chart (Altair) of the series, and download
the table as CSV or XLSX. The records are the generation's (rag.index.figures_store); the rows are
rag.ask.indicator_select.series, the same as `rag indicators --indicator … --csv`."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

import streamlit as st

from rag.ask.indicator_select import series
from rag.index.build import Index
from rag.ingest.figures import Figure

COLUMNS = {"place": "地区", "level": "层级", "year": "年份", "period": "时期", "stance": "口径", "value": "数值",
           "unit": "单位", "growth_pct": "增长（%）", "value_cite": "数值出处", "growth_cite": "增速出处",
           "conflict": "不一致的记录"}
STANCE = {"actual": "实际", "target": "目标", "plan": "计划", "": "未明"}


def indicator_choices(figs: Sequence[Figure]) -> list[str]:
    """Listed indicators first (by how many records), then the other words used (by count)."""
    counts: dict[tuple[bool, str], int] = {}
    for f in figs:
        counts[(f.listed, f.indicator)] = counts.get((f.listed, f.indicator), 0) + 1
    return [name for (_, name), _ in sorted(counts.items(), key=lambda kv: (not kv[0][0], -kv[1], kv[0][1]))]


def table_rows(figs: Sequence[Figure], indicator: str, stances: Sequence[str]) -> list[dict[str, Any]]:
    """The series rows of one indicator, with Chinese column names (the table and the downloads)."""
    out = []
    for r in series([f for f in figs if f.stance in stances], indicator):
        d = r.to_json()
        d["stance"] = STANCE.get(str(d["stance"]), d["stance"])
        out.append({COLUMNS[k]: d[k] for k in COLUMNS})
    return out


def xlsx_bytes(rows: list[dict[str, Any]]) -> bytes:
    import pandas as pd

    buf = io.BytesIO()
    pd.DataFrame(rows).to_excel(buf, index=False, sheet_name="指标")
    return buf.getvalue()


def _chart(rows: list[dict[str, Any]], measure: str) -> None:
    import altair as alt
    import pandas as pd

    col = "数值" if measure == "level" else "增长（%）"
    df = pd.DataFrame([r for r in rows if r[col] is not None and r["年份"]])
    if df.empty:
        st.caption("没有可画图的数据。")
        return
    chart = alt.Chart(df).mark_line(point=True).encode(
        x=alt.X("年份:O", title="年份"), y=alt.Y(f"{col}:Q", title=col), color=alt.Color("地区:N", title="地区"),
        tooltip=["地区", "年份", "时期", "口径", col, "单位", "数值出处", "增速出处"])
    st.altair_chart(chart, use_container_width=True)


def render_indicators(index: Index | None) -> None:
    from rag.index.figures_store import figures_of

    if index is None:
        st.info("还没有索引：到「资料库」页建立索引。")
        return
    figs = figures_of(index)
    if not figs:
        st.info("当前索引没有指标记录：到「资料库」页重新建立索引。")
        return
    choices = indicator_choices(figs)
    default = choices.index("地区生产总值") if "地区生产总值" in choices else 0
    indicator = st.selectbox("指标", choices, index=default, key="ind_pick")
    stances = st.multiselect("口径", ["actual", "target", "plan"], default=["actual"], key="ind_stance",
                             format_func=lambda s: STANCE[s])
    rows = table_rows(figs, str(indicator), stances)
    if not rows:
        st.caption("所选口径下没有该指标的记录。")
        return
    measure = st.radio("图表", ["level", "growth"], horizontal=True, key="ind_measure",
                       format_func=lambda m: "数值" if m == "level" else "增速")
    _chart(rows, str(measure))
    st.dataframe(rows, use_container_width=True, hide_index=True)
    import pandas as pd

    csv = pd.DataFrame(rows).to_csv(index=False).encode("utf-8-sig")
    c1, c2 = st.columns(2)
    c1.download_button("下载 CSV", csv, file_name=f"{indicator}.csv", mime="text/csv", key="ind_csv")
    c2.download_button("下载 XLSX", xlsx_bytes(rows), file_name=f"{indicator}.xlsx", key="ind_xlsx",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
