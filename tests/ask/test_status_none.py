"""A status list the rules find empty cites nothing, so it is said as a refusal with the reason, never as an answer
("哪些目标滞后" over a table where every target is done). The table is invented (青禾县 is not a real county)."""

from __future__ import annotations

import pytest
import testenv

from rag.ask.answer import answer

TABLE = "\n".join([
    "青禾县2031年重点工作三季度进展情况表", "",
    "序号\t工作任务\t责任单位\t进展情况",
    "1\t建成县级应急指挥平台。\t县应急管理局\t平台已建成并投入使用，已完成。",
    "2\t新建城北小学一所。\t县教育局\t城北小学已竣工并于9月开学，已完成。",
    "3\t改造老旧小区12个。\t县住建局\t12个老旧小区改造已全部完工，已完成。",
]) + "\n"


@pytest.fixture(scope="module")
def done_only(tmp_path_factory):
    return testenv.invented_library(tmp_path_factory, {"qinghe_q3.txt": TABLE})


def test_an_empty_status_list_is_a_refusal_that_says_why(done_only):
    index, settings = done_only
    a = answer("青禾县哪些目标滞后？", index=index, settings=settings)
    assert a.abstained and not a.citations, a.text
    assert "没有判为滞后" in a.text


def test_a_status_list_with_rows_still_answers_with_them(done_only):
    index, settings = done_only
    a = answer("青禾县哪些目标已经完成了？", index=index, settings=settings)
    assert not a.abstained and a.citations, a.text
