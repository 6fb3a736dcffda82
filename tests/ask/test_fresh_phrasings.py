"""Classes of phrasing kept from blind batches 030/031 and paraphrase set 012 after their first scores, each through
the whole pipeline over an invented library (青禾县 is not a real county): abbreviations that keep a character of a
word's second half (科小), a list asked by its count and a paraphrase of its description, a target's bound, money
obtained (争取…资金), reasons asked by keyword, a report's period naming the document, and a target stated in the
question against the result of a later report."""

from __future__ import annotations

import pytest
import testenv

TABLE = "\n".join([
    "青禾县2031年重点工作三季度进展情况表", "",
    "序号\t工作任务\t责任单位\t进展情况",
    "1\t培育创新主体，新增国家高新技术企业50家、科技型中小企业120家。\t县科技局\t新增国家高新技术企业61家。新增科技型中小企业133家。",
    "2\t开发特色精品线路3条，举办推介活动10场。\t县文广旅体局\t1.完成云湖·山水之旅、古镇·人文之旅、茶园·田园之旅3条特色精品线路开发。"
    "2.举办推介活动12场。",
    "3\t打通断头路3条、提升改造公路4条。\t县交通运输局\t打通断头路任务3条：已完工2条，完成率67%。提升改造公路4条：已完成1条。",
    "4\t推进温泉综合体项目建设。\t县文旅集团\t温泉综合体因地块发现古墓葬5座，暂无法开工，预计11月完成考古发掘。",
    "6\t新增嵌入式体育场地1.5万平方米。\t县文广旅体局\t新增嵌入式体育场地面积21000平方米。",
    "7\t开竣工电力项目4个\t县住建局\t1. 开工项目2个：已开工1个。 2. 竣工项目2个：东湖110千伏输变电工程安装施工中；西岭变电站土建基本完成。",
    "8\t筹集保障性住房500套，完成公共租赁住房保障家庭200户。\t县住建局\t筹集保障性住房620套，公共租赁住房保障230户。",
    "5\t3个市控断面水质稳定达标。\t县生态环境分局\t3个市控断面（东河、西河、北港渠）1-9月水质均满足考核要求。",
]) + "\n"

OLD = "\n".join([
    "青禾县2029年政府工作报告",
    "——2029年1月12日在青禾县第九届人民代表大会第一次会议上",
    "青禾县人民政府县长 林知远",
    "今后三年，我们的目标是：到2031年全县GDP超过350亿元，城乡居民收入稳步增长。",
]) + "\n"

REPORT = "\n".join([
    "青禾县2032年政府工作报告",
    "——2032年1月10日在青禾县第九届人民代表大会第四次会议上",
    "各位代表：现在，我代表县人民政府向大会报告工作，请予审议，并请县政协委员和其他列席人员提出意见。",
    "一、2031年工作回顾",
    "过去一年，全县地区生产总值320亿元，增长6.2%。争取专项债券资金12.5亿元、居全市首位。",
    "全年30项民生实事中，不设年度目标、常态化开展的有3项(提升公墓管理水平;整治餐饮油烟扰民;便民停车行动)，其余27项已完成19项。",
    "二、2032年工作安排",
    "主要预期目标是：地区生产总值增长6%左右，城镇新增就业1.2万人以上。",
]) + "\n"


OTHER = "\n".join([
    "白川县2029年政府工作报告",
    "——2029年1月15日在白川县第七届人民代表大会第一次会议上",
    "白川县人民政府县长 周明山",
    "今后三年，我们的目标是：到2031年全县GDP超过280亿元，城乡居民收入稳步增长。",
]) + "\n"


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    return testenv.invented_library(tmp_path_factory, {"qinghe_q3.txt": TABLE, "qinghe_2029.txt": OLD,
                                                       "qinghe_2032.txt": REPORT, "baichuan_2029.txt": OTHER})


ask = testenv.ask_offline


# (what the class is, the question, what the answer must hold)
ANSWERED = [
    ("two abbreviations in one breath, each read as the library writes it", "青禾2031年国高企和科小分别新增了多少家？",
     ("61家", "133家")),
    ("a list asked by its count owns the clause counting the same thing described otherwise", "青禾那3条文旅精品线路分别叫啥？",
     ("云湖·山水之旅", "古镇·人文之旅", "茶园·田园之旅")),
    ("a target's bound is part of the target", "青禾县2032年城镇新增就业目标是多少？", ("1.2万人以上",)),
    ("money obtained with 争取 is a result", "青禾县2031年争取到的专项债券资金有多少？", ("12.5亿元",)),
    ("a reason asked by keyword is answered from the row's progress", "青禾 温泉综合体 未开工 原因", ("古墓葬5座",)),
    ("a period naming the report asks that report's figures", "青禾今年要打通3条断头路，到三季度进展表里打通几条了？",
     ("已完工2条",)),
    ("a stage asked of a one-thing task is its whole cell", "青禾开竣工电力项目4个那条推进到哪一步了？",
     ("已开工1个", "西岭变电站土建基本完成")),
    ("a character jieba cut off before a word is read with it (公|租房: 公共租赁住房)",
     "青禾2031年保障性住房筹集了多少套？公租房保障家庭多少户？", ("620套", "230户")),
    ("a bar named in a status question (破X没) is judged on the row", "青禾新增嵌入式体育场地破1.5万平方米没？", ("超额",)),
]


@pytest.mark.parametrize(("question", "must"), [c[1:] for c in ANSWERED], ids=[c[0] for c in ANSWERED])
def test_a_fresh_phrasing_is_answered_with_the_figures_or_items_asked(library, question, must):
    a = ask(library, question)
    assert not a.abstained, a.text
    assert all(m in a.text for m in must), a.text


def test_a_list_then_a_status_in_two_sentences_is_not_a_list_of_every_done_row(library):
    a = ask(library, "青禾那3个市控断面是哪几个？水质达标了没？")
    assert "目标共" not in a.text, a.text
    assert "东河" in a.text or "满足考核要求" in a.text, a.text


def test_a_target_stated_in_the_question_is_quoted_from_the_older_report_with_the_gap_computed(library):
    a = ask(library, "青禾当初定的到2031年GDP超350亿，2031年干到多少了？还差多少")
    assert not a.abstained, a.text
    assert "350亿元" in a.text and "320亿元" in a.text, a.text
    assert "系计算" in a.text and "30" in a.text, a.text
    assert {c.doc for c in a.citations} == {"qinghe_2029.txt", "qinghe_2032.txt"}, a.citations



def test_the_speaker_of_a_report_named_without_the_place_selects_that_reports_place(library):
    a = ask(library, "林知远县长的报告里，到2031年GDP目标是多少？")
    assert not a.abstained, a.text
    assert "350亿元" in a.text and "280亿元" not in a.text, a.text
    assert all(c.doc.startswith("qinghe") for c in a.citations), a.citations


def test_how_a_quantified_target_is_going_asked_in_a_stages_words_gets_the_rules_verdict(library):
    a = ask(library, "青禾嵌入式体育场地今年搞得咋样了？")
    assert not a.abstained, a.text
    assert "21000平方米" in a.text and "已完成" in a.text and "系计算" in a.text, a.text


def test_a_list_in_brackets_after_its_count_is_read_whole(library):
    a = ask(library, "青禾县2031年民生实事中常态化开展的3项是什么？")
    assert not a.abstained, a.text
    assert all(x in a.text for x in ("提升公墓管理水平", "整治餐饮油烟扰民", "便民停车行动")), a.text



def test_no_clause_is_said_twice_when_two_pieces_quote_it(library):
    a = ask(library, "青禾2031年保障性住房筹集了多少套？公租房保障家庭多少户？")
    assert a.text.count("620套") == 1, a.text
