"""A question that names no place is answered from the one place its own words point to: the lead official named
(牵头区领导 column) or a figure it quotes from a target. Two invented county tables, each with its own officials and
targets; the same unit name in both (青禾县 and 白石县 are invented)."""

from __future__ import annotations

import pytest
import testenv

from rag.ask.answer import answer

HEADER = "序号\t工作任务\t牵头区领导\t牵头单位\t进展情况"
TABLES = {
    "qinghe.txt": ["青禾县2031年重点工作上半年进展情况表", "", HEADER,
                   "1\t新增家庭养老床位370张\t赵明远\t民政局\t已新增家庭养老床位380张，已完成。",
                   "2\t建设未来社区5个\t赵明远\t住建局\t已建成未来社区2个，3个在建。"],
    "baishi.txt": ["白石县2031年重点工作上半年进展情况表", "", HEADER,
                   "1\t新增家庭养老床位250张\t钱立群\t县民政局\t家庭养老床位目标完成了没有：已新增家庭养老床位90张。",
                   "2\t建设未来社区4个\t钱立群\t县住建局\t牵头的未来社区建了几个：未来社区已建了1个。"],
}


@pytest.fixture(scope="module")
def two_counties(tmp_path_factory):
    return testenv.invented_library(tmp_path_factory, {name: "\n".join(lines) + "\n" for name, lines in TABLES.items()})


def test_the_lead_official_named_gives_the_place(two_counties):
    index, settings = two_counties
    for name, doc in (("赵明远", "qinghe.txt"), ("钱立群", "baishi.txt")):
        a = answer(f"{name}牵头的未来社区建了几个", index=index, settings=settings)
        assert not a.abstained and {c.doc for c in a.citations} == {doc}, a.text


def test_a_target_figure_quoted_gives_the_place(two_counties):
    index, settings = two_counties
    for figure, doc in (("370张", "qinghe.txt"), ("250张", "baishi.txt")):
        a = answer(f"民政局家庭养老床位{figure}的目标完成了没", index=index, settings=settings)
        assert not a.abstained and {c.doc for c in a.citations} == {doc}, a.text
