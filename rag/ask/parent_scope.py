"""A place compared with the whole of the place around it, said by its scope alone: "保定GDP增速比全省高多少",
"乌鲁木齐增速跟全疆比怎么样", "银川比全区快还是慢". The scope word (全省, 全区, 全州, 全疆) names the library place that
contains the one asked, at the level the word says, so the two are compared as if both were named."""

from __future__ import annotations

import re
from collections.abc import Callable

from rag.ingest.places import level_of

# a comparison with the whole: 比/跟/和/与/较/同 and 全 + one character (省, 区, 州, 市, or a place's own, 疆 of 新疆)
_WHOLE = re.compile(r"(?:比|跟|和|与|较|同|对比)\s*全([\u4e00-\u9fff])")
_LEVEL_OF_WORD = {"省": ("province",), "区": ("province", "prefecture", "city"), "州": ("prefecture",),
                  "市": ("city", "prefecture"), "盟": ("prefecture",), "地": ("prefecture",)}


PARENT_MENTIONS = 2  # the place around names its own part at least this many times more than any other place does


def scope_parent(question: str, place: str, mentions: Callable[[str], dict[str, int]]) -> str | None:
    """The library place around `place` that "全X" in a comparison names: of the other library places whose documents
    name `place` (`mentions`: place -> how often), those of the level the scope word says or whose own name holds
    that character (疆 in 新疆维吾尔自治区), the one naming it most, PARENT_MENTIONS times more than the next (a
    province names its own cities often, another province in passing); None when no one place is it."""
    m = _WHOLE.search(question)
    if not m:
        return None
    ch = m.group(1)
    levels = _LEVEL_OF_WORD.get(ch)
    fits = {p: n for p, n in mentions(place).items() if p != place and level_of(p) != level_of(place) and n > 0
            and (level_of(p) in levels if levels else ch in p)}
    if ch == "区" and any(p.endswith("自治区") for p in fits):  # 全区 of an autonomous region (宁夏回族自治区)
        fits = {p: n for p, n in fits.items() if p.endswith("自治区")}
    ranked = sorted(fits.items(), key=lambda kv: -kv[1])
    if not ranked or len(ranked) > 1 and ranked[0][1] < PARENT_MENTIONS * ranked[1][1]:
        return None
    return ranked[0][0]
