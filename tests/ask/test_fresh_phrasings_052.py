"""Classes kept from blind batch 052 and paraphrase set 028 after their first scores (invented places: 云川省, 松岭市,
青苗区, 枫石市): a list joined by 、 whose items hold 和 (批发和零售业、卫生和社会工作); a share asked (占…的比重) is read
as a share, of each year asked; "今年（2026年）" says which year 去年 is; each piece of a question about a place
inside a library place is of that place."""

from __future__ import annotations

import pytest
import testenv

from rag.ask.question_time import this_year_said
from rag.ask.sides import sides

REPORT_2032 = "\n".join([
    "松岭市2032年政府工作报告",
    "——2032年1月10日在松岭市第十六届人民代表大会第三次会议上",
    "一、2031年工作回顾",
    "民生支出1041亿元，占一般公共预算支出的87.2%。",
]) + "\n"

REPORT_2029 = "\n".join([
    "松岭市2029年政府工作报告",
    "——2029年1月12日在松岭市第十五届人民代表大会第五次会议上",
    "一、2028年工作回顾",
    "全年民生支出666亿元，占一般公共预算支出的84.1%，高于全省3.3个百分点。",
]) + "\n"

PREFECTURE = "\n".join([
    "云岭州2031年国民经济和社会发展统计公报",
    "云岭州统计局",
    "全州环境空气质量优良天数比例93.1%。",
    "州府所在地枫石市环境空气平均优良天数比例95.6%，同比下降2.2个百分点；PM2.5浓度为26.6微克/立方米，同比下降4.7%。",
]) + "\n"


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    return testenv.invented_library(tmp_path_factory, {"sl_2032.txt": REPORT_2032, "sl_2029.txt": REPORT_2029,
                                                       "yl_gb_2031.txt": PREFECTURE})


def test_a_list_joined_by_dun_keeps_the_he_inside_its_items():
    parts = [s.text for s in sides("乌鲁木齐2025年分行业固定资产投资里，批发和零售业、卫生和社会工作各增长多少？", lambda w: True)]
    assert len(parts) == 2 and "批发和零售业增长" in parts[0] and "卫生和社会工作增长" in parts[1], parts


def test_a_share_asked_of_two_years_is_each_years_share(library):
    a = testenv.assert_answered(library, "占…的比重，两年", "松岭民生支出占一般公共预算支出的比重，2028年和2031年分别是多少？",
                                ("84.1%", "87.2%"))
    assert "1041亿元" not in a.text, a.text


def test_a_question_that_says_which_year_this_is_counts_last_year_from_it():
    assert this_year_said("广东去年城镇新增就业多少万人？今年（2026年）目标定的多少？").startswith("广东2025年城镇新增就业")
    assert this_year_said("广东去年城镇新增就业多少万人？") == "广东去年城镇新增就业多少万人？"


def test_each_piece_of_a_question_about_a_place_inside_is_of_that_place(library):
    a = testenv.assert_answered(library, "云岭州枫石市…？…比例是多少", "请问云岭州枫石市2031年PM2.5浓度是多少？空气质量优良天数比例是多少？",
                                ("26.6", "95.6%"))
    assert "93.1%" not in a.text, a.text
