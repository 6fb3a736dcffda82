"""How an answer is judged right against a fact's accept / items (unit logic on invented facts)."""

from __future__ import annotations

from rag.evals.facts import Fact, answer_ok


def test_a_status_answer_needs_the_judgement_as_well_as_the_figure():
    f = Fact(id="x", question="青禾路修完了吗", kind="status", accept=["已完成", "完工"], items=["3.2公里"],
             all_items=True, answer="已完成，建成3.2公里")
    assert answer_ok(f, "青禾路已完工，建成3.2公里")
    assert not answer_ok(f, "青禾路建成3.2公里")  # the figure alone does not say whether it is done
    assert not answer_ok(f, "青禾路已完成")  # the judgement alone does not show what it rests on


def test_other_kinds_with_items_need_only_the_items():
    f = Fact(id="y", question="青禾区GDP多少、增长多少", kind="numeric", accept=["512亿元"], items=["512亿元", "6.1%"],
             all_items=True, answer="512亿元，增长6.1%")
    assert answer_ok(f, "地区生产总值512亿元，增长6.1%")
    assert not answer_ok(f, "地区生产总值512亿元")
