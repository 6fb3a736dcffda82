"""Classes of phrasing kept from blind batches 035 and 036 after their first scores, each through the whole pipeline
over an invented library (青禾区 is not a real district), or on the one reader it concerns: 有没有过半 asked beside the
figure, a role word that labels the official it names (牵头区领导施某) rather than asking who, an official's row found
among all of theirs, a share well ahead of the time share said as 快于, a target asked as 定的, a target in one report
and its result in the next, a unit's short name (国投) listing its tasks, a range target said whole, 报表 as a
word for the document, 归谁管 and 亩数 beside a unit asked, 对X的Y as a table's row × column, two bare years as
keywords, 实际 or 增了 after an indicator's name, the rows of a communiqué table that rose or fell, and a verdict
stated beside a figure."""

from __future__ import annotations

import pytest
import testenv

TABLE = "\n".join([
    "青禾区2031年重点工作上半年进展情况表", "",
    "序号\t目标任务\t牵头区领导\t牵头单位\t进展情况",
    "1\t城镇新增就业3万人\t林知远\t区人力社保局\t上半年新增就业人数为15105人。",
    "2\t出让工业用地2000亩\t周立\t区规划资源局\t已出让工业用地1800亩。",
    "3\t实际利用外资力争2亿美元（确保1.8亿美元）\t周立\t区商务局\t1-6月，全区实际利用外资0.4亿美元。",
    "4\t建成开放东湖公园\t周立\t区城投集团\t东湖公园主体完工。",
    "5\t设立首期5亿元的青禾产业基金\t陈明\t区国投集团\t青禾产业基金已成立。",
    "6\t建成科创大厦二期\t陈明\t区国投集团\t完成主体结构封顶。",
]) + "\n"

REPORT_2031 = "\n".join([
    "青禾区2031年政府工作报告",
    "——2031年1月8日在青禾区第二届人民代表大会第三次会议上",
    "一、2030年工作回顾",
    "过去一年，全区地区生产总值420亿元，增长6.1%。",
    "二、2031年工作安排",
    "今年经济社会发展主要预期目标是：地区生产总值增长5.5%—6%，社会消费品零售总额增长6%左右，城镇新增就业2万人以上。",
]) + "\n"

REPORT_2032 = "\n".join([
    "青禾区2032年政府工作报告",
    "——2032年1月9日在青禾区第二届人民代表大会第四次会议上",
    "一、2031年工作回顾",
    "过去一年，全区地区生产总值446亿元，增长5.8%；社会消费品零售总额增长5.5%。",
    "坚守耕地红线，粮食总产量达15.2亿斤，超额完成市下达任务。城镇新增就业2.1万人。",
    "五年来，我们大力发展民生事业，城镇新增就业9.8万人，居民人均可支配收入年均增长6.1%。",
    "二、2032年工作安排",
    "今年主要预期目标是：地区生产总值增长5.5%左右。",
]) + "\n"

PLAN = "\n".join([
    "青禾区2031年国民经济和社会发展计划执行情况与2032年计划草案的报告",
    "一、2031年计划执行情况",
    "全年农林牧渔业增加值增长4.5%，超额完成全年目标任务。",
    "二、2032年国民经济和社会发展计划草案",
    "建议2032年主要目标为：农林牧渔业增加值增长3%，服务业增加值力争增长7%。",
]) + "\n"


COMMUNIQUE = "\n".join([
    "2031年青禾市国民经济和社会发展统计公报", "",
    "全年全市地区生产总值1200亿元，比上年增长5.1%。", "",
    "表7 2031年对主要国家和地区进出口情况", "",
    "国家和地区 | 出口额 (亿元) | 比上年 增长(%) | 进口额 (亿元) | 比上年 增长(%)", "",
    "美国 | 142.75 | -14.5 | 46.74 | -6.2", "",
    "东盟 | 236.36 | -20.2 | 109.46 | -3.1", "",
    "表1 2031年居民消费价格变动情况", "",
    "指标 | 比上年涨跌（%）", "",
    "居民消费价格 | 0.2", "",
    "食品烟酒 | -1.7", "",
    "衣着 | 0.8", "",
    "居住 | 1.0", "",
    "交通和通信 | -3.1", "",
    "表3 2031年主要工业产品产量", "",
    "产品名称 | 单位 | 产量 | 比上年增长(%)", "",
    "移动通信手持机（手机） | 万台 | 406.3 | -40.3", "",
]) + "\n"

COMMUNIQUE_2030 = "\n".join([
    "2030年青禾市国民经济和社会发展统计公报", "",
    "全年全市地区生产总值1140亿元，比上年增长4.8%。", "",
    "表3 2030年主要工业产品产量", "",
    "产品名称 | 单位 | 产量 | 比上年增长(%)", "",
    "移动通信手持机（手机） | 万台 | 680.3 | 25.0", "",
]) + "\n"


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    return testenv.invented_library(tmp_path_factory, {"qinghe_h1.txt": TABLE, "qinghe_2031.txt": REPORT_2031,
                                                       "qinghe_2032.txt": REPORT_2032, "qinghe_plan.txt": PLAN,
                                                       "qhs_2031.txt": COMMUNIQUE, "qhs_2030.txt": COMMUNIQUE_2030})


ask = testenv.ask_offline


# (what the class is, the question, what the answer must hold)
ANSWERED = [
    ("有没有过半 beside the figure asked is the status, said in its own word with the share to one decimal",
     "青禾全年新增就业3万人，上半年完成了多少？有没有过半？", ("15105人", "已过半", "50.4%")),
    ("a role word labelling the official it names does not ask who: the row's status is asked",
     "请问青禾区实际利用外资任务（牵头区领导周立）截至上半年报表的进展如何，是否滞后于序时进度？", ("滞后", "0.4亿美元")),
    ("an official's row is found among all of theirs, and its unit named",
     "周立牵头的东湖公园由哪个单位负责", ("区城投集团",)),
    ("a share well ahead of the share of the year gone is said to be ahead (快于)",
     "青禾出让工业用地上半年跟得上进度吗", ("1800亩", "快于序时进度")),
    ("a target asked as 定的, beside last year's result, in one plan report",
     "计划报告里，青禾2032年农林牧渔业增加值定的增长多少？2031年实际涨了多少？", ("3%", "4.5%")),
    ("a target in one report and its result in the next, judged",
     "青禾2031年社零定的增长目标是多少？最后实际增长了多少，达到没有？", ("6%左右", "5.5%", "未达到")),
    ("a unit's short name (国投) and 分别是啥 list its tasks",
     "青禾国投负责的任务一共几条？分别是啥？", ("产业基金", "科创大厦")),
    ("a range target is said whole, never cut to its floor", "青禾2031年地区生产总值预期增长目标是多少", ("5.5%—6%",)),
    ("归谁管 asks the unit, and the figure asked beside it comes from the same row",
     "青禾出让工业用地2000亩，这块归谁管？上半年出让了几亩？", ("区规划资源局", "1800亩")),
    ("keywords: a unit asked with a count written as 亩数", "青禾 出让工业用地2000亩 责任部门 上半年 出让亩数",
     ("区规划资源局", "1800亩")),
    ("对X的Y names the row X of column Y", "青禾市2031年对东盟的出口额是多少亿元？比上年下降了多少？", ("236.36", "20.2")),
    ("two bare years as keywords are two years", "青禾市 手机产量 2030 2031 变化", ("680.3", "406.3")),
    ("实际 after a name ends it, and 增了多少 asks the growth", "青禾市2031年GDP实际增了多少？", ("5.1%",)),
    ("the rows of a communiqué table that fell, each with its figure", "青禾市2031年CPI里哪几类是降的？",
     ("食品烟酒", "交通和通信", "3.1")),
    ("the rows that rose, the latest communiqué's when no year is asked", "青禾市CPI里哪几类是涨的？",
     ("衣着0.8%", "居住1.0%")),
    ("two targets of one report asked 完成得咋样, each judged on the next report's result (a five-year total apart)",
     "青禾2031年定的城镇新增就业和社零这两个目标，到年底完成得咋样？", ("2万人以上", "2.1万人", "6%左右", "5.5%")),
    ("a later sentence's clauses each asking something are each asked, in the first sentence's period",
     "青禾上半年新增就业完成了多少？占全年目标多少，跟得上序时吗？", ("15105人",)),
    ("a figure and a yes/no on its task: the figure's record, and the verdict its clause states",
     "青禾去年粮食打了多少？任务完成了没？", ("15.2亿斤", "超额完成")),
]


@pytest.mark.parametrize("what,question,must", ANSWERED, ids=[a[0] for a in ANSWERED])
def test_fresh_phrasing_classes(library, what, question, must):
    testenv.assert_answered(library, what, question, must)


def test_a_role_word_before_the_name_it_labels_asks_nothing():
    from rag.ask.understand import _who

    assert _who("实际利用外资任务（牵头区领导周立）进展如何", ("周立",)) == ""
    assert _who("实际利用外资是哪位区领导牵头", ()) == "leader"
    assert _who("周立牵头的东湖公园，牵头单位是哪个", ("周立",)) == "unit"


def test_a_yes_no_clause_of_its_own_beside_a_figure():
    from rag.ask.wording import how_far_piece

    assert how_far_piece("上半年完成了多少？有没有过半？") and how_far_piece("完成多少了，过半了吗")
    assert not how_far_piece("上半年完成了多少？") and not how_far_piece("过半的有多少家")


def test_the_pace_of_a_share_against_the_year_gone():
    from rag.status.compare import _pace

    assert (_pace(0.93, 0.75), _pace(0.50, 0.50), _pace(0.49, 0.50)) == ("快于", "达到", "接近")


def test_rows_that_rose_exclude_those_that_fell():
    from rag.ask.answerers.movers import direction

    assert (direction("CPI哪几类是涨的"), direction("哪些品类往下掉"), direction("涨跌情况如何")) == (1, -1, 0)


def test_a_verdict_counts_only_right_after_a_figure():
    from rag.ask.judge import stated_verdict

    both = "过去一年，城镇新增就业2.1万人，粮食总产量达15.2亿斤，超额完成市下达任务。"
    assert stated_verdict([both], "粮食产量15.2亿斤") == "原文称：超额完成市下达任务。"
    assert stated_verdict([both], "城镇新增就业2.1万人") == ""  # the verdict follows the grain figure, not this one
    assert stated_verdict(["坚守耕地红线，超额完成国家下达任务"], "粮食产量76.28亿斤") == ""


def test_a_bar_keeps_its_unit_and_a_rate_is_judged_against_a_rate():
    from rag.ask.judge import against_bar

    assert "未达到" in against_bar("GDP增速能否达到6%", "地区生产总值446亿元，增长5.8%")
    assert "已突破" in against_bar("农村居民收入是否突破2万元？", "农村居民人均可支配收入20793元，增长7%")


def test_a_yes_no_first_asks_how_far_only_right_before_its_word():
    from rag.ask.wording import asks_how_far

    assert asks_how_far("有没有过半") and asks_how_far("是否已经完成")
    assert not asks_how_far("有没有哪个区GDP突破千亿") and not asks_how_far("是否有企业实现产值翻番")


def test_a_later_sentence_asking_two_things_is_two_pieces():
    from rag.ask.sides import sides

    parts = [p.text for p in sides("钱塘1—8月制造业投资干了多少个亿？同比涨了多少，在全市排第几？", lambda w: True)]
    assert parts[1:] == ["同比涨了多少", "在全市排第几"], parts
    assert len(sides("GDP目标是多少，实际增长多少", lambda w: True)) <= 1  # one question of two stances


def test_the_headline_row_of_a_table_is_not_one_of_its_classes(library):
    a = ask(library, "青禾市CPI里哪几类是涨的？")
    assert "居民消费价格0.2" not in a.text and "食品烟酒" not in a.text, a.text


def test_a_five_year_average_answers_a_yearly_average_and_never_a_years_growth(library):
    a = ask(library, "青禾区五年来居民人均可支配收入年均增长多少")
    assert "年均增长6.1%" in a.text and "截至2031年" in a.text, a.text
    b = ask(library, "青禾区2031年居民人均可支配收入具体增长了百分之多少？")
    assert b.abstained and "年均增长" in b.text and "没有所问的比上年增长" in b.text, b.text
