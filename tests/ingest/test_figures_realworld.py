"""Figure records and `rag indicators` on corpus/ + ../shared/realworld2 (read from ../shared; skipped when it is
not beside this checkout). The GDP values below were read by hand off the documents' text."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from click.testing import CliRunner

from rag.cli import main

ROOT = Path(__file__).resolve().parents[2]
RW2 = ROOT.parent / "shared" / "realworld2"
# integration: each test parses the whole corpus and the 24 real-world documents (PDFs included) beside the checkout
pytestmark = [pytest.mark.integration,
              pytest.mark.skipif(not (RW2 / "w03.pdf").exists(), reason="../shared/realworld2 is not beside this checkout")]

# place, year -> (地区生产总值 in 亿元 or None where the text states no total, growth %), read off the text
GDP = {
    ("成都市", 2021): (19917.0, 8.6), ("成都市", 2022): (20817.5, 2.8), ("石家庄市", 2025): (8651.7, 6.0),
    ("银川市", 2025): (3033.52, 5.3), ("西安市", 2025): (13902.67, 4.7), ("乌鲁木齐市", 2025): (4658.19, 4.5),
    ("湘西自治州", 2025): (889.5, 4.2), ("苏州市", 2025): (27695.1, 5.4), ("福州市", 2025): (15112.32, 5.6),
    ("四川省", 2024): (64697.0, 5.7), ("四川省", 2025): (67665.0, 5.5), ("宁夏回族自治区", 2025): (5696.0, 5.3),
    ("保定市", 2021): (3725.0, 7.2), ("高阳县", 2017): (119.7, 8.0), ("保定市清苑区", 2023): (176.6, 5.5),
    ("钱塘区", 2023): (1270.0, 4.2), ("和田地区", 2025): (None, 6.6),
}
COMMUNIQUE_TABLES = {"w03.pdf", "w04.pdf", "w15.pdf", "w17.txt", "w18.docx", "w20.txt", "w22.txt"}


@pytest.fixture(scope="module")
def mixed(tmp_path_factory) -> Path:
    mix = tmp_path_factory.mktemp("mix")
    for src in [*(ROOT / "corpus").iterdir(), *RW2.glob("w*")]:
        (mix / src.name).symlink_to(src)
    return mix


@pytest.fixture(scope="module")
def gdp_csv(mixed: Path, tmp_path_factory) -> list[dict[str, str]]:
    data = tmp_path_factory.mktemp("nodata")  # no index: the command parses the corpus
    out = CliRunner().invoke(main, ["--corpus", str(mixed), "--data-dir", str(data), "indicators",
                                    "--indicator", "地区生产总值", "--stance", "actual", "--csv"])
    assert out.exit_code == 0, out.output
    return list(csv.DictReader(io.StringIO(out.stdout)))


def test_one_row_per_place_and_year_with_the_hand_read_values_cited(gdp_csv):
    rows = {(r["place"], int(r["year"])): r for r in gdp_csv if r["period"] == "全年"}
    assert len(rows) == len([r for r in gdp_csv if r["period"] == "全年"])  # one row per place and year
    for key, (level, growth) in GDP.items():
        r = rows[key]
        assert (float(r["value"]) if r["value"] else None) == level, key
        assert float(r["growth_pct"]) == growth, key
        assert r["growth_cite"] and (r["value_cite"] or level is None), key
    assert rows[("成都市", 2021)]["value_cite"] == "w03.pdf 第2页 表1"  # a communiqué table, by its 表 number


def test_communique_tables_become_records_with_their_table_in_the_citation(mixed, tmp_path):
    out = CliRunner().invoke(main, ["--corpus", str(mixed), "--data-dir", str(tmp_path), "indicators", "--json"])
    assert out.exit_code == 0
    import json

    recs = [json.loads(line) for line in out.stdout.splitlines() if line.startswith("{")]
    tables = {r["doc"] for r in recs if r["source"] == "table" and r["table"].startswith("表")}
    assert tables == COMMUNIQUE_TABLES
    cpi = [r for r in recs if r["doc"] == "w03.pdf" and r["table"] == "表2" and r["indicator"] == "居民消费价格"]
    assert [(r["measure"], r["value"]) for r in cpi] == [("index", 100.5)]
