"""The progress words quoted after a status (rag.ask.answerers.table): its opening, or the sentences that hold the
figures the status rules judged."""

from __future__ import annotations

import re
from collections.abc import Sequence

from rag.ask.terms import Term
from rag.domain import Status as StatusResult

PROGRESS_CHARS = 120  # the progress quoted after a status: its opening, or the sentences holding the judged figures
_SENTENCE = re.compile(r"[^。；;]+[。；;]?")


def judged_progress(st: StatusResult, progress: str) -> str:
    """The progress words quoted with a status: the opening PROGRESS_CHARS, or, when a figure the status judged lies
    past them ("1-8月全区生物医药产业产值293.6亿元，同比下降9.8%" late in a long cell), the sentences that hold those
    figures, in order, so the amount beside a judged growth is shown too."""
    if len(progress) <= PROGRESS_CHARS:
        return progress
    raws = [q.raw for q in (st.progress, *(q for p in st.parts for q in (p.progress, *p.figures))) if q is not None]
    if all(r in progress[:PROGRESS_CHARS] for r in raws):
        return progress[:PROGRESS_CHARS]
    held = [s.strip() for s in _SENTENCE.findall(progress) if any(r in s for r in raws)]
    return "".join(held)[: 2 * PROGRESS_CHARS] if held else progress[:PROGRESS_CHARS]


TASK_CHARS = 40  # a task quoted as its name: its first characters, or the parts that say what was asked


def task_named(task: str, terms: Sequence[Term]) -> str:
    """The part of a long task that names what the question asks ("…新增…；规上工业增加值增长6.5%": that clause), else
    its first TASK_CHARS characters."""
    if len(task) <= TASK_CHARS:
        return task
    strong = [t for t in terms if t.weight >= 1.0]
    parts = [p for p in re.split(r"[，,。；;]", task) if p and any(t.present(p) for t in strong)]
    said = "，".join(parts)
    return said if parts and len(said) <= 2 * TASK_CHARS else task[:TASK_CHARS]
