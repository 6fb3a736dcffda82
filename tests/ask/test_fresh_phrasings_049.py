"""Classes kept from blind batch 049 after its first score, through the whole pipeline over an invented library
(云川省, 云岭州, 枫石市, 松岭市, 柳河市 and 青苗区 are not real places): a place named only inside a larger place's documents
(a county-level city in its prefecture's communiqué, a prefecture's figure in its province's report) is answered from
the sentences naming it, and only those; several items of one target each judged on their own figures; both ends of
one table asked at once; a period said as the table's name ("三季度那张进展表上"); every count or length asked by its
unit ("几条线、多少公里"); two places compared, each read in its own documents' words (客运总量 for 客运量); a name the
library writes in quotes said without them."""

from __future__ import annotations

import pytest
import testenv

from rag.ask.judge_items import judge_items
from rag.ask.named_inside import names_of, naming
from rag.ask.quoted_names import quoted_names
from rag.ask.terms import Term
from rag.domain import Row

PREFECTURE = "\n".join([
    "云岭州2031年国民经济和社会发展统计公报",
    "云岭州统计局",
    "全年地区生产总值1210.5亿元，比上年增长5.2%。",
    "全年固定资产投资（不含农户）比上年增长9.9%。",
    "州府所在地枫石市环境空气平均优良天数比例95.6%，同比下降2.2个百分点；PM2.5浓度为26.6微克/立方米，同比下降4.7%。",
    "全州环境空气质量优良天数比例93.1%。",
    "",
    "表2   2031年分行业固定资产投资（不含农户）增速",
    "行业 | 比上年增长（%）",
    "农、林、牧、渔业 | 12.4",
    "制造业 | 25.1",
    "交通运输、仓储和邮政业 | 130.3",
    "科学研究和技术服务业 | -83.3",
    "教育 | -10.2",
]) + "\n"

PROVINCE_2031 = "\n".join([
    "云川省2031年政府工作报告",
    "——2031年1月20日在云川省第十四届人民代表大会第三次会议上",
    "一、2030年工作回顾",
    "全省地区生产总值5.53万亿元，增长4.8%。",
    "二、2031年工作安排",
    "开展城市更新行动，改造老旧小区4000个以上、城市危旧房3万套、城中村10万户。",
]) + "\n"

PROVINCE_2032 = "\n".join([
    "云川省2032年政府工作报告",
    "——2032年1月18日在云川省第十四届人民代表大会第四次会议上",
    "一、2031年工作回顾",
    "新开工改造城镇老旧小区4402个、城中村5.1万户、城市危旧房3.1万套（间）。",
    "云岭州矿业权出让实现收益60.37亿元，昆冈工业园区总产值突破百亿元；柳河市新增就业2.1万人。",
    "全省城镇新增就业62万人。",
]) + "\n"

TABLE = "\n".join([
    "青苗区2031年政府工作报告重点工作任务三季度进展情况表", "",
    "序号\t目标任务\t牵头单位\t进展情况",
    "1\t实现技术交易额45亿元\t经信科技局\t1-8月完成技术交易额44.54亿元。",
    "2\t新增停车泊位5000个\t交通局\t已新增停车泊位3100个。",
]) + "\n"

QM_2032 = "\n".join([
    "青苗区2032年政府工作报告",
    "——2032年1月9日在青苗区第二届人民代表大会第四次会议上",
    "一、2031年工作回顾",
    "完成技术交易额95亿元、增长136%。",
]) + "\n"

SL_COMMUNIQUE = "\n".join([
    "松岭市2031年国民经济和社会发展统计公报",
    "松岭市统计局",
    "年末全市地铁运行线路3条，运营车站60座（含换乘站3座），建成投用里程78.2公里。2031年度客运量1.89亿人次。",
]) + "\n"

LH_COMMUNIQUE = "\n".join([
    "柳河市2031年国民经济和社会发展统计公报",
    "柳河市统计局",
    "年末地铁运营线路6条，运营里程205.7公里，全年地铁客运总量3.21亿乘次。",
]) + "\n"


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    return testenv.invented_library(tmp_path_factory, {
        "yl_gb_2031.txt": PREFECTURE, "yc_2031.txt": PROVINCE_2031, "yc_2032.txt": PROVINCE_2032,
        "qm_q3.txt": TABLE, "qm_2032.txt": QM_2032, "sl_gb_2031.txt": SL_COMMUNIQUE, "lh_gb_2031.txt": LH_COMMUNIQUE})


def test_a_city_named_only_in_its_prefectures_communique_is_answered_from_that_sentence(library):
    a = testenv.assert_answered(library, "吉首 in 湘西", "枫石市2031年PM2.5浓度多少？空气优良天数比例多少",
                                ("26.6", "95.6%", "枫石市"))
    assert "93.1%" not in a.text, a.text  # the prefecture's own figure is not the city's
    assert any("枫石市" in w for w in a.warnings), a.warnings


def test_a_prefectures_figure_stated_in_its_provinces_report_is_answered(library):
    testenv.assert_answered(library, "和田 in 新疆", "云岭州2031年矿业权出让收了多少钱？", ("60.37亿元",))


def test_a_sentence_naming_the_place_stops_at_a_part_about_another_place():
    row = Row("d", None, "云川省", "t", "", "paragraph",
              "云岭州矿业权出让实现收益60.37亿元，昆冈工业园区总产值突破百亿元；柳河市新增就业2.1万人。全省城镇新增就业62万人。")
    cut = naming(row, names_of("云岭州"))
    assert cut is not None and "60.37" in cut.text and "2.1万人" not in cut.text and "62万人" not in cut.text


def test_each_item_the_question_names_is_judged_on_its_own_figures():
    verdict = judge_items("改造老旧小区4000个以上、城市危旧房3万套、城中村10万户",
                          "新开工改造城镇老旧小区4402个、城中村5.1万户、城市危旧房3.1万套（间）",
                          "城中村改造定的多少户？最后干完没？老旧小区改造呢")
    assert "城中村未完成" in verdict and "老旧小区已完成" in verdict, verdict
    assert verdict.index("城中村") < verdict.index("老旧小区")  # in the order the question names them
    assert judge_items("改造老旧小区4000个以上、城中村10万户", "老旧小区4402个、城中村5.1万户", "城中村完成没") == ""


def test_several_items_of_a_target_through_the_pipeline(library):
    a = testenv.assert_answered(library, "城中村…老旧小区呢", "云川省2031年城中村改造定了多少户？完成没？老旧小区改造呢",
                                ("10万户", "5.1万户", "城中村未完成", "老旧小区已完成"))
    assert "判断：实际4402个" not in a.text, a.text


def test_both_ends_of_one_table_asked_at_once(library):
    a = testenv.assert_answered(library, "最猛、最狠", "云岭州2031年分行业固投，哪个行业涨得最猛、哪个跌得最狠？各多少",
                                ("交通运输、仓储和邮政业", "130.3", "科学研究和技术服务业", "83.3"))
    assert a.text.index("130.3") < a.text.index("83.3")
    testenv.assert_answered(library, "增长最快和下降最多的分别是哪个", "请问云岭州2031年分行业固定资产投资中，增长最快和"
                            "下降最多的分别是哪个行业？", ("130.3", "83.3"))


def test_a_period_said_as_the_tables_name_is_judged_on_that_table(library):
    a = testenv.assert_answered(library, "三季度那张进展表上", "青苗区2031年技术交易额定了45个亿，三季度那张进展表上完成没？",
                                ("44.54亿元",))
    assert "95亿元" not in a.text, a.text


def test_every_unit_asked_is_quoted(library):
    testenv.assert_answered(library, "几条线、多少公里", "松岭市的地铁，2031年底有几条线、多少公里？", ("3条", "78.2公里"))


def test_two_places_compared_each_in_its_own_words(library):
    a = testenv.assert_answered(library, "客运量 = 客运总量", "松岭市和柳河市的地铁，2031年底各有几条线、多少公里？全年客运量各多少？",
                                ("78.2公里", "1.89亿人次", "205.7公里", "3.21亿乘次"))
    assert "资料未载明" not in a.text, a.text


def test_a_name_the_library_quotes_is_one_subject_word():
    terms = (Term(("千项",), 1.0), Term(("万亿",), 0.4), Term(("项目",), 0.4))
    out = quoted_names("纳入省千项万亿的那16个项目", terms, lambda: ["纳入省“千项万亿”工程项目共16个"])
    assert [t.alts[0] for t in out] == ["项目", "千项万亿"]

