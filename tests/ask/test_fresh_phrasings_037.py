"""Classes of phrasing kept from blind batch 037 after its first score, each through the whole pipeline over an
invented library (青禾, 青川 and 青苗 are not real places): a communiqué's classes written in prose after 其中 listed by the sign
asked, a class named with 居 (居住类) kept as its own record, two places equal in growth said to be level (each
with the amount its clause states), a size asked without a copula (盘子多大) as the answer's kind rather than a
missing subject, a progress table named with a demonstrative (到三季度那张进展表里) as the report whose figures are
asked, a long row holding every word asked found though retrieval ranks it low, a bracketed short name taken as the
name of the whole phrase before it (主城区城中村改造（城改）), and a stage asked with no year answered from the place's
latest document."""

from __future__ import annotations

import pytest
import testenv

COMMUNIQUE = "\n".join([
    "2031年青禾市国民经济和社会发展统计公报", "",
    "全年全市地区生产总值1200亿元，比上年增长5.3%。", "",
    "全年居民消费价格（CPI)比上年上涨0.3%。其中，衣着类价格上涨3.6%，居住类价格上涨0.1%，"
    "食品烟酒类价格下降0.4%，交通通信类价格下降1.8%。", "",
]) + "\n"

PROVINCE = "\n".join([
    "青川省2032年政府工作报告",
    "——2032年1月10日在青川省第五届人民代表大会第二次会议上",
    "一、2031年工作回顾",
    "过去一年，全省地区生产总值8000亿元，增长5.3%。",
]) + "\n"


FILLER = "，".join(f"推进第{i}批重点项目建设并开展专项督导检查工作" for i in range(1, 12))
TABLE = "\n".join([
    "青苗区2031年重点工作三季度进展情况表", "",
    "序号\t目标任务\t牵头区领导\t牵头单位\t进展情况",
    "1\t制造业投资增长力争20%以上（确保10%）\t林知远\t区经信局\t1-8月，全区共完成制造业投资73.0亿元，同比增长22.0%。",
    f"2\t构建一平台一产业一基金\t林知远\t区经信局\t{FILLER}；一产业一基金，青苗国资成立了3支基金，对应投资"
    "主导产业，分别是青苗产业母基金、青苗直投基金、青苗定向基金。",
    "3\t完成产业基金投资5亿元\t周立\t区财政局\t已完成产业基金投资3.2亿元。",
    "4\t新引进产业基金2支\t周立\t区财政局\t已引进产业基金1支。",
]) + "\n"

REPORT = "\n".join([
    "青苗区2032年政府工作报告",
    "——2032年1月9日在青苗区第二届人民代表大会第四次会议上",
    "一、2031年工作回顾",
    "过去一年，全区实现地区生产总值446亿元，增长5.8%。",
    "城市更新有力有效。城改一期、二期全部返迁，三期12个安置区已交付5个。",
    "二、2032年工作安排",
    "加快城市更新。力争主城城中村改造全面完成。",
]) + "\n"

REPORT_OLD = "\n".join([
    "青苗区2029年政府工作报告",
    "——2029年1月9日在青苗区第一届人民代表大会第四次会议上",
    "一、2028年工作回顾",
    "压茬推进主城城中村改造，一期安置区首批封顶，二期正加快建设，三期全面启动。",
]) + "\n"


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    return testenv.invented_library(tmp_path_factory, {"qhs_2031.txt": COMMUNIQUE, "qcs_2032.txt": PROVINCE,
                                                       "qhq_q3.txt": TABLE, "qhq_2032.txt": REPORT,
                                                       "qhq_2029.txt": REPORT_OLD})


ask = testenv.ask_offline

ANSWERED = [
    ("the classes a communiqué writes in prose after 其中, those that fell", "青禾市去年CPI里哪几类价格是下降的？",
     ("食品烟酒类价格", "交通通信类价格", "1.8")),
    ("the classes that rose, 居住类 among them as its own record", "青禾市2031年居民消费价格哪些类别上涨了？",
     ("衣着类价格", "居住类价格")),
    ("two places equal in growth are level (持平), not higher by 0.0, each with its clause's amount",
     "青禾市2031年GDP增速跟青川全省比谁快？", ("5.3%", "持平", "1200亿元", "8000亿元")),
    ("盘子多大 asks the size: 盘子 is the answer's kind, not a subject to find", "青苗区31年GDP盘子多大？",
     ("446亿元",)),
    ("到三季度那张进展表里: the report's figures, beside the row's target", "青苗区制造业投资到三季度那张进展表里完成多少了？",
     ("73.0亿元",)),
    ("a stage asked now, with the phrase's short name in brackets: the latest report's result, not its plan",
     "青苗主城城中村改造（城改）现在推进到哪一步了？", ("全部返迁",)),
    ("a long row holding every word asked is found", "青苗国资成立的对应主导产业的那3支基金分别是哪几支？",
     ("青苗产业母基金", "青苗定向基金")),
]


@pytest.mark.parametrize("what,question,must", ANSWERED, ids=[a[0] for a in ANSWERED])
def test_fresh_phrasing_classes(library, what, question, must):
    testenv.assert_answered(library, what, question, must)


def test_prose_classes_that_rose_leave_out_those_that_fell(library):
    a = ask(library, "青禾市2031年居民消费价格哪些类别上涨了？")
    assert "食品烟酒" not in a.text and "交通通信" not in a.text, a.text


def test_a_progress_table_named_with_a_demonstrative_is_the_report_asked():
    from rag.ask.question_time import report_period

    assert report_period("钱塘制造业投资到三季度那张进展表里完成多少了？") == (9, "前三季度")
    assert report_period("三季度那份通报里完成多少") == (9, "前三季度")


def test_rows_holding_every_required_word_are_added_only_when_few():
    from types import SimpleNamespace as NS

    from rag.ask.pipeline import EXACT_AT_MOST, holding_every_word
    from rag.ask.terms import Term
    from rag.domain import Row

    rows = [Row("t.txt", i, "青苗区", "t", "", "progress_row", text) for i, text in enumerate(
        ["青苗国资成立了3支基金，对应投资主导产业", "产业基金投资5亿元", "对应产业的基金"], start=1)]
    terms = (Term(("国资",), 1.0), Term(("对应",), 1.0), Term(("基金",), 1.0), Term(("成立",), 0.4))
    ask = NS(terms=terms, compare=(), place="青苗区", aliases=())
    found = holding_every_word(NS(rows=rows), ask, [])  # type: ignore[arg-type]
    assert [r.row for r in found] == [1]
    assert holding_every_word(NS(rows=rows), ask, rows[:1]) == []  # already gathered
    many = [Row("t.txt", i, "青苗区", "t", "", "progress_row", "国资对应基金") for i in range(EXACT_AT_MOST + 1)]
    assert holding_every_word(NS(rows=many), ask, []) == []  # retrieval's order stands


def test_a_bracketed_short_name_of_a_phrase_names_the_whole_phrase():
    from rag.ask.terms import Term
    from rag.ask.wording import bracket_aliases

    terms = [Term(("主城区",), 1.0), Term(("城中村",), 1.0), Term(("改造",), 1.0), Term(("城改",), 1.0)]
    merged = bracket_aliases("保定主城区城中村改造（城改）现在推进到哪一步了？", terms)
    assert [t.alts for t in merged] == [("主城区城中村改造", "城改")]
    one = bracket_aliases("细颗粒物（PM2.5）浓度多少", [Term(("细颗粒物",), 1.0), Term(("PM2.5",), 1.0), Term(("浓度",), 1.0)])
    assert [t.alts for t in one] == [("细颗粒物", "PM2.5"), ("浓度",)]
