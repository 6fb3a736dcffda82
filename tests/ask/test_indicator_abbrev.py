"""Abbreviated indicator names (rag.ask.indicator_abbrev): a listed name with characters dropped in order, or the
first characters of its words, is that indicator; ordinary words are not; and the indicator answerer reads the
records of the full name for the abbreviation, its qualified growths as two readings, not a conflict."""

from __future__ import annotations

from rag.ask.indicator import answer_indicator, named_indicators
from rag.ask.indicator_abbrev import expansions
from rag.domain import Row
from rag.ingest.figures.clauses import row_figures


def test_characters_dropped_in_order_name_the_full_indicator():
    assert expansions("一般预算收入")[0] == "一般公共预算收入"
    assert expansions("一般预算支出")[0] == "一般公共预算支出"
    assert expansions("城镇人均收入")[0] == "城镇居民人均可支配收入"
    assert expansions("人均收入")[0] == "居民人均可支配收入"


def test_the_first_characters_of_the_words_name_the_indicator():
    assert expansions("社消")[0] == "社会消费品零售总额"
    assert expansions("规工")[0] == "规模以上工业增加值"


def test_ordinary_words_are_no_abbreviation():
    for word in ("工业", "城镇", "人均", "收入", "全市", "投资", "民生", "项目", "经济"):
        assert expansions(word) == (), word


def test_a_question_names_the_abbreviated_indicator_where_its_name_ends():
    assert [i for *_, i in named_indicators("青禾县去年一般预算收入多少？")] == ["一般公共预算收入"]
    assert [i for *_, i in named_indicators("青禾县规工增加值和固投各增长多少")] == ["规模以上工业增加值", "固定资产投资"]
    assert named_indicators("青禾县一般预算收入的征管办法有哪些") != []  # a name stands before 的
    assert named_indicators("青禾县一般预算收入征管办法") == []  # the run goes on: part of a longer name


def _records(text: str) -> list:
    row = Row("q.txt", None, "青禾县", "青禾县2024年统计公报", "", "paragraph", text, paragraph=3, year=2024,
              period_label="全年", stance="actual")
    return row_figures(row, "青禾县", communique_year=2024)


def test_the_abbreviation_is_answered_with_both_qualified_readings():
    recs = _records("全年一般公共预算收入完成86.3亿元，剔除减税降费因素后增长6.4%，按自然口径计算增长2.2%。")
    a = answer_indicator("青禾县24年一般预算收入多少？涨了多少", recs, place="青禾县", years=(2024,))
    assert a is not None and not a.abstained
    assert "86.3亿元" in a.text and "剔除减税降费因素后增长6.4%" in a.text and "按自然口径计算增长2.2%" in a.text
    assert "数字不同" not in a.text


def test_growth_asked_where_only_the_level_and_an_average_are_stated_is_refused_naming_them():
    recs = _records("全县一般公共预算收入突破90亿元，年均增长4.4%。")
    a = answer_indicator("青禾县去年一般预算收入增速是多少？", recs, place="青禾县", years=())
    assert a is not None and a.abstained
    assert "年均增长4.4%" in a.text and "没有所问的比上年增长" in a.text
    level = _records("全年一般公共预算收入完成86.3亿元。")
    b = answer_indicator("青禾县一般预算收入比上年涨了多少个点？", level, place="青禾县", years=())
    assert b is not None and b.abstained and "总量" in b.text and "86.3亿元" in b.text


def test_a_round_mark_passed_is_no_conflict_and_a_period_word_ends_the_name():
    exact = _records("全县固定资产投资完成305亿元，增长9.2%。")
    mark = [f.__class__(**{**f.to_json(), "doc": "r.txt", "row_id": "r"}) for f in _records(
        "全县固定资产投资首次突破300亿元、增长9.2%。") if f.measure == "level"]
    assert [f.value for f in mark] == [300.0]
    a = answer_indicator("青禾县固投全年多少？", exact + mark, place="青禾县", years=(2024,))
    assert a is not None and not a.abstained and "305亿元" in a.text and "数字不同" not in a.text, a


def test_one_word_for_two_sides_asks_both_indicators():
    from rag.ask.indicator_multi import split

    assert [p.indicator for p in split("青禾县城乡收入各多少")] == ["城镇居民人均可支配收入", "农村居民人均可支配收入"]
    assert split("青禾县城乡建设投资多少") == []  # neither side is a listed name
