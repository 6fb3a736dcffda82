"""Building Answer values: refusals, citations and the source tags written after each quoted clause
("〔004 序号15〕", "〔002 第3段〕", with the page for PDFs)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from rag.ask.context import NOT_FOUND
from rag.domain import Answer, Citation, Row


def abstain(question: str, why: str, route: str = "ask", backend: str = "offline",
            citations: tuple[Citation, ...] = ()) -> Answer:
    return Answer(question=question, text=f"{NOT_FOUND}：{why}", citations=citations, backend=backend,
                  abstained=True, warnings=(), route=route)


def cite(rows: Sequence[Row], scores: dict[str, float] | None = None) -> tuple[Citation, ...]:
    seen: dict[str, Citation] = {}
    for r in rows:
        if r.id not in seen:
            seen[r.id] = Citation.of(r, (scores or {}).get(r.id, 0.0))
    return tuple(seen.values())


def citations_of(answers: Iterable[Answer]) -> tuple[Citation, ...]:
    """The citations of answers joined into one (several pieces, periods or places), each once, in order."""
    return tuple({c.id: c for a in answers for c in a.citations}.values())


SOURCE_TAG = re.compile(r"〔[^〕]*〕")  # a source tag as source_tag writes it, to take out of an answer's text


def source_tag(row: Row) -> str:
    return f"〔{row.doc[:3]} {row.anchor}〕"


def answered(question: str, text: str, rows: Sequence[Row], route: str = "ask",
             scores: dict[str, float] | None = None) -> Answer:
    return Answer(question=question, text=text, citations=cite(rows, scores), backend="offline",
                  abstained=False, warnings=(), route=route)
