"""What a question asks (rag.ask.question): content terms, years, periods, target or result, and the kind
of answer wanted. Principles, not weights: which words must be found, which may be missing, which are not
content at all. Questions are invented; 宁川区 is an invented place."""

from __future__ import annotations

import pytest

from rag.ask.question import SOFT_WEIGHT, analyze, stance_of, wants_of
from rag.ask.question_time import months_of, periods_in


def terms(question: str, drop: tuple[str, ...] = ()) -> dict[str, float]:
    """Each content term by the word the question used (its lexicon name, or the jieba word), with its weight."""
    return {t.main or t.alts[0]: t.weight for t in analyze(question, [], list(drop)).terms}


def alts(question: str) -> set[str]:
    return {a for t in analyze(question, [], []).terms for a in t.alts}


# ---------------------------------------------------------------------------------- content terms


def test_an_indicator_brings_its_lexicon_synonyms():
    got = analyze("去年固投增速是多少", [], []).terms
    assert len(got) == 1 and {"固投", "固定资产投资"} <= set(got[0].alts) and got[0].weight == 1.0
    assert {"GDP", "地区生产总值"} <= alts("2023年GDP增长多少")
    assert {"社零", "社会消费品零售总额"} <= alts("截至10月底社零增长多少")


def test_nouns_must_be_found_and_verbs_may_be_phrased_otherwise():
    got = terms("招商引资到位资金多少亿")
    assert got["资金"] == 1.0 and got["到位"] == SOFT_WEIGHT < 1.0
    got = terms("老旧小区改造完成多少个")
    assert got["老旧"] == got["小区"] == 1.0 and got["改造"] < 1.0
    assert terms("美迪凯项目建得怎么样了")["项目"] < 1.0  # a generic word


@pytest.mark.parametrize(("question", "name"), [
    ("美迪凯项目建得怎么样了", "美迪凯"),  # jieba splits it 美迪|凯
    ("三季度进展表里美迪凯项目建得怎么样了", "美迪凯"),
    ("华芯凯项目建得怎么样了", "华芯凯"),
])
def test_a_name_the_tokenizer_splits_is_joined_back(question, name):
    got = terms(question)
    assert got[name] == 1.0
    assert not any(t != name and t in name for t in got)  # no stray piece of it


def test_x数_asks_a_count_of_x_and_measure_words_never_gate():
    got = terms("宁川区1-6月亿元以上产业项目落地数")
    assert got.get("落地") == 1.0 and "落地数" not in got  # the count of what 落地 names
    assert terms("宁川区创新指数是多少").get("指数", 1.0) == 1.0 or "创新指数" in terms("宁川区创新指数是多少")  # 指数 is a word
    for q, word in (("宁川区就业人数多少", "人数"), ("宁川区电诈发案同比降幅", "降幅"), ("跟去年同期比降了多少", "同期"),
                    ("半年vs全年增速", "vs"), ("宁川区应急管理局都牵头了哪些事儿", "事儿")):
        assert terms(q).get(word, SOFT_WEIGHT) <= SOFT_WEIGHT, (q, terms(q))


def test_places_question_words_and_document_words_are_not_content():
    for q in ["宁川区固投增长多少", "在余杭区政府工作报告里GDP增长多少", "临安区的GDP增长多少"]:
        assert set(terms(q)) <= {"固投", "GDP"}, q
    assert set(terms("余杭GDP增长多少", drop=("余杭区", "余杭"))) == {"GDP"}  # the library's names, as the answerer drops them
    assert set(terms("哪位区领导牵头城西学校")) == {"城西", "学校"}
    assert set(terms("哪个单位负责城西学校")) == {"城西", "学校"}
    assert set(terms("城西学校为什么没开工")) == {"城西", "学校"}


def test_years_and_periods_are_not_content_terms():
    assert set(terms("2023年上半年GDP增长多少")) == {"GDP"}
    assert set(terms("1-8月固投增长多少")) == {"固投"}


@pytest.mark.parametrize("question", ["GDP力争增长多少", "今年GDP计划增长多少", "GDP实际增长多少",
                                      "GDP目标是多少，实际增长多少"])
def test_target_and_result_words_are_the_stance_not_content(question):
    assert set(terms(question)) == {"GDP"}


@pytest.mark.parametrize("question", ["今年要新建几所学校", "城西学校主体施工到几层了", "城西学校为什么延迟开工"])
def test_question_words_are_not_content_terms(question):
    got = terms(question)
    assert not any(t.startswith("几") or t == "为什么" for t in got), got


# ---------------------------------------------------------------------------------- years and periods


def test_years_named_and_relative_years():
    assert analyze("2023年GDP增长多少", [], []).years == (2023,)
    assert analyze("2022年和2023年GDP分别增长多少", [], []).years == (2022, 2023)
    assert analyze("去年固投增速是多少", [], []).relative == "last"
    assert analyze("今年社零目标是多少", [], []).relative == "this"
    assert analyze("社零增长多少", [], []).relative == ""


@pytest.mark.parametrize(("question", "months", "label"), [
    ("上半年规上工业增加值增长多少", 6, "上半年"),
    ("前三季度社零增长多少", 9, "前三季度"),
    ("一季度新增市场主体多少家", 3, "一季度"),
    ("1-8月固投增长多少", 8, "1-8月"),
    ("截至10月底完成投资多少亿元", 10, "截至10月"),
    ("全年GDP增长多少", 12, "全年"),
])
def test_a_period_named_is_read_as_months_of_the_year(question, months, label):
    a = analyze(question, [], [])
    assert (a.months, a.period_label) == (months, label)
    assert months_of(question)[0] == months


def test_no_period_named_is_none():
    a = analyze("GDP增长多少", [], [])
    assert a.months is None and a.periods == ()


def test_two_periods_in_one_question_are_both_kept_in_order():
    assert [m for m, _ in periods_in("1-8月和全年各完成多少投资")] == [8, 12]
    assert [m for m, _ in periods_in("一季度和上半年工业增加值各增长多少")] == [3, 6]
    assert analyze("一季度和上半年工业增加值各增长多少", [], []).months == 3  # the first leads


@pytest.mark.parametrize("question", ["三季度进展表里美迪凯项目建得怎么样了",
                                      "上半年进展情况通报里城西学校怎么样了"])
def test_a_period_that_describes_the_document_is_not_asked(question):
    a = analyze(question, [], [])
    assert a.periods == () and a.months is None


# ---------------------------------------------------------------------------------- stance


@pytest.mark.parametrize(("question", "stance"), [
    ("2024年GDP预期目标是多少", "target"),
    ("GDP力争增长多少", "target"),
    ("今年财政收入计划增长多少", "target"),
    ("财政收入完成了多少", "actual"),
    ("GDP实际增长多少", "actual"),
    ("外资目标是多少，实际完成多少", "both"),
    ("2025年说要改造老旧小区4000个以上，最后够数没", "both"),  # the target stated with its figure, the result asked
    ("GDP目标是力争6%，最后实现没有", "both"),
    ("出让工业用地目标2000亩，到现在实际出让了多少亩", "actual"),  # the progress so far against it
    ("GDP增长多少", ""),
    ("实际利用外资是多少", ""),  # an indicator's name, not a request for the result
    ("实际利用外资目标是多少", "target"),
    ("今年实际利用外资完成了多少", "actual"),  # 完成 asks the result, not 实际
])
def test_stance_target_actual_or_both(question, stance):
    assert stance_of(question) == stance
    assert analyze(question, [], []).stance == stance


# ---------------------------------------------------------------------------------- the kind of answer wanted


@pytest.mark.parametrize(("question", "want"), [
    ("义警队伍一共多少支", "count"),  # 一共多少 asks a total of whatever is counted, not money
    ("2023年GDP增长多少", "growth"),
    ("固投增速是多少", "growth"),
    ("社零总额是多少", "amount"),
    ("招商引资到位资金多少亿", "amount"),
    ("新增高企多少家", "count"),
    ("老旧小区改造完成几个", "count"),
    ("研发投入强度是多少", "ratio"),
    ("数字经济占GDP比重是多少", "ratio"),
    ("GDP全市排第几", "rank"),
    ("财政收入完成了吗", "status"),
    ("社零跟得上吗", "status"),
    ("城西学校建得怎么样了", "stage"),
    ("美迪凯项目推进到哪一步", "stage"),
    ("城西学校为什么没开工", "stage"),
    ("主要预期目标有哪些", "list"),
    ("哪位区领导牵头城西学校", "person"),
    ("哪个单位负责城西学校", "unit"),
    ("城西学校什么时候开工", "date"),
    ("GDP是多少", "number"),
])
def test_the_kind_of_answer_wanted(question, want):
    a = analyze(question, [], [])
    assert a.want == want
    assert a.numeric == (want in ("growth", "ratio", "amount", "count", "number"))


def test_growth_and_amount_are_told_apart_and_a_question_may_want_both():
    assert wants_of("地区生产总值增长多少") == ("growth",)  # the lone 多少 of 增长多少 is the same ask
    assert wants_of("地区生产总值多少亿元") == ("amount",)
    both = wants_of("完成投资多少亿元、增长多少")
    assert "growth" in both and "amount" in both


def test_document_words_do_not_decide_the_kind():
    assert analyze("政府工作报告里GDP增长多少", [], []).want == "growth"
    assert analyze("三季度进展表里美迪凯项目建得怎么样了", [], []).want == "stage"


@pytest.mark.parametrize("question", ["钱塘年初GDP目标定多少，全年实际完成没", "新增大学生目标多少，全年实际引进多少，够数没",
                                      "社零增长目标定了多少，最后做到了没"])
def test_a_target_asked_with_a_yes_no_on_its_result_asks_both(question):
    assert stance_of(question) == "both"


def test_two_digit_years_are_written_out_but_durations_are_not():
    from rag.ask.understand import full_years

    assert full_years("河北24年社零增长目标完成了没") == "河北2024年社零增长目标完成了没"
    assert full_years("比21年涨了还是跌了，24年底呢") == "比2021年涨了还是跌了，2024年底呢"
    for same in ("近10年最好成绩", "12年来", "10年以上", "第24年", "35岁以下", "26年政府工作报告里说的去年"):
        assert full_years(same) == same


def test_a_name_with_another_name_in_brackets_is_one_subject():
    terms = analyze("青禾县去年细颗粒物（PM2.5）平均浓度多少", [], []).terms
    merged = [t for t in terms if "PM2.5" in t.alts]
    assert len(merged) == 1 and "颗粒物" in merged[0].alts and merged[0].weight >= 1.0
    assert not [t for t in terms if t.alts == ("颗粒物",)]


def test_the_verb_before_de_picks_what_is_counted():
    from rag.ask.terms import count_predicates

    assert [v for v, _ in count_predicates("青禾县今年新增的有几家")] == ["新增"]
    assert [v for v, _ in count_predicates("青禾县建成的是多少个")] == ["建成"]


def test_a_modal_glued_to_a_verb_is_no_predicate_of_the_list():
    from rag.ask.terms import after_list_word

    assert not after_list_word("要建", "青禾县今年要建的6个博物馆，上半年完成的是哪几家")
    weights = {t.alts[0]: t.weight for t in analyze("青禾县今年要建的6个博物馆，上半年完成的是哪几家", [], []).terms}
    assert weights.get("要建", SOFT_WEIGHT) <= SOFT_WEIGHT and weights["博物馆"] >= 1.0


def test_characters_jieba_glued_around_a_particle_never_gate():
    from rag.ask.terms import glued, is_filler

    assert all(glued(w) for w in ("个工", "天有", "数和案", "已达成"))  # 多少个工, 天有多少天, 发案数和案损
    assert not any(glued(w) for w in ("未来", "和田", "有机", "开工"))  # words of the dictionary stay subjects
    assert is_filler("本区") and is_filler("我市")  # the place asked, said from inside it


def test_a_negated_verb_after_the_count_word_does_not_pick_what_is_counted():
    from rag.ask.terms import count_predicates

    assert not [w for w, _ in count_predicates("规划指标有几个没达到啊") if w in ("没", "没有")]


def test_a_period_before_the_years_target_is_not_the_period_asked():
    from rag.ask.question_time import periods_in

    assert [m for m, _ in periods_in("营收全年奔着650个亿去的，到7月底完成几成了？")] == [7]
    assert [m for m, _ in periods_in("营收全年冲650亿的，到7月底干到几成了？")] == [7]


def test_the_share_of_a_target_reached_asks_the_result():
    assert stance_of("营业收入全年目标为650亿元，截至7月底完成了目标的百分之多少？") == "actual"
    assert stance_of("营业收入全年目标是多少？") == "target"


def test_a_follow_up_naming_its_own_subject_asks_a_figure_of_any_unit():
    a = analyze("青禾县2031年农村居民人均可支配收入多少？城乡收入倍差呢？", ["青禾县"], [])
    assert a.pieces[0].want == "amount" and a.pieces[1].want == "number"  # 倍差 1.43 is not an amount of money
    b = analyze("青禾县2031年地区生产总值多少？增速呢？", ["青禾县"], [])
    assert b.pieces[1].want == "growth"


def test_which_one_asks_one_thing_not_a_list():
    assert wants_of("获评省级单项冠军的企业是哪一家？") == ("entity",)
    assert wants_of("哪两家企业入围了？") == ("list",)


def test_words_naming_the_document_are_not_subjects():
    for q in ("2031年计划草案里GDP预期增长多少", "青禾县2031年统计公报里GDP多少"):
        assert [t.alts[0] for t in analyze(q, ["青禾县"], []).terms if t.weight >= 1.0] == ["GDP"], q


def test_the_years_task_asked_after_a_part_of_the_year_is_the_years_target():
    a = analyze("青禾县上半年重点项目投资完成多少？全年任务是多少", ["青禾县"], [])
    first, then = a.pieces
    assert (first.stance, first.months) == ("actual", 6) and (then.stance, then.months) == ("target", None)


def test_xushi_is_how_a_status_is_asked_never_a_subject():
    a = analyze("青禾县实际利用外资到8月份跟得上序时吗", ["青禾县"], [])
    assert a.want == "status" and not [t for t in a.terms if "序时" in t.alts]


def test_a_count_then_its_name_asks_a_list_and_its_one_character_kind_gates():
    from rag.ask.question import analyze

    a = analyze("新设的两个县叫啥", [], [])
    assert a.want == "list"
    assert any(t.alts == ("县",) and t.weight >= 1.0 for t in a.terms), a.terms
    assert analyze("新建 6家 乡村博物馆 名称", [], []).want == "list"


def test_a_targets_deadline_stated_with_its_figure_is_not_the_year_asked():
    from rag.ask.question_time import years_asked

    assert years_asked("当初定的到2031年GDP超350亿，2030年干到多少了") == (2030,)
    assert years_asked("到2031年GDP超350亿了吗") == (2031,)  # the only year: still asked
    assert years_asked("2030年和2031年GDP各多少") == (2030, 2031)


def test_a_period_naming_the_report_is_that_reports_period():
    from rag.ask.question import analyze
    from rag.ask.question_time import report_period

    assert report_period("到三季度进展表里打通几条了") == (9, "前三季度")
    assert report_period("三季度全年目标是多少") is None
    a = analyze("到三季度进展表里打通几条了", [], [])
    assert a.months == 9 and a.by_report  # a figure so far; a stage asked of the report is not (test above)


def test_a_reason_or_a_blockage_asked_by_keyword_is_a_stage_question_not_a_subject():
    from rag.ask.question import analyze

    for q in ("温泉综合体 未开工 原因", "士兰微项目 卡点", "士兰微项目卡在什么地方"):
        a = analyze(q, [], [])
        assert a.want == "stage", (q, a.want)
        assert not any(t.alts[0] in ("原因", "卡点", "卡在") for t in a.terms), a.terms


def test_a_target_listed_as_a_keyword_asks_the_target():
    from rag.ask.stance import stance_of

    assert stance_of("钱塘 2023年 固定资产投资 年初目标 实际完成") == "both"
    assert stance_of("钱塘 2023年 固投 目标") == "both"  # the target, with the result beside it
    assert stance_of("钱塘2023年固投是否完成全年目标") != "target"
