"""The wrong-place count: an answer citing only another place's documents. One place written with and without its
city (保定市清苑区 / 清苑区) is the same place. The index is a fake holding only the documents' places (unit logic)."""

from __future__ import annotations

from types import SimpleNamespace

from rag.evals.facts import Fact, wrong_place

FAKE_INDEX = SimpleNamespace(docs={"a.txt": {"district": "宁川市青禾区"}, "b.txt": {"district": "宁川市"},
                                    "c.txt": {"district": "白石县"}})


def fact(district: str) -> Fact:
    return Fact(id="x", question="q", kind="unanswerable", district=district)


def test_the_same_place_under_a_longer_name_is_not_another_place():
    assert not wrong_place(fact("青禾区"), ["a.txt"], FAKE_INDEX)  # type: ignore[arg-type]
    assert not wrong_place(fact("宁川市青禾区"), ["a.txt"], FAKE_INDEX)  # type: ignore[arg-type]


def test_another_place_is_counted():
    assert wrong_place(fact("青禾区"), ["c.txt"], FAKE_INDEX)  # type: ignore[arg-type]
    assert not wrong_place(fact("青禾区"), [], FAKE_INDEX)  # type: ignore[arg-type]
