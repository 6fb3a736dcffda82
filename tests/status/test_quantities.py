"""Number parsing from Chinese report text (rag/quantities.py): values, units, kinds, and what is skipped."""

from __future__ import annotations

from functools import lru_cache

import pytest

from rag.domain import Quantity, Row
from rag.status.quantities import cn_to_number, mentions, normalize_number, numbers_in, same_number

KINDS = {"growth", "ratio", "level", "count", "rank"}


def one(text: str) -> Quantity:
    found = numbers_in(text)
    assert len(found) == 1, found
    return found[0]


def vals(text: str) -> list[tuple[float, str, str]]:
    return [(q.value, q.unit, q.kind) for q in numbers_in(text)]


# ---------------------------------------------------------------- values and units


@pytest.mark.parametrize(
    ("text", "value", "unit", "kind"),
    [
        ("１２．５％", 12.5, "%", "ratio"),
        ("投资１２３４亿元", 123_400_000_000, "元", "level"),
        ("12,000元", 12000, "元", "level"),
        ("竣工1.2万套", 12000, "套", "count"),
        ("总投资100亿元", 1e10, "元", "level"),
        ("利用外资3.17亿美元", 317_000_000, "美元", "level"),
        ("光伏并网5.88万千瓦", 58800, "千瓦", "level"),
        ("新增绿地80万平方米", 800_000, "平方米", "level"),
        ("完成改造2.6万方", 26000, "平方米", "level"),
        ("腾出用能0.9万吨标准煤", 9000, "吨标准煤", "level"),
        ("绿道4km已全部完成", 4, "公里", "level"),
        ("PM2.5浓度34.0微克/立方米", 34, "微克/立方米", "level"),
        ("消化批而未供4620亩", 4620, "亩", "level"),
        ("有效发明专利1.77万件", 17700, "件", "count"),
        ("新增就业29405人", 29405, "人", "count"),
        ("接待游客18.26万人次", 182_600, "人次", "count"),
        ("出生率3‰", 3, "‰", "ratio"),
        ("增长2倍", 2, "倍", "growth"),
    ],
)
def test_values_units_kinds(text: str, value: float, unit: str, kind: str) -> None:
    q = one(text)
    assert q.value == pytest.approx(value)
    assert (q.unit, q.kind) == (unit, kind)


def test_multiplied_values_are_exact() -> None:
    assert one("产值293.6亿元").value == 29_360_000_000  # no float noise from 293.6 * 1e8


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("1-8月，全区固定资产投资同比增长33%", "growth"),
        ("半年度服务业增加值增速11.2%", "growth"),
        ("一般公共预算收入预计增幅15.5%", "growth"),
        ("营收增长率12%", "growth"),
        ("占规上工业企业研发投入比重2.88%", "ratio"),
        ("全社会研发投入强度达到4.55%", "ratio"),
        ("空气质量优良率80.8%", "ratio"),
        ("完成年度计划91.7%", "ratio"),
        ("整改率达92.3%", "ratio"),
        ("比1-7月收窄3.6个百分点", "growth"),
        ("占GDP比重提高0.5个百分点", "ratio"),
    ],
)
def test_percent_kind_from_context(text: str, kind: str) -> None:
    assert numbers_in(text)[-1].kind == kind


def test_decline_is_negative() -> None:
    assert one("产值同比下降9.8%").value == -9.8
    assert one("规上工业增加值增速-4%").value == -4
    assert one("降幅缩减到2.9%").value == -2.9
    assert one("案损同比上升14.12%").value == 14.12


def test_growth_pair_inside_parentheses_keeps_growth_kind() -> None:
    assert vals("地区生产总值增长力争6%（确保5.5%）") == [(6, "%", "growth"), (5.5, "%", "growth")]


def test_percentage_points_and_percent_are_separate_units() -> None:
    assert vals("同比增长72.0%（高于全市增速的36.8个百分点）") == [(72, "%", "growth"), (36.8, "个百分点", "growth")]


# ---------------------------------------------------------------- Chinese numerals


@pytest.mark.parametrize(
    ("s", "value"),
    [("一百二十", 120), ("两", 2), ("三千", 3000), ("十", 10), ("十二", 12), ("二十", 20), ("一千二百三十四", 1234),
     ("两万", 20000), ("三万五千", 35000), ("一亿二千万", 120_000_000), ("零", 0), ("1.2万", 12000), ("百", 100)],
)
def test_cn_to_number(s: str, value: float) -> None:
    assert cn_to_number(s) == value


def test_cn_to_number_rejects_words() -> None:
    assert cn_to_number("一产业") is None
    assert cn_to_number("") is None


def test_chinese_numerals_with_measure_words() -> None:
    assert vals("一百二十个，两所学校，三千人") == [(120, "个", "count"), (2, "所", "count"), (3000, "人", "count")]
    q = mentions("争创名优学校十余所")[0]
    assert (q.q.value, q.q.unit, q.approx) == (10, "所", True)
    assert one("基金规模超百亿元").value == 1e10
    assert one("参加人次上千人").value == 1000


@pytest.mark.parametrize(
    "text",
    ["推进一件事改革", "二次供水项目", "每千人床位数", "一产业一平台", "三年百园", "千年古城", "第一批", "十大工程", "万亩千亿"],
)
def test_chinese_words_that_are_not_quantities(text: str) -> None:
    assert numbers_in(text) == []


# ---------------------------------------------------------------- what is not a quantity


@pytest.mark.parametrize(
    "text",
    [
        "2023年", "2022年度", "1-8月", "1至9月", "3-5月间", "7月1日", "8月底", "11月中旬", "截至9月24日",
        "6月3日-16日举办", "2023-2025年", "（2023-2027）", "2023-07-24", "9:30召开", "2023中国元宇宙科技大会",
        "5G基站", "104国道", "10号线", "3#能源站", "S211钱塘段", "“1+7+N”", "“8050”目标", "PM2.5",
        "〔2023〕1号", "66日召开", "61——6日", "第19届亚运会", "全省第二批培育名单",
    ],
)
def test_dates_codes_and_ordinals_are_skipped(text: str) -> None:
    assert numbers_in(text) == [], numbers_in(text)


def test_list_markers_are_skipped() -> None:
    assert vals("1. 根据通知，完成核查1615家。 2. 推进改革") == [(1615, "家", "count")]
    assert vals("1.2023年,技术交易额完成213.83亿元") == [(21_383_000_000, "元", "level")]
    assert vals("2.1-9月,实现增加值1413.82亿元") == [(141_382_000_000, "元", "level")]
    assert vals("1.10月26日省文旅厅组成联审组") == []
    assert vals("(1)制定方案；（2）开展培训12场；① 完成") == [(12, "场", "count")]
    assert vals("1、新建公园6个") == [(6, "个", "count")]


def test_codes_next_to_numbers_keep_the_real_number() -> None:
    assert vals("完成5G基站建设451个") == [(451, "个", "count")]
    assert vals("谋划实施“1+7+N”68项重点工作") == [(68, "项", "count")]
    assert vals("PM2.5平均浓度为30.3微克/立方米") == [(30.3, "微克/立方米", "level")]


# ---------------------------------------------------------------- ranks, ranges, qualifiers, bounds


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [("居全市第一", 1, "第"), ("列全省第一", 1, "第"), ("排名全省第三", 3, "第"), ("增速全市第2", 2, "第"),
     ("高新区排名进入全国前80", 80, "前"), ("经开区排名保持全国前十", 10, "前"), ("进入全省前20%", 20, "%"),
     ("入选数量位居全省区(县、市)首位", 1, "第"), ("全市第5名", 5, "第")],
)
def test_ranks(text: str, value: float, unit: str) -> None:
    q = one(text)
    assert (q.value, q.unit, q.kind) == (value, unit, "rank")


def test_range_gives_both_ends() -> None:
    assert vals("20-50亿元项目6个") == [(2e9, "元", "level"), (5e9, "元", "level"), (6, "个", "count")]


def test_qualifier_and_bounds() -> None:
    m = mentions("新签约10亿元以上项目2个，供应保障性住房4000套以上，浓度维持在35微克每立方米以下")
    assert [x.qualifier for x in m] == [True, False, False, False]
    assert [x.bound for x in m] == ["min", "", "min", "max"]
    assert m[3].q.unit == "微克/立方米"


def test_approximate_markers() -> None:
    m = mentions("累计参加企业近600余家，招聘5万余名")
    assert [(x.q.value, x.approx) for x in m] == [(600, True), (50000, True)]


def test_spans_point_into_the_original_text() -> None:
    text = "半年度地区生产总值增长４．６％。"
    m = mentions(text)[0]
    assert text[m.start : m.end] == "４．６％"


# ---------------------------------------------------------------- normalize_number / same_number


@pytest.mark.parametrize(
    ("s", "value"),
    [("1.2万", 12000), ("４．２％", 4.2), ("4.2%", 4.2), ("一百二十", 120), ("12,000", 12000), ("百分之四点二", 4.2),
     ("3.17亿美元", 317_000_000), (" 33 ", 33), ("两", 2)],
)
def test_normalize_number(s: str, value: float) -> None:
    assert normalize_number(s) == pytest.approx(value)


@pytest.mark.parametrize("s", ["abc", "", "地区生产总值", "1.2万和3.4万", "1,2,3"])
def test_normalize_number_none(s: str) -> None:
    assert normalize_number(s) is None


def q(text: str) -> Quantity:
    return one(text)


@pytest.mark.parametrize(
    ("a", "b"),
    [("4.2%", "４．２％"), ("1.2万", "12000"), ("100亿元", "1000000万元"), ("增长4.9%", "增长4.895%"),
     ("下降9.8%", "-9.8%"), ("2.3万户", "23000户"), ("5家", "5户"), ("33%", "33.0%")],
)
def test_same_number(a: str, b: str) -> None:
    assert same_number(q(a), q(b))
    assert same_number(q(b), q(a))


@pytest.mark.parametrize(
    ("a", "b"),
    [("4.6%", "4.2%"), ("10亿美元", "10亿元"), ("4.8个百分点", "4.8%"), ("5个", "5.4个"), ("12000元", "1.2万亩"),
     ("1.2万", "12")],
)
def test_not_same_number(a: str, b: str) -> None:
    assert not same_number(q(a), q(b))


def test_answer_sentence() -> None:
    found = numbers_in("钱塘区2023年地区生产总值1270亿元，同比增长4.2%，居全市第3。")
    assert [(x.value, x.unit, x.kind) for x in found] == [(1.27e11, "元", "level"), (4.2, "%", "growth"), (3, "第", "rank")]


# ---------------------------------------------------------------- the real corpus


@lru_cache(maxsize=1)
def corpus_rows() -> tuple[Row, ...]:
    from testenv import corpus_docs

    from rag.ingest.parse import finalize, parse_document

    return tuple(r for res in finalize([parse_document(d) for d in corpus_docs()]) for r in res.rows)


def test_corpus_numbers_are_well_formed() -> None:
    rows = corpus_rows()
    assert len(rows) > 392
    total = 0
    for r in rows:
        for text in (r.text, r.task, r.progress):
            for m in mentions(text):
                total += 1
                assert m.q.kind in KINDS
                assert m.q.raw and 0 <= m.start < m.end <= len(text)
                assert not (1990 <= m.q.value <= 2030 and m.q.unit == "" and "." not in m.q.raw), (r.doc, r.row, m)
    assert total > 3000


def test_corpus_known_figures() -> None:
    rows = {(r.doc[:3], r.row): r for r in corpus_rows() if r.kind == "progress_row"}
    assert [(x.value, x.kind) for x in numbers_in(rows[("000", 1)].task)] == [(6, "growth"), (5.5, "growth")]
    assert numbers_in(rows[("000", 1)].progress) == [Quantity(4.6, "%", "growth", "4.6%")]
    assert numbers_in(rows[("004", 15)].progress)[0].value == pytest.approx(889_000_000)
    assert numbers_in(rows[("003", 83)].progress)[0] == Quantity(829, "人", "count", "829人")


def test_same_number_rounding_respects_multipliers() -> None:
    assert same_number(q("约4.9万千瓦"), q("4.895万千瓦"))
    assert same_number(q("约1.4亿元"), q("1.4112亿元"))
    assert not same_number(q("约1.5亿元"), q("1.44亿元"))
    assert not same_number(q("5个"), q("5.4个"))  # one significant digit is too coarse to round to
