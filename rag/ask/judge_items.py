"""A target of several items and its result of several items, each item the question names judged on its own figures:
"城中村改造定的多少户？最后干完没？老旧小区呢" against "改造老旧小区4000个以上、城市危旧房3万套、城中村10万户" and "新开工改造城镇
老旧小区4402个、城中村5.1万户、城市危旧房3.1万套" is two verdicts, 城中村 on 5.1万户 against 10万户 and 老旧小区 on 4402个
against 4000个, never one verdict on whichever figure comes first."""

from __future__ import annotations

import re

from rag.ask.compose import SOURCE_TAG
from rag.domain import Quantity
from rag.status.quantities import numbers_in

_PIECE = re.compile(r"[，,；;。、]")
_NAME = re.compile(r"[\u4e00-\u9fffA-Za-z]+")
LABEL_CHARS = 4  # an item is named by the words right before its figure (新开工改造城镇老旧小区: 老旧小区), not its verb


def items(text: str) -> list[tuple[str, Quantity]]:
    """Each piece's last words before its first figure, with that figure: ("老旧小区", 4000个)."""
    out = []
    for piece in _PIECE.split(SOURCE_TAG.sub("", text)):
        figures = list(numbers_in(piece))
        if not figures:
            continue
        head = piece[: piece.find(figures[0].raw)] if figures[0].raw in piece else ""
        words = "".join(_NAME.findall(head))[-LABEL_CHARS:]
        if len(words) >= 2:
            out.append((words, figures[0]))
    return out


def _grams(text: str) -> set[str]:
    return {text[i : i + n] for n in (2, 3, 4) for i in range(len(text) - n + 1)}


def _own(label: str, others: list[str], question: str) -> int:
    """How many of the label's own words (2-4 characters no other label of the text has) the question says."""
    theirs = set().union(*(_grams(o) for o in others)) if others else set()
    return sum(g in question for g in _grams(label) - theirs)


def named(question: str, found: list[tuple[str, Quantity]]) -> list[tuple[str, Quantity]]:
    """The items the question names by their own words, in the order it names them."""
    labels = [label for label, _ in found]
    hit = [(label, q) for i, (label, q) in enumerate(found) if _own(label, labels[:i] + labels[i + 1 :], question)]
    return sorted(hit, key=lambda lq: min((question.find(g) for g in _grams(lq[0]) if g in question), default=99))


def _word(label: str, question: str) -> str:
    """The item's name as the question says it (城中村 of 城中村改造), else its label."""
    grams = sorted((g for g in _grams(label) if g in question), key=len, reverse=True)
    return grams[0] if grams else label


def judge_items(target: str, actual: str, question: str) -> str:
    """One verdict per item the question names that both the target and the result state in the same unit; "" when
    the question names fewer than two items, or one of them has no pair (the single judgement then stands)."""
    goals, results = items(target), items(actual)
    asked = named(question, results)
    if len(asked) < 2:
        return ""
    said = []
    for label, got in asked:
        word = _word(label, question)
        pair = [q for lab, q in goals if q.unit == got.unit and q.kind == got.kind and word in lab]
        if not pair:
            return ""
        goal = pair[0]
        if got.value >= goal.value:
            verdict = "已完成、超过目标" if got.value > goal.value else "已完成、达到目标"
        else:
            verdict = "未完成、未达到目标"
        said.append(f"{word}{verdict}（实际{got.raw}，目标{goal.raw}）")
    return "判断：" + "；".join(said) + "（系比较）。"
