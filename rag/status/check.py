"""Owns the check that a lagging judgement can be signed: every figure its reason names is in the row (task or
progress), except the ones the rules computed, which are written with their inputs and marked 系计算
("41%（4.1÷10，系计算）", "12个+216个=228个（系计算）"). Used by the tests and by `rag eval`."""

from __future__ import annotations

import re

from rag.domain import Status
from rag.status.quantities import numbers_in, same_number, to_halfwidth

__all__ = ["unsupported_figures"]

# a computed figure: the number written just before "（…系计算）" and everything inside the brackets
_COMPUTED = re.compile(r"[-−]?\d+(?:\.\d+)?\s*(?:万亿|亿|万)?[^\d（(，,；;。\s]{0,6}（[^（）]*系计算）")
# counts of the judgement itself, not figures of the row: "共比对4项指标"
_META = re.compile(r"共比对\d+项指标")


def unsupported_figures(st: Status) -> list[str]:
    """The figures of the reason (computed ones aside) that the row's own text does not hold; [] when all do."""
    row_numbers = numbers_in(to_halfwidth(f"{st.row.task} {st.row.progress} {st.row.progress_normalized}"))
    said = _META.sub(" ", _COMPUTED.sub(" ", to_halfwidth(st.reason)))
    return [q.raw for q in numbers_in(said) if not any(same_number(q, r) for r in row_numbers)]
