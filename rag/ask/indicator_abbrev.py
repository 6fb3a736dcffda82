"""Abbreviated indicator names in a question (issue N): staff write a listed name with characters dropped, in order
("一般预算收入" for 一般公共预算收入, "地方财政收入" for 地方财政一般公共预算收入, "人均收入" for 人均可支配收入), or
as the first characters of its words ("社消" for 社会|消费品|零售|总额, "规工" for 规模|以上|工业). A principle, not a
list: a run of the question's characters is an abbreviation of a listed name when

- it keeps the name's first and last characters and at least half of it, in order (three characters or more); or
- it is two or three characters, each the first character of one of the name's words (jieba), the first word's
  included, in order.

Of the names it abbreviates, the one it drops fewest characters from wins; among those, an indicator the library
holds records of (the caller's `have`) before one it does not."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from functools import lru_cache

from rag.lexicons.indicators import indicator_list

_LONGEST = 10  # characters of the longest abbreviation tried
_TEXT = re.compile(r"[\u4e00-\u9fffA-Za-z]+")


@lru_cache(maxsize=1)
def _names() -> tuple[tuple[str, str], ...]:
    return tuple((n, i.id) for i in indicator_list().indicators for n in (i.id, *i.aliases))


@lru_cache(maxsize=512)
def _initials(name: str) -> str:
    import jieba

    return "".join(w[0] for w in jieba.lcut(name) if w)


def in_order(short: str, name: str) -> bool:
    """Every character of short appears in name, in the same order (保障房 in 保障性住房)."""
    it = iter(name)
    return all(c in it for c in short)


def _abbreviates(short: str, name: str) -> bool:
    if short == name or short[0] != name[0]:
        return False
    if len(short) >= 3 and short[-1] == name[-1] and 2 * len(short) >= len(name) and in_order(short, name):
        return True
    return len(short) <= 3 and in_order(short, _initials(name))


@lru_cache(maxsize=4096)
def expansions(short: str) -> tuple[str, ...]:
    """The listed indicators `short` abbreviates, fewest characters dropped first (empty: none)."""
    found = sorted((len(n) - len(short), i) for n, i in _names() if _abbreviates(short, n))
    return tuple(dict.fromkeys(i for _, i in found))


def abbreviated(question: str, taken: list[tuple[int, int]], ends: Callable[[str], bool],
                have: Collection[str] = ()) -> list[tuple[int, int, str]]:
    """(start, end, id) of every abbreviated name in the question outside the spans already `taken` by a listed
    name, the longest run at each place first; `ends(rest)` says whether the text after a run lets a name end there."""
    out: list[tuple[int, int, str]] = []
    for run in _TEXT.finditer(question):
        i = run.start()
        while i < run.end() - 1:
            hit = _at(question, i, run.end(), taken, ends, have)
            if hit:
                out.append(hit)
            i = hit[1] if hit else i + 1
    return out


def _at(question: str, i: int, stop: int, taken: list[tuple[int, int]], ends: Callable[[str], bool],
        have: Collection[str]) -> tuple[int, int, str] | None:
    for j in range(min(stop, i + _LONGEST), i + 1, -1):
        if any(a < j and i < b and not (i < a and b <= j) for a, b in taken) or not ends(question[j:]):
            continue  # a run may hold a listed name whole (农村|人均可支配收入): the longer reading is tried
        ids = expansions(question[i:j])
        if ids:
            return i, j, next((x for x in ids if x in have), ids[0])
    return None


__all__ = ["abbreviated", "expansions"]
