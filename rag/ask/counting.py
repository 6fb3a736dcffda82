"""What a count in a clause counts (rag.ask.evidence): the noun the clause writes right before its figure."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from rag.ask.terms import tags

if TYPE_CHECKING:
    from rag.ask.evidence import Evidence
    from rag.ask.question import Asked

_NOUN_COUNTED = re.compile(r"([\u4e00-\u9fff]{2,})(?=\d)")


def counts_another(ev: Evidence, asked: Asked) -> bool:
    """"新增多少家国家高新技术企业" against "申报企业189家": the clause's count names its own noun (jieba: a noun right
    before the figure) and the thing asked is not in the clause itself, only in its row: another thing counted."""
    if not asked.required:
        return False
    own = [t for t in asked.terms if (t.main or t.alts[0]) in asked.required]
    if all(t.factor(ev.clause.text) >= 1.0 for t in own):
        return False
    before = _NOUN_COUNTED.search(ev.clause.text)
    if before is None:
        return False
    kind = tags(_last_word(before.group(1)))
    return bool(kind) and kind[0] in ("n", "vn", "nz")


def _last_word(text: str) -> str:
    import jieba

    words = jieba.lcut(text)
    return words[-1] if words else text
