"""Classes of phrasing kept from blind batch 038 and paraphrase set 017 after their first scores, each through the
whole pipeline over an invented library (青苗, 青禾 are not real places), or on the one reader it concerns: a
progress row's year-end target judged on the next report's result, two parts of one row asked as two lists, 落后
as the status asked (not a subject), 进度表 as the document, 幅度 as a growth, 物价 for CPI with 里头 ending the name
and 降价 the direction, 下降 类别 as keywords, 投资额 ending an indicator's name, 谁盘子大 asking the compared
measure, 牵的头 asking who leads, 定的 asking the target, 额为 naming nothing, 动工 a stage word like 开工, and a ratio written
without a unit (城乡收入倍差缩小至1.43) recorded and answered by its name, 经济增长 as a name of GDP and 总盘子 ending
a name, and a bare 人均 after an indicator asking its per-head form; from paraphrase set 016: 弄到哪步/啥进度/咋样了
asking the stage, soft words glued into one token (各项|任务) staying soft, and a keyword query's list words read
across its spaces (负责 任务 清单)."""

from __future__ import annotations

import pytest
import testenv

TABLE = "\n".join([
    "青苗区2031年重点工作三季度进展情况表", "",
    "序号\t目标任务\t牵头区领导\t牵头单位\t进展情况",
    "1\t全社会研发投入强度达到4.55%\t林知远\t区经信局\t年度数据。截至8月，已累计开展研发投入培训3场。",
    "2\t市控以上水质断面III类水及以上比例达100%\t周立\t区生态环境分局\t1. 规划已完成编制。 2. 3个市控监测断面（月雅河、"
    "聚首河和下沙渠）1-9月水质监测结果均满足考核要求（III类）；1个省控断面（猪头角）1-9月水质监测结果（II类）满足考核要求。",
    "3\t全力攻坚历史遗留问题，完成景园小区整体搬迁\t胡国伟\t白杨街道\t已完成景园小区整体搬迁任务。",
    "4\t新装光伏并网4万千瓦\t周立\t区发改局\t截至8月底，光伏新增并网1.2万千瓦。",
    "5\t启动建设温泉综合体等酒店项目\t周立\t区文旅局\t温泉综合体因发现墓葬20余座，暂无法开工，预计3月考古进场挖掘。",
]) + "\n"

REPORT_2031 = "\n".join([
    "青苗区2031年政府工作报告",
    "——2031年1月8日在青苗区第二届人民代表大会第三次会议上",
    "一、2030年工作回顾",
    "过去一年，全区地区生产总值420亿元，增长6.1%。",
    "二、2031年工作安排",
    "今年经济社会发展主要预期目标是：地区生产总值增长6%，社会消费品零售总额增长6%左右。",
]) + "\n"

REPORT_2032 = "\n".join([
    "青苗区2032年政府工作报告",
    "——2032年1月9日在青苗区第二届人民代表大会第四次会议上",
    "一、2031年工作回顾",
    "过去一年，全区地区生产总值446亿元，增长5.8%；社会消费品零售总额增长5.5%。",
    "人均地区生产总值10.5万元，增长5.2%。",
    "创新动能持续增强，全社会研发投入强度达5.16%，连续3年位居全市第二。",
    "深入推进农民增收，农村居民人均可支配收入达57525元、增长6.3%，城乡收入倍差缩小至1.43，全市第一。",
]) + "\n"

COMMUNIQUE = "\n".join([
    "2031年青禾市国民经济和社会发展统计公报", "",
    "全年全市地区生产总值1200亿元，比上年增长5.3%。", "",
    "全年居民消费价格（CPI)比上年上涨0.3%。其中，衣着类价格上涨3.6%，居住类价格上涨0.1%，"
    "食品烟酒类价格下降0.4%，交通通信类价格下降1.8%。", "",
    "全年全社会用电量457.73亿千瓦时，比上年下降6.8%。", "",
]) + "\n"


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    return testenv.invented_library(tmp_path_factory, {"qm_q3.txt": TABLE, "qm_2031.txt": REPORT_2031,
                                                       "qm_2032.txt": REPORT_2032, "qhs_2031.txt": COMMUNIQUE})


ANSWERED = [
    ("a progress row's year-end target judged on the result the next report states",
     "青苗区2031年研发投入强度年初目标定的多少？最后实际做到多少，达标没？", ("4.55%", "5.16%", "已完成")),
    ("two parts of one row asked as two lists, each answered", "青苗区那3个市控断面是哪几条河？省控断面是哪个？",
     ("月雅河", "猪头角")),
    ("落后 is the status asked, not a subject to find", "青苗新装光伏并网那块，到三季度进度落后没？", ("1.2万千瓦",)),
    ("进度表 names the document", "青苗三季度那份进度表上，光伏并网做到多少了？", ("1.2万千瓦",)),
    ("幅度 asks the growth", "青禾市2031年全社会用电量跟上年比是涨是跌，幅度多少？", ("6.8%",)),
    ("物价 is CPI, 里头 ends its name, 降价 asks the classes that fell", "青禾市2031年物价里头，哪几类是降价的？",
     ("食品烟酒类价格", "交通通信类价格")),
    ("下降 类别 as keywords ask the classes that fell", "青禾市 2031 居民消费价格 下降 类别", ("食品烟酒类价格",)),
    ("牵的头 asks who leads", "景园小区整体搬走那事，哪个街道牵的头？", ("白杨街道",)),
    ("定的 asks the target, judged on the next report's result", "青苗31年社零定的涨多少？年底实际达标没？",
     ("6%左右", "5.5%", "未达到")),
    ("动工, like 开工, says the stage asked: never a subject", "青苗那个温泉综合体现在啥情况？咋一直没动工？", ("墓葬",)),
    ("经济增长 names GDP, 总盘子 ends its name: the target, the result and the amount",
     "青苗31年经济增长目标定的几个点？最后实际涨了多少，GDP总盘子多大？", ("6%", "5.8%", "446亿元")),
    ("a gap measured (差距是几倍) is a figure asked, not a status", "青苗区2031年城乡收入差距是几倍？", ("1.43",)),
    ("keywords naming a unit, 负责 任务 清单, list its tasks", "青苗 区经信局 负责 任务 清单", ("研发投入强度",)),
    ("a bare 人均 after the indicator named asks its per-head form", "青苗区2031年经济总量多少？人均下来是多少？",
     ("446亿元", "10.5万元")),
    ("a ratio written without a unit is a record, asked by its name, not as two sides (城乡 → 城镇 and 农村)",
     "青苗区2031年农村居民人均可支配收入多少？城乡收入倍差呢？", ("57525元", "1.43")),
]


@pytest.mark.parametrize("what,question,must", ANSWERED, ids=[a[0] for a in ANSWERED])
def test_fresh_phrasing_classes(library, what, question, must):
    testenv.assert_answered(library, what, question, must)


def test_the_fallen_classes_leave_out_those_that_rose(library):
    a = testenv.ask_offline(library, "青禾市2031年物价里头，哪几类是降价的？")
    assert "衣着" not in a.text and "居住" not in a.text, a.text


def test_status_words_and_glued_copulas_are_no_subjects():
    from rag.ask.terms import is_filler
    from rag.ask.wording import status_word

    assert status_word("落后") and status_word("落后没") and status_word("滞后") and not status_word("光伏")
    assert is_filler("额为") and is_filler("量是") and not is_filler("额度")


def test_an_amount_word_after_a_name_ends_it():
    from rag.ask.indicator import named_indicators

    ids = {i for _, _, i in named_indicators("2023年固定资产投资额与规模以上工业增加值分别为多少")}
    assert ids == {"固定资产投资", "规模以上工业增加值"}


def test_the_noun_compared_by_who_is_the_measure():
    from rag.ask.terms import Term, answer_types_soft

    terms = answer_types_soft("钱塘和余杭的固投，谁盘子大？", [Term(("固投",), 1.0, "固投"), Term(("盘子",), 1.0)])
    assert [t.weight >= 1.0 for t in terms] == [True, False]


def test_month_ranges_are_no_figures_of_a_piece():
    from rag.ask.answerers.pieces import _FIGURE

    assert _FIGURE.findall("3个断面1-9月水质；1个断面1至8月；增长69.4%；2023年") == ["3", "1", "69.4"]


def test_a_ratio_without_a_unit_is_recorded_and_its_1_is_not():
    from rag.ingest.figures.clauses import timed_figures

    got = [(s[0], m, v, u) for s, m, v, u, *_ in timed_figures("城乡居民收入比从2.50:1缩小至2.27:1。")]
    assert got == [("城乡居民收入比", "level", 2.27, "")]
    assert [f[2] for f in timed_figures("城乡收入倍差缩小至1.43，全市第一。")] == [1.43]


def test_colloquial_stage_asks_and_glued_soft_words():
    from rag.ask.question import content_terms, wants_of
    from rag.ask.wording import written  # the form questions are read in (啥 -> 什么, 咋 -> 怎么)

    assert all(list(wants_of(written(q)))[:1] == ["stage"] for q in
               ("那个项目现在弄到哪步了", "温泉综合体啥进度", "这事咋样了"))
    weights = {t.alts[0]: t.weight for t in content_terms("科投集团负责的各项任务分别是什么", [])}
    assert weights.get("各项任务", 0) < 1.0


def test_最终_asks_the_result():
    from rag.ask.stance import stance_of

    assert stance_of("余杭去年一整年旅游收入最终是多少个亿") == "actual"


def test_a_status_word_that_picks_the_items_of_a_list_or_count_stays():
    from rag.ask.question import analyze
    from rag.ask.understand import _without_how_far

    def kept(q: str) -> set[str]:
        return {t.alts[0] for t in _without_how_far(analyze(q, [], [])).terms}

    assert "滞后" in kept("主要任务中具体是哪几项滞后序时") and "提前完成" in kept("上半年已完成和提前完成的有多少个")
    assert "落后" not in kept("光伏并网那块到三季度进度落后没")
