"""The periods a question names, read once for the Ask (rag.ask.question): months of the year covered, with the
words used ("1-8月" -> 8, "上半年" -> 6), in order; a period that describes the document is not one asked."""

from __future__ import annotations

import re

from rag.ask.terms import question_data as question_words
from rag.ingest.periods import asked_spans, period_fraction

MONTHS = re.compile(r"(?:1\s*[-—–~至到]\s*|截至|截止|截止到|到)\s*(\d{1,2})\s*月(?:底|末|份|\d{1,2}日)?")
_ONE_MONTH = re.compile(r"(?<![\d-])(\d{1,2})\s*月(?:份|底|末)")


def months_of(text: str) -> tuple[int | None, str]:
    """The period a text names, as months of the year covered, with its words: ('1-8月' -> 8)."""
    m = MONTHS.search(text)
    if m and 1 <= int(m.group(1)) <= 12:
        return int(m.group(1)), m.group(0).strip()
    table: dict[str, int] = {k: v for k, v in question_words()["period_words"].items() if k != "about"}
    for phrase in sorted(table, key=len, reverse=True):
        if phrase in text:
            return table[phrase], phrase
    m = _ONE_MONTH.search(text)  # (also "到8月份")
    if m and 1 <= int(m.group(1)) <= 12:
        return int(m.group(1)), m.group(0)
    return None, ""


# describes the document or a target ("全年要落地40个", "全年奔着650亿去的": the year's target, not the period asked)
_DOC_AFTER = re.compile(r"^(?:.{0,2}(进展(?![到了如怎咋])|表|通报|报告|督查|完成情况|目标|任务|计划|奔着|冲|瞄准|力争|预期)|要(?!求))")


# a period whose clause goes on to state a figure ("全年新增就业3万人，…"): it dates a target the question quotes
_STATES_FIGURE = re.compile(r"^[^，,。？?；;、\d]{0,10}(?!20\d\d\s*(?:年|全年|上半|下半|前[三两]|[一二三四]季|1?\d\s*月))\d")  # a figure, not a year
_REPORT_AFTER = re.compile(r"^(?:的)?(?:[那这该此][张份个期篇])?(?:进展情况|进度情况|进展|进度|完成情况)?(?:表|报告|通报|报)(?![送名批告])")


def report_period(question: str) -> tuple[int, str] | None:
    """The period of the report a question reads from ("到三季度进展表里打通几条了": the third-quarter table's
    figures, whatever month they run to), when no other period is asked."""
    for sp in asked_spans(question):
        share = period_fraction(sp.label)
        if share and _REPORT_AFTER.match(question[sp.end :]):
            return round(share * 12), sp.label
    return None


def periods_in(question: str) -> list[tuple[int, str]]:
    """Every period the question names, in order, as (months, words); a period that describes the
    document ("三季度进展表里的…") is not one asked about."""
    found: dict[int, tuple[int, str]] = {}
    for sp in asked_spans(question):
        share = period_fraction(sp.label)
        if share and not _DOC_AFTER.match(question[sp.end :]):
            found.setdefault(sp.start, (round(share * 12), sp.label))
    table = {k: v for k, v in question_words()["period_words"].items() if k != "about"}
    for phrase in sorted(table, key=len, reverse=True):
        at = question.find(phrase)
        taken = any(s <= at < s + 4 for s in found)
        if at >= 0 and not taken and not _DOC_AFTER.match(question[at + len(phrase) :]):
            found[at] = (int(table[phrase]), phrase)
    stated = {k for k in found if _STATES_FIGURE.match(question[k + len(found[k][1]) :])}
    if len(found) > len(stated):  # "全年新增就业3万人，上半年完成了多少": the year's target is stated, the half asked
        found = {k: v for k, v in found.items() if k not in stated}
    out: list[tuple[int, str]] = []
    for k in sorted(found):
        if all(found[k][0] != m for m, _ in out):
            out.append(found[k])
    one = re.search(r"20\d\d\s*年\s*(\d{1,2})\s*月(?![份底末]?\s*[-—至到])", question)
    if not out and one and 1 <= int(one.group(1)) <= 12:  # "2024年4月…完成了多少": that month's report
        out.append((int(one.group(1)), f"{int(one.group(1))}月"))
    if not out:  # "到8月份", "截至10月底": read by pattern when no span matched
        months, label = months_of(question)
        at = question.find(label) if label else -1
        if months is not None and at >= 0 and not _DOC_AFTER.match(question[at + len(label) :]):
            out.append((months, label))
    return out


_YEAR = re.compile(r"(20\d\d)\s*年")
# a target's deadline the question states with its figure ("当初定的到2025年GDP超5000亿，24年干到多少"): the year of
# the target, not the one asked, when the question asks another
_DEADLINE = re.compile(r"到\s*(20\d\d)\s*年[^，,。？?；;]{0,12}?[超达突破过]{1,2}\s*\d")


def years_asked(question: str) -> tuple[int, ...]:
    years = {int(y) for y in _YEAR.findall(question)}
    deadlines = {int(y) for y in _DEADLINE.findall(question)}
    return tuple(sorted(years - deadlines or years))


_THIS_YEAR = re.compile(r"今年\s*[（(]?\s*(20\d\d)\s*年?\s*[)）]?")
_AROUND = {"前年": -2, "去年": -1, "明年": 1}


def this_year_said(question: str) -> str:
    """"广东去年…？今年（2026年）目标定的多少": a question that says which year 今年 is counts 去年 and 前年 from it."""
    m = _THIS_YEAR.search(question)
    if m is None:
        return question
    year = int(m.group(1))
    for word, offset in _AROUND.items():
        question = question.replace(word, f"{year + offset}年")
    return question
