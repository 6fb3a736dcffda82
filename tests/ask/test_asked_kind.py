"""A yes/no about a task's deliverable ("整治完了吗", "投用了没，现在什么情况") asks its status, judged by the status
rules, so the answer says whether it is done and not only the figure; and "百分之几/百分之多少" asks a share, never
a subject that must be found; a named unit's "牵头的是哪几项" asks its tasks, not who leads. The tables are invented
(青禾县 is not a real county)."""

from __future__ import annotations

import pytest
import testenv

from rag.ask.answer import answer
from rag.ask.question import analyze

TABLE = "\n".join([
    "青禾县2031年重点工作全年完成情况表", "",
    "序号\t工作任务\t责任单位\t完成情况",
    "1\t完成36处危旧桥梁加固。\t县交通局\t全年加固危旧桥梁36处。",
    "2\t建成投用白沙客运站。\t县交投集团\t白沙客运站10月建成并投入使用。",
    "3\t林木覆盖率提高到41.5%。\t县林业局\t全县林木覆盖率达41.5%。",
    "4\t高新技术产业增加值占规上工业比重达到60%以上。\t县经信局\t全年高新技术产业增加值占规上工业比重为58.3%。",
]) + "\n"


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    return testenv.invented_library(tmp_path_factory, {"qinghe_2031.txt": TABLE})


@pytest.mark.parametrize("question", ["青禾县那36处危旧桥梁加固完了吗", "青禾白沙客运站投用了没，现在什么情况"])
def test_a_yes_no_about_a_deliverable_gets_the_verdict(library, question):
    index, settings = library
    a = answer(question, index=index, settings=settings)
    assert not a.abstained and a.citations, a.text
    assert "已完成" in a.text, a.text  # the verdict: neither progress cell says 已完成


def test_a_share_asked_as_百分之几_is_a_ratio_not_a_subject():
    asked = analyze("青禾县林木覆盖率是百分之几", [], [])
    assert asked.want == "ratio"
    assert not any("百分之" in (t.main or t.alts[0]) for t in asked.terms)


def test_a_share_asked_as_百分之几_is_answered(library):
    index, settings = library
    a = answer("青禾县林木覆盖率是百分之几", index=index, settings=settings)
    assert not a.abstained and "41.5%" in a.text, a.text


UNIT_TABLE = "\n".join([
    "青禾县2031年重点工作半年进展情况表", "",
    "序号\t工作任务\t责任单位\t进展情况",
    "1\t建设白沙湿地公园。\t县文投集团\t完成一期园路建设。",
    "2\t推进青禾古城遗址保护。\t县文投集团\t完成考古勘探120亩。",
    "3\t新建城北污水处理厂。\t县水务集团\t主体结构完成60%。",
    "4\t城北小学今年9月招生。\t县教育局\t完成城北小学装修85%，室外70%。",
    "5\t建设县级应急物资储备库。\t县应急管理局\t储备库主体完工。",
    "6\t开展重点行业安全生产检查。\t县应急管理局\t检查企业320家。",
    "7\t打造青禾文化地标。\t县委宣传部\t完成文化地标选址。",
    "8\t建设白鹭湾科创园。\t白鹭湾科技城管委会\t科创园一期封顶。",
    "9\t推进城市管理精细化。\t县综合行政执法局\t拆除违法建筑12万方。",
    "10\t建设全民健身中心。\t县文化和广电旅游体育局\t新增嵌入式体育场地2万平方米。",
    "11\t盘活存量工业用地。\t市规划资源局青禾分局\t出让工业用地300亩。",
    "12\t推进生态环境整治。\t市生态环境局青禾分局\t完成整治点位20个。",
]) + "\n"


@pytest.fixture(scope="module")
def units(tmp_path_factory):
    return testenv.invented_library(tmp_path_factory, {"qinghe_h1.txt": UNIT_TABLE})


@pytest.mark.parametrize(("question", "theirs", "not_theirs"), [
    ("青禾县文投集团牵头的是哪几项", ("白沙湿地公园", "青禾古城遗址"), "污水处理厂"),
    ("青禾县文投集团负责哪些任务", ("白沙湿地公园", "青禾古城遗址"), "污水处理厂"),
    # a unit named by a usual short form (its first word, or each word's first character, before 局)
    ("青禾县应急局牵头的任务有哪些", ("应急物资储备库", "安全生产检查"), "白沙湿地公园"),
    ("青禾县应管局负责哪些任务", ("应急物资储备库", "安全生产检查"), "白沙湿地公园"),
    # a party department named without its committee
    ("青禾县宣传部都牵头了啥", ("文化地标",), "应急物资储备库"),
    # a zone's committee named by the zone
    ("白鹭湾科技城负责哪些任务", ("科创园",), "应急物资储备库"),
    # a unit named by some of its characters in order, ending in its own 局 (the longest such name wins)
    ("青禾县执法局负责哪些任务", ("城市管理精细化",), "白沙湿地公园"),
    ("青禾县文广旅体局牵头哪些任务", ("全民健身中心",), "应急物资储备库"),
    ("规资青禾分局牵头的任务有哪些", ("存量工业用地",), "生态环境整治"),
])
def test_a_named_units_tasks_are_listed_however_the_unit_and_the_lead_are_worded(units, question, theirs, not_theirs):
    index, settings = units
    a = answer(question, index=index, settings=settings)
    assert all(t in a.text for t in theirs), a.text
    assert not_theirs not in a.text


def test_who_leads_and_how_far_in_two_clauses_gets_both(units):
    index, settings = units
    a = answer("城北小学9月份招生那个事归哪个单位管？装修弄到多少了", index=index, settings=settings)
    assert "县教育局" in a.text and "85%" in a.text, a.text


def test_a_yes_no_naming_the_mark_to_reach_is_a_status_judged_against_it(library):
    index, settings = library
    a = answer("青禾县高新技术产业增加值占规上工业比重到60%了没有", index=index, settings=settings)
    assert a.route == "status" and "58.3%" in a.text, a.text
    assert "低于" in a.text or "滞后" in a.text, a.text  # the verdict, not only the figure


def test_an_abbreviated_unit_is_named_only_when_one_unit_fits_it_best():
    """Fake unit column, pure logic: 规资钱塘分局 names the 规划资源 branch, not every 钱塘分局; 塘分局 alone fits two."""
    from rag.ask.retrieve import units_named

    column = ["市规划资源局钱塘分局", "市生态环境局钱塘分局", "区综合行政执法局"]
    assert units_named("规资钱塘分局的任务", column) == ["市规划资源局钱塘分局"]
    assert units_named("执法局拆违", column) == ["区综合行政执法局"]
    assert units_named("钱塘分局的任务", column) == []  # 塘分局/钱塘分局 fit both branches alike
