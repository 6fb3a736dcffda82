"""A question that asks a list (or a name) and a figure at once ("“新三样”指哪三样？去年出口增长多少？"): each piece is
routed through the table on its own, so the list is answered as a list and the figure from the records, then joined.
Pieces of one family (two figures, two periods, a target and its result) stay with the answerers that pair them."""

from __future__ import annotations

import re
from dataclasses import replace

from rag.ask.answerers import Gathered
from rag.ask.compose import SOURCE_TAG as _TAG
from rag.ask.understand import Ask, for_piece
from rag.domain import Answer

_FIGURE = re.compile(r"(?<![\d.])\d+(?:\.\d+)?(?![\d.]|\s*年)")  # a figure, not a year
WORDED = ("list", "entity", "person", "unit", "date", "stage")  # the pieces that are not a figure


class Pieces:
    name = "pieces"

    def applies(self, ask: Ask) -> bool:
        pieces = ask.asked.pieces
        return len(pieces) >= 2 and any(p.want in WORDED for p in pieces) and any(p.numeric for p in pieces) \
            and not ask.compare and not ask.people

    def answer(self, ask: Ask, evidence: Gathered) -> Answer | None:
        assert evidence.again is not None
        parts = [evidence.again(for_piece(ask, p)) for p in ask.asked.pieces]
        good = [a for a in parts if not a.abstained]
        if len(good) < len(parts):
            return None  # a piece the table cannot answer alone: the whole question goes on as one
        shown: list[Answer] = []
        for a in good:
            if not shown or _adds(a, shown):
                shown.append(a)
        good = shown
        cites = tuple({c.id: c for a in good for c in a.citations}.values())
        text = "；".join(a.text.rstrip("。") for a in good) + "。"
        return replace(good[0], question=ask.question, text=text, citations=cites, route="ask",
                       warnings=tuple(dict.fromkeys(w for a in good for w in a.warnings)))


def _figures(a: Answer) -> set[str]:
    return set(_FIGURE.findall(_TAG.sub("", a.text)))


def _adds(a: Answer, shown: list[Answer]) -> bool:
    """A piece whose figures an earlier piece already quoted adds nothing (no clause twice): "新三样…出口增长69.4%"
    answers the list and the growth at once."""
    return not _figures(a) <= set().union(*(_figures(b) for b in shown))
