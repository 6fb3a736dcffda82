"""A status stated in prose (rag.ask.answerers.prose_status): a result given as its share of the plan answers
"完成了吗" (over 100% 超额完成), a count of indicators short of plan answers "都达标了吗" (没有全部达标). The report
is invented (青禾县 is not a real county)."""

from __future__ import annotations

import pytest
import testenv

from rag.ask.answer import answer
from rag.ask.answerers.prose_status import verdict

REPORT = "\n".join([
    "青禾县2031年政府工作报告", "",
    "过去一年，全县实施亿元以上产业项目41个，完成投资23.6亿元，占年计划投资的112.4%，新开工项目19个。",
    "“十五五”规划设置31项指标，其中人均地区生产总值等4项指标不及预期，其余指标进展符合要求。",
    "全县新建改建农村公路86公里，城乡客运一体化水平进一步提升。",
]) + "\n"


def test_the_verdict_of_a_clause_from_its_share_or_its_shortfall():
    assert verdict("完成投资5.1亿元，占年计划投资的131%") == "超额完成"
    assert verdict("完成年度计划的100%") == "已完成"
    assert verdict("完成年度计划的64.5%") == "尚未完成"
    assert verdict("其中3项指标未达到预期") == "没有全部达标"
    assert verdict("两项任务未完成") == "没有全部达标"
    assert verdict("完成投资5.1亿元，增长13%") is None


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    return testenv.invented_library(tmp_path_factory, {"qinghe_report.txt": REPORT})


def test_a_share_of_the_plan_over_100_percent_is_exceeded(report):
    index, settings = report
    a = answer("青禾县去年亿元以上产业项目的年计划投资完成了吗？", index=index, settings=settings)
    assert not a.abstained and a.text.startswith("超额完成"), a.text
    assert "112.4%" in a.text and a.citations


def test_indicators_short_of_plan_mean_not_all_met(report):
    index, settings = report
    a = answer("青禾县十五五规划的指标都达标了吗？", index=index, settings=settings)
    assert not a.abstained and a.text.startswith("没有全部达标"), a.text
    assert "4项指标不及预期" in a.text


def test_how_a_result_stands_reads_the_share_in_the_figures_sentence(report):
    index, settings = report
    a = answer("青禾县亿元以上产业项目投资完成咋样", index=index, settings=settings)
    assert not a.abstained and a.text.startswith("超额完成"), a.text
    assert "23.6亿元" in a.text and "112.4%" in a.text
