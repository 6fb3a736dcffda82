"""Routing a question before it is answered: follow-ups inherit the previous question's district,
year and intent."""

from __future__ import annotations

import re
from collections.abc import Sequence

from rag.ask.retrieve import match_district, mentioned_district

History = Sequence[tuple[str, str]]


def contextualize(question: str, history: History | None, districts: list[str]) -> str:
    """Carry district, year and intent from the previous question into an elliptical follow-up:
    after '钱塘GDP增长多少', '那服务业呢？' becomes '钱塘区 2023年 服务业 增长多少'."""
    if not history:
        return question
    prev = history[-1][0]
    q = question.strip()
    if match_district(q, districts) or mentioned_district(q, districts):
        return question  # names its own district: a new question, not a follow-up
    elliptical = q.startswith(("那", "那么", "还有", "另外")) or q.rstrip("？?").endswith("呢") or len(q) <= 6
    if not elliptical:
        return question
    core = re.sub(r"^(那么|那|还有|另外)", "", q).rstrip("？?呢 ")
    core = re.sub(r"呢$", "", core)
    parts: list[str] = []
    d = match_district(prev, districts)
    if d:
        parts.append(d)
    if not re.search(r"20\d\d年", q):
        y = re.search(r"20\d\d年", prev)
        if y:
            parts.append(y.group(0))
    parts.append(core)
    intent = re.search(r"(增长多少|增速多少|是多少|多少|完成了吗|进展如何|进展|谁牵头|哪个单位牵头)[？?]?$", prev)
    if intent and not re.search(r"(多少|吗|如何|进展|谁|哪)", core):
        parts.append(intent.group(1))
    return " ".join(parts)
