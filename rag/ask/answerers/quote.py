"""The generic answerer: quote the clause(s) that answer, verbatim, with citations, or refuse and say why
(rag.ask.extractive over the evidence pool)."""

from __future__ import annotations

from rag.ask.answerers import Gathered
from rag.ask.compose import abstain
from rag.ask.extractive import answer_extractive
from rag.ask.understand import Ask
from rag.domain import Answer


class Quote:
    name = "quote"

    def applies(self, ask: Ask) -> bool:
        return True

    def answer(self, ask: Ask, evidence: Gathered) -> Answer | None:
        if not evidence.rows:
            return abstain(ask.question, "没有检索到相关内容")
        return answer_extractive(ask.question, ask.asked, evidence.rows, evidence.scores)
