"""Subject terms checked against the library as text, not as the tokenizer's pieces: a name jieba cuts into
pieces ("石门至溪口段" -> 石门|溪口, "东湖二小" -> 东湖|二小) is one subject when the library writes the
pieces together; each piece on its own is not a thing the question asks about."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from rag.ask.question import Asked
from rag.ask.quoted_names import quoted_names
from rag.ask.short_forms import CJK as _CJK
from rag.ask.short_forms import abbreviation, expanded
from rag.ask.terms import WEIGHTS, Term, idf, known_word, tags
from rag.ask.wording import single_char_starts

GAP = 1  # characters between two pieces of one name (至 in 石门至溪口)
JOINED_MIN = 3  # a joined subject is at least this many characters (two one-character pieces are chance)


def _spots(text: str, terms: tuple[Term, ...]) -> list[tuple[int, Term]]:
    """The tokenizer's terms (one name, no lexicon synonyms) where the question writes them, in order."""
    spots = []
    for t in terms:
        if t.main or len(t.alts) != 1:
            continue
        at = text.find(t.alts[0])
        if at >= 0:
            spots.append((at, t))
    return sorted(spots, key=lambda s: s[0])


def _part(term: Term) -> bool:
    """A piece that may belong to a name: not a verb (共有产权房 is a name, 配售 what is done to it)."""
    return not any(t.startswith("v") for t in tags(term.alts[0]))


def _cut(term: Term) -> bool:
    """A piece jieba does not know as a word (溪口段, 二小, 农旅局): the sign of a name cut by chance. A word in Latin
    letters (PM2.5, GDP) is whole as written: jieba's table has no Latin words at all."""
    word = term.alts[0]
    return not known_word(word) and not word[:1].isdigit() and not word.isascii()


def _next_to(text: str, a: tuple[int, Term], b: tuple[int, Term]) -> bool:
    """b follows a with nothing between, or one character the tokenizer left out (石门|至|溪口)."""
    gap = text[_end(a) : b[0]]
    return len(gap) <= GAP and all("\u4e00" <= ch <= "\u9fff" for ch in gap)


def _cut_name(text: str, run: list[tuple[int, Term]]) -> bool:
    """The signs of a name cut by chance: a piece jieba does not know, or a character left out between pieces."""
    return any(_cut(t) for _, t in run) or any(_end(a) < b[0] for a, b in zip(run, run[1:]))


def _end(spot: tuple[int, Term]) -> int:
    return spot[0] + len(spot[1].alts[0])


def joined(text: str, terms: tuple[Term, ...], present: Callable[[str], bool]) -> tuple[Term, ...]:
    """Neighbouring terms (nothing between them in the question) whose joined words the library holds become one
    term, the longest such run first; it gates when any of its pieces did, with their weights together (a question's
    other terms weigh as much against it as they did against its pieces)."""
    spots = _spots(text, terms)
    merged: dict[tuple[str, ...], Term | None] = {}

    def counted_or_held(w: str) -> bool:  # "托|位数": the library writes 托位 (a count of it is its 数)
        return present(w) or w.endswith("数") and len(w) > 3 and present(w[:-1])

    i = 0
    while i < len(spots):
        j = i
        while j + 1 < len(spots) and _next_to(text, spots[j], spots[j + 1]) and _part(spots[j + 1][1]) \
                and not spots[j + 1][1].alts[0][:1].isdigit():  # 318省道 is a name; 老旧小区|4000个 a name and a label
            j += 1
        k = next((k for k in range(j, i, -1) if len(text[spots[i][0] : _end(spots[k])]) >= JOINED_MIN
                  and _cut_name(text, spots[i : k + 1])
                  and counted_or_held(text[spots[i][0] : _end(spots[k])])), i) if _part(spots[i][1]) else i
        if k > i:
            parts = [t for _, t in spots[i : k + 1]]
            gating = any(t.weight >= 1.0 for t in parts)  # the pieces' weight kept: a join changes what is found
            weight = sum(t.weight for t in parts) if gating else max(t.weight for t in parts)
            name = text[spots[i][0] : _end(spots[k])]
            merged[parts[0].alts] = Term((name if present(name) else name[:-1],), weight)
            merged.update({t.alts: None for t in parts[1:]})
        i = k + 1
    out = [merged.get(t.alts, t) if t.alts in merged else t for t in terms]
    return tuple(_counted(text, t, present) for t in out if t is not None)


CLASSIFIERS = "个条项家所座类件台辆名位支种块栋幢片批处户套张"  # measure words after a number (jieba tags them loosely)
COUNTED_WEIGHT = WEIGHTS.soft  # "4条线" ranks, never gates
_NUMBER_BEFORE = re.compile(r"[\d一二两三四五六七八九十百千万]$")


def _counted(text: str, term: Term, present: Callable[[str], bool]) -> Term:
    """"3条研学线路" cut as 3|条研学: a piece the library does not hold, whose first character is the classifier of
    the number before it, is the rest ("研学")."""
    word = term.alts[0]
    at = text.find(word)
    if term.main or len(word) < 2 or at <= 0 or not _NUMBER_BEFORE.search(text[:at]):
        return term
    if len(word) == 2 and word[0] in CLASSIFIERS:  # "哪4条线": a classifier and a one-character noun say the count
        return Term(term.alts, min(term.weight, COUNTED_WEIGHT))
    if present(word):
        return term
    return Term((word[1:],), term.weight) if present(word[1:]) else term


def shortened(text: str, terms: tuple[Term, ...], present: Callable[[str], bool]) -> tuple[Term, ...]:
    """"城中村改造" where the library writes 城改 (城改一期、二期全部返迁): two neighbouring words of the question whose
    first characters make a word jieba does not know but the library holds are also found as that abbreviation."""
    spots = _spots(text, terms)
    out = {t.alts: t for t in terms}
    for a, b in zip(spots, spots[1:]):
        first, second = a[1], b[1]
        short = first.alts[0][:1] + second.alts[0][:1]
        if _end(a) == b[0] and len(first.alts[0]) + len(second.alts[0]) >= 4 and _CJK.fullmatch(short) \
                and not known_word(short) and present(short) and first.weight >= 1.0:
            out[first.alts] = Term((*first.alts, short), first.weight, first.main or first.alts[0])
        lead = _lead_word(first.alts[0])  # "空气质量优良率" where the library writes 空气优良率: the modifier said shorter
        if _end(a) == b[0] and lead and first.weight >= 1.0 and present(lead + second.alts[0]):
            t = out[first.alts]
            out[first.alts] = Term((*t.alts, lead + second.alts[0]), t.weight, t.main or first.alts[0], t.plain, t.units)
    for t in list(out.values()):  # one four-character word of two words (国有|资本): its initials (国资), when rare
        short = _initials(t.alts[0])
        if short and short not in t.alts and t.weight >= 1.0 and present(short):
            out[t.alts] = Term((*t.alts, short), t.weight, t.main or t.alts[0], t.plain, t.units)
    return tuple(out.values())


ABBREV_MIN_IDF = 7.0  # initials this rare are a name's short form (国资 8.6, 社保 7.4, 城建 9.4), not a common word
# that happens to share them (人工 6.8 from 人才工作, 工资 6.4); set between those on jieba's table


def _lead_word(word: str) -> str:
    """The first of the two known words a four-or-more-character word is made of (空气质量 -> 空气), else ""."""
    import jieba

    parts = [p for p in jieba.lcut_for_search(word) if p != word and len(p) >= 2]
    return parts[0] if len(word) >= 4 and parts and word.startswith(parts[0]) and word[len(parts[0]):] in parts else ""


def _initials(word: str) -> str:
    import jieba

    parts = [p for p in jieba.lcut_for_search(word) if p != word]
    if len(word) != 4 or len(parts) != 2 or "".join(parts) != word or not all(len(p) == 2 for p in parts):
        return ""
    short = parts[0][0] + parts[1][0]
    return short if _CJK.fullmatch(short) and (not known_word(short) or idf(short) >= ABBREV_MIN_IDF) else ""


def _level_named(text: str, terms: tuple[Term, ...]) -> tuple[Term, ...]:
    """"国家级高新技术企业": a level said before a listed name that already holds it (国家高新技术企业) is part of that
    name, not a subject of its own that every clause must write."""
    out = []
    for t in terms:
        word = t.alts[0]
        stem = word[:-1] if word.endswith("级") and len(word) >= 2 else ""
        after = text[text.find(word) + len(word) :] if stem and word in text else ""
        if after and any(after.startswith(u.main or u.alts[0]) and any(a.startswith(stem) for a in u.alts)
                         for u in terms if u is not t and len(u.alts) > 1):
            continue
        out.append(t)
    return tuple(out)


_SAYING_TAGS = ("v", "vd", "vi", "vq", "t", "tg", "s", "f", "d", "m", "zg", "ul", "uz")  # how a thing is said


def _char_tags(word: str) -> tuple[str, ...]:
    import jieba.posseg

    return tuple(t for _, t in jieba.posseg.cut(word, HMM=False))


def held(term: Term, present: Callable[[str], bool]) -> tuple[Term, ...]:
    """A gating word the library never writes, read for what it can hold: a word jieba joined with a character cut
    from the next (企业|连着, 城市|测的) is its known word; a run of single characters around a verb (村评, 限上) or a
    known verb, time or place word (开年, 往下掉, 市里) says how the question speaks, so it only ranks. A noun the
    library lacks (碳排放, 交账) still gates: it is what a near miss asks for."""
    import jieba

    word = term.alts[0]
    if term.main or len(term.alts) != 1 or term.weight < 1.0 or present(word):
        return (term,)
    stem = word.removesuffix("数量") if word.endswith("数量") else word.removesuffix("数")
    if stem != word and len(stem) >= 2 and present(stem):
        return (Term((stem,), term.weight),)  # "床位数": the library writes 床位51863张 (a count of 床位)
    pieces = jieba.lcut(word, HMM=False)
    soft = (Term(term.alts, WEIGHTS.soft),)
    if len(word) >= 3 and present(word[1:]) and tags(word[0])[:1] in (("v",), ("p",), ("d",)):
        return (Term((word[1:],), term.weight),)  # "哪几个省市来援疆": a verb or adverb glued before the library's word
    if all(t in (*_SAYING_TAGS, "a", "ad", "ud", "uj") for t in _char_tags(word)):
        return soft  # 跌得, 最猛, 涨得快: verbs, adjectives and particles the library never writes say how it is asked
    if not known_word(word) and len(pieces) == 2 and len(pieces[1]) == 1 and len(pieces[0]) >= 2:
        return (Term((pieces[0],), term.weight),) if present(pieces[0]) else soft
    if not known_word(word) and all(len(p) == 1 for p in pieces) and any(t.startswith("v") for t in tags(word)):
        return soft
    if known_word(word) and all(t in _SAYING_TAGS for t in tags(word)):
        return soft
    return (term,)


def straddling(text: str, term: Term, present: Callable[[str], bool]) -> Term:
    """A gating word the library never writes whose first character ends a word the library does write with the
    character before it ("开行列数": 开|行列|数 read 行列 where the library writes 开行…列): the tokenizer's cut, not a
    name; it only ranks."""
    word = term.alts[0]
    at = text.find(word)
    if term.main or len(term.alts) != 1 or term.weight < 1.0 or at <= 0 or present(word):
        return term
    before = text[at - 1] + word[0]
    return Term(term.alts, WEIGHTS.soft) if known_word(before) and present(before) else term


def prefixed(text: str, term: Term, present: Callable[[str], bool], texts: Callable[[], list[str]] | None) -> Term:
    """A gating word with the one character jieba cut off before it as a word of its own ("公|租房"): read whole, as
    the library word it abbreviates (公租房 -> 公共租赁住房), when the library holds one."""
    word = term.alts[0]
    at = text.find(word)
    if texts is None or term.main or len(term.alts) != 1 or term.weight < 1.0 or at <= 0:
        return term
    from rag.ask.terms import function_char

    char = text[at - 1]
    if not _CJK.fullmatch(char) or function_char(char) or char in CLASSIFIERS or char in _PLACE_ENDS \
            or at - 1 not in single_char_starts(text) \
            or tags(char)[:1] in (("m",), ("q",), ("p",), ("c",), ("d",)):
        return term  # a count's measure word (多少|项|制度), a place's suffix, a numeral: not part of the name
    whole = char + word
    full = abbreviation(whole, texts)  # the library may write both (公租房, 公共租赁住房): either counts
    if not full and not present(whole):
        return term
    return Term((whole, full) if full and full != whole else (whole,), term.weight)


_PLACE_ENDS = "省市县区州镇乡村旗盟"  # the end of a place's name (临安|区|企业): never the start of the next word


_SAID_TAGS = (("v",), ("a",), ("vn",), ("ad",))  # a run opened by a verb (做|热), not by a numeral (一|产: a slice of 统一产…)


def character_runs(text: str, present: Callable[[str], bool]) -> list[Term]:
    """Words jieba leaves as single characters (重点|做|热|的): a run of two or three of them that the library writes
    (做热) is a word of the question that gates like any other (a predicate before a list word: "要重点做热的是哪几个
    项目" asks for the projects the library says are 做热, not any 文旅 项目)."""
    import jieba

    from rag.ask.terms import asks_kind, function_char

    out, run = [], ""
    for tok in [*jieba.lcut(text), ""]:
        if len(tok) == 1 and _CJK.fullmatch(tok) and not function_char(tok) and tags(tok)[:1] != ("m",):
            run += tok
            continue
        if 2 <= len(run) <= 3 and tags(run[0])[:1] in _SAID_TAGS and not asks_kind(run) and present(run):
            out.append(Term((run,), 1.0))
        run = ""
    return out


def asked_joined(asked: Asked, present: Callable[[str], bool], question: str = "",
                 texts: Callable[[], list[str]] | None = None) -> Asked:
    """The Asked (and each of its pieces) with its pieces of names joined and its abbreviations read as the library
    writes them (`texts`: the library texts to look in); what a count is of (`required`) follows the join. A piece's
    terms are found in the whole question (a later part inherits the first part's subject)."""
    terms = tuple(expanded(t, present, texts) for t in joined(question or asked.text, asked.terms, present))
    terms = shortened(question or asked.text, terms, present)
    terms = _level_named(question or asked.text, terms)
    terms = tuple({t.alts: t for term in terms for t in held(term, present)}.values())
    terms = tuple(straddling(question or asked.text, t, present) for t in terms)
    terms = tuple(prefixed(question or asked.text, t, present, texts) for t in terms)
    terms += tuple(t for t in character_runs(asked.text, present) if not any(t.alts[0] in u.alts[0] for u in terms))
    terms = quoted_names(asked.text, terms, texts)
    names = {t.alts[0] for t in terms}
    required = tuple(dict.fromkeys(next((n for n in names if r in n), r) for r in asked.required))
    pieces = tuple(asked_joined(p, present, question or asked.text, texts) for p in asked.pieces)
    return replace(asked, terms=terms, required=required, pieces=pieces)
