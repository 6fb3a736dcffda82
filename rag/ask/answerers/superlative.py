"""Superlative: "公报列出的行业中哪个行业增加值涨得最猛", "哪类价格涨幅最大", "哪个产品产量降得最多": of the figures
one sentence (or one table) of the place's communiqué lists side by side, the one at the extreme asked, with its
figure and how many were compared. The list is the one whose text holds most of the question's subject words, with
at least MIN_ITEMS items of the kind asked (哪个行业: names ending in 业)."""

from __future__ import annotations

import re
from collections import defaultdict

from rag.ask.answerers import Gathered
from rag.ask.indicator_text import as_written
from rag.ask.retrieve import UNPLACED
from rag.ask.understand import Ask
from rag.domain import Answer
from rag.index.figures_store import figures_of
from rag.ingest.figures import Figure

# "哪个行业…最猛", "哪类…涨幅最大", "增速最快的是哪个": one item at an extreme of a list
_WHICH_MOST = re.compile(r"哪(?:个|一个|类|一类|项|一项|种|家|些)?([\u4e00-\u9fff]{0,3}?)[^，。？?]{0,14}?最(快|高|猛|大|多|强|低|慢|少|小|弱)"
                         r"|最(快|高|猛|大|多|低|慢|少|小)的是哪")
_DOWN = re.compile(r"降|跌|下滑|减少|往下")
_LOW = ("低", "慢", "少", "小", "弱")
MIN_ITEMS = 3  # fewer figures side by side are a comparison, not a list to pick from


def _kind_char(ask: Ask) -> str:
    """The last character of the kind of thing asked ("哪个行业" -> 业), when the question names one."""
    m = _WHICH_MOST.search(ask.question)
    kind = (m.group(1) or "") if m else ""
    return kind[-1] if kind else ""


def _lowest(question: str) -> bool:
    m = _WHICH_MOST.search(question)
    word = (m.group(2) or m.group(3) or "") if m else ""
    falls = bool(_DOWN.search(question))
    return (word in _LOW) != falls  # 最低 / 最慢: the least; 降得最多: the most negative


class Superlative:
    name = "superlative"

    def applies(self, ask: Ask) -> bool:
        return bool(_WHICH_MOST.search(ask.question)) and not ask.compare and not ask.who and not ask.unit

    def answer(self, ask: Ask, evidence: Gathered) -> Answer | None:
        place = ask.place if ask.place and ask.place != UNPLACED else None
        if place is None:
            return None
        measure = "growth" if re.search(r"涨|增|降|跌|快|慢|猛", ask.question) else "level"
        lists: dict[tuple[str, str], list[Figure]] = defaultdict(list)
        for f in figures_of(evidence.index):
            if f.place == place and f.measure == measure and f.stance == "actual" \
                    and (not ask.years or f.year in ask.years):
                lists[(f.doc, f.table or f.text)].append(f)
        kind = _kind_char(ask)
        words = [t for t in ask.terms if t.weight >= 1.0]
        best: tuple[tuple[int, int, int], list[Figure]] | None = None
        for (_, text), figs in lists.items():
            items = list({f.words: f for f in figs if not kind or f.words.endswith(kind)}.values())
            if len(items) < MIN_ITEMS:
                continue
            where = f"{figs[0].caption} {text}"
            fit = sum(any(a in where for a in t.alts) for t in words)
            key = (fit, figs[0].year or 0, len(items))
            if best is None or key > best[0]:
                best = (key, items)
        if best is None or (words and best[0][0] == 0):
            return None
        items = best[1]
        pick = (min if _lowest(ask.question) else max)(items, key=lambda f: f.value)
        said = "增长" if measure == "growth" and pick.value >= 0 else "下降" if measure == "growth" else ""
        value = as_written(pick).lstrip("-−")
        unit = "%" if measure == "growth" else pick.unit
        text = (f"{place}{pick.year or ''}年所列{len(items)}项中，{pick.words}{said}{value}{unit}，"
                f"{'最低' if _lowest(ask.question) else '最高'}〔{pick.cite}〕。")
        return Answer(question=ask.question, text=text, citations=(pick.citation(),), route="ask")
