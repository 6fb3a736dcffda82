"""Subject terms read against the library as text (rag.ask.subjects, rag.ask.terms): pieces of a name joined when
the library writes them whole, a classifier glued to a word taken off, referring words never subjects, the verb
after a count word gates. Invented words only."""

from __future__ import annotations

from rag.ask.subjects import joined
from rag.ask.terms import Term, count_predicates, is_filler

LIBRARY = "完成318省道青石至溪口段路基工程46%；开发研学线路3条；共有产权房配售200套"


def present(text: str) -> bool:
    return text in LIBRARY


def names(terms: tuple[Term, ...]) -> list[str]:
    return [t.alts[0] for t in terms]


def test_pieces_of_a_name_the_library_writes_whole_are_one_term():
    q = "318省道青石至溪口段到哪了"
    pieces = (Term(("318",), 0.6), Term(("省道",), 1.0), Term(("青石",), 1.0), Term(("溪口",), 1.0))
    assert names(joined(q, pieces, present)) == ["318省道青石至溪口"]


def test_known_words_the_library_does_not_write_together_stay_apart():
    q = "省道溪口北段到哪了"
    pieces = (Term(("省道",), 1.0), Term(("溪口",), 1.0), Term(("北段",), 1.0))
    assert names(joined(q, pieces, present)) == ["省道", "溪口", "北段"]


def test_a_verb_is_not_part_of_a_name():
    q = "共有产权房配售了多少套"
    pieces = (Term(("产权房",), 1.0), Term(("配售",), 1.0))
    assert names(joined(q, pieces, present)) == ["产权房", "配售"]


def test_a_classifier_glued_to_a_word_after_a_number_is_taken_off():
    q = "开发的3条研学线路叫什么"
    assert names(joined(q, (Term(("条研学",), 1.0), Term(("线路",), 1.0)), present)) == ["研学", "线路"]


def test_referring_words_are_never_subjects():
    assert all(is_filler(w) for w in ("那项", "那条", "这块", "该项", "这条"))
    assert not is_filler("项目") and not is_filler("那曲")  # a place, not a referring word


def test_the_verb_after_a_count_word_gates_the_one_before_only_ranks():
    assert count_predicates("几个建成几个在建") == [("建成", 1.5), ("在建", 1.5)]
    assert count_predicates("谈了几个") == [("谈", 0.4)]


def test_a_joined_name_weighs_what_its_pieces_weighed():
    q = "318省道青石至溪口段到哪了"
    pieces = (Term(("省道",), 1.0), Term(("青石",), 1.0), Term(("溪口",), 1.0))
    assert [t.weight for t in joined(q, pieces, present)] == [3.0]


def test_a_figure_is_found_as_itself_not_inside_another():
    assert Term(("35",), 0.6).present("其中产业项目35个") and not Term(("35",), 0.6).present("产值350.2亿元")
    assert not Term(("35",), 0.6).present("增长1.35%") and Term(("2万人",), 1.0).present("新增就业2万人")



def test_a_two_digit_year_is_never_a_subject():
    from rag.ask.question import analyze

    asked = analyze("31年工作报告里说的去年研学游客多少", ["青禾区"], [])
    assert not any(t.alts[0].startswith("31") for t in asked.terms)


def test_an_abbreviation_may_keep_a_character_of_a_words_second_half():
    from rag.ask.subjects import abbreviation

    texts = ["新增国家高新技术企业61家。新增科技型中小企业133家。"]
    assert abbreviation("科小", lambda: texts) == "科技型中小企业"
    assert abbreviation("国高企", lambda: texts) == "国家高新技术企业"
    assert abbreviation("科大", lambda: texts) is None  # 大 is in no word after 科技型
    assert abbreviation("村评", lambda: ["新围村社获评市级样板"]) is None  # 获评 is a verb, not a name's head


def test_a_word_the_tokenizer_cut_across_two_library_words_only_ranks():
    from rag.ask.subjects import straddling

    library = "中欧班列（西安）开行6037列，增长21.1%。"
    present = library.__contains__
    term = straddling("西安 中欧班列 2025年 开行列数", Term(("行列",), 1.0), present)
    assert term.weight < 1.0
    kept = straddling("和田 援疆项目 援助省市", Term(("省市",), 1.0), present)
    assert kept.weight == 1.0  # 助省 is no word: a noun the library lacks still gates


def test_a_word_jieba_does_not_know_is_not_filler_on_its_guessed_tag():
    assert not is_filler("之科")  # 之科基金: jieba guesses a pronoun for a name it does not know
    assert is_filler("那边") and is_filler("这项")


def test_a_character_cut_off_before_a_word_is_read_with_it_unless_it_is_a_measure_word():
    from rag.ask.subjects import prefixed

    texts = ["筹集保障性住房620套，公共租赁住房保障230户。形成制度创新成果71项，新增项制度3条。"]
    got = prefixed("公租房保障家庭多少户", Term(("租房",), 1.0), lambda s: s in texts[0], lambda: texts)
    assert got.alts == ("公租房", "公共租赁住房"), got
    kept = prefixed("累计形成多少项制度创新成果", Term(("制度",), 1.0), lambda s: s in texts[0], lambda: texts)
    assert kept.alts == ("制度",), kept
    place = prefixed("临安区企业到境外参展", Term(("企业",), 1.0), lambda s: True, lambda: ["全区企业到境外参展"])
    assert place.alts == ("企业",), place
