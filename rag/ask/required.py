"""What a count or an amount asked is of ("新增了多少个学位": 学位 must be in the clause that answers it)."""

from __future__ import annotations

import re

from rag.ask.terms import Term

_MEASURED = re.compile(r"多少(?:个|家|项|人|名|所|座|条|件|台|套|户|亩|万人|公里|千瓦)?([\u4e00-\u9fff]{2,8})")


def required_terms(question: str, terms: list[Term]) -> tuple[str, ...]:
    """The terms naming what a count or amount is of: "新增了多少个学位" is not answered by "共25项"."""
    m = _MEASURED.search(question)
    if not m:
        return ()
    tail = m.group(1)
    return tuple(t.main or t.alts[0] for t in terms if t.weight >= 1.0 and (t.main or t.alts[0]) in tail)
