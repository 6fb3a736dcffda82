"""The indicator answerer (rag.ask.indicator) on hand-made figure records (domain values built here, the way the
extractor builds them): the matching record answers, a near miss is refused with its reason, comparisons are
marked 系计算 and pass verification, two years are never a conflict, and non-figure questions are left alone."""

from __future__ import annotations

from rag.ask.indicator import answer_indicator
from rag.ask.verify import check
from rag.domain import Row
from rag.ingest.figures import Figure


def fig(place: str, year: int, indicator: str, measure: str, value: float, unit: str, text: str, *,
        stance: str = "actual", doc: str = "a.txt", paragraph: int = 1) -> Figure:
    return Figure(doc=doc, place=place, level=place[-1], year=year, period="全年", stance=stance,
                  indicator=indicator, words=indicator, measure=measure, value=value, unit=unit, text=text,
                  row_id=f"{doc}{paragraph}", paragraph=paragraph)


CD21 = "全年实现地区生产总值19917.0亿元，比上年增长8.6%。"
CD22 = "全年实现地区生产总值20817.5亿元，比上年增长2.8%。"
RECORDS = [
    fig("成都市", 2021, "地区生产总值", "level", 19917.0, "亿元", CD21, doc="c21.pdf"),
    fig("成都市", 2021, "地区生产总值", "growth", 8.6, "%", CD21, doc="c21.pdf"),
    fig("成都市", 2022, "地区生产总值", "level", 20817.5, "亿元", CD22, doc="c22.pdf"),
    fig("成都市", 2022, "地区生产总值", "growth", 2.8, "%", CD22, doc="c22.pdf"),
    fig("成都市", 2022, "人均地区生产总值", "level", 97415, "元", "人均地区生产总值97415元。", doc="c22.pdf", paragraph=2),
    fig("银川市", 2025, "人均地区生产总值", "level", 100000, "元", "人均地区生产总值100000元。", doc="y.txt"),
    fig("四川省", 2025, "地区生产总值", "growth", 5.5, "%", "地区生产总值增长5.5%以上；", stance="target", doc="s25.docx"),
    fig("四川省", 2025, "地区生产总值", "growth", 5.7, "%", "实现地区生产总值67665亿元，增长5.7%。", doc="s26.txt"),
]
PLACES = ["成都市", "银川市", "四川省"]


def ask(q: str, years: tuple[int, ...] = (), place: str | None = None):
    a = answer_indicator(q, RECORDS, place=place, library_places=PLACES, years=years, period=None)
    if a is not None and not a.abstained:
        rows = [Row(c.doc, c.row, "", c.title, "", "paragraph", c.text) for c in a.citations]
        assert check(a.text, rows) == [], a.text
    return a


def test_the_matching_record_answers_with_its_citation():
    a = ask("成都2021年GDP是多少？", (2021,))
    assert a and not a.abstained and "19917.0亿元" in a.text and "c21.pdf" in a.text
    assert "97415" not in a.text and "20817.5" not in a.text


def test_a_year_the_library_lacks_is_refused_naming_the_years_it_has():
    a = ask("成都2023年GDP是多少？", (2023,))
    assert a and a.abstained and "2021、2022年" in a.text and "2023年" in a.text


def test_per_capita_is_not_the_total():
    a = ask("银川市GDP是多少？")
    assert a and a.abstained and "人均值，不是总量" in a.text


def test_two_years_compared_with_the_arithmetic_marked():
    a = ask("成都GDP 2021年和2022年比较", (2021, 2022))
    assert a and "900.5（20817.5−19917.0，系计算）亿元" in a.text and "5.8个百分点（8.6−2.8，系计算）" in a.text
    assert "数字不同" not in a.text  # two years are never a conflict


def test_faster_or_slower_than_the_year_before():
    a = ask("成都2022年GDP增速比上年快了还是慢了", (2022,))
    assert a and "放缓5.8个百分点（8.6−2.8，系计算）" in a.text


def test_target_against_actual_gap_in_points():
    a = ask("四川2025年GDP增长完成目标了吗，实际是多少", (2025,))
    assert a and "目标增长5.5%" in a.text and "实际增长5.7%" in a.text and "0.2个百分点（5.7−5.5，系计算）" in a.text


def test_a_target_question_gets_the_target():
    a = ask("四川2025年GDP预期目标是多少", (2025,))
    assert a and not a.abstained and "5.5%" in a.text and "5.7" not in a.text


def test_two_records_of_the_same_slot_that_disagree_are_a_conflict():
    other = fig("成都市", 2021, "地区生产总值", "level", 19916.0, "亿元", "地区生产总值19916.0亿元。", doc="x.txt")
    a = answer_indicator("成都2021年GDP是多少", [*RECORDS, other], place=None, library_places=PLACES, years=(2021,))
    assert a and "数字不同" in a.text and "19916.0" in a.text


def test_rank_among_the_librarys_places():
    yc = fig("银川市", 2025, "地区生产总值", "growth", 5.3, "%", "地区生产总值增长5.3%。", doc="y.txt", paragraph=3)
    a = answer_indicator("各地GDP增速排一排", [*RECORDS, yc], place=None, library_places=PLACES, years=())
    assert a and "2025年" in a.text and a.text.index("1. 四川省") < a.text.index("2. 银川市") and "成都" not in a.text


def test_not_a_figure_question_is_left_to_the_next_answerer():
    assert ask("成都GDP那项任务是哪个单位牵头？") is None
    assert ask("成都的营商环境怎么样") is None


def test_a_year_that_names_a_document_is_not_the_figures_year():
    from rag.ask.answerers.indicator import figure_years

    assert figure_years("2020年遵义市政府工作报告中，2019年地区生产总值是多少", (2020, 2019)) == (2019,)
    assert figure_years("2026年报告说的去年GDP", (2026,)) == (2026,)  # nothing else left: the answerer resolves 去年
    assert figure_years("成都2021年和2022年GDP各多少", (2021, 2022)) == (2021, 2022)


def test_tongbi_asks_for_the_growth_beside_the_amount():
    from rag.ask.indicator import wanted

    assert wanted("2030年示例市商品房销售额是多少？同比咋样", "商品房销售额") == ("level", "growth")


def test_an_average_yearly_growth_is_asked_as_such():
    from rag.ask.indicator import wanted

    assert wanted("示例省十四五时期GDP年均增长多少？", "地区生产总值") == ("avg_growth",)


def test_a_place_after_the_indicators_name_ends_the_name():
    from rag.ask.indicator import question_indicator

    assert question_indicator("城镇新增就业示例省2030年是多少人") == "城镇新增就业"
    assert question_indicator("规上工业总产值示例市是多少") is None  # 总产值 is not a place: the name goes on


def test_a_level_asked_comes_with_the_growth_its_clause_states():
    a = ask("成都2022年GDP总量多少亿", (2022,))
    assert a and not a.abstained and "20817.5亿元" in a.text and "增长2.8%" in a.text
    assert "8.6" not in a.text  # another year's growth is never added


def test_a_part_of_the_year_asked_as_such_gets_that_periods_record():
    from dataclasses import replace

    text = "分季度看，一季度增长4.1%，前三季度增长5.3%，全年增长5.9%。"
    quarters = [replace(fig("青禾县", 2030, "地区生产总值", "growth", v, "%", text, doc="q.txt"), period=p)
                for v, p in ((4.1, "一季度"), (5.3, "前三季度"), (5.9, "全年"))]
    a = answer_indicator("青禾县前三季度GDP增速是多少", quarters, place="青禾县", period="前三季度")
    assert a and not a.abstained and "5.3%" in a.text and "5.9" not in a.text
    b = answer_indicator("青禾县GDP增长多少", quarters, place="青禾县")
    assert b and "5.9%" in b.text and "5.3" not in b.text


def _row(indicator: str, measure: str, value: float, unit: str, line: str) -> Figure:
    from dataclasses import replace

    f = fig("青禾县", 2030, indicator, measure, value, unit, line, doc="qh.pdf", paragraph=9)
    return replace(f, listed=False, source="table", table="表3", row_id=line)


PRODUCTS = [
    _row("拖拉机", "level", 3.6, "万台", "拖拉机 万台 3.6 8.2"),
    _row("拖拉机", "growth", 8.2, "%", "拖拉机 万台 3.6 8.2"),
    _row("早稻", "level", 12.5, "万吨", "早稻 | 12.5 | 2.0"),
    fig("青禾县", 2030, "粮食产量", "level", 80.4, "万吨", "粮食产量80.4万吨。", doc="qh.pdf", paragraph=7),
]


def test_a_product_row_of_a_table_answers_for_its_output():
    a = answer_indicator("青禾县2030年拖拉机产量多少万台", PRODUCTS, place="青禾县", years=(2030,))
    assert a and not a.abstained and "3.6" in a.text and "表3" in a.text


def test_a_row_that_qualifies_the_listed_name_is_the_figure_asked():
    a = answer_indicator("青禾县2030年早稻粮食产量", PRODUCTS, place="青禾县", years=(2030,))
    assert a and "12.5" in a.text and "80.4" not in a.text
    b = answer_indicator("青禾县2030年粮食产量多少", PRODUCTS, place="青禾县", years=(2030,))
    assert b and "80.4" in b.text


def test_a_product_row_after_its_tables_scope_is_that_row():
    for q in ("青禾县2030年规上企业拖拉机产量多少万台", "青禾县2030年规模以上工业的拖拉机产量多少"):
        a = answer_indicator(q, PRODUCTS, place="青禾县", years=(2030,))
        assert a and not a.abstained and "3.6" in a.text, q


def test_a_row_name_inside_a_longer_word_is_not_that_row():
    assert answer_indicator("青禾县2030年手扶拖拉机产量多少", PRODUCTS, place="青禾县", years=(2030,)) is None


def test_a_sub_row_is_read_under_the_parent_the_question_names():
    from dataclasses import replace

    deposits = [replace(_row(f"{parent}：企业存款", "level", v, "亿元", f"#企业存款 | {v}"), row_id=parent, period="年末")
                for parent, v in (("金融机构本外币存款余额", 812.0), ("金融机构人民币存款余额", 798.0))]
    a = answer_indicator("青禾县2030年末金融机构人民币存款里，企业存款余额是多少", deposits, place="青禾县", years=(2030,),
                         period="年末")
    b = answer_indicator("青禾县2030年末本外币存款中企业存款余额多少", deposits, place="青禾县", years=(2030,), period="年末")
    assert a and b and not a.abstained and not b.abstained
    assert "798" in a.text and "812" not in a.text and "812" in b.text and "798" not in b.text


def test_a_clause_read_for_an_unsure_refusal_must_name_the_indicator_asked():
    from rag.ask.answerers.indicator import _names_it
    from rag.domain import Answer

    def said(text: str) -> Answer:
        return Answer(question="", text=text)

    asked = "青禾县2030年一季度GDP增速多少"
    assert not _names_it(said("人均地区生产总值达到98000元，增长4.0%〔q.txt 第2段〕。"), asked)  # a longer name
    assert _names_it(said("一季度全县生产总值增长4.4%〔q.txt 第5段〕。"), asked)
    assert _names_it(said("完成投资14.8亿元〔q.txt 第8段〕。"), "青禾县重点项目投资完成多少")  # no indicator asked


def test_a_long_row_name_said_with_one_character_dropped_is_that_row():
    rows = [_row("拖拉机：电动拖拉机", "level", 0.8, "万台", "其中：电动拖拉机 万台 0.8 21.0"), *PRODUCTS]
    a = answer_indicator("青禾县2030年电动拖机产量多少", rows, place="青禾县", years=(2030,))
    assert a and not a.abstained and "0.8" in a.text and "3.6" not in a.text


def test_whether_a_target_was_met_asked_in_everyday_words():
    jobs = [fig("青禾县", 2030, "城镇新增就业", "level", 1.2, "万人", "城镇新增就业1.2万人以上。", stance="target", doc="t.txt"),
            fig("青禾县", 2030, "城镇新增就业", "level", 1.5, "万人", "城镇新增就业1.5万人。", doc="r.txt")]
    a = answer_indicator("青禾县2030年城镇新增就业目标定的多少？做到了没", jobs, place="青禾县", years=(2030,))
    assert a and not a.abstained and "目标1.2（万人）" not in a.text
    assert "1.2万人" in a.text and "1.5万人" in a.text and "高于目标" in a.text
    b = ask("四川2025年GDP增长目标是多少？最后达到没有", (2025,))
    assert b and "目标增长5.5%" in b.text and "实际增长5.7%" in b.text


def test_a_row_of_a_listed_indicators_table_asked_with_de_and_a_growth_in_times():
    from dataclasses import replace

    rows = [replace(_row("住宿和餐饮业", "growth", 2.6, "倍", "住宿和餐饮业 | 2.6倍 | 卫生 | 18.4"), paragraph=None),
            fig("青禾县", 2030, "固定资产投资", "growth", 3.1, "%", "固定资产投资增长3.1%。", doc="qh.pdf", paragraph=6)]
    a = answer_indicator("青禾县2030年住宿和餐饮业的固定资产投资增长多少", rows, place="青禾县", years=(2030,))
    assert a and not a.abstained and "增长2.6倍" in a.text and "3.1" not in a.text
    b = answer_indicator("青禾县2030年固定资产投资增长多少", rows, place="青禾县", years=(2030,))
    assert b and "增长3.1%" in b.text


def test_two_lines_of_one_name_are_told_apart_by_the_unit_asked_and_a_table_cell_carries_its_headers_unit():
    freight, passengers = "民航 | 万吨 | 33.48 | 15.2", "民航 | 万人次 | 4853.56 | 3.2"

    def cell(measure: str, value: float, unit: str, line: str, n: int) -> Figure:
        return Figure(doc="x.pdf", place="西宁市", level="市", year=2025, period="全年", stance="actual", indicator="民航",
                      words="民航", measure=measure, value=value, unit=unit, text=line, row_id=f"x{n}", table="表3",
                      source="table", listed=False)

    records = [cell("level", 33.48, "万吨", freight, 1), cell("growth", 15.2, "%", freight, 1),
               cell("level", 4853.56, "万人次", passengers, 2), cell("growth", 3.2, "%", passengers, 2)]
    a = answer_indicator("西宁2025年民航旅客运输量多少万人次？增长多少", records, place="西宁市",
                         library_places=["西宁市"], years=(2025,), period=None)
    assert a is not None and "4853.56万人次" in a.text and "3.2%" in a.text, a.text
    assert "33.48" not in a.text and "不同" not in a.text  # another quantity, not a conflict
    rows = [Row(c.doc, c.row, "", c.title, "", "paragraph", c.text) for c in a.citations]
    assert check(a.text, rows) == [], a.text  # 4853.56万人次 read off "表3（单位：万人次）：…"


def test_a_library_place_written_with_its_short_form_in_brackets_finds_its_records():
    """A library lists 青禾土家族自治州（青禾州）; the records of its communiqué are of 青禾州: one place."""
    from rag.ask.indicator_select import place_key, same_place

    assert place_key("青禾土家族自治州（青禾州）") == "青禾" == place_key("青禾州")
    assert same_place("青禾土家族自治州（青禾州）", "青禾自治州")
    from dataclasses import replace

    prefecture = [replace(f, place="青禾自治州", level="州") for f in PRODUCTS]
    a = answer_indicator("青禾州2030年拖拉机产量多少万台", prefecture, place="青禾土家族自治州（青禾州）", years=(2030,))
    assert a and not a.abstained and "3.6" in a.text


def test_one_places_rank_is_the_rank_its_documents_state():
    said = "经济总量达到64697亿元，保持全国第5位。"
    records = [*RECORDS, fig("四川省", 2024, "地区生产总值", "level", 64697, "亿元", said, doc="s25.docx", paragraph=4),
               fig("四川省", 2024, "地区生产总值", "rank", 5, "位", said, doc="s25.docx", paragraph=4)]
    a = answer_indicator("四川24年GDP总量多少，全国排第几", records, place="四川省", library_places=PLACES, years=(2024,))
    assert a and not a.abstained and "64697" in a.text and "第5位" in a.text, a
    alone = answer_indicator("四川2024年GDP全国排第几", records, place="四川省", library_places=PLACES, years=(2024,))
    assert alone and "第5位" in alone.text and "64697" not in alone.text, alone


def test_keyword_forms_ask_the_level_by_a_measure_word_or_a_unit():
    from rag.ask.indicator import wanted

    assert wanted("成都 2021年末 高新技术企业 数量 比上年增长", "高新技术企业") == ("level", "growth")
    assert wanted("石家庄 2025 技术合同成交额 亿元 增速", "技术合同成交额") == ("level", "growth")
    assert wanted("农村居民人均可支配收入去年破两万了没有？涨幅多少", "农村居民人均可支配收入") == ("level", "growth")
    assert wanted("技术合同成交额涨了多少", "技术合同成交额") == ("growth",)


def test_a_stated_rank_the_records_lack_is_left_to_the_text():
    assert ask("成都2021年GDP多少，全省排第几", years=(2021,), place="成都市") is None  # "增速全省第一": no record


def test_two_places_amounts_in_different_units_are_not_converted_silently():
    from rag.ask.indicator import wanted

    hn = fig("湖南省", 2025, "地区生产总值", "level", 5.53, "万亿元", "地区生产总值达到5.53万亿元。", doc="h.txt")
    yc = fig("银川市", 2025, "地区生产总值", "level", 3033.5, "亿元", "地区生产总值3033.5亿元。", doc="y.txt", paragraph=4)
    a = answer_indicator("银川市2025年GDP和湖南省相比分别多少", [*RECORDS, hn, yc], place=None, library_places=[*PLACES, "湖南省"],
                         years=(2025,))
    assert a and "5.53万亿元" in a.text and "3033.5亿元" in a.text, a
    assert "银川市比湖南省少（3033.5亿元对5.53万亿元，系比较）" in a.text and "55300" not in a.text, a.text  # no conversion shown
    assert "growth" in wanted("GDP涨得跟湖南省比是快还是慢", "地区生产总值")


def test_a_growth_asked_gets_the_level_its_clause_states_beside_it():
    a = ask("成都 2022 GDP 增速", (2022,))
    assert a and not a.abstained and "2.8%" in a.text and "20817.5亿元" in a.text, a


def test_a_table_row_is_picked_by_the_unit_asked_and_never_inside_a_listed_name():
    from rag.ask.indicator_select import table_row_named

    def row(name: str, value: float, unit: str) -> Figure:
        f = fig("乌市", 2025, name, "level", value, unit, f"{name} | {unit} | {value}")
        return Figure(**{**f.__dict__, "source": "table", "listed": False})

    records = [row("第二产业：工业", 329.29, "亿千瓦时"), row("汽车", 4144, "辆")]
    found = table_row_named("乌市2025年规上工业汽车产量多少辆", records, "乌市")
    assert found and found[0] == "汽车", found
    assert table_row_named("乌市2025年规上工业汽车产量多少辆", records, "乌市", [(7, 11)])[0] == "汽车"


def test_two_places_equal_in_growth_are_level_not_higher_by_zero():
    records = [fig("西宁市", 2025, "地区生产总值", "growth", 4.7, "%", "地区生产总值增长4.7%。", doc="x.txt"),
               fig("青海省", 2025, "地区生产总值", "growth", 4.7, "%", "全省地区生产总值增长4.7%。", doc="q.txt")]
    a = answer_indicator("西宁2025年GDP增速跟青海全省比怎么样？", records, place="西宁市",
                         library_places=["西宁市", "青海省"], years=(2025,), period=None)
    assert a and not a.abstained and "持平" in a.text and "0.0个百分点" not in a.text, a and a.text


def test_a_difference_asked_as_差额_is_the_amounts_difference():
    a = ask("成都 2022 2021 GDP 差额 增速", (2021, 2022))
    assert a and "900.5（20817.5−19917.0，系计算）亿元" in a.text and "5.8个百分点" in a.text, a and a.text
