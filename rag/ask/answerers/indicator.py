"""The indicator answerer (issue N) in the pipeline's table: a numeric question about a listed indicator is
answered from the figure records of the generation (rag.ask.indicator), for the Ask's place, years and period;
near misses are refused with their reason; a question it cannot place among the records passes on (None)."""

from __future__ import annotations

from rag.ask.answerers import Gathered
from rag.ask.indicator import answer_indicator
from rag.ask.retrieve import UNPLACED
from rag.ask.understand import Ask
from rag.domain import Answer
from rag.index.figures_store import figures_of


class Indicator:
    name = "indicator"

    def applies(self, ask: Ask) -> bool:
        return not ask.status_asked and not ask.listing and not ask.who and not ask.people

    def answer(self, ask: Ask, evidence: Gathered) -> Answer | None:
        place = ask.place if ask.place and ask.place != UNPLACED else None
        period = ask.period.label if ask.period else None
        return answer_indicator(ask.question, figures_of(evidence.index), place=place,
                                library_places=evidence.index.districts(), years=ask.years, period=period or None)
