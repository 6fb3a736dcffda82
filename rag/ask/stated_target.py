"""A target the question states with its figure, found in an older document, against the year's result in the
records ("保定当初定的到2025年GDP超5000亿，24年干到多少了？还差多少"): the target's clause quoted from the library
(the question's figure is a quote only when a document says it), the result from the figure records, and the gap
computed (系计算). Issue M, class 9: a target in one document, its result in another."""

from __future__ import annotations

import re
from collections.abc import Sequence

from rag.ask.compose import cite, source_tag
from rag.ask.evidence import clauses_of
from rag.ask.indicator import named_indicators
from rag.ask.indicator_text import citations, computed, num, phrase
from rag.domain import Answer, Quantity, Row
from rag.ingest.figures import Figure
from rag.status.quantities import numbers_in, same_number

# the question states a target with its figure (定的/提出/目标… then the figure) and asks how far the result got
_STATES = re.compile(r"(?:定的|提出|目标|说要|要求|力争|预期|计划)[^，,。？?；;]{0,16}?\d")
_HOW_FAR = re.compile(r"差|干到|做到|达到|完成|实现|够")


def states_target(question: str) -> bool:
    """"当初定的到2025年GDP超5000亿，24年干到多少了？还差多少": a target stated with its figure, and the result asked."""
    return bool(_STATES.search(question) and _HOW_FAR.search(question))


AMOUNT_KINDS = ("level", "count")  # a stated target compared here is an amount (5000亿), not a rate


def stated_target(question: str, rows: Sequence[Row], records: Sequence[Figure], place: str | None,
                  years: tuple[int, ...]) -> Answer | None:
    """The stated target's clause, the result and the gap; None when the question states no amount, names no listed
    indicator, or the library writes neither the target with that figure nor a result of the year asked."""
    stated = [q for q in numbers_in(question) if (q.unit or re.search(r"[万亿]", q.raw)) and q.kind in AMOUNT_KINDS]
    named = {i for _, _, i in named_indicators(question)}
    if len(stated) != 1 or len(named) != 1 or not place or len(years) != 1:
        return None
    goal, indicator = stated[0], next(iter(named))
    result = [(f, v) for f in records if f.indicator == indicator and f.place == place and f.year == years[0]
              and f.stance == "actual" and f.measure == "level" and f.unit and (v := _in_unit(goal, f.unit)) is not None]
    quote = _quoted(goal, indicator, rows, place)
    if not result or quote is None:
        return None
    (actual, target_value), (clause, row) = result[0], quote
    gap = target_value - actual.value
    said = (f"距目标还差{computed(num(target_value), '−', num(actual.value), actual.unit)}" if gap > 0
            else "已达到目标")
    text = (f"目标：{clause}{source_tag(row)}；实际：{actual.place}{actual.year}年{actual.indicator}{phrase(actual)}"
            f"〔{actual.cite}〕；{said}。")
    cites = (*citations([actual]), *cite([row]))
    return Answer(question=question, text=text, citations=tuple({c.id: c for c in cites}.values()), route="indicator")


def _in_unit(goal: Quantity, unit: str) -> float | None:
    """The stated figure in the record's unit (5000亿 in 亿元), or None when the units are of different kinds."""
    probe = numbers_in(f"1{unit}")
    if not probe or not probe[0].value:
        return None
    scale = goal.value / probe[0].value
    return scale if same_number(goal, numbers_in(f"{num(scale)}{unit}")[0]) else None


def _quoted(goal: Quantity, indicator: str, rows: Sequence[Row], place: str) -> tuple[str, Row] | None:
    """The clause of the place's documents that states the figure and names the indicator."""
    for row in rows:
        if row.district != place:
            continue
        for clause in clauses_of(row, 0):
            names = {i for _, _, i in named_indicators(clause.text)}
            if indicator in names and any(same_number(goal, q) for q in numbers_in(clause.text)):
                return clause.text, row
    return None

