"""The one answering pipeline (rag.ask.pipeline): the answerer table, the typed Ask, term weights from
statistics, people, sub-places and status in everyday words."""

from __future__ import annotations

from rag.ask import pipeline
from rag.ask.answer import answer
from rag.ask.question import analyze
from rag.ask.terms import is_filler
from rag.ask.understand import understand
from rag.ingest.places import level_of


def test_the_table_is_ordered_small_answerers_with_the_indicator_before_the_quote():
    names = [a.name for a in pipeline.ANSWERERS]
    assert names[0] == "refuse_place" and names[-1] == "quote"
    assert names.index("indicator") < names.index("prose_target") < names.index("each_year") == len(names) - 2
    # figure records first, then a prose target with its result in the next report, each year of an unlisted
    # figure, text windows last
    assert all(callable(a.applies) and callable(a.answer) for a in pipeline.ANSWERERS)


def test_everyday_words_are_never_required_subjects():
    for w in ("那边", "这项", "那会儿", "一步", "谁家", "多列", "是不是", "有没有", "达没达到", "各到", "各签", "那件事"):
        assert is_filler(w), w
    for w in ("学位", "126条", "各类", "每人", "每月", "各地", "全年"):
        assert not is_filler(w), w
    terms = {t.alts[0] for t in analyze("钱塘区老旧小区改造多大面积", [], ["钱塘区"]).terms}
    assert "大面积" not in terms and "面积" in terms


def test_place_levels():
    assert [level_of(n) for n in ("河北省", "宁夏回族自治区", "和田地区", "湘西土家族苗族自治州", "保定市", "清苑区",
                                  "下沙街道", "石嘴山高新区")] == [
        "province", "province", "prefecture", "prefecture", "city", "county", "town", "zone"]


def test_understand_types_the_question_once(built_index):
    ask = understand("胡国伟那边的任务完成了吗", built_index)
    assert ask.people == ("胡国伟",) and ask.status_asked and not ask.missing_place
    assert "那边" not in {t.alts[0] for t in ask.terms}
    sub = understand("下沙街道有什么项目", built_index)
    assert not sub.missing_place and sub.place == "钱塘区"
    assert any(p.name == "下沙街道" and p.level == "town" and p.within == ("钱塘区",) for p in sub.places)
    two = understand("余杭和临安的GDP增速分别是多少", built_index)
    assert set(two.compare) == {"余杭区", "临安区"} and two.place is None


def test_an_officials_name_finds_their_rows(built_index):
    a = answer("胡国伟牵头的任务有哪些", index=built_index, settings=built_index.settings)
    rows = [r for r in built_index.rows if "胡国伟" in r.leader]
    assert not a.abstained and len(a.citations) == len(rows)


def test_a_place_inside_a_library_place_is_content_not_a_missing_report(built_index):
    a = answer("下沙街道有什么项目", index=built_index, settings=built_index.settings)
    assert "资料库中没有" not in a.text
    assert not a.abstained and "下沙" in a.text


def test_status_in_everyday_words_is_judged_by_the_rules(built_index):
    for q in ("钱塘区新增城镇就业过半了吗", "钱塘区的GDP目标够数没"):
        a = answer(q, index=built_index, settings=built_index.settings)
        assert a.route == "status" and not a.abstained, q
        assert a.text.startswith(("已完成", "未完成", "尚未完成", "无法判断")), q
