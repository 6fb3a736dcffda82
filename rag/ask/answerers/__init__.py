"""The answerers of the pipeline (rag.ask.pipeline): small classes, each with a name, applies(ask) and
answer(ask, evidence) -> Answer | None (None passes the question to the next one in the table)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from rag.ask.evidence import Evidence, gather
from rag.ask.understand import Ask
from rag.domain import Answer, Row
from rag.index.build import Index


@dataclass
class Gathered:
    """What one retrieval found for an Ask: the rows in rank order, their scores, and the evidence pool
    (clause windows weighed against the Ask), computed once on first use."""

    index: Index
    rows: list[Row]
    scores: dict[str, float]
    k: int
    again: Callable[[Ask], Answer] | None = None  # route another Ask (a compared place) through the table
    again_in: Callable[[Ask, list[Row]], Answer] | None = None  # route another Ask over the rows given
    _pools: dict[int, list[Evidence]] = field(default_factory=dict)

    def doc_year(self, doc: str) -> int:
        """A document's own year (its title's, from the index's document table); 0 when it names none."""
        year = str(self.index.docs.get(doc, {}).get("year") or "")
        return int(year) if year.isdigit() else 0

    def pool(self, ask: Ask) -> list[Evidence]:
        key = id(ask.asked)
        if key not in self._pools:
            self._pools[key] = gather(ask.asked, self.rows)
        return self._pools[key]


class Answerer(Protocol):
    name: str

    def applies(self, ask: Ask) -> bool: ...

    def answer(self, ask: Ask, evidence: Gathered) -> Answer | None: ...
