"""Questions that differ only in wording are the same question (issue M): spoken question words, the noun that
names the kind of answer, words the tokenizer glued to a preposition, a place's own scope word, relative years said
of a report, and one place under two names. Questions are invented; 宁川区, 青禾县 and 云岭省 are invented places."""

from __future__ import annotations

from rag.ask.nesting import one_per_place
from rag.ask.question import SOFT_WEIGHT, analyze
from rag.ask.terms import strip_preposition
from rag.ask.understand import anchored, for_place, understand, written


def weights(question: str) -> dict[str, float]:
    return {t.main or t.alts[0]: t.weight for t in analyze(question, [], []).terms}


def test_spoken_question_words_read_as_written_ones():
    assert written("青禾县去年粮食产量多少来着") == "青禾县去年粮食产量多少"
    assert written("青禾县茶园建设咋样了") == "青禾县茶园建设怎么样了"
    assert written("青禾县都引进了啥企业") == "青禾县都引进了什么企业"
    spoken, plain = weights(written("青禾县新增就业多少人来着")), weights("青禾县新增就业多少人")
    assert spoken == plain and "人来" not in spoken


def test_a_phrase_listed_in_its_spoken_form_matches_the_written_question():
    """rag/data lists phrases as staff type them ("为啥还没"); the question is read in written form ("为什么还没"), so
    the lists are read in written form too: a spoken and a written question get the same kind of ask."""
    spoken, plain = analyze(written("青禾县茶园二期为啥还没开工"), [], []), analyze("青禾县茶园二期为什么还没开工", [], [])
    assert spoken.want == plain.want == "stage"
    assert analyze(written("宁川区的新码头咋样了"), [], []).want == "stage"


def test_every_listed_phrase_is_in_the_written_form_questions_are_read_in():
    """A question is rewritten to written form before any list is matched, so a phrase listed as spoken ("为啥还没")
    would never match: rag/data/question.json lists every phrase as written."""
    from rag.ask.terms import question_data

    def phrases(value: object) -> list[str]:
        if isinstance(value, str):
            return [value]
        if isinstance(value, list):
            return [p for v in value for p in phrases(v)]
        if isinstance(value, dict):
            return [p for k, v in value.items() if k != "about" for p in [k, *phrases(v)]]
        return []

    listed = [p for k, v in question_data().items() if k != "colloquial" and not k.startswith("about") for p in phrases(v)]
    assert [p for p in listed if written(p) != p] == []


def test_the_noun_naming_the_kind_of_answer_does_not_gate():
    got = weights("青禾县督查通报中哪些乡镇未按时报送材料")
    assert got["乡镇"] == SOFT_WEIGHT and got["材料"] == 1.0  # the answer is 石桥乡、北河镇, not the word 乡镇
    got = weights("青禾县护林员队伍数量是多少")
    assert got["数量"] == SOFT_WEIGHT and got["护林员"] == 1.0
    assert weights("青禾县茶叶加工到什么程度了").get("程度", SOFT_WEIGHT) == SOFT_WEIGHT  # soft, or read as the ask
    assert weights("青禾县人口是多少")["人口"] == 1.0  # the only subject: it must still be found
    assert weights("招商引资到位资金多少亿")["资金"] == 1.0  # no copula: an amount of 资金 is asked


def test_a_preposition_glued_to_a_word_is_not_part_of_it():
    assert strip_preposition("由区") == "区" and strip_preposition("由于") == "由于"
    assert "由区" not in weights("青禾县年度报告由区统计局的谁来作")


def test_the_places_own_scope_is_not_a_subject():
    got = weights("云岭省全省茶叶产量是多少")
    assert "全省" not in got and "茶叶" in got


def test_a_list_predicate_after_the_list_word_gates_one_before_it_does_not():
    got = weights("青禾县报告提出要打好哪几项攻坚")
    assert got.get("提出", 0) < 1.0
    assert weights("青禾县哪些项目推进缓慢")["推进"] == 1.0
    assert weights("青禾县茶产业聚焦哪几个方向")["聚焦"] == 1.0  # right before the list word: the predicate
    assert weights("青禾县报告提到哪些茶园获奖").get("提到", 0) < 1.0  # a reporting verb there is not
    assert weights("青禾县封关以后出台的政策有哪些")["封关"] == 1.0  # a rare verb names the subject wherever it is


def test_a_relative_year_said_of_a_report_counts_from_the_reports_year():
    assert anchored("青禾县2027年政府工作报告里说的去年粮食产量是多少") == ("青禾县2027年政府工作报告里说的2026年粮食产量是多少", 2027)
    assert anchored("青禾县2027年报告提到的今年目标是多少")[0] == "青禾县2027年报告提到的2027年目标是多少"
    assert anchored("青禾县去年粮食产量是多少") == ("青禾县去年粮食产量是多少", None)  # no report named: as asked


def test_one_place_under_two_names_is_one_place_not_a_comparison():
    named, aliases = one_per_place("", ["青禾县", "云岭省青禾县"])
    assert named == ["青禾县"] and aliases == {"青禾县": ("云岭省青禾县",)}
    named, _ = one_per_place("", ["云岭省", "青禾县"])
    assert named == ["云岭省", "青禾县"]


def test_each_compared_place_is_asked_without_the_others_name(built_index):
    ask = understand("余杭和临安的GDP增速分别是多少", built_index)
    one = for_place(ask, "余杭区")
    assert "临安" not in one.question and "余杭" in one.question and one.place == "余杭区" and not one.compare


def test_a_list_written_as_parallel_sentences_is_read_as_items():
    from dataclasses import replace

    from handmade import PLACE, REVIEW, ask

    from rag.ask.extractive import answer_extractive

    row = replace(REVIEW, text="培育特色农业。做强高山茶叶，建设加工园区。扩大中药材种植。聚焦山地蔬菜，建设特色基地。"
                               "聚焦林下养殖，推广特色模式。聚焦生态果品，打造特色品牌。完善冷链物流。")
    q = "宁川区发展特色农业聚焦哪几个方向"
    a = answer_extractive(q, ask(q, (PLACE,)), [row], {})
    assert not a.abstained
    assert all(item in a.text for item in ("山地蔬菜", "林下养殖", "生态果品")) and "冷链" not in a.text


def test_a_year_in_chinese_digits_is_a_year():
    from rag.ask.wording import full_years

    assert full_years("青禾县二〇二五年规上工业增加值") == "青禾县2025年规上工业增加值"
    assert full_years("青禾县二五年开年定的目标") == "青禾县2025年开年定的目标"
    for said in ("十四五年均增长", "三五年内建成", "第二五年", "二三年前就开工了"):  # counts of years, not a year
        assert full_years(said) == said


def test_a_word_the_library_never_writes_only_ranks_unless_it_is_a_noun():
    """企业|连着 and 城市|测的 (a character glued on by the tokenizer) are their known word; 村评 (characters around a
    verb) and 往下掉, 市里 (how the question speaks) only rank; 碳排放, which a near miss asks for, still gates."""
    from rag.ask.subjects import held
    from rag.ask.terms import Term

    library = "青禾县企业入围500强；中心城市空气质量优良天数比例95%；村居样板。"

    def present(word: str) -> bool:
        return word in library

    assert held(Term(("企业连",), 1.0), present) == (Term(("企业",), 1.0),)
    assert held(Term(("城市测",), 1.0), present) == (Term(("城市",), 1.0),)
    for said in ("村评", "往下掉", "市里"):
        assert all(t.weight < 1.0 for t in held(Term((said,), 1.0), present)), said
    assert held(Term(("碳排放",), 1.0), present) == (Term(("碳排放",), 1.0),)


def test_a_word_jieba_leaves_in_single_characters_is_found_when_the_library_writes_it():
    from rag.ask.subjects import character_runs

    def present(word: str) -> bool:
        return word in "做热青禾小雅、青禾绿岛等重点项目"

    assert [t.alts[0] for t in character_runs("青禾文旅方面要重点做热的是哪几个项目？", present)] == ["做热"]
    assert character_runs("青禾打了多少粮食", present) == []  # 了 is a particle; 打 alone is not a run
    assert character_runs("青禾战略性新兴产业占比50%以上实现了没有", lambda w: True) == []  # 占|比 asks a share


def test_paraphrase_forms_of_one_question_read_alike():
    """Seen on paraphrase set 008: a year written bare before an indicator (2021 GDP), 前三季, kW, a measure named
    alone (…交易额) asks its figure, 清单 asks a list, 牵头方 asks the unit, and a mark verb before a figure (是否突破
    千亿元, 过没过一千亿) or a yes/no in 否 names no subject."""
    from rag.ask.question import periods_in
    from rag.ask.wording import full_years

    assert full_years("青禾2021 GDP") == "青禾2021年 GDP" and full_years("出让2000亩") == "出让2000亩"
    assert periods_in("青禾前三季GDP增速") == [(9, "前三季度")]
    assert written("青禾光伏并网4万kW") == "青禾光伏并网4万千瓦"
    assert analyze("青禾去年技术交易额", [], []).want == "number"
    assert analyze("青禾社零额（亿元）", [], []).want == "number"
    assert analyze("青禾交通重大项目开工清单", [], []).want == "list"
    assert "突破" not in weights("青禾固定资产投资是否突破千亿元") and "没过" not in weights("青禾固投过没过一千亿")
    from rag.ask.terms import has_any
    from rag.ask.wording import asks_how_far

    assert asks_how_far("青禾外资10亿美元目标达成否") and not asks_how_far("青禾外资10亿美元目标是多少")
    assert has_any("青禾危旧房解危牵头方", "unit_question")


def test_months_in_chinese_digits_are_the_periods_written_in_figures():
    from rag.ask.wording import digit_months

    assert digit_months("青禾县新增就业到八月底多少人") == "青禾县新增就业到8月底多少人"
    assert digit_months("青禾县前八个月招商多少") == "青禾县1-8月招商多少"
    assert digit_months("青禾县前两个月") == "青禾县1-2月"
    assert digit_months("十一月份完成了吗") == "11月份完成了吗"
    assert digit_months("二十一个项目") == "二十一个项目"  # not a month


def test_a_place_named_only_to_be_left_out_is_not_asked():
    from rag.ask.asked_places import left_out

    assert left_out("云岭省全省口径（不是宁川市）去年粮食产量多少") == "云岭省全省口径去年粮食产量多少"
    assert left_out("云岭省的数，不含宁川区的") == "云岭省的数，"
    assert left_out("云岭省非税收入多少") == "云岭省非税收入多少"  # 非 before a word is not a place left out


def test_a_yes_no_on_a_deliverable_in_everyday_words_asks_its_status():
    from rag.ask.wording import asks_how_far

    assert asks_how_far("宁川区那三条断头路打通了没有？")
    assert asks_how_far("宁川区的断头路到年底通了没有啊？")
    assert asks_how_far("青禾县新码头建好了吗")
    assert not asks_how_far("宁川区打通了几条断头路？")  # a count, not a yes/no


def test_a_period_that_says_when_a_target_falls_is_not_the_period_asked():
    from rag.ask.question_time import periods_in

    assert periods_in("青禾县全年要落地项目40个，上半年情况咋样？") == [(6, "上半年")]
    assert periods_in("青禾县全年落地项目多少个") == [(12, "全年")]


def test_a_status_asked_in_a_search_box_form_is_a_status_question():
    from rag.status.rules import is_status_question

    for q in ("青禾县 招商项目40个 1-6月完成情况", "宁川区实际利用外资10亿美元 是否达标", "青禾县工业用地 够数了吗"):
        assert is_status_question(q), q


def test_a_province_or_city_said_with_its_scope_is_read_as_its_name():
    from rag.ask.wording import written

    assert "湖南省" in written("湘西州GDP涨得跟湖南全省比是快还是慢")
    assert written("实现全省第一") == "实现全省第一" and "宁夏全区" in written("跟宁夏全区比")  # not a place; a region


def test_a_bracket_that_says_what_to_answer_is_not_another_name():
    from rag.ask.question import analyze

    terms = [t.alts for t in analyze("青禾县2031年政府工作报告是由哪位县长（姓名）作的？", ["青禾县"], []).terms]
    assert ("姓名",) in terms and not [a for a in terms if "姓名" in a and len(a) > 1], terms


def test_a_list_asked_of_a_status_is_a_list():
    from rag.ask.question import wants_of

    assert wants_of("主要任务中，具体是哪几项滞后序时？")[0] == "list"


def test_a_relative_year_counts_from_the_report_said_nearest_before_it():
    from rag.ask.wording import anchored

    q, year = anchored("2025年报告里定的粮食目标是多少？到2026年报告说去年实际达到多少？")
    assert "2025年实际" in q and year == 2026, (q, year)
    assert anchored("2026年报告里说的去年GDP")[0] == "2026年报告里说的2025年GDP"
