"""Subject terms of a question and how much each must be found: the word lists of rag/data/question.json,
the Term value, and the statistical weight of a word (jieba's IDF table for general Chinese, its part of
speech, and whether the library contains it at all). Weights are named in `Weights` below."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any


@dataclass(frozen=True)
class Weights:
    """Every weight of term selection, with how it was chosen.

    idf_common: a word with jieba IDF below this is general vocabulary (现在 3.95, 这个 3.57, 发展 3.58, 经济
      3.57; the median of the table is 11.95): it ranks evidence but never gates an answer. Measured: at 5.2 the
      subjects of government reports lost their gate (资金 4.48, 企业 4.22, 投资 3.89) and tests/ask/test_question
      failed; below 3.6 nothing changes. Nouns above it gate; whether the library holds them decides the rest.
    filler_tags: jieba parts of speech that never name a subject: pronouns (那边, 这项, 那会儿, 谁家 are r),
      numerals and classifiers (一步, 多列 are m), particles, prepositions, conjunctions, interjections.
      Found on the failure reports of issue M (each of those words was taken as a required subject); state words (z:
      扎扎实实) say how. Not idioms (i): jieba tags 提前完成 one.
    soft: weight of a term that may be missing (a verb as the question phrases it, a common noun).
    number: weight of a number written in the question (126条): a label, often written otherwise.
    picks: weight of the verb right after a count word ("几个建成几个在建"): it picks what is counted, so a clause
      holding it outranks one holding only the subject's nouns (issue M, dev batch 008: at 1.0 a clause with one
      count's verb and the subject tied with the clause that holds both counts).
    list_predicate_idf: a verb right before a list word ("聚焦哪几个方向") gates only above this IDF; below it, it
      says how the document speaks (提到 6.6, 涉及 5.9, 围绕 6.7, 包括 4.2 against 聚焦 8.3, 滞后 8.0): set between
      them on the realworld dev set (R02-4 "提到哪些" was refused at no threshold, 004's 聚焦 list lost above 8.3).
    referred_idf: after a demonstrative and a classifier, a word this general (事 4.5, 事情 4.9, 项目 4.9, 工作 4.2)
      only points at what the question names elsewhere ("那件事", "那个项目"); a rarer one is named (那曲 is a place).
      Set from dev batch 014 (b014-38 "那件事" was a required subject); no measured set changed with it.
    """

    idf_common: float = 3.6
    filler_tags: tuple[str, ...] = ("r", "m", "mq", "q", "p", "c", "u", "uj", "ul", "uz", "uv", "ud", "ug",
                                    "y", "e", "o", "zg", "x", "z")
    soft: float = 0.4
    number: float = 0.6
    picks: float = 1.5
    list_predicate_idf: float = 7.5
    referred_idf: float = 5.0


WEIGHTS = Weights()


@lru_cache(maxsize=1)
def question_data() -> dict[str, Any]:
    return json.loads(resources.files("rag").joinpath("data/question.json").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def words() -> dict[str, list[str]]:
    return {k: v for k, v in question_data().items() if isinstance(v, list)}


def has_any(text: str, key: str) -> bool:
    return any(w in text for w in words()[key])


@dataclass(frozen=True)
class Term:
    """A subject word with its synonyms. `main` is the name the question used: synonyms at least
    as specific count fully; a shorter, more generic one ('就业' for '城镇新增就业') only by half."""

    alts: tuple[str, ...]
    weight: float
    main: str = ""
    plain: bool = False  # an indicator the question names bare: 单位GDP能耗 and 人均地区生产总值 are other measures
    units: tuple[str, ...] = ()  # a measure's noun found as its figures' units, by half (面积: 1.8万平方米)

    def factor(self, text: str) -> float:
        low = text.lower()  # "棚户区（城市危旧房）改造": a name with a short note inside it is still that name
        low = low if any(a.lower() in low for a in self.alts) else ASIDE.sub("", low)
        best = 0.5 if any(re.search(r"\d\s*[万千百亿]?" + re.escape(u), text) for u in self.units) else 0.0
        for a in self.alts:
            if a.lower() in low and (not a[:1].isdigit() or _as_number(a.lower(), low)) \
                    and (not self.plain or _bare_in(a.lower(), low)):
                whole = not self.main or len(a) >= len(self.main) - 1 or self.main.replace(a, "", 1) in self.alts
                best = max(best, 1.0 if whole else 0.5)  # 外贸进出口 is 外贸 + 进出口, two names of one thing
        return best

    def present(self, text: str) -> bool:
        return self.factor(text) > 0


ASIDE = re.compile(r"[（(][^（）()]{1,12}[）)]")  # a short bracketed note inside a name
OTHER_MEASURE = re.compile(r"(?:人均|单位|每万元|万元)$")  # before an indicator: a measure per person or per unit


def _bare_in(alt: str, text: str) -> bool:
    """The indicator is written somewhere without a modifier that makes it another measure (人均GDP, 单位GDP能耗)."""
    return any(not OTHER_MEASURE.search(text[max(0, m.start() - 3) : m.start()]) for m in re.finditer(re.escape(alt), text))


def _as_number(alt: str, text: str) -> bool:
    """A figure the question writes (69个, 2万人) is found as that figure, not inside another (690.18亿元)."""
    return bool(re.search(r"(?<![\d.])" + re.escape(alt) + (r"(?![\d.])" if alt[-1:].isdigit() else ""), text))


@lru_cache(maxsize=1)
def _idf() -> tuple[dict[str, float], float]:
    import jieba.analyse

    table = jieba.analyse.default_tfidf
    return table.idf_freq, table.median_idf


def idf(word: str) -> float:
    """jieba's inverse document frequency of a word; unknown words (names, new terms) get the table's median."""
    table, median = _idf()
    return table.get(word, median)


@lru_cache(maxsize=8192)
def tags(token: str) -> tuple[str, ...]:
    import jieba.posseg

    return tuple(t for _, t in jieba.posseg.cut(token))


# the place's scope (全省, 本区), its core (主城区), the places compared (两地, 两市): never a subject to find in a clause
SCOPE_WORD = re.compile(r"(?:全|本|我|咱|咱们)?(?:省|市|区|县|州|盟|旗|国|镇|乡|地区|自治区|自治州)|全(?:省|市|区|县|州)域"
                        r"|(?:主|中心)城区|首府|省会|两(?:地|市|区|县|省)")


# the A-not-A yes/no form: 是不是, 有没有, 能不能, 达没达到 (a character, 不 or 没, the character again)
ASKS_YES_NO = re.compile(r"([\u4e00-\u9fff])[不没]\1")


def is_filler(token: str) -> bool:
    """A word that never names a subject: all pronouns, numerals, classifiers, particles (那边, 这项, 一步, 多列)."""
    if SCOPE_WORD.fullmatch(token):
        return True  # 全省, 全区, 自治区: the level asked, said by the place's own scope
    if re.fullmatch(r"[额量值率数][为是]", token):
        return True  # "完成额为多少": a measure's last character glued to its copula (额|为) names nothing
    if ASKS_YES_NO.search(token) or re.fullmatch(r"([\u4e00-\u9fff])一\1|[高低多少快慢大小强弱好差]点", token):
        return True  # 是不是, 有没有, 达没达到 (yes or no); 比一比 (a verb said twice); 高点 (a bit higher): no names
    if token[:1] in "每各全" and (tags(token)[1:2] in (("v",), ("p",), ("d",))
                                   or len(token) == 2 and tags(token[1:])[:1] in (("v",), ("p",), ("d",))):
        return True  # 各|到, 各签 (one word to jieba): a distributive before a verb says "each", not what is measured
    if token[:1] in "每各" and token[1:] == "个":
        return True  # 每个季度: the general classifier measures nothing; the noun after it is the subject
    if token[:1].isdigit() or token[:1] in "每各全":
        return False  # 每人, 每月, 各类: distributive words say what is measured (每人每月320元)
    if referring(token) or token in question_data()["time_adverbs"]:  # 原本计划: when, not what
        return True
    t = tags(token)
    if len(t) == 1 and len(token) >= 2 and not known_word(token):
        return False  # a word jieba does not know has a guessed tag (之科 read as a pronoun): not filler on a guess
    return bool(t) and all(x in WEIGHTS.filler_tags for x in t)


def referring(token: str) -> bool:
    """"那项", "那条", "这块", "该项": a demonstrative and one character (a classifier, whatever jieba tags it) refer
    to something the question names elsewhere; they carry no subject of their own."""
    if token[:1] in question_data()["demonstratives"] and token[1:] in question_data()["deictic_times"]:
        return True  # 那阵子, 这段时间: when, pointed at; the question names the time elsewhere (到三季度)
    if len(token) == 3 and token[0] in question_data().get("demonstratives", ()):  # 那件事, 这个事: a thing referred to
        import jieba

        rest = jieba.lcut(token[1:])
        return all(all(x in WEIGHTS.filler_tags for x in tags(w)) or idf(w) < WEIGHTS.referred_idf for w in rest)
    if len(token) != 2 or token[0] not in question_data().get("demonstratives", ()) or not "\u4e00" <= token[1] <= "\u9fff":
        return False
    t = tags(token)  # 那|项 (r, n), 那条 (mq), 这块 (r); 那曲 (a place) is a name of its own
    return bool(t) and (t[0] == "r" or all(x in WEIGHTS.filler_tags for x in t))


def known_word(token: str) -> bool:
    """A word of jieba's general dictionary (it has its own IDF entry): not a tokenizer's chance join."""
    return token in _idf()[0]


def glued(token: str) -> bool:
    """"多少个工" (开工), "天有多少天", "发案数和案损", "已达成": characters of two words that jieba kept together
    around a particle or a classifier, or a verb with its aspect word: not a name the library must contain."""
    if token[:1] in "已未将" and len(token) >= 3 and all(t[:1] == "v" for t in tags(token[1:])):
        return True
    return len(token) <= 3 and not known_word(token) and any(function_char(c) for c in token)


def strip_preposition(token: str) -> str:
    """"由区" (由区发展和改革局 cut as 由区|发展…): a word jieba does not know whose first character is a
    preposition is that preposition stuck to what follows; the rest alone is the word."""
    if len(token) < 2 or known_word(token):
        return token
    t = tags(token)
    return token[1:] if t[:1] == ("p",) and len(t) >= 2 else token


def is_common(token: str) -> bool:
    """General vocabulary by IDF (情况, 项目, 建设): it may rank evidence, it never gates."""
    return len(token) >= 2 and idf(token) < WEIGHTS.idf_common


_WH = r"(?:哪(?:些|几|一)?[个项家位种条所座支类处片]?|什么|何种|何)"  # 哪几条河流, 哪一家, 哪些
_WHEN = r"是?(?:哪天|哪一天|哪年|哪月|什么时候|何时)"
_HOW_MUCH = r"(?:是|有|为)(?:多少|多大|多高|多长|多快|几)"  # a copula: "资金多少亿" asks an amount of 资金
_HOW_BIG = r"(?:多大|多高|多长|多重)(?:[？?，,。！!\s]|$)"  # "盘子多大？": a size asked of the noun, with no copula


def after_list_word(word: str, question: str) -> bool:
    """A verb after the list word, or right before it, is the predicate that picks the items ("哪些事项滞后",
    "聚焦哪几个方向"); one further before it is how the question speaks of the document ("报告提出…哪几项"): it may be phrased otherwise,
    unless it is rarer than jieba's median word (封关 12.5 against the median 11.95; 提出 4.7): a specific verb. A verb
    the IDF table lacks (要建, a modal glued to a verb) is not counted rare."""
    at = min((question.find(p) for p in question_data()["ask_words"]["list"] if p in question), default=-1)
    before = question.rfind(word, 0, at) if at >= 0 else -1
    next_to = before >= 0 and at - (before + len(word)) <= 1 and idf(word) >= WEIGHTS.list_predicate_idf
    rare = word in _idf()[0] and idf(word) >= _idf()[1]  # a word the table lacks (要建: modal + verb) is not rare
    return at >= 0 and (question.find(word, at) > at or next_to or rare)


def answer_types_soft(question: str, terms: list[Term]) -> list[Term]:
    """The noun that names the kind of answer ("哪些乡镇", "哪个机构", "到什么程度", "队伍数量是多少", "人数是多少",
    "总盘子有多大") says what the answer is, not what it is about: the answer (小伊乡、同兴镇) need not contain the
    word. It ranks but no longer gates, as long as another subject word still gates (a question whose only subject
    is that noun keeps it: "人口是多少" must find 人口)."""
    def typed(t: Term) -> bool:
        w = re.escape(t.alts[0])
        return t.weight >= 1.0 and not t.main and known_word(t.alts[0]) and bool(  # 优良率 (unknown to jieba) is specific
            re.search(_WH + w, question) or re.search(w + _HOW_MUCH + r"(?![\u4e00-\u9fff]{0,1}[个项家人])", question)
            or re.search(w + _HOW_BIG, question) or re.search("谁(?:的)?" + w + "(?:更|比较)?[大小高低多少快慢]", question)
            or re.search(w + _WHEN, question) or re.search(w + r"的?(?:名称|名字|名单)", question))  # 河道名称
    soft = [t for t in terms if typed(t)]
    if not soft or not any(t.weight >= 1.0 and t not in soft for t in terms):
        return terms
    return [Term(t.alts, WEIGHTS.soft, t.main) if t in soft else t for t in terms]


# "多大面积", "多长时间": the question word 多 + an adjective is the ask, not part of the subject
QUESTION_ADJECTIVE = re.compile(r"多(?:大|长|高|久|远|深|宽|重|少)(?=[\u4e00-\u9fff])"
                                r"|多(?:大|长|高|久|远|深|宽|重)(?=[？?，,。！!\s]|$)")  # "盘子多大？" too (多少 asks, elsewhere)

# a sentence ends at 。；！？ or a line break, never inside a short bracket ("常态化开展的有3项(A;B;C)": one list); a
# closing bracket after a digit is a list marker (2) 完成B), not the end of one
SENT = re.compile(r"[。；;！？!?\n]+(?![^（()）\n]{0,80}(?<!\d)[)）])")
_COMMA = re.compile(r"[，,]")


def windows(text: str) -> list[str]:
    """Clause windows of one sentence or text: each comma part, and each pair of neighbouring parts."""
    out: list[str] = []
    for sent in SENT.split(text):
        parts = [p.strip() for p in _COMMA.split(sent) if p.strip()]
        for i in range(len(parts)):
            out.append(parts[i])
            if i + 1 < len(parts):
                out.append(parts[i] + "，" + parts[i + 1])
    return out


def count_predicates(question: str) -> list[tuple[str, float]]:
    """The verb that says what a count is of, with its weight: right after the count word it picks the things
    counted ("几个建成几个在建": each gates, at `picks`); right before it, read without its particle (谈了 -> 谈, found
    in 洽谈), it gates as a subject word only when rarer than list_predicate_idf, as a list's predicate does ("签了几个"
    gates 签; in "跑了多少家次" 跑 only ranks); "新增的有几家", "建成的是多少个" count what the verb before 的 picks."""
    import jieba.posseg

    toks = [(w, t) for w, t in jieba.posseg.cut(question) if t not in ("ul", "uz", "ug")]
    out = []
    for i, (w, t) in enumerate(toks):
        if t != "m" or not w.startswith(("几", "多少")):
            continue
        after = toks[i + 1] if i + 1 < len(toks) else ("", "")
        before = toks[i - 1] if i > 0 else ("", "")
        if after[0] in ("没", "没有", "未", "不"):  # "有几个没达到": a negated verb the text says otherwise (不及预期)
            continue
        if after[1] == "v":
            out.append((after[0], WEIGHTS.picks))
        elif before[0] in ("有", "是", "为") and i >= 3 and toks[i - 2][0] == "的" and toks[i - 3][1] == "v":
            out.append((toks[i - 3][0], WEIGHTS.picks))  # "今年新增的有几家": the ones 新增 are counted
        elif before[1] == "v":
            out.append((before[0], 1.0 if idf(before[0]) >= WEIGHTS.list_predicate_idf else WEIGHTS.soft))
    return out


def counted(tok: str) -> str:
    """"落地数", "开行量": a count or amount of what the word before 数/量 names; 创新指数, 吞吐量, 客运量 stay."""
    return tok[:-1] if len(tok) >= 3 and tok[-1] in "数量" and not known_word(tok) and not known_word(tok[-2:]) else tok


_FUNCTION_CHARS = set("的了吗呢吧啊是在和与及对把被给从向到那这个些么啥咋怎多少几哪谁有没也都还就又再已未将所")


def asks_kind(word: str) -> bool:
    """A word that says what kind of answer is asked (占比, 增速, 多少): never a subject."""
    kinds = question_data()["ask_words"]
    return any(word in phrases for kind, phrases in kinds.items() if kind != "about")


def function_char(char: str) -> bool:
    """A particle, pronoun or question character (的, 了, 哪, 几…): never part of a word the question names."""
    return char in _FUNCTION_CHARS
