"""The 指标 page (rag.ui.indicators): the table of place × year with each value's citation, the listed indicators
offered first, the XLSX download readable back, and an AppTest of the page over a small real index (hash embedder)
of two communiqué excerpts."""

from __future__ import annotations

import io
from pathlib import Path

import testenv

from rag.ingest.figures import Figure
from rag.ui.indicators import indicator_choices, table_rows, xlsx_bytes


def _fig(place: str, year: int, measure: str, value: float, unit: str, indicator: str = "地区生产总值") -> Figure:
    return Figure(doc=f"{place}.txt", place=place, level="市", year=year, period="全年", stance="actual",
                  indicator=indicator, words=indicator, measure=measure, value=value, unit=unit,
                  text=f"地区生产总值{value}{unit}", row_id=f"{place}{year}", paragraph=3)


FIGS = [_fig("成都市", 2021, "level", 19917.0, "亿元"), _fig("成都市", 2021, "growth", 8.6, "%"),
        _fig("成都市", 2022, "level", 20817.5, "亿元"), _fig("银川市", 2025, "growth", 5.3, "%"),
        Figure(doc="x.txt", place="成都市", level="市", year=2021, period="全年", stance="actual", indicator="快递业务量",
               words="快递业务量", measure="level", value=18.3, unit="亿件", listed=False)]


def test_table_has_one_row_per_place_and_year_with_citations():
    rows = table_rows(FIGS, "地区生产总值", ["actual"])
    assert [(r["地区"], r["年份"], r["数值"], r["增长（%）"]) for r in rows] == [
        ("成都市", 2021, 19917.0, 8.6), ("成都市", 2022, 20817.5, None), ("银川市", 2025, None, 5.3)]
    assert rows[0]["数值出处"] == "成都市.txt 第3段" and rows[0]["口径"] == "实际"


def test_listed_indicators_come_first_and_the_xlsx_reads_back():
    assert indicator_choices(FIGS) == ["地区生产总值", "快递业务量"]
    import pandas as pd

    back = pd.read_excel(io.BytesIO(xlsx_bytes(table_rows(FIGS, "地区生产总值", ["actual"]))))
    assert list(back["地区"]) == ["成都市", "成都市", "银川市"]


def test_page_renders_table_chart_and_downloads(tmp_path: Path, monkeypatch):
    from streamlit.testing.v1 import AppTest

    from rag.index.build import ingest

    corpus, data = tmp_path / "corpus", tmp_path / "data"
    corpus.mkdir()
    (corpus / "a.txt").write_text("2021年成都市国民经济和社会发展统计公报\n全年实现地区生产总值19917.0亿元，比上年增长8.6%。\n",
                                  encoding="utf-8")
    (corpus / "b.txt").write_text("2022年成都市国民经济和社会发展统计公报\n全年实现地区生产总值20817.5亿元，比上年增长2.8%。\n",
                                  encoding="utf-8")
    settings = testenv.settings(corpus_dir=corpus, data_dir=data, env={"RAG_EMBEDDER": "hash"})
    ingest(settings)

    def page() -> None:
        import os

        from rag.index.build import Index
        from rag.settings import Settings
        from rag.ui.indicators import render_indicators

        render_indicators(Index(Settings.from_env({"RAG_EMBEDDER": "hash", "RAG_DATA_DIR": os.environ["N_DATA"],
                                                   "RAG_CORPUS_DIR": os.environ["N_CORPUS"]})))

    monkeypatch.setenv("N_DATA", str(data))
    monkeypatch.setenv("N_CORPUS", str(corpus))
    at = AppTest.from_function(page, default_timeout=60).run()
    assert not at.exception
    assert at.selectbox[0].value == "地区生产总值"
    table = at.dataframe[0].value
    assert list(table["数值"]) == [19917.0, 20817.5] and list(table["增长（%）"]) == [8.6, 2.8]
    assert all("第" in c for c in table["数值出处"])
    assert len(at.get("download_button")) == 2
