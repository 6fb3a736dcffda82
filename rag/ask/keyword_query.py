"""The query the keyword index (BM25) is given: the question without the words every kept row shares (the name of the
place the retrieval is filtered to) and without the words that only say what kind of answer is wanted; the dense
query keeps the whole question."""

from __future__ import annotations

import re
from functools import lru_cache

from rag.ingest.places import parse_place
from rag.lexicons import question_words


def keyword_query(query: str, place: str | None) -> str:
    return _without_asking(_without_place(query, place))


def _without_place(query: str, place: str | None) -> str:
    """The keyword query without the names of the place it is filtered to: every row kept is that place's, so its
    name only rewards the paragraphs that repeat it ("新疆新设的两个县叫啥": the row naming 和康、和安县 ranked 33rd
    by keywords with 新疆 in the query, 5th without)."""
    for name in _names(place) if place else ():
        query = query.replace(name, " ")
    return query


@lru_cache(maxsize=1024)
def _names(place: str) -> tuple[str, ...]:
    """The place's names, longest first (parsed once per place, not once per retrieval)."""
    return tuple(sorted(parse_place(place).names(), key=len, reverse=True))


ASKING_KINDS = ("list", "entity", "number", "date")  # what these phrases ask (名称, 分别是哪, 多少, 什么时候) is
# never written in the answer's text; rank, growth, ratio, amount, status, unit and person words are (排名, 增速, 占比,
# 总额, 完成, 牵头单位), and a count's unit is (多少亩 leaves 亩), so they stay


@lru_cache(maxsize=1)
def _asking() -> re.Pattern[str]:
    kinds = question_words().ask_words
    phrases = {p for k in ASKING_KINDS for p in kinds.get(k, ())} | {"请问", "分别", "叫啥", "叫什么"}
    return re.compile("|".join(map(re.escape, sorted(phrases, key=len, reverse=True))))


def _without_asking(query: str) -> str:
    """The keyword query without the words that say what kind of answer is wanted ("…两个县分别叫什么名称"): BM25
    rewards the rare ones (名称) in paragraphs that have nothing to do with the question."""
    return _asking().sub(" ", query)
