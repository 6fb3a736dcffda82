"""Evidence (rag.ask.evidence): clause windows with the year, period and stance they speak for, and the
parts that decide whether one may answer — coverage of the question's terms, the kind of answer, period,
year and stance agreement. Principles, not weights. Hand-made rows (tests/handmade.py), no index."""

from __future__ import annotations

from dataclasses import replace

from handmade import REVIEW, ROAD, ROWS, SCHOOL, TARGET, ask

from rag.ask.evidence import MIN_COVERAGE, Evidence, answers, clauses_of, gather


def clause(question: str, text: str, rows=ROWS) -> Evidence:
    """The evidence for the clause window that is exactly `text`."""
    found = [e for e in gather(ask(question), rows) if e.text == text]
    assert found, f"no clause window {text!r}"
    return found[0]


def first_answer(question: str, rows=ROWS) -> Evidence | None:
    a = ask(question)
    return next((e for e in gather(a, rows) if answers(e, a)), None)


# ---------------------------------------------------------------------------------- what each clause speaks for


def test_a_review_paragraph_speaks_for_its_headings_year_as_results():
    cs = clauses_of(REVIEW, 0)
    assert cs and all(c.year == 2023 and c.stance == "actual" and c.months == 12 for c in cs)
    assert all(c.own_year for c in cs)  # from the heading "一、2023年工作回顾", not the document's default


def test_a_plan_paragraph_speaks_for_targets():
    cs = clauses_of(TARGET, 0)
    assert cs and all(c.year == 2024 and c.stance == "target" for c in cs)


def test_a_progress_row_task_is_the_target_and_its_progress_the_tables_period():
    cs = clauses_of(SCHOOL, 0)
    task = [c for c in cs if c.in_task]
    progress = [c for c in cs if not c.in_task]
    assert task and all(c.stance == "target" and c.months == 12 for c in task)
    assert progress and all(c.stance == "actual" and c.months == 6 and c.own_period for c in progress)
    assert all(c.text in SCHOOL.task for c in task) and all(c.text in SCHOOL.progress for c in progress)


# ---------------------------------------------------------------------------------- the kind of answer


def test_a_growth_rate_is_answered_by_the_growth_clause_not_the_total_or_the_share():
    q = "2023年地区生产总值增长多少"
    a = ask(q)
    assert answers(clause(q, "地区生产总值同比增长6.1%"), a)
    total = clause(q, "全区实现地区生产总值1260亿元")
    share = clause(q, "数字经济核心产业增加值占地区生产总值比重达12.9%")
    assert total.coverage >= MIN_COVERAGE and not total.type_ok and not answers(total, a)
    # a share names GDP only as its denominator (占…比重): not covered, or not a growth rate; never an answer
    assert (share.coverage < MIN_COVERAGE or not share.type_ok) and not answers(share, a)
    best = first_answer(q)
    assert best is not None and "6.1%" in best.text and "1260" not in best.text and "12.9%" not in best.text


def test_an_amount_is_not_answered_by_a_growth_rate():
    q = "规上工业增加值是多少亿元"
    assert first_answer(q) is None
    growth = clause(q, "规上工业增加值增长8.2%")
    assert growth.coverage >= MIN_COVERAGE and not growth.type_ok


def test_a_share_and_a_rank_are_answered_by_their_own_clauses():
    share = first_answer("数字经济核心产业增加值占比是多少")
    assert share is not None and "12.9%" in share.text
    rank = first_answer("规上工业增加值全市排第几")
    assert rank is not None and "第二" in rank.text


# ---------------------------------------------------------------------------------- coverage


def test_a_near_miss_of_one_term_is_not_covered_and_the_term_is_named():
    q = "城镇居民人均可支配收入是多少"
    assert first_answer(q) is None
    rural = clause(q, "农村居民人均可支配收入38650元")
    assert rural.coverage < MIN_COVERAGE and "城镇" in "".join(rural.missing)  # the whole indicator named
    assert first_answer("农村居民人均可支配收入是多少") is not None


def test_a_progress_cell_reports_on_its_rows_task():
    q = "宁川大道快速路完成投资多少"
    progress = clause(q, "完成投资3.2亿元")
    assert progress.coverage == 1.0 and progress.own == 1.0  # the project's name is in the row's task: its subject
    assert answers(progress, ask(q))


# ---------------------------------------------------------------------------------- period, year, stance


def test_another_period_is_a_mismatch_only_for_the_exact_answer():
    q = "前三季度宁川大道快速路完成投资多少"
    ev = clause(q, "完成投资3.2亿元")
    assert ev.period == "other"
    assert not answers(ev, ask(q)) and answers(ev, ask(q), any_time=True)
    same = clause("上半年宁川大道快速路完成投资多少", "完成投资3.2亿元")
    assert same.period == "same" and answers(same, ask("上半年宁川大道快速路完成投资多少"))


def test_another_year_in_the_heading_is_a_mismatch_the_documents_default_is_not():
    q = "2022年地区生产总值增长多少"
    ev = clause(q, "地区生产总值同比增长6.1%")
    assert ev.year == "other" and not answers(ev, ask(q))
    bare = replace(REVIEW, section="", heading="", paragraph=4)  # the year 2023 only from the document
    ev = clause(q, "地区生产总值同比增长6.1%", rows=[bare])
    assert ev.year == "unknown" and answers(ev, ask(q))


def test_asked_for_a_target_the_result_is_not_an_answer():
    q = "2024年GDP预期目标是多少"
    best = first_answer(q)
    assert best is not None and best.row == TARGET and best.clause.stance == "target"
    result = clause("GDP预期目标是多少", "地区生产总值同比增长6.1%")
    assert not answers(result, ask("GDP预期目标是多少"))


def test_asked_for_a_result_the_tasks_target_is_not_an_answer():
    q = "宁川大道快速路完成投资多少"
    task = clause(q, "宁川大道快速路工程，年度计划投资6亿元")
    assert task.clause.in_task and not answers(task, ask(q))
    best = first_answer(q)
    assert best is not None and best.row == ROAD and not best.clause.in_task


def test_a_stage_question_prefers_the_progress_report():
    best = first_answer("城西学校建得怎么样了")
    assert best is not None and best.row == SCHOOL


def test_a_kind_of_place_is_found_as_places_of_those_levels():
    from rag.ask.evidence import _found
    from rag.ask.terms import Term

    assert _found(Term(("省市",), 1.0), "北京市、天津市、安徽省共实施援疆项目303个") == 1.0
    assert _found(Term(("省市",), 1.0), "共实施援疆项目303个") == 0.0


def test_a_list_asked_by_its_count_owns_the_clause_counting_the_same_thing_described_otherwise():
    from rag.ask.counting import described

    said = described("余杭去年开发的4条文旅精品线路分别叫啥？", "完成溯·文明圣地之旅、品·径山禅茶之旅等4条特色精品线路开发")
    assert said == {"文旅", "精品"}
    assert not described("余杭去年开发的4条文旅精品线路分别叫啥？", "开发特色精品线路3条")


def test_a_figure_whose_sentence_opens_with_a_part_of_the_place_is_that_parts():
    from rag.ask.counting import part_lead

    assert part_lead("生命科技小镇", "余杭区2023年固定资产投资完成额多少")
    assert not part_lead("生命科技小镇", "余杭生命科技小镇2023年固定资产投资多少")
    assert not part_lead("固定资产投资", "余杭区2023年固定资产投资完成额多少")

