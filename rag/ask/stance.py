"""Whether a question asks for a target, a result, or both (rag.ask.question reads it): "目标是多少" asks the target,
"…，实际达到多少" the result as well; a target it only mentions ("是否完成全年目标") asks about the result."""

from __future__ import annotations

import re
from functools import lru_cache

from rag.ask.retrieve import lexicon
from rag.ask.terms import words

# the result asked after a target ("…，全年实际完成没", "实际引进多少"): a figure or a yes/no on reaching it
_RESULT_ASKED = re.compile(r"(实际|最后|最终|完成|达到|做到|实现|够)[^，,。；？?]{0,6}(多少|几|了吗|没有|没|吗)")


_ASKS_TARGET = re.compile(r"(目标|预期|计划|力争|要求|任务)[^，,。；？?]{0,4}(多少|几|是什么|定的|定了|如何|怎样)"
                          r"|计划(?:新增|建设|新建|完成|引进|筹集|改造)[^，,。；？?\d]{0,8}(多少|几)"  # 计划新增停车泊位多少个
                          r"|说要[^，,。；？?]{0,10}(多少|几)|(?:打算|准备|拟)[^，,。；？?]{0,8}(多少|几)"  # a plan asked
                          r"|(?<![稳认肯决])(?:定的|定了|定为|定在)[^，,。；？?]{0,6}(多少|几)"  # "今年…定的增长多少"
                          r"|(?:定|设|提出|定下)了?(什么|哪些)(?:样的)?(?:目标|任务)")  # "都定了啥目标": the targets set
# a target the question states with its figure ("2025年说要改造4000个以上", "目标是力争6%"), before the result asked
_NOW = re.compile(r"现在|目前|眼下|截至|截止|到\d+月")  # "目标2000亩，到现在出让了多少": the progress so far, not the year's result
# the share of a target reached ("完成了目标的百分之多少", "完成全年任务的几成"): a result, measured by the target
# a query typed as keywords ("钱塘 2023年 固定资产投资 年初目标 实际完成"): every word listed is asked, so a target
# listed as a word of its own asks the target, and with anything else listed beside it the result too
_KEYWORDS = re.compile(r"[^\s？?。，,吗呢]+(?:\s+[^\s？?。，,吗呢]+){2,}")
_TARGET_LISTED = re.compile(r"(?:^|\s)\S{0,4}(?:目标|任务|计划)(?:值|数)?(?:\s|$)")  # 目标值 as a keyword too
# "年初目标值和实际完成值分别是多少": the target and the result named side by side, each asked
_BOTH_NAMED = re.compile(r"(?:目标|计划|预期|任务)(?:值|数)?[^，,。；？?]{0,3}[和与及、跟][^，,。；？?]{0,3}(?:实际|完成|结果)"
                         r"|(?:目标|预期|计划)[^。；？?\d]{0,6}[，,]?(?:以及|并说明)[^。；？?]{0,8}(?:实际|完成)")  # "目标…，以及…实际"
_SHARE_OF_TARGET = re.compile(r"(完成|达到|实现|做到)了?(全年|年度)?(目标|任务|计划)的?(百分之|几成|多少|比例|进度|比重)")
_TARGET_STATED = re.compile(r"(目标|预期|计划|力争|要求|说要|提出要)[^，,。；？?]{0,12}\d"
                            r"|\d[^，,。；？?\d\s]{0,3}的?(?:任务|目标)"  # "新增城镇就业3万人的任务，…完成了多少"
                            r"|(?:定了|定的|定下|定下了)[^，,。；？?]{0,12}\d"  # "2023年定了新增城镇就业3万人，…"
                            r"|(?<![需还只])要(?:增长|增|达到|完成|新增|引进|建成)[^，,。；？?]{0,6}\d")  # "产值23年要增15%"


@lru_cache(maxsize=1)
def _indicator_names() -> tuple[str, ...]:
    """Every lexicon indicator name, longest first (sorted once, not per question)."""
    return tuple(sorted((t for g in lexicon() for t in g), key=len, reverse=True))


@lru_cache(maxsize=1024)
def unnamed(question: str) -> str:
    """The question with every indicator name blanked: 实际利用外资 names an indicator, its 实际 asks nothing."""
    for term in _indicator_names():
        question = question.replace(term, " ")
    return question


def stance_of(question: str) -> str:
    """target when the question asks for a target ("目标是多少", "预期增长多少"), both when it also asks for
    the result ("…，实际达到多少") or states the target and asks whether the result reached it ("说要改造4000个以上，
    最后够数没"), actual when it asks for a result; a target it only mentions ("是否完成全年目标",
    "设年度目标的27项") asks about the result."""
    question = unnamed(question)  # "实际利用外资" names an indicator; its 实际 is not a request for the result
    if _SHARE_OF_TARGET.search(question):
        return "actual"
    if _KEYWORDS.fullmatch(question.strip()) and _TARGET_LISTED.search(question):  # "固投 年初目标 实际完成"
        return "both"  # the target, beside whatever else is listed
    if _BOTH_NAMED.search(question):
        return "both"
    if _TARGET_STATED.search(question) and _RESULT_ASKED.search(question) and not _NOW.search(question):
        return "both"  # "目标是力争6%，最后实现没有": the result, judged against the target stated
    asks_target = bool(_ASKS_TARGET.search(question))
    result = any(w in question for w in words()["result_words"])
    if asks_target:
        return "both" if result and _RESULT_ASKED.search(question) else "target"
    if any(w in question for w in words()["target_words"]):
        return "actual" if result else ""
    return "actual" if result else ""


_STATED_FIGURE = re.compile(r"(?:目标|预期|计划|力争|要求|说要|提出要)[^，,。；？?\d]{0,12}\d[\d.]*[^\d，,。；？?]{0,3}")


def without_stated_target(question: str) -> str:
    """The question without the target it states ("城镇新增就业年度目标3万人，…全年最后实现多少" asks the result)."""
    return _STATED_FIGURE.sub("", question)


def states_a_target(question: str) -> bool:
    """The question states a target's figure itself ("目标是3万人，…到8月底完成了多少", "3万人的任务")."""
    return bool(_TARGET_STATED.search(unnamed(question)))
