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
_WHICH_MOST = re.compile(r"哪(?:个|一个|类|一类|项|一项|种|家|些)?([\u4e00-\u9fff]{0,3}?)[^，、。？?]{0,14}?最(快|高|猛|大|多|强|低|慢|少|小|弱|狠)"
                         r"|最(快|高|猛|大|多|低|慢|少|小|狠)的[^，。？?]{0,3}是哪"
                         r"|最(快|高|猛|大|多|低|慢|少|小|狠)的?\s*([\u4e00-\u9fff]{0,2}(?:业|品|类|项|种))")
_DOWN = re.compile(r"降|跌|下滑|减少|往下")
_LOW = ("低", "慢", "少", "小", "弱")
_MOST = re.compile(r"最(快|高|猛|大|多|强|低|慢|少|小|弱|狠)")
_BEFORE = 5  # characters before 最 that say the direction (下降最多, 跌得最狠)
MIN_ITEMS = 3  # fewer figures side by side are a comparison, not a list to pick from


def _kind_char(ask: Ask) -> str:
    """The last character of the kind of thing asked ("哪个行业" -> 业), when the question names one."""
    m = _WHICH_MOST.search(ask.question)
    kind = (m.group(1) or m.group(5) or "") if m else ""
    return kind[-1] if kind else ""


def _lowest(question: str) -> bool:
    m = _WHICH_MOST.search(question)
    word = (m.group(2) or m.group(3) or m.group(4) or "") if m else ""
    falls = bool(_DOWN.search(question))
    return (word in _LOW) != falls  # 最低 / 最慢: the least; 降得最多: the most negative


def extremes(question: str) -> list[bool]:
    """The extremes asked, in order, each as "the lowest?": "哪个涨得最猛、哪个跌得最狠" and "增长最快和下降最多的分别是
    哪个" ask both ends of one list; each 最 is read with the words just before it (跌得最狠: the most negative)."""
    ends = [(m.group(1) in _LOW) != bool(_DOWN.search(question[max(0, m.start() - _BEFORE) : m.start()]))
            for m in _MOST.finditer(question)]
    ends = list(dict.fromkeys(ends))
    return ends if len(ends) > 1 else [_lowest(question)]


class Superlative:
    name = "superlative"

    def applies(self, ask: Ask) -> bool:
        return bool(_WHICH_MOST.search(ask.question)) and not ask.compare and not ask.who and not ask.unit

    def answer(self, ask: Ask, evidence: Gathered) -> Answer | None:
        place = ask.place if ask.place and ask.place != UNPLACED else None
        if place is None:
            return None
        measure = "growth" if re.search(r"涨|增|降|跌|快|慢|猛", ask.question) else "level"
        lists: dict[tuple[str, str, str], list[Figure]] = defaultdict(list)
        for f in figures_of(evidence.index):
            if f.place == place and f.measure == measure and f.stance == "actual" \
                    and (not ask.years or f.year in ask.years):
                lists[(f.doc, f.table or f.text, f.caption)].append(f)  # a document's tables: each its own list
        kind = _kind_char(ask)
        words = [t for t in ask.terms if t.weight >= 1.0]
        best: tuple[tuple[int, int, int], list[Figure]] | None = None
        for (_, text, _), figs in lists.items():
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
        picks = [((min if low else max)(items, key=_percent), low) for low in extremes(ask.question)]
        said = "；".join(_said(pick, low, measure) for pick, low in picks)
        text = f"{place}{picks[0][0].year or ''}年所列{len(items)}项中，{said}。"
        return Answer(question=ask.question, text=text, citations=tuple(p.citation() for p, _ in picks), route="ask")


def _percent(f: Figure) -> float:
    """A growth said in 倍 (增长1.3倍: 130%) compared with growths in %."""
    return f.value * 100 if f.unit == "倍" else f.value


def _said(pick: Figure, low: bool, measure: str) -> str:
    said = "增长" if measure == "growth" and pick.value >= 0 else "下降" if measure == "growth" else ""
    unit = "%" if measure == "growth" and pick.unit != "倍" else pick.unit
    return f"{pick.words}{said}{as_written(pick).lstrip('-−')}{unit}，{'最低' if low else '最高'}〔{pick.cite}〕"
