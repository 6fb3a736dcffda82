"""Verification, on both backends: every number in an answer must appear in a cited row (after
normalising 万/亿/%, 个百分点, full-width digits and Chinese numerals), and every claim must carry a
citation. Returns warnings; the caller decides to fall back."""

from __future__ import annotations

import re
from collections.abc import Sequence

from rag.ask.context import CITE_RE
from rag.domain import Row
from rag.status.quantities import numbers_in, same_number

_CLAIM_SPLIT = re.compile(r"(?<=[。；;！？!?\n])")
_REF = re.compile(rf"{CITE_RE.pattern}|〔[^〕]*〕")  # [n] citations and our 〔doc 序号N〕 source tags


def unsupported_numbers(text: str, rows: Sequence[Row]) -> list[str]:
    """Numbers in `text` that no cited row contains."""
    have = [q for r in rows for q in numbers_in(r.text + " " + r.title)]
    bad: list[str] = []
    for q in numbers_in(_REF.sub(" ", text)):
        if not any(same_number(q, h) for h in have):
            bad.append(q.raw)
    return bad


def uncited_claims(text: str) -> list[str]:
    """Sentences with a number or a factual verb but no [n] citation (LLM backend)."""
    out = []
    for sent in _CLAIM_SPLIT.split(text):
        s = sent.strip()
        if len(s) < 6 or _REF.search(s):
            continue
        if re.search(r"\d", s) or len(s) > 30:
            out.append(s[:60])
    return out


def check(text: str, rows: Sequence[Row], require_refs: bool = False) -> list[str]:
    warnings = [f"未在引用来源中找到的数字：{n}" for n in unsupported_numbers(text, rows)]
    if require_refs:
        warnings += [f"未标注来源的陈述：{c}" for c in uncited_claims(text)]
    return warnings
