"""Classes kept from blind batch 039 after its first score, through the whole pipeline over an invented library
(青苗 is not a real place): a figure asked of a 街道 that is also a unit of the progress table is refused, never
answered with the whole district's figure (the wrong place 039 found)."""

from __future__ import annotations

import pytest
import testenv

TABLE = "\n".join([
    "青苗区2031年重点工作三季度进展情况表", "",
    "序号\t目标任务\t牵头区领导\t牵头单位\t进展情况",
    "1\t全力攻坚历史遗留问题，完成景园小区整体搬迁\t胡国伟\t白杨街道\t已完成景园小区整体搬迁任务。",
    "2\t新装光伏并网4万千瓦\t周立\t区发改局\t截至8月底，光伏新增并网1.2万千瓦。",
]) + "\n"

REPORT = "\n".join([
    "青苗区2032年政府工作报告",
    "——2032年1月9日在青苗区第二届人民代表大会第四次会议上",
    "一、2031年工作回顾",
    "过去一年，全区实现地区生产总值446亿元，增长5.8%。",
]) + "\n"


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    return testenv.invented_library(tmp_path_factory, {"qm_q3.txt": TABLE, "qm_2032.txt": REPORT})


def test_a_figure_of_a_street_that_is_also_a_unit_is_not_the_districts(library):
    a = testenv.ask_offline(library, "白杨街道2031年地区生产总值是多少？")
    assert a.abstained and "446" not in a.text, a.text


def test_the_street_as_a_unit_still_finds_its_own_row(library):
    testenv.assert_answered(library, "a unit named as a place, its row's progress", "白杨街道负责的景园小区搬迁完成了吗？",
                            ("已完成",))
