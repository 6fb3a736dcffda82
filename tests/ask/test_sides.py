"""A question that asks several things at once (rag.ask.sides, rag.ask.question.analyze): side by side ("A和B各…"),
an ellipsis ("…？B呢"), two sentences. Invented places and projects (青禾县, 宁川区); principles, not figures."""

from __future__ import annotations

from rag.ask.question import analyze
from rag.ask.sides import sides


def anything(word: str) -> bool:
    return True


def test_things_named_before_ge_are_asked_one_by_one():
    got = [s.text for s in sides("青禾湖一期，绿化和桥梁各做了多少", anything)]
    assert got == ["青禾湖一期，绿化做了多少", "青禾湖一期，桥梁做了多少"]


def test_a_shared_head_stays_with_each_thing():
    got = [s.text for s in sides("宁川快速路北港互通和南湖枢纽的形象进度分别多少", anything)]
    assert len(got) == 2 and "北港互通" in got[0] and "南湖" not in got[0]
    assert "南湖枢纽" in got[1] and "北港" not in got[1] and all("形象进度" in g for g in got)


def test_an_ellipsis_is_the_first_ask_about_another_thing():
    parts = sides("北港安置房三期主体做到几成了？南湖三期呢", anything)
    assert [p.ellipsis for p in parts] == [False, True] and parts[1].text.startswith("南湖三期")
    comma = sides("宁川区工业投资多少，服务业投资呢", anything)
    assert [p.ellipsis for p in comma] == [False, True]


def test_a_question_that_asks_one_thing_has_no_parts():
    assert sides("青禾县工业投资增长多少", anything) == []
    assert sides("各乡镇的绿化和桥梁多少", anything) == []  # 各乡镇 is not "each of the two"


def test_places_periods_and_ask_words_are_not_split_here():
    """Places are compared by their own answerer, periods read as periods, 总量和增速 as two kinds of answer."""
    for q in ("青禾县和宁川区的工业投资各多少", "上半年和全年投资各完成多少", "工业投资总量和增速各多少"):
        assert analyze(q, [], ["宁川区", "青禾县"]).pieces == (), q


def test_each_piece_keeps_its_own_subject_and_the_ellipsis_borrows_the_ask():
    two = analyze("青禾湖一期，绿化和桥梁各做了多少", [], [])
    subjects = [{t.alts[0] for t in p.terms if t.weight >= 1.0} for p in two.pieces]
    assert "绿化" in subjects[0] and "桥梁" not in subjects[0]
    assert "桥梁" in subjects[1] and "绿化" not in subjects[1]
    ell = analyze("北港安置房三期主体做到几成了？南湖三期呢", [], [])
    first, second = ell.pieces
    assert second.want == first.want and second.stance == first.stance
    strong = {t.alts[0] for t in second.terms if t.weight >= 1.0}
    assert "南湖" in strong and "北港" not in strong  # the first thing only ranks


def test_parts_named_after_the_question_are_each_asked_the_question():
    got = sides("宁川大道现在推进到什么程度了？一期、二期分开说一下。", anything)
    assert [s.item for s in got] == ["一期", "二期"] and all("宁川大道现在推进到什么程度了" in s.text for s in got)
    assert [s.item for s in sides("宁川大道弄到哪了？一期二期分开讲讲呗", anything)] == ["一期", "二期"]
    assert sides("宁川大道现在推进到什么程度了？", anything) == []
    pieces = analyze("宁川大道现在推进到什么程度了？一期、二期分开说一下。", [], []).pieces
    assert [[t.alts[0] for t in p.terms if t.weight >= 1.0][-1] for p in pieces] == ["一期", "二期"]
