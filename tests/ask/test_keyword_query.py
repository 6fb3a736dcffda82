"""The keyword (BM25) query: the question without the filtered place's names and without the words that only say
what kind of answer is wanted; a count's unit stays."""

from __future__ import annotations

from rag.ask.keyword_query import keyword_query


def test_the_filtered_places_names_leave_the_keyword_query():
    q = keyword_query("新疆新设的两个县叫啥", "新疆维吾尔自治区")
    assert "新疆" not in q and "新设" in q and "县" in q


def test_asking_words_leave_it_and_a_counts_unit_stays():
    q = keyword_query("请问新设立的两个县分别叫什么名称？今年新增多少亩", None)
    for word in ("请问", "分别", "叫什么", "名称", "多少"):
        assert word not in q, (word, q)
    assert "新设立" in q and "亩" in q


def test_without_a_place_the_query_keeps_every_place_name():
    assert "新疆" in keyword_query("新疆新设的两个县", None)
