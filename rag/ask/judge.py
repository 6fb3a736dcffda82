"""The judgement on a target and its result quoted side by side (rag.ask.extractive): the result's figure against
the target's figures of the same kind and unit, marked 系比较."""

from __future__ import annotations

import re

from rag.ask.compose import SOURCE_TAG as _TAG
from rag.ask.judge_items import judge_items
from rag.ask.kinds import clause_numbers
from rag.ask.wording import MARK_VERBS
from rag.domain import Quantity
from rag.status.quantities import numbers_in


def judge(target: str, actual: str, question: str = "", months: int | None = None) -> str:
    """The judgement on a target and its result quoted side by side: the first figure of the result of a kind
    the target states (a growth rate against a growth rate, 万人 against 万人), against the target's lowest and
    highest figure of that kind (确保 and 力争). Empty when they share no kind of figure."""
    per_item = judge_items(target, actual, question) if not months or months >= 12 else ""
    if per_item:  # "城中村…干完没？老旧小区呢": each item named, on its own figures
        return per_item
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
        if months and months < 12 and same and got.kind != "growth" and got.unit != "%" and got.value < max(bars):
            return _against_schedule(got, max(same, key=lambda q: q.value), months)
        if got.value > max(bars):  # over the target: the yes/no asked (够数没) answered as 超过, done
            return f"判断：实际{got.raw}，达到并超过目标、已完成（系比较）。"
        if got.value == max(bars):
            return f"判断：实际{got.raw}，达到目标、已完成（系比较）。"
        if got.value >= min(bars):
            return f"判断：实际{got.raw}，达到较低目标、未达到较高目标（系比较）。"
        if months and months < 12:  # a part of the year against the year's target: not reached yet, said so
            return f"判断：实际{got.raw}，尚未达到全年目标（系比较）。"
        return f"判断：实际{got.raw}，未达到目标（系比较）。"
    return ""


def _against_schedule(got: Quantity, goal: Quantity, months: int) -> str:
    """A part of the year's result against the year's target: its share of the target against the share of the year
    gone (序时进度), not "未达到目标" ("上半年完成投资74.2亿元" of 130.42亿元 is 56.9%, ahead of 50.0%)."""
    share, schedule = 100 * got.value / goal.value, 100 * months / 12
    verdict = "达到序时进度" if share >= schedule else "滞后序时进度"
    return (f"判断：实际{got.raw}，为全年目标{goal.raw}的{share:.1f}%（{got.raw}÷{goal.raw}，系计算），"
            f"序时进度{schedule:.1f}%，{verdict}（系比较）。")


# "破2万没", "超过5000亿了吗", "过千亿没有": a figure asked against a bar the question names, yes or no
_BAR = re.compile(f"({MARK_VERBS})" + r"\s*([\d.]+\s*[万亿千百]*[\u4e00-\u9fff]{0,2}?)\s*"
                  r"(?:大关|关口)?了?(?:没有|没|吗|了没|否)")


# "是否突破2万元", "有没有超过5000亿": the yes/no asked before the mark
_BAR_FIRST = re.compile(r"(?:是否|有没有|有无|能否)\s*(?:已经|已)?(" + MARK_VERBS + r")\s*"
                        r"(\d[\d.]*\s*[万亿千百]*(?:%|[元人家个亩吨台辆座所项件套户]|美元)?)(?![\d.%])")


def _bar(question: str) -> re.Match[str] | None:
    return _BAR.search(question) or _BAR_FIRST.search(question)


def names_bar(question: str) -> bool:
    return bool(_bar(question))


def against_bar(question: str, answer: str) -> str:
    """The yes/no of a figure against the bar the question names ("农村居民收入破2万没" and 20793元: 已突破), judged
    on the first figure of the answer in the bar's kind of unit (系比较); "" when the question names no bar."""
    m = _bar(question)
    bars = numbers_in(m.group(2)) if m else []
    if not m or not bars:
        return ""
    bar = bars[0]
    for got in clause_numbers(_TAG.sub("", answer)):
        if (got.unit == "%") != (bar.unit == "%") or got.unit == "个百分点" or got.kind == "rank" \
                or (bar.unit and got.unit and bar.unit != got.unit):
            continue  # a rate against a rate (能否达到6%: the growth), an amount against an amount
        verb = {"破": "突破", "超": "超过", "过": "超过", "上": "达到"}.get(m.group(1), m.group(1))
        said = f"已{verb}" if got.value >= bar.value else f"未{verb}"
        return f"判断：{got.raw}，{said}（系比较）。"
    return ""


# a verdict the source states right after the figure ("粮食总产量达76.28亿斤，超额完成国家下达任务")
_STATED_VERDICT = re.compile(r"^(?:均|已|并|且)?(?:超额完成|全面完成|圆满完成|顺利完成|提前完成|未完成|未达到|没有完成|完成|实现|达到)"
                             r"[^，,；;。\d]{0,12}?(?:任务|目标|计划)")


def stated_verdict(clauses: list[str], answer: str) -> str:
    """The words of a cited clause that state, right after the figure the answer gives, whether its task or target was
    met, verbatim, for a yes/no asked beside the figure ("国家给的任务完成了没？"); "" when no clause says so (a verdict
    after another indicator's figure in the same sentence is that indicator's)."""
    given = set(re.findall(r"\d+(?:\.\d+)?", _TAG.sub("", answer)))
    for text in clauses:
        segments = [g.strip() for g in re.split(r"[，,；;。]", _TAG.sub("", text))]
        for before, seg in zip(segments, segments[1:]):
            if given & set(re.findall(r"\d+(?:\.\d+)?", before)) and _STATED_VERDICT.match(seg):
                return f"原文称：{seg}。"
    return ""
