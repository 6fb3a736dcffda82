"""Figure records from clauses (rag.ingest.figures.clauses) and from communiqué tables
(rag.ingest.parse.communique): indicator, measure, value, unit, base, in sentences written as the reports write
them; letter-spaced PDF lines; pipe, space-separated and two-panel tables."""

from __future__ import annotations

from rag.domain import Document, Row
from rag.ingest.figures import extract
from rag.ingest.figures.clauses import sentence_figures
from rag.ingest.figures.vocab import normalise
from rag.ingest.parse.communique import parse_tables


def _figs(sentence: str) -> list[tuple[str, str, float, str]]:
    return [(s[0], m, v, u) for s, m, v, u, _ in sentence_figures(normalise(sentence))]


def test_level_and_growth_of_the_named_indicator():
    got = _figs("全年实现地区生产总值（GDP）19917.0 亿元，按可比价格计算，比上年增长 8.6%。")
    assert got == [("地区生产总值", "level", 19917.0, "亿元"), ("地区生产总值", "growth", 8.6, "%")]


def test_per_capita_is_its_own_indicator_and_a_decline_is_negative():
    assert _figs("按常住人口计算，人均地区生产总值 94622 元，增长 6.7%。")[0] == ("人均地区生产总值", "level", 94622.0, "元")
    assert _figs("基础设施投资下降 4.1%。") == [("基础设施投资", "growth", -4.1, "%")]


def test_each_part_keeps_its_own_figures_and_a_share_is_not_the_subjects_change():
    got = _figs("其中税收收入完成 1272.9 亿元，增长 12.6%，占一般公共预算收入比重达 75.0%，比上年提高 0.7 个百分点。")
    assert got == [("税收收入", "level", 1272.9, "亿元"), ("税收收入", "growth", 12.6, "%"), ("税收收入", "share", 75.0, "%")]


def test_sub_items_are_not_the_headline_indicator():
    got = _figs("全年居民消费价格（CPI）比上年上涨 0.5%，其中交通和通信类上涨 4.3%。")
    assert got == [("居民消费价格", "growth", 0.5, "%"), ("交通和通信类", "growth", 4.3, "%")]


def test_letter_spaced_lines_and_unlisted_words():
    assert _figs("民营经济增 加 值 增 长 4 . 5 % ， 占 G D P 比 重 为 6 4 % 。") == [
        ("民营经济增加值", "growth", 4.5, "%"), ("民营经济增加值", "share", 64.0, "%")]
    assert _figs("快递业务量 18.3 亿件，增长27.4%。")[0] == ("快递业务量", "level", 18.3, "亿件")


def test_lists_after_fenbie_and_sub_regions_are_not_read():
    assert _figs("三次产业对经济增长的贡献率分别为 2.0%、28.6%和69.4%。") == []
    assert not [f for f in _figs("成都平原经济区经济总量达到4万亿元") if f[0] == "地区生产总值"]


def test_rate_indicator_change_in_points_and_flat():
    assert _figs("常住人口城镇化率79.5%，比上年末提高 0.7 个百分点。") == [
        ("常住人口城镇化率", "level", 79.5, "%"), ("常住人口城镇化率", "change_pp", 0.7, "个百分点")]
    assert _figs("全年居民消费价格（CPI）与上年持平。") == [("居民消费价格", "growth", 0.0, "%")]


TABLES = """〔第2页〕
表 1：2021 年地区生产总值及其增长速度
指标 | 2021年（亿元） | 比上年增长（%）
地区生产总值 | 19917.0 | 8.6
第一产业 | 582.8 | 4.8
表2   2025年全社会用电量及变动情况

指 标 | 绝对数（亿千瓦时） | 比上年增长（%）

第一产业 | 1.87 | 3.4
2025年客货运输总量及增速
指标 单位 绝对数 比上年增长（%）
旅客运输总量 万人次 1894.73 60.2
公路 万人次 1527.22 83.3
行 业 比上年增长（%） 行 业 比上年增长（%）
采矿业 83.7 房地产业 -22.3
"""


def test_communique_tables_pipes_spaces_and_two_panels():
    cells = parse_tables(TABLES)
    gdp = [c for c in cells if c.label == "地区生产总值"]
    assert [(c.table, c.column.measure, c.value, c.unit, c.page) for c in gdp] == [
        ("表1", "level", 19917.0, "亿元", 2), ("表1", "growth", 8.6, "%", 2)]
    assert any(c.label == "旅客运输总量" and c.unit == "万人次" and c.value == 1894.73 for c in cells)
    assert {(c.label, c.value) for c in cells if c.column.measure == "growth"} >= {("采矿业", 83.7), ("房地产业", -22.3)}


def test_a_short_alias_names_its_indicator_only_in_a_table_about_it():
    doc = Document("t.txt", TABLES, district="成都市", year=2021)
    figs = extract([], {"t.txt": doc})
    first = [f for f in figs if f.words == "第一产业"]
    assert {(f.table, f.indicator) for f in first} == {("表1", "第一产业增加值"), ("表2", "第一产业")}
    assert all(f.source == "table" and f.stance == "actual" for f in figs)


def test_row_records_carry_the_rows_citation_and_the_communique_year():
    text = "2021年成都市国民经济和社会发展统计公报\n全年实现地区生产总值19917.0亿元，比上年增长8.6%。"
    row = Row("c.txt", None, "成都市", "", "", "paragraph", "全年实现地区生产总值19917.0亿元，比上年增长8.6%。",
              paragraph=2, year=2022, period_label="全年")
    figs = extract([row], {"c.txt": Document("c.txt", text, district="成都市")})
    assert {(f.year, f.paragraph, f.row_id, f.cite) for f in figs} == {(2021, 2, row.id, "c.txt 第2段")}


def test_a_round_mark_passed_gives_way_to_the_exact_value():
    assert _figs("其中农村居民人均可支配收入首次突破3万元、达到30512元。") == [
        ("农村居民人均可支配收入", "level", 30512.0, "元")]


def test_a_rank_or_a_gap_to_another_place_is_not_the_subjects_figure():
    got = _figs("全市地区生产总值达到2.34万亿元、稳居全国前二十强、增长4.1%，其中规模工业增加值增长5.2%、"
                "高于全国平均0.4个百分点。")
    assert got == [("地区生产总值", "level", 2.34, "万亿元"), ("地区生产总值", "growth", 4.1, "%"),
                   ("规模以上工业增加值", "growth", 5.2, "%")]


def _row_figs(text: str) -> list[tuple[int | None, str, str, str, float]]:
    from rag.ingest.figures.clauses import row_figures

    row = Row(doc="x.txt", row=None, district="示例省", title="2031年示例省政府工作报告", period="2031",
              kind="paragraph", text=text, paragraph=3, year=2030, period_label="全年", stance="actual")
    return [(f.year, f.period, f.stance, f.indicator, f.value) for f in row_figures(row, "示例省")]


def test_a_target_word_in_the_prose_around_a_review_is_not_a_target():
    got = _row_figs("过去一年，面对艰巨繁重的改革发展稳定任务，我们努力加快高质量发展步伐，全省地区生产总值达到2.34万亿元、增长4.1%。")
    assert {stance for _, _, stance, _, _ in got} == {"actual"}
    assert {s for _, _, s, _, _ in _row_figs("今年主要预期目标是：地区生产总值增长5%左右，一般公共预算收入增长3%左右。")} \
        == {"target"}


def test_a_five_year_total_is_not_one_years_figure():
    got = _row_figs("地方一般公共预算收入累计超1.2万亿元、较“十三五”增长12.5%。")
    assert {period for _, period, _, _, _ in got} == {"多年"}


def test_two_column_heads_printed_in_one_cell_are_two_columns():
    text = "表 5：2030 年末示例存贷款余额\n指标 | 2030年末（亿元）比上年末增长（%）\n示例存款余额 | 1234 | 5.6\n"
    got = [(c.label, c.column.measure, c.value, c.unit) for c in parse_tables(text)]
    assert got == [("示例存款余额", "level", 1234.0, "亿元"), ("示例存款余额", "growth", 5.6, "%")]


def test_town_and_country_pairs_a_start_value_and_an_average_growth():
    assert _figs("城乡居民人均可支配收入年均分别增长5.3%、7.1%。") == [
        ("城镇居民人均可支配收入", "avg_growth", 5.3, "%"), ("农村居民人均可支配收入", "avg_growth", 7.1, "%")]
    assert _figs("全体居民人均可支配收入由2.57万元增加到3.52万元、年均增长6.5%。") == [
        ("居民人均可支配收入", "level", 3.52, "万元"), ("居民人均可支配收入", "avg_growth", 6.5, "%")]
    assert _figs("地区生产总值跨越5000亿元大关，年均增长5.7%。") == [("地区生产总值", "avg_growth", 5.7, "%")]
    assert _figs("全社会研发经费投入预计年均增长11%以上。")[0][0] == "全社会研发经费投入"


def test_town_and_country_amounts_are_each_sides():
    both = [("城镇居民人均可支配收入", "level", 41520.0, "元"), ("农村居民人均可支配收入", "level", 22100.0, "元"),
            ("城镇居民人均可支配收入", "growth", 5.0, "%"), ("农村居民人均可支配收入", "growth", 6.5, "%")]
    assert _figs("城乡居民人均可支配收入41520元、22100元，分别增长5%、6.5%。") == both
    assert _figs("城乡居民人均可支配收入分别达到41520元和22100元，分别增长5%、6.5%。") == both
    assert _figs("城乡居民人均可支配收入41520元，增长5%。") == [
        ("城乡居民人均可支配收入", "level", 41520.0, "元"), ("城乡居民人均可支配收入", "growth", 5.0, "%")]


def test_a_yearly_average_of_a_span_is_not_one_years_figure():
    assert {p for _, p, _, _, _ in _row_figs("每年城镇新增就业40万人以上，粮食总产762亿斤。")} == {"多年"}
    assert _figs("粮食总产762亿斤，创历史新高。") == [("粮食产量", "level", 762.0, "亿斤")]


def test_a_mark_passed_then_the_value_in_one_clause():
    assert _figs("全年地区生产总值突破200亿元达到201.5亿元，增长5.2%。") == [
        ("地区生产总值", "level", 201.5, "亿元"), ("地区生产总值", "growth", 5.2, "%")]


def test_a_segment_that_opens_with_its_own_part_of_the_year_records_that_period():
    from rag.ingest.figures.clauses import timed_figures

    got = [(s[0], m, v, when) for s, m, v, _, _, _, when in timed_figures(normalise(
        "分季度看，一季度全县地区生产总值同比增长3.9%，上半年增长4.4%，前三季度增长5.2%，全年增长5.8%。"))]
    assert got == [("地区生产总值", "growth", 3.9, "一季度"), ("地区生产总值", "growth", 4.4, "上半年"),
                   ("地区生产总值", "growth", 5.2, "前三季度"), ("地区生产总值", "growth", 5.8, "全年")]
    plain = timed_figures(normalise("全县规模以上工业增加值增长7.3%。"))
    assert [f[6] for f in plain] == [""]  # no period of its own: the sentence's (rag.ingest.periods) applies


def test_the_word_for_an_amount_after_a_named_indicator_is_that_indicators_amount():
    got = _figs("全县地区生产总值增长5.4%、全市第一，高于全省平均水平，总量达到318.6亿元，重返全市第二。")
    assert got == [("地区生产总值", "growth", 5.4, "%"), ("地区生产总值", "level", 318.6, "亿元")]
    assert _figs("上半年全县粮食产量52.1万吨，与上年持平。") == [("粮食产量", "level", 52.1, "万吨"), ("粮食产量", "growth", 0.0, "%")]


def test_a_growth_cell_written_as_times_keeps_its_unit():
    table = ("表5  2030年青禾县分行业投资增长速度\n\n行 业 | 比上年增长（%） | 行 业 | 比上年增长（%）\n\n"
             "总计 | 3.1 | 教育 | -12.0\n\n住宿和餐饮业 | 2.6倍 | 卫生 | 18.4\n")
    got = [(c.label, c.value, c.unit, c.column.measure) for c in parse_tables(table)]
    assert ("住宿和餐饮业", 2.6, "倍", "growth") in got and ("卫生", 18.4, "%", "growth") in got


def test_a_growth_stated_with_its_qualifier_keeps_the_qualifier():
    from rag.ingest.figures.clauses import timed_figures

    got = [(m, v, q) for _, m, v, _, _, q, _ in timed_figures(normalise(
        "全年一般公共预算收入完成86.3亿元，剔除减税降费因素后增长6.4%，按自然口径计算增长2.2%。"))]
    assert got == [("level", 86.3, ""), ("growth", 6.4, "剔除减税降费因素后"), ("growth", 2.2, "按自然口径计算")]
    same = [(m, v, q) for _, m, v, _, _, q, _ in timed_figures(normalise("税收收入41.7亿元、增长3.1%（同口径增长4%以上）。"))]
    assert same == [("level", 41.7, ""), ("growth", 3.1, ""), ("growth", 4.0, "同口径")]
    plain = timed_figures(normalise("全年地区生产总值88.1亿元，按可比价格计算，增长5.0%。"))
    assert [f[5] for f in plain] == ["", ""]  # a price basis is not a qualifier of one of two readings


def test_a_rank_kept_or_shared_by_total_and_growth_is_the_subjects_own():
    kept = _figs("全省地区生产总值增长5.7%，经济总量达到64697亿元，保持全国第5位。")
    assert ("地区生产总值", "rank", 5.0, "位") in kept
    both = _figs("实现地区生产总值67665亿元，增长5.5%，总量和增速均居全国第5位；")
    assert ("地区生产总值", "rank", 5.0, "位") in both
    assert not [f for f in _figs("粮食产量10亿斤，回迁安置完成率居全市第一。") if f[1] == "rank"]  # another's rank


def test_a_row_without_values_heads_the_rows_below_it():
    from rag.ingest.figures.tables import _indicator

    text = ("表4 2030年各种运输方式完成运输量情况\n指 标 | 单位 | 绝对数 | 比上年增长（%）\n"
            "公路 | | |\n旅客发送量 | 万人次 | 3540.67 | 4.2\n铁路 | | |\n旅客到发量 | 万人次 | 6549.54 | 108.3\n")
    cells = [c for c in parse_tables(text) if c.column.measure == "level"]
    assert [(c.label, c.group, c.value) for c in cells] == [("旅客发送量", "公路", 3540.67), ("旅客到发量", "铁路", 6549.54)]
    assert _indicator(cells[1])[0] == "铁路：旅客到发量"


def test_the_value_started_from_is_not_the_years_figure_even_after_a_time_word():
    """035: "由上年729万人增加到732万人" is 732万人; the figure it started from, dated 上年 or a year, is not recorded."""
    assert _figs("常住人口由上年729万人增加到732万人，城镇化率达69.1%。") == [
        ("常住人口", "level", 732.0, "万人"), ("常住人口城镇化率", "level", 69.1, "%")]
    assert _figs("城镇居民人均可支配收入由2020年4.2万元增加到5.1万元。") == [("城镇居民人均可支配收入", "level", 5.1, "万元")]


def test_a_bracketed_note_with_a_comma_stays_inside_its_clause():
    """035: "固定资产投资（不含农户，下同）比上年下降4.2%" is the investment's growth, not a figure of "下同）"."""
    assert _figs("全年固定资产投资（不含农户，下同）比上年下降4.2%。") == [("固定资产投资", "growth", -4.2, "%")]


def test_the_total_row_of_a_table_is_the_one_indicator_its_caption_names():
    """035: 表4 "分行业固定资产投资（不含农户）增长速度"'s 总计 row is 固定资产投资; a caption naming none keeps it out."""
    text = "\n".join(["表4  2031年分行业固定资产投资（不含农户）增长速度", "",
                      "行 业 | 比上年增长（%） | 行 业 | 比上年增长（%）", "",
                      "总计 | -4.2 | 金融业 | -86.9", "", "农林牧渔业 | 62.1 | 房地产业 | -0.6", "",
                      "表5  2031年分行业从业人员增长速度", "", "行 业 | 比上年增长（%）", "", "总计 | 3.1", "",
                      "制造业 | 2.2", ""])
    figs = extract([], {"t.txt": Document("t.txt", text, district="青禾市", year=2031)})
    whole = [(f.table, f.indicator, f.value) for f in figs if f.words == "总计"]
    assert whole == [("表4", "固定资产投资", -4.2)]


def test_a_total_row_whose_columns_or_rows_say_what_it_is_of_is_not_the_captions_indicator():
    """A 总计 row under 出口额 | 进口额 columns is neither 进出口总额; a product table's 总计 is not 规上工业增加值."""
    text = "\n".join(["表7 2031年对主要国家和地区进出口情况", "",
                      "国家和地区 | 出口额 (亿元) | 比上年 增长(%) | 进口额 (亿元) | 比上年 增长(%)", "",
                      "总计 | 500.5 | 3.1 | 300.2 | -2.0", "", "东盟 | 236.36 | -20.2 | 109.46 | -3.1", "",
                      "表3 2031年规模以上工业增加值主要产品产量", "", "产品名称 | 单位 | 产量 | 比上年增长(%)", "",
                      "总计 | 万吨 | 10 | 5.0", "", "水泥 | 万吨 | 6 | 2.0", ""])
    figs = extract([], {"t.txt": Document("t.txt", text, district="青禾市", year=2031)})
    assert not [f for f in figs if f.words == "总计" and f.indicator in ("进出口总额", "规模以上工业增加值")]


def test_value_added_of_farming_is_not_its_output_value():
    from rag.ingest.figures.vocab import find

    assert find("农林牧渔业增加值") == "农林牧渔业增加值" and find("农林牧渔业总产值") == "农林牧渔业总产值"
    assert _figs("全年农林牧渔业增加值增长4.5%。") == [("农林牧渔业增加值", "growth", 4.5, "%")]


def test_a_paragraph_opening_five_years_holds_five_years_figures():
    """"五年来，…城镇新增就业522万人" is the five years' total (period 多年), not the report year's."""
    text = "五年来，我们大力发展民生社会事业。城镇新增就业522万人，农村劳动力转移稳定在2500万人以上。"
    row = Row("w.txt", None, "四川省", "", "", "paragraph", text, paragraph=18, year=2025, period_label="全年")
    figs = extract([row], {"w.txt": Document("w.txt", text, district="四川省")})
    assert {(f.indicator, f.period) for f in figs if f.indicator == "城镇新增就业"} == {("城镇新增就业", "多年")}
    text = "过去五年，城镇新增就业522万人。2025年，城镇新增就业107万人。"
    row = Row("w.txt", None, "四川省", "", "", "paragraph", text, paragraph=18, year=2025, period_label="全年")
    figs = extract([row], {"w.txt": Document("w.txt", text, district="四川省")})
    assert {(f.value, f.period) for f in figs} == {(522.0, "多年"), (107.0, "全年")}  # a sentence naming its year


def test_figures_of_the_second_records_sample_classes():
    """Classes of the second blind records sample (seed 2026): units 天 and 微克/立方米; a pollutant's Latin name and
    a bracketed alias in the words; a counted thing in quotes after the number; a verb of reporting inside the words;
    跨过 a mark of the named indicator."""
    assert _figs("重污染天气减少38天。") == [("重污染天气", "change", -38.0, "天")]
    assert _figs("全省PM2.5年均浓度为30微克/立方米。") == [("PM2.5年均浓度", "level", 30.0, "微克/立方米")]
    assert _figs("全年细颗粒物（PM2.5）平均浓度30.4微克/立方米。")[0][2:] == (30.4, "微克/立方米")
    assert _figs("加快6个“千万工程”项目建设。")[0][0] != "加快"
    assert _figs("全州普通初中有在校学生 117650 人。") == [("普通初中在校学生", "level", 117650.0, "人")]
    assert _figs("前六大主导行业实现产值32088.4亿元。")[0][0] == "前六大主导行业产值"
    assert _figs("地区生产总值跨过3万亿元、年均增长5.2％。")[0][0] == "地区生产总值"


def test_prose_printed_after_a_table_row_is_read():
    """A PDF paragraph that opens with a table row's cells ("…｜ 535.0 ｜ -35.6全年邮政业务总量…"): the prose after the
    last cell is read; a progress row's labelled cells are not (the status rules read them)."""
    text = "全年旅客周转量 ｜ 亿人公里 ｜ 535.0 ｜ -35.6全年邮政业务总量 195.3 亿元，比上年增长 3.2%。"
    row = Row("c.txt", None, "成都市", "", "", "paragraph", text, paragraph=25, year=2022, period_label="全年")
    figs = extract([row], {"c.txt": Document("c.txt", "2022年成都市国民经济和社会发展统计公报\n" + text, district="成都市")})
    assert ("邮政业务总量", 195.3) in {(f.indicator, f.value) for f in figs}


def test_an_industry_named_by_a_list_of_its_parts_is_its_own_subject():
    """"铁路、船舶、航空航天和其他运输设备制造业增长145.7%": a name longer than a plain subject, made of parts joined by
    、, is the growth's own (not carried on from the industry before it); 计算机 is no 按…计算."""
    s = ("全市规模以上工业中，黑色金属冶炼和压延加工业增长8.9%，铁路、船舶、航空航天和其他运输设备制造业增长145.7%，"
         "计算机、通信和其他电子设备制造业增长33.4%。")
    got = {words: value for (_, words, _), _, value, _, _ in sentence_figures(s)}
    assert got == {"黑色金属冶炼和压延加工业": 8.9, "铁路、船舶、航空航天和其他运输设备制造业": 145.7,
                   "计算机、通信和其他电子设备制造业": 33.4}


def test_an_unlisted_output_is_recorded_under_one_name():
    """"棉花总产616.5万吨": 总产 and 总产量 are 产量 (asked as 棉花产量); the words stay as written."""
    from rag.ingest.figures.clauses import unlisted_id

    assert unlisted_id("棉花总产") == unlisted_id("棉花总产量") == "棉花产量"
    assert unlisted_id("总产") == "总产"


def test_a_total_said_after_the_new_ones_is_of_the_thing_not_of_the_new():
    got = _figs("新增境内外上市公司45家、总量达1224家。")
    assert ("境内外上市公司", "level", 1224.0, "家") in got and ("新增境内外上市公司", "level", 45.0, "家") in got


def test_an_adverb_before_a_change_word_and_a_verb_of_proposing_are_no_part_of_the_name():
    assert _figs("CPI微降0.1%。") == [("CPI", "growth", -0.1, "%")]
    assert _figs("提出地区生产总值年均增长5%—5.5%。")[0][:2] == ("地区生产总值", "avg_growth")


def test_a_name_with_a_bracketed_note_keeps_its_first_characters():
    got = _figs("全年全市可再生能源发电量（风力发电和太阳能发电）209.43亿千瓦时，比上年增长36.4%。")
    assert got[0] == ("可再生能源发电量（风力发电和太阳能发电）", "level", 209.43, "亿千瓦时")


def test_a_number_said_with_duo_or_yu_and_units_of_passenger_and_freight_work():
    assert ("投资", "level", 2400.0, "亿元") in _figs("实施重点项目2800多个，完成投资2400多亿元。")
    assert _figs("民航旅客周转量717930.32万人公里，增长11.6%")[0] == ("民航旅客周转量", "level", 717930.32, "万人公里")
    assert _figs("形成10个以上典型案例。")[0][0] == "形成典型案例"  # the bound (以上) is no part of what is counted
