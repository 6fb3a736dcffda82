"""A progress row's year-end target judged on the year's result another report states: "钱塘2023年研发投入强度年初目标
定的多少？最后实际做到多少，达标没？" where the third-quarter table's row ("全社会研发投入强度达到4.55%") reports only
"年度数据" and the next year's work report reviews the year ("全社会研发投入强度达5.16%"). The row's target is read
as a figure record is (one listed indicator, one figure); the result is the record of the same indicator, measure
and unit, for the row's place and year, from another document."""

from __future__ import annotations

import re
from dataclasses import replace

from rag.ask.answerers import Gathered
from rag.ask.compose import answered, source_tag
from rag.ask.indicator_text import as_written, computed, phrase
from rag.ask.understand import Ask
from rag.domain import Answer, Row
from rag.index.figures_store import figures_of
from rag.ingest.figures.clauses import timed_figures
from rag.ingest.figures.vocab import normalise

CEILING = re.compile(r"以下|以内|不超过|控制在|低于|下降")  # a target that is a ceiling: met at or below it


def judged_by_next_report(ask: Ask, evidence: Gathered, row: Row) -> Answer | None:
    """The row's target, the result another report states for its year, and the verdict; None when the target is
    not one listed figure or no other document states the result."""
    if not row.year or not row.task:
        return None
    named = [(ind, measure, value, unit) for (ind, _, listed), measure, value, unit, *_ in timed_figures(normalise(row.task))
             if listed]
    if len(named) != 1:
        return None
    indicator, measure, value, unit = named[0]
    results = [f for f in figures_of(evidence.index) if f.place == row.district and f.year == row.year
               and f.stance == "actual" and f.indicator == indicator and f.measure == measure and f.unit == unit
               and f.period in ("全年", "年末", "") and f.doc != row.doc]
    if not results:
        return None
    got = min(results, key=lambda f: (f.source != "table", f.doc, f.paragraph or 0))
    level = next((f for f in figures_of(evidence.index) if measure == "growth" and f.measure == "level"
                  and f.text == got.text and f.doc == got.doc and f.indicator == got.indicator), None)
    amount = f"{phrase(level)}、" if level else ""  # "固定资产投资709亿元、增长30.8%": the amount its clause states
    ceiling = bool(CEILING.search(row.task))
    met = got.value <= value if ceiling else got.value >= value
    target = f"{value:g}"
    gap = "等于目标" if got.value == value else (
        f"{'高于' if got.value > value else '低于'}目标"
        f"{computed(*((as_written(got), '−', target) if got.value > value else (target, '−', as_written(got))), '个百分点' if unit == '%' else unit)}")
    verdict = "已完成（达标）" if met else "未完成（未达标）"
    text = (f"{verdict}：{row.year}年目标“{row.task}”{source_tag(row)}；{got.place}{row.year}年实际{got.words}{amount}{phrase(got)}"
            f"〔{got.cite}〕，{gap}。")
    found = answered(ask.question, text, [row], route="status")
    return replace(found, citations=(*found.citations, got.citation()))
