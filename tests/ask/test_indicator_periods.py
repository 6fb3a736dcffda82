"""Two periods or two years of one indicator (issue N): "1-8月涨了多少，全年最后呢" gets the progress table's 1-8月
figure and the year's figure from the next report, each cited; "21、22两年…各是多少" is two years; the target and
the result give the result's amount beside its growth. The documents are invented (青禾县 is not a real county)."""

from __future__ import annotations

import pytest
import testenv

from rag.ask.answer import answer
from rag.ask.answerers.indicator import figure_years
from rag.ask.indicator import answer_indicator
from rag.domain import Row
from rag.ingest.figures.clauses import row_figures

TABLE = "\n".join([
    "青禾县2031年重点工作1-8月进展情况表", "",
    "序号\t工作任务\t牵头县领导\t责任单位\t进展情况",
    "1\t全年固定资产投资增长12%。\t林远航\t县发改局\t1-8月，全县固定资产投资同比增长14.6%，居全市第二。",
    "2\t新建城北小学一所。\t许晴\t县教育局\t主体结构已封顶。",
]) + "\n"
REPORT = "\n".join([
    "青禾县2032年政府工作报告", "",
    "过去一年，全县固定资产投资达到288亿元，增长11.7%，社会消费品零售总额增长6.1%。",
]) + "\n"


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    return testenv.invented_library(tmp_path_factory, {"qinghe_1_8.txt": TABLE, "qinghe_2032.txt": REPORT})


def test_a_part_of_the_year_and_the_whole_year_are_each_answered(library):
    index, settings = library
    a = answer("青禾县固投1-8月涨了多少，全年最后呢？", index=index, settings=settings)
    assert not a.abstained, a.text
    assert "14.6%" in a.text and "11.7%" in a.text, a.text
    assert a.text.index("14.6%") < a.text.index("11.7%")
    assert {c.doc for c in a.citations} == {"qinghe_1_8.txt", "qinghe_2032.txt"}


def test_an_officials_task_asked_for_the_part_and_the_whole_year(library):
    index, settings = library
    a = answer("林远航牵头的固投，1-8月涨了多少，全年最后多少", index=index, settings=settings)
    assert not a.abstained and "14.6%" in a.text and "288亿元" in a.text, a.text


def test_years_listed_before_one_year_word_are_each_asked():
    assert figure_years("青禾县26、27两年社零各是多少？", ()) == (2026, 2027)
    assert figure_years("青禾县2026和2027年社零", (2027,)) == (2026, 2027)
    assert figure_years("青禾县27年社零", (2027,)) == (2027,)


def _records(text: str, year: int, stance: str, doc: str) -> list:
    row = Row(doc, None, "青禾县", f"青禾县{year}年报告", "", "paragraph", text, paragraph=2, year=year,
              period_label="全年", stance=stance)
    return row_figures(row, "青禾县")


def test_the_target_against_the_result_gives_the_results_amount_and_growth():
    recs = (_records("全县一般公共预算收入目标增长4%。", 2031, "target", "a.txt")
            + _records("全县一般公共预算收入完成41.2亿元，增长5.3%。", 2031, "actual", "b.txt"))
    a = answer_indicator("青禾县31年一般预算收入目标定的增长多少？最后实际完成多少？", recs, place="青禾县", years=(2031,))
    assert a is not None and not a.abstained, a
    assert "4%" in a.text and "41.2亿元" in a.text and "5.3%" in a.text


def test_last_year_and_the_year_before_are_the_latest_two_years_reported():
    recs = (_records("全县社会消费品零售总额61.5亿元，增长4.2%。", 2029, "actual", "c29.txt")
            + _records("全县社会消费品零售总额64.0亿元，增长4.1%。", 2030, "actual", "c30.txt"))
    a = answer_indicator("青禾县去年和前年社零各是多少？", recs, place="青禾县")
    assert a is not None and not a.abstained and "64.0亿元" in a.text and "61.5亿元" in a.text, a


def test_two_years_asked_with_one_in_the_library_give_that_one_and_say_the_other_is_missing():
    recs = _records("全县社会消费品零售总额64.0亿元，增长4.1%。", 2030, "actual", "c30.txt")
    a = answer_indicator("青禾县29、30两年社零各是多少？", recs, place="青禾县", years=(2029, 2030))
    assert a is not None and not a.abstained and "64.0亿元" in a.text and "没有2029年" in a.text, a


def test_whether_a_listed_indicators_target_was_met_is_answered_from_its_records():
    from rag.ask.indicator import asks_target_met

    q = "青禾县31年一般预算收入增长目标是多少？最后达到没有"
    assert asks_target_met(q) and not asks_target_met("青禾县新建小学的目标达到没有")
    recs = (_records("全县一般公共预算收入目标增长6%。", 2031, "target", "a.txt")
            + _records("全县一般公共预算收入完成41.2亿元，增长5.3%。", 2031, "actual", "b.txt"))
    a = answer_indicator(q, recs, place="青禾县", years=(2031,))
    assert a is not None and not a.abstained and "未达到目标" in a.text, a


PLAN = "\n".join([
    "青禾县2031年政府工作报告", "",
    "今年经济社会发展的主要预期目标是：地区生产总值增长6%左右，一般公共预算收入增长4%左右。",
    "过去一年，全县地区生产总值达到201.5亿元，增长5.1%。",
]) + "\n"


@pytest.fixture(scope="module")
def plan_only(tmp_path_factory):
    return testenv.invented_library(tmp_path_factory, {"qinghe_plan_2031.txt": PLAN})


def test_a_target_whose_result_the_library_lacks_is_refused_not_half_answered(plan_only):
    index, settings = plan_only
    a = answer("青禾县2031年GDP增长6%左右的目标最后完成了吗？", index=index, settings=settings)
    assert a.abstained, a.text
    assert "实际完成" in a.text
