"""Two or more indicators in one question (rag.ask.indicator_multi) on invented figure records: each named
indicator answered from its own record and cited, in the order the question named them; one the records lack is
said plainly and never invented; a name inside a relation (占GDP比重) is not a list."""

from __future__ import annotations

from rag.ask.indicator_multi import answer_indicators, split
from rag.ask.verify import check
from rag.domain import Answer, Citation, Row
from rag.ingest.figures import Figure


def fig(indicator: str, measure: str, value: float, unit: str, text: str, paragraph: int, *,
        place: str = "青禾县", year: int = 2030) -> Figure:
    return Figure(doc="qh.txt", place=place, level=place[-1], year=year, period="全年", stance="actual",
                  indicator=indicator, words=indicator, measure=measure, value=value, unit=unit, text=text,
                  row_id=f"qh{paragraph}", paragraph=paragraph)


IND = "全县规模以上工业增加值增长7.3%。"
INV = "固定资产投资增长4.1%。"
RET = "社会消费品零售总额312.6亿元，增长5.2%。"
GDP = "全县地区生产总值845.2亿元，增长6.0%。"
RECORDS = [
    fig("规模以上工业增加值", "growth", 7.3, "%", IND, 3),
    fig("固定资产投资", "growth", 4.1, "%", INV, 4),
    fig("社会消费品零售总额", "level", 312.6, "亿元", RET, 5),
    fig("社会消费品零售总额", "growth", 5.2, "%", RET, 5),
    fig("地区生产总值", "level", 845.2, "亿元", GDP, 1),
    fig("地区生产总值", "growth", 6.0, "%", GDP, 1),
    fig("进出口总额", "level", 88.0, "亿元", "宁川区进出口总额88.0亿元。", 9, place="宁川区"),
]


def ask(q: str, fallback=None) -> Answer | None:
    a = answer_indicators(q, RECORDS, place="青禾县", library_places=["青禾县", "宁川区"], years=(2030,),
                          fallback=fallback)
    if a is not None and not a.abstained:
        rows = [Row(c.doc, c.row, "", c.title, "", "paragraph", c.text) for c in a.citations]
        assert check(a.text, rows) == [], a.text
    return a


def test_two_indicators_joined_by_he_each_answered_from_its_own_record_in_order():
    a = ask("青禾县2030年规上工业和固投分别增长多少")
    assert a and not a.abstained
    assert "增长7.3%" in a.text and "增长4.1%" in a.text
    assert a.text.index("7.3%") < a.text.index("4.1%")  # the order the question named them
    assert {c.paragraph for c in a.citations} == {3, 4}


def test_a_list_with_the_pause_mark_and_the_order_kept():
    a = ask("青禾县固投、规上工业增加值各增长了多少")
    assert a and not a.abstained and a.text.index("4.1%") < a.text.index("7.3%")


def test_two_clauses_the_second_borrowing_the_first_ones_measure():
    a = ask("青禾县2030年GDP多少？社零呢")
    assert a and not a.abstained
    assert "845.2" in a.text and "312.6" in a.text
    assert a.text.index("845.2") < a.text.index("312.6")


def test_one_the_records_lack_is_said_plainly_and_the_other_answered():
    a = ask("青禾县2030年规上工业和一般公共预算收入各增长多少")
    assert a and not a.abstained and "增长7.3%" in a.text
    assert "没有" in a.text and "一般公共预算收入" in a.text
    assert {c.paragraph for c in a.citations} == {3}  # nothing cited for the one not found


def test_the_text_answerers_may_answer_the_part_the_records_lack():
    said = Answer(question="", text="一般公共预算收入增长2.5%〔qh.txt 第8段〕。",
                  citations=(Citation("qh8", "qh.txt", None, "", "一般公共预算收入增长2.5%。", 1.0, 8),))
    a = answer_indicators("青禾县2030年规上工业和一般公共预算收入各增长多少", RECORDS, place="青禾县",
                          years=(2030,), fallback=lambda q: said if "一般公共预算收入" in q else None)
    assert a and "增长7.3%" in a.text and "增长2.5%" in a.text


def test_neither_on_record_passes_on():
    assert ask("青禾县2030年一般公共预算收入和城镇新增就业各多少") is None


def test_another_places_record_is_never_used():
    a = ask("青禾县2030年社零和进出口总额各多少")
    assert a and "312.6" in a.text and "88.0" not in a.text


def test_a_relation_or_one_indicator_is_not_split():
    assert split("青禾县第三产业增加值占GDP比重多少") == []
    assert split("青禾县GDP多少，增长多少") == []
    assert split("青禾县GDP增速跟宁川区GDP比，高还是低") == []
    assert [p.indicator for p in split("宁川区社零、进出口总额分别多少")] == ["社会消费品零售总额", "进出口总额"]


def test_a_shared_head_or_tail_written_once_is_written_out_to_listed_names_only():
    parts = split("宁川区城镇和农村居民人均可支配收入各增长多少")
    assert [p.indicator for p in parts] == ["城镇居民人均可支配收入", "农村居民人均可支配收入"]
    assert all(p.question.endswith("各增长多少") for p in parts)
    assert [p.indicator for p in split("宁川区一般公共预算收入和支出各多少")] == ["一般公共预算收入", "一般公共预算支出"]
    assert [p.indicator for p in split("宁川区出口和进口总额各多少")] == ["出口总额", "进口总额"]
    assert split("宁川区农业和农村居民人均可支配收入情况") == []  # 农业居民… is no listed name: nothing made up


def test_bare_qualifiers_asked_after_an_indicator_are_the_listed_names_they_make_with_it():
    parts = split("石家庄2025年居民人均可支配收入多少？城镇、农村分别多少？")
    assert [p.indicator for p in parts] == ["居民人均可支配收入", "城镇居民人均可支配收入", "农村居民人均可支配收入"]


def test_an_aside_opening_the_next_clause_still_splits_it():
    parts = split("西安2025年社零多少亿，增长多少？顺便说下固投增速。")
    assert [p.indicator for p in parts] == ["社会消费品零售总额", "固定资产投资"]
