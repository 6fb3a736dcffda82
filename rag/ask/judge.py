"""The judgement on a target and its result quoted side by side (rag.ask.extractive): the result's figure against
the target's figures of the same kind and unit, marked 系比较."""

from __future__ import annotations

import re

from rag.ask.compose import SOURCE_TAG as _TAG
from rag.ask.kinds import clause_numbers
from rag.domain import Quantity


def judge(target: str, actual: str, question: str = "") -> str:
    """The judgement on a target and its result quoted side by side: the first figure of the result of a kind
    the target states (a growth rate against a growth rate, 万人 against 万人), against the target's lowest and
    highest figure of that kind (确保 and 力争). Empty when they share no kind of figure."""
    named = re.findall(r"\d+(?:\.\d+)?", question)  # a figure the question names ("35岁以下") is a label…

    def figures(text: str, labels: list[str]) -> list[Quantity]:
        return [q for q in clause_numbers(_TAG.sub("", text)) if re.sub(r"[^\d.]", "", q.raw) not in labels]

    plain = _TAG.sub("", actual)
    grams = {target[i : i + 2] for i in range(len(target) - 1)}
    pieces = sorted(re.split(r"[，,；;。]", plain), key=lambda c: -sum(c[i : i + 2] in grams for i in range(len(c) - 1)))
    done = [q for c in pieces for q in figures(c, named)]  # the result said in the words of the target first
    said = [n for n in named if re.search(rf"(?<![\d.]){re.escape(n)}(?![\d.])", plain)]
    goals = figures(target, said)  # …unless only the target states it ("说要改造4000个以上，最后够数没")
    for got in done:
        alike = [q for q in goals if q.kind == got.kind and q.kind != "rank"]
        same = [q for q in alike if q.unit == got.unit]  # 4402个 against 4000个, not 3万套; 3.6万名 against 3.75万人
        bars = [q.value for q in (same or [q for q in alike if q.kind == "count"])]
        if not bars:
            continue
        if got.value > max(bars):  # over the target: the yes/no asked (够数没) answered as 超过, done
            return f"判断：实际{got.raw}，达到并超过目标、已完成（系比较）。"
        if got.value == max(bars):
            return f"判断：实际{got.raw}，达到目标、已完成（系比较）。"
        if got.value >= min(bars):
            return f"判断：实际{got.raw}，达到较低目标、未达到较高目标（系比较）。"
        return f"判断：实际{got.raw}，未达到目标（系比较）。"
    return ""
