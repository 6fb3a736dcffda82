"""How a question is written, read as the written question it means: a two-digit year written out (24年 -> 2024年),
spoken question words in their written form (啥 -> 什么), and a relative year said of a report counted from the
report's year ("2025年报告里说的去年" -> 2024年)."""

from __future__ import annotations

import re

from rag.ask.terms import question_data

_SHORT_YEAR = re.compile(r"(?<![\d.近这几多前后十余每第])([12]\d)(?=\s*年(?![来间内以期前后]|[^，,。？?]{0,4}(?:报告|公报|那份)))")


def full_years(question: str) -> str:
    """"24年社零" is 2024年: a two-digit year (10-29) written out, so retrieval and the year filter see it; a year
    that names a document ("26年政府工作报告里说的去年…") is left as it was written."""
    return _SHORT_YEAR.sub(lambda m: "20" + m.group(1), question)


def written(question: str) -> str:
    """Spoken question words in their written form (啥 -> 什么, 咋样 -> 怎么样, 多少来着 -> 多少): rag/data/question.json."""
    table = {k: v for k, v in question_data().get("colloquial", {}).items() if k != "about"}
    for spoken in sorted(table, key=len, reverse=True):
        question = question.replace(spoken, table[spoken])
    return question


# "2026年四川报告提到，去年…", "25年政府工作报告里说的去年": a year that names a document, and a relative year
_REPORT_YEAR = re.compile(r"(?<!\d)((?:19|20)?\d\d)\s*年[^，,。？?；;]{0,14}?(?:政府工作报告|统计公报|公报|报告|通报)")
_OFFSET = {"last": -1, "this": 0}


def anchored(question: str) -> tuple[str, int | None]:
    """A relative year said of a report, counted from the report's year and written out once, for every reader
    of the question: "2025年报告里说的去年GDP" -> "2025年报告里说的2024年GDP" (with the report's year, 2025)."""
    doc = _REPORT_YEAR.search(question)
    table = {k: v for k, v in question_data()["relative_years"].items() if k != "about" and v in _OFFSET}
    word = next((w for w in sorted(table, key=len, reverse=True) if w in question[doc.end() :]), None) if doc else None
    if doc is None or word is None:
        return question, None
    year = int(doc.group(1))
    year = year + 2000 if year < 100 else year
    at = question.index(word, doc.end())
    return question[:at] + f"{year + _OFFSET[table[word]]}年" + question[at + len(word) :], year
