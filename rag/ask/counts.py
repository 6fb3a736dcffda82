"""Count questions about status ("钱塘有多少项目标滞后序时进度？占比多少？"): answered by the same engine as
the 督查通报 (rag.status.schedule), with the count computed from the status labels, the share marked
as computed, and every behind row cited."""

from __future__ import annotations

import re

from rag.ask.retrieve import Filters
from rag.domain import Answer, Citation
from rag.errors import ConfigError
from rag.index.build import Index
from rag.status.schedule import behind_schedule_summary

_COUNT = re.compile(r"(多少|几)(项|个|条|件)")
_BEHIND = re.compile(r"(滞后|未达到?序时|没有?达到序时|落后于序时|欠进度|跟不上)")


def count_answer(index: Index, question: str, f: Filters) -> Answer | None:
    """The behind-schedule count and share for one place's progress tables, or None when the question
    is not such a count question or the place has no progress table."""
    if not (_COUNT.search(question) and _BEHIND.search(question)):
        return None
    try:
        summary = behind_schedule_summary(index, f.district)
    except ConfigError:  # no progress table for that place (or several places and none named)
        return None
    if not summary.total:
        return None
    text = summary.sentence.replace(
        f"占{summary.share:.1f}%", f"占{summary.share:.1f}%（{summary.count}÷{summary.total}，系计算）"
    )
    cites = tuple(Citation.of(s.row, 0.0) for s in summary.statuses)
    return Answer(question=question, text=text, citations=cites, route="status")
