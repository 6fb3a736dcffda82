"""A growth asked of something the library states no growth of (issue N, near misses): "X比上年涨了多少" where the
clause found says "Y…增长23.9%，X蝉联全省第五" — the growth is Y's, a neighbour in the same sentence. The figure
extractor (rag.ingest.figures) says whose each growth is; when every growth of the quoted clauses belongs to another
subject while the clause names the one asked, the answer is a refusal saying what the document has instead.

Only for a growth asked of a subject not on the indicator list (listed ones are answered from the records); the
indicator answerer (rag.ask.answerers.indicator) calls it for the questions it passes on, and returns the quote
answer unchanged otherwise, so the quote answerer is not run twice."""

from __future__ import annotations

import re

from rag.ask.answerers import Gathered
from rag.ask.answerers.quote import Quote
from rag.ask.compose import SOURCE_TAG as _TAG
from rag.ask.compose import abstain
from rag.ask.indicator import named_indicators, wanted
from rag.ask.understand import Ask
from rag.domain import Answer
from rag.ingest.figures.clauses import timed_figures
from rag.ingest.figures.vocab import normalise

_RATE = re.compile(r"增速|增幅|涨幅|增长率|同比|比上年|比去年|比前年|比上一年|个点|百分点")  # a rate asked, not a count
_CHANGED = re.compile(r"增|降|涨|提高|提升|减少|下滑|回落|翻|倍|持平")


def _bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)}


def others_growth(subject: str, words: list[str], piece: str) -> list[str]:
    """The subjects of the growths a quoted piece states, when every one is another's than `subject` and the piece
    names the subject asked (each of its `words`); else []."""
    owners = [s[1] for s, measure, *_ in timed_figures(normalise(piece)) if measure == "growth"]
    if not owners or not words or not all(w in piece for w in words):
        return []
    return [] if any(_bigrams(o) & _bigrams(subject) for o in owners) else owners


def no_growth(words: list[str], piece: str) -> str:
    """What a quoted piece naming the subject states instead of a growth: "年均增长" (an average over several years
    only) or "总量" (amounts, counts, ranks, no change at all); '' when it states a change or names no subject."""
    measures = {measure for _, measure, *_ in timed_figures(normalise(piece))}
    if not measures or not words or not all(w in piece for w in words) or measures & {"growth", "change", "change_pp"}:
        return ""
    if "avg_growth" in measures:
        return "年均增长"
    return "" if _CHANGED.search(piece) else "总量"


def asks_unlisted_growth(ask: Ask) -> bool:
    """Only a growth is asked, of a subject that is no listed indicator."""
    return wanted(ask.question, "") == ("growth",) and not named_indicators(ask.question)


def growth_owner(ask: Ask, evidence: Gathered) -> Answer | None:
    """The quote answer, or a refusal when every growth it states is another subject's."""
    found = Quote().answer(ask, evidence)
    if found is None or found.abstained:
        return found
    named = [t for t in ask.terms if t.alts and not _CHANGED.search(t.alts[0])]  # the subject, not "增长"
    words = [t.alts[0] for t in named if t.weight >= 1]
    subject = "".join(t.alts[0] for t in named)
    pieces = [p.strip("；;。 \n") for p in _TAG.split(found.text) if p.strip("；;。 \n")]
    owners = [others_growth(subject, words, p) for p in pieces]
    instead = [no_growth(words, p) for p in pieces] if _RATE.search(ask.question) else []
    if pieces and instead and all(instead):  # "比上年涨了多少个点" of a clause with only the amount or 年均增长
        return abstain(ask.question, f"资料中只有{'、'.join(dict.fromkeys(instead))}：“{'；'.join(pieces)}”，没有{subject}"
                       f"比上年增长的数字", citations=found.citations)
    if not pieces or not all(owners):
        return found
    whose = "、".join(dict.fromkeys(o for group in owners for o in group))
    return abstain(ask.question, f"资料中只有“{'；'.join(pieces)}”，其中的增长是{whose}的，没有{subject}比上年增长的数字",
                   citations=found.citations)


__all__ = ["asks_unlisted_growth", "growth_owner", "no_growth", "others_growth"]
