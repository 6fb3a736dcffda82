"""Which of two places is higher, when each place's answer is a quoted clause rather than a figure record ("2023年城镇
新增就业，钱塘区和余杭区各完成多少？哪个多？", "银川PM2.5比宁夏全区高还是低？差多少？"): the first figure of each
answer in a unit both share, compared. Amounts written alike (30.4 and 25.9 微克/立方米) get their difference with its
inputs, marked 系计算 (rag.ask.verify recomputes it from the cited clauses); amounts written at different scales (3.6万人
against 36202人) get only which is more, marked 系比较: no conversion is shown as if the text said it."""

from __future__ import annotations

import re
from collections.abc import Sequence

from rag.ask.indicator_text import computed
from rag.domain import Quantity
from rag.status.quantities import canonical_unit, numbers_in

# the question asks which is more, or by how much: 哪个多, 谁高, 高还是低, 差多少, 相差
ASKS_WHICH = re.compile(r"哪(?:个|家|里|边)?(?:更)?[多高大少低快慢]|谁(?:更)?[多高大少低快慢]|[高多大快]还是[低少小慢]"
                        r"|差(?:了)?多少|相差|差距")
_PLAIN = re.compile(r"^-?\d+(?:\.\d+)?")  # a figure written without 万/亿 (its unit follows it directly)


def _first(quantities: Sequence[Quantity], unit: str) -> Quantity | None:
    return next((q for q in quantities if canonical_unit(q.unit) == unit and q.kind in ("level", "count")), None)


def _shared_unit(each: Sequence[Sequence[Quantity]]) -> str:
    units = [[canonical_unit(q.unit) for q in qs if q.kind in ("level", "count") and q.unit] for qs in each]
    return next((u for u in units[0] if all(u in us for us in units[1:])), "") if units and units[0] else ""


def _number(q: Quantity) -> str:
    m = _PLAIN.match(q.raw.replace(",", ""))
    return m.group(0) if m and q.raw.replace(",", "")[len(m.group(0)):].lstrip().startswith(q.unit) else ""


def which_is_more(question: str, answers: Sequence[tuple[str, str]]) -> str:
    """", 余杭区（36202人）多于钱塘区（3.6万人）（系比较）" or ""; answers are (place, answer text), two of them."""
    if len(answers) != 2 or not ASKS_WHICH.search(question):
        return ""
    each = [numbers_in(text) for _, text in answers]
    unit = _shared_unit(each)
    picked = [_first(qs, unit) for qs in each] if unit else []
    if len(picked) != 2 or not all(picked):
        return ""
    (pa, _), (pb, _) = answers
    a, b = picked
    assert a and b
    if a.value == b.value:
        return f"；{pa}与{pb}持平（{a.raw}，{b.raw}，系比较）"
    hi, lo = ((pa, a), (pb, b)) if a.value > b.value else ((pb, b), (pa, a))
    word = "多" if unit not in ("微克/立方米", "%") else "高"
    x, y = _number(hi[1]), _number(lo[1])
    if x and y:  # written alike: the difference, recomputable from the two clauses
        return f"；{hi[0]}比{lo[0]}{word}{computed(x, '−', y, hi[1].unit)}"
    return f"；{hi[0]}（{hi[1].raw}）{word}于{lo[0]}（{lo[1].raw}）（系比较）"
