"""Two or more indicators asked in one breath (issue N): "规上工业增加值和固投各增长多少", "社零、进出口总额分别
多少", "GDP多少？一般公共预算收入呢". The question is split into one question per indicator, in the order named,
each keeping the words before the first name (place, year) and its own measure words — or, when it has none
("…和固投各增长多少", "…呢"), those of the nearest indicator that has them. Each is answered from its own records
(rag.ask.indicator), each cited; one the library lacks is said plainly, never invented.

Only names joined as a list or as clauses split (和, 及, 与, 、, ，, ？); a name inside the other's phrase
("第三产业增加值占GDP比重", "…比固投快") is one question about a relation, left to the one-indicator path."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from rag.ask.context import NOT_FOUND
from rag.ask.indicator import answer_indicator, asks_measure, named_indicators
from rag.ask.indicator_abbrev import expansions
from rag.ask.indicator_text import UNSURE
from rag.domain import Answer, Citation
from rag.ingest.figures import Figure
from rag.ingest.figures.vocab import any_name
from rag.lexicons.indicators import indicator_list

_JOINED = re.compile(r"(?:和|及|与|、|以及|还有|，|,|？|\?|；|;|。|\s)$")
_RELATION = re.compile(r"占|比|较|相对|对比|高于|低于|超过|快于|慢于|中的|里的|之中|其中")
_BASE = re.compile(r"比(?:上年|去年|前年|上年同期|上年末)|同比|环比")
_TRAILING_JOIN = re.compile(r"(?:和|及|与|、|以及|还有|，|,|；|;|\s)+$")
_ROUTE = "indicator"


@dataclass(frozen=True)
class Part:
    """One indicator of a many-indicator question: its id, the words naming it, and its own question."""

    indicator: str
    name: str
    question: str


_JOIN_WORD = re.compile(r"和|及|与|、|以及")
_CJK = re.compile(r"[\u4e00-\u9fff]+")


@lru_cache(maxsize=1)
def _names() -> frozenset[str]:
    return frozenset(n for i in indicator_list().indicators for n in (i.id, *i.aliases))


def _completed(part: str, name: str, *, head: bool) -> str | None:
    """The listed name a bare conjunct stands for, sharing the other name's tail (城镇 + 居民人均可支配收入) or head
    (一般公共预算 + 支出)."""
    cuts = range(1, len(name) - 1)
    whole = [part + name[k:] for k in cuts] if head else [name[: len(name) - k] + part for k in cuts]
    return next((w for w in whole if w in _names() and w != name), None)


def _listed(words: str) -> str | None:
    return words if words in _names() else next(iter(expansions(words)), None)


def _pairs(question: str) -> str:
    """"城乡居民收入" -> "城镇居民收入和农村居民收入" where both sides are listed names or abbreviate one
    (`pairs` in rag/data/indicators.json)."""
    for word, sides in indicator_list().pairs.items():
        for m in reversed(list(re.finditer(re.escape(word) + r"([\u4e00-\u9fff]{2,10})", question))):
            tail = next((m.group(1)[:n] for n in range(len(m.group(1)), 1, -1)
                         if all(_listed(side + m.group(1)[:n]) for side in sides)), None)
            whole = any_name()[0].match(question, m.start())  # 城乡收入倍差: a listed name of its own, not two sides
            if tail and not (whole and whole.end() > m.start() + len(word) + len(tail)):
                both = "和".join(side + tail for side in sides)
                question = question[: m.start()] + both + question[m.start() + len(word) + len(tail) :]
    return question


_QUALIFIERS = re.compile(r"([\u4e00-\u9fff]{2,4})(?:、|和|与|及)([\u4e00-\u9fff]{2,4})(?=分别|各|呢|都)")


def _qualified(question: str, name: str, end: int) -> str:
    """"居民人均可支配收入多少？城镇、农村分别多少？": bare qualifiers asked after an indicator are the listed names
    they make with it (城镇居民人均可支配收入, 农村…), written out."""
    m = _QUALIFIERS.search(question, end)
    if m is None:
        return question
    full = [next((side + name[k:] for k in range(len(name) - 1) if side + name[k:] in _names()), None)
            for side in m.groups()]
    if not all(full) or name in full:
        return question
    return question[: m.start()] + "、".join(f for f in full if f) + question[m.end() :]


_PER_HEAD = re.compile(r"人均(?:下来|算下来|来看|的话)?(?=是|有|为|呢|多少|几|[？?，,])")


def _per_head(question: str, found: tuple[int, int, str]) -> str:
    """"经济总量多少？人均下来是多少？": a bare 人均 after the one indicator named asks its per-head form, when that is a
    listed indicator (人均地区生产总值)."""
    m = _PER_HEAD.search(question, found[1])
    full = f"人均{found[2]}"
    return question[: m.start()] + full + question[m.end() :] if m and full in _names() else question


def qualifies(question: str) -> bool:
    """"…居民人均可支配收入多少？城镇、农村分别多少？": bare qualifiers after the one indicator named ask its qualified
    forms (the indicator answerer's parts, not two pieces of a question)."""
    found = named_indicators(question)
    return len(found) == 1 and _qualified(question, question[found[0][0] : found[0][1]], found[0][1]) != question


def expand(question: str) -> str:
    """A shared head or tail written once is written out: "城镇和农村居民人均可支配收入" -> "城镇居民人均可支配收入和
    农村居民人均可支配收入"; "一般公共预算收入和支出" -> "…收入和一般公共预算支出" (only to a listed name); "城乡收入" ->
    "城镇收入和农村收入"."""
    question = _pairs(question)
    found = named_indicators(question)
    if len(found) == 1:
        question = _per_head(_qualified(question, question[found[0][0] : found[0][1]], found[0][1]), found[0])
        found = named_indicators(question)
    taken = [(s, e) for s, e, _ in found]
    for s, e, _ in reversed(found):
        name = question[s:e]
        after = _JOIN_WORD.match(question, e)
        if after and not any(a <= after.end() < b for a, b in taken):
            word = _CJK.match(question, after.end())
            for n in range(min(4, len(word.group(0)) if word else 0), 1, -1):
                full = _completed(question[after.end() : after.end() + n], name, head=False)
                if full:
                    question = question[: after.end()] + full + question[after.end() + n :]
                    break
        before = re.search(r"([\u4e00-\u9fff]{2,4})(?:和|及|与|、|以及)$", question[:s])
        if before and not any(a < before.end(1) <= b for a, b in taken):
            for n in range(len(before.group(1)), 1, -1):
                full = _completed(before.group(1)[-n:], name, head=True)
                if full:
                    question = question[: before.end(1) - n] + full + question[before.end(1) :]
                    break
    return question


# an aside that opens the next clause ("…增长多少？顺便说下固投增速"): the clauses are still split
_ASIDE = re.compile(r"(?:顺便|顺带|捎带|另外|再|也|还)(?:问|说|讲)?(?:一)?下?(?:的)?$")


def _joined(gap: str) -> bool:
    gap = _ASIDE.sub("", gap)
    return len(gap) <= 24 and bool(_JOINED.search(gap)) and not _RELATION.search(_BASE.sub("", gap))


def split(question: str) -> list[Part]:
    """One question per indicator named, in order; [] when the question names fewer than two distinct indicators
    joined as a list or as clauses."""
    question = expand(question)
    found = named_indicators(question)
    ids = [i for _, _, i in found]
    if len(set(ids)) < 2 or len(set(ids)) != len(ids):
        return []  # one indicator, or one named twice (a comparison of places or years): not a list
    if not all(_joined(question[found[k][1] : found[k + 1][0]]) for k in range(len(found) - 1)):
        return []
    prefix = question[: found[0][0]]
    starts = [s for s, _, _ in found] + [len(question)]
    names = [question[s:e] for s, e, _ in found]
    rests = [_TRAILING_JOIN.sub("", question[e : starts[k + 1]]) for k, (_, e, _) in enumerate(found)]
    parts = []
    for k, (_, _, ind) in enumerate(found):
        rest = rests[k]
        if not asks_measure(rest):
            donors = [r for r in rests[k + 1 :] if asks_measure(r)] or [r for r in reversed(rests[:k]) if asks_measure(r)]
            rest = donors[0] if donors else rest
        parts.append(Part(ind, names[k], prefix + names[k] + rest))
    return parts


def _why(a: Answer) -> str:
    return a.text.removeprefix(NOT_FOUND).lstrip("：:").rstrip("。")


def _lacking(part: Part, place: str | None, years: tuple[int, ...]) -> str:
    when = "、".join(f"{y}年" for y in years)
    return f"资料库中没有{place or ''}{when}的{part.indicator}数据"


def combine(question: str, parts: Sequence[tuple[Part, Answer | None]], place: str | None,
            years: tuple[int, ...]) -> Answer | None:
    """The parts' answers in the order named; a part not found is said plainly. None when no part is an
    indicator the records know (the next answerer tries the whole question)."""
    if all(a is None for _, a in parts):
        return None
    texts: list[str] = []
    cites: dict[str, Citation] = {}
    warnings: list[str] = []
    for part, a in parts:
        if a is None:
            texts.append(_lacking(part, place, years))
        elif a.abstained:
            texts.append(f"{part.indicator}：{_why(a)}")
        else:
            texts.append(a.text.rstrip("。"))
        for c in a.citations if a else ():
            cites.setdefault(c.id, c)
        warnings.extend(w for w in (a.warnings if a else ()) if w not in warnings)
    answered = [a for _, a in parts if a is not None and not a.abstained]
    if not answered:
        unsure = any(a is None or a.route == UNSURE for _, a in parts)
        return Answer(question=question, text=f"{NOT_FOUND}：" + "；".join(texts) + "。", citations=tuple(cites.values()),
                      abstained=True, route=UNSURE if unsure else _ROUTE)
    return Answer(question=question, text="；".join(texts) + "。", citations=tuple(cites.values()),
                  warnings=tuple(warnings), route=_ROUTE)


def answer_indicators(question: str, records: Sequence[Figure], *, place: str | None,
                      library_places: Sequence[str] = (), years: tuple[int, ...] = (), period: str | None = None,
                      fallback: Callable[[str], Answer | None] | None = None) -> Answer | None:
    """Each indicator named answered from its own records (a part the records cannot be sure of, or know
    nothing of, is asked of `fallback`: the text answerers); None when the question does not name two."""
    parts = split(question)
    if not parts:
        return None
    results: list[tuple[Part, Answer | None]] = []
    for part in parts:
        found = answer_indicator(part.question, records, place=place, library_places=library_places,
                                 years=years, period=period)
        if fallback is not None and (found is None or found.route == UNSURE):
            other = fallback(part.question)
            found = other if other is not None and not other.abstained else found
        results.append((part, found))
    return combine(question, results, place, years)
