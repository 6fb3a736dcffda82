"""A question that asks two periods or two things, through the whole pipeline over an invented library (青禾县 is
not a real county): the progress table answers as of its month, the next year's report the whole year; things asked
side by side are answered one by one, each cited."""

from __future__ import annotations

import pytest
import testenv

TABLE = "\n".join([
    "青禾县2031年重点工作三季度进展情况表", "",
    "序号\t工作任务\t责任单位\t进展情况",
    "1\t全年城镇新增就业1.2万人。\t县人力社保局\t截至9月底新增城镇就业10350人。",
    "2\t建设青禾湖配套工程一期。\t县建投集团\t青禾湖配套工程一期绿化工程：完成总工程量30%。青禾湖配套工程一期（桥梁部分）：完成总量的70%。",
    "3\t新建城北小学一所。\t县教育局\t城北小学主体结顶，完成投资0.8亿元。",
    "5\t推进碧水工程，加快北港泵站、南湖泵站建设，断面水质达标率100%。\t县水利局\t1.全力推进碧水工程。2.北港泵站：先行段已完工，"
    "累计完成投资6.2亿元；南湖泵站：已全线开工，累计完成投资3.1亿元。3.断面水质达标率100%。",
    "4\t打通断头路3条、提升改造公路4条。\t县交通运输局\t打通断头路任务3条：已完工3条。提升改造公路4条：已完成1条。",
    "6\t新建续建交通项目12个，开工建设东环快速路，建成投用青禾客运站。\t县交通运输局\t1.新建续建交通项目12个，"
    "已开工10个。 2.开工建设东环快速路：初步设计已获批复，土地报批正在审查。 3.建成投用青禾客运站：已投用。",
]) + "\n"

REPORT = "\n".join([
    "青禾县2032年政府工作报告",
    "——2032年1月10日在青禾县第九届人民代表大会第二次会议上",
    "一、2031年工作回顾",
    "过去一年，全县地区生产总值增长6.2%。城镇新增就业1.31万人，城北小学建成投用。",
    "二、2032年工作安排",
    "城镇新增就业1.2万人以上，地区生产总值增长6%左右。",
]) + "\n"


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    return testenv.invented_library(tmp_path_factory, {"qinghe_q3.txt": TABLE, "qinghe_2032.txt": REPORT})


ask = testenv.ask_offline


def test_as_of_a_month_and_the_whole_year_are_two_parts_each_cited(library):
    a = ask(library, "青禾县城镇新增就业9月底到多少了，年底最后多少")
    assert not a.abstained, a.text
    assert "10350" in a.text and "1.31万" in a.text and a.text.index("10350") < a.text.index("1.31万")
    assert {c.doc for c in a.citations} == {"qinghe_q3.txt", "qinghe_2032.txt"}


def test_a_status_asked_with_a_later_period_gets_the_years_figure_too(library):
    a = ask(library, "青禾县城镇新增就业截至9月底完成多少，年底能完成吗")
    assert not a.abstained, a.text
    assert "10350" in a.text and "全年：" in a.text and "1.31万" in a.text.split("全年：", 1)[1]


def test_things_side_by_side_are_each_answered_even_when_the_ask_says_jindu(library):
    a = ask(library, "青禾湖配套工程一期，绿化和桥梁的进度分别多少")
    assert not a.abstained, a.text
    assert "30%" in a.text and "70%" in a.text and a.text.index("30%") < a.text.index("70%")


def test_a_status_verdict_answers_the_yes_no_asked_in_plain_words(library):
    some = ask(library, "青禾县打通断头路3条、提升改造公路4条，三季度都做到了吗")
    assert some.route == "status" and some.text.startswith("尚未全部完成"), some.text
    enough = ask(library, "青禾县城镇新增就业1.2万人的任务，三季度够进度了没")
    assert enough.route == "status" and "达到序时进度" in enough.text, enough.text


def test_a_years_target_and_result_come_from_the_table_and_the_next_report(library):
    a = ask(library, "青禾县2031年城镇新增就业目标多少，最后实际完成多少，完成没")
    assert not a.abstained and "已完成" in a.text, a.text  # judged on the next report's result (rag.ask.answerers.next_report)
    assert "1.2万" in a.text and "1.31万" in a.text and "10350" not in a.text  # not the table's part-year figure
    assert {c.doc for c in a.citations} == {"qinghe_q3.txt", "qinghe_2032.txt"}


def test_an_item_of_a_several_item_cell_is_answered_with_its_own_progress_words(library):
    a = ask(library, "青禾县北港泵站现在啥进度")
    assert not a.abstained and a.route != "status", a.text  # not the whole row's status (its 水质 target)
    assert "6.2亿元" in a.text and "3.1亿元" not in a.text
    verdict = ask(library, "青禾县提升改造公路4条，滞后了吗")  # a yes/no about an item: the rules' verdict, part by part
    assert verdict.route == "status" and "提升改造公路" in verdict.text, verdict.text


def test_a_yes_no_of_an_item_without_a_figure_is_answered_in_its_own_words(library):
    done = ask(library, "青禾县客运站建成投用了吗")  # the item's "已投用", not the whole row's verdict on its 12 projects
    assert not done.abstained and done.route != "status" and "已投用" in done.text, done.text
    stuck = ask(library, "青禾县东环快速路开工了没，卡在哪")  # the cell's first item is another's: the whole cell shows
    assert not stuck.abstained and "土地报批" in stuck.text, stuck.text
