"""Status asked of prose (issue N): a report that states a result against its plan in words, not in a progress
table. "完成投资14.8亿元，占年计划投资的126.5%" answers "年计划完成了吗" with 超额完成 (100% 已完成, less 尚未完成, with
the share: 尚未完成); "地区生产总值等6项指标不及预期" answers "都达标了吗" with 没有全部达标. The patterns are data
(`plan_share`, `short_of` in rag/data/indicators.json). Only a clause among the best weighed for the question, that
holds its subject terms, is read; none: the next answerer tries."""

from __future__ import annotations

import re
from functools import lru_cache

from rag.ask.answerers import Gathered
from rag.ask.compose import answered, source_tag
from rag.ask.evidence import MIN_COVERAGE, Evidence
from rag.ask.understand import Ask
from rag.domain import Answer
from rag.lexicons.indicators import indicator_list

CANDIDATES = 6  # the best-weighed clauses read for a stated status
_HOW_DONE = re.compile(r"完成(?:得)?(?:咋样|怎么样|怎样|如何|情况)")  # "投资完成咋样": how the result stands
_CN = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    words = indicator_list()
    share = "|".join(f"(?:{p})" for p in words.plan_share)
    short = "|".join(f"(?:{p})" for p in words.short_of)
    return (re.compile(share) if share else None), (re.compile(short) if short else None)


def _count(written: str) -> int:
    return int(written) if written.isdigit() else _CN.get(written, 0)


def verdict(text: str) -> str | None:
    """The status a clause states of itself: 超额完成 / 已完成 / 未完成（完成计划的N%） from a share of the plan,
    没有全部达标 from a count of indicators short of it; None when it states neither."""
    share, short = _patterns()
    found = short.search(text) if short else None
    if found and _count(next(g for g in found.groups() if g)) > 0:
        return "没有全部达标"
    found = share.search(text) if share else None
    if not found:
        return None
    value = float(next(g for g in found.groups() if g))
    return "超额完成" if value > 100 else "已完成" if value == 100 else "尚未完成"


class ProseStatus:
    name = "prose_status"

    def applies(self, ask: Ask) -> bool:
        return ask.status_asked or bool(_HOW_DONE.search(ask.question))

    def answer(self, ask: Ask, evidence: Gathered) -> Answer | None:
        pool: list[Evidence] = [e for e in evidence.pool(ask)[:CANDIDATES]
                                if e.coverage >= MIN_COVERAGE and e.own > 0 and e.clause.row.kind != "progress_row"]
        for e in pool:
            text = e.clause.text if verdict(e.clause.text) else _sentence(e)
            said = verdict(text)
            if said:
                row = e.clause.row
                return answered(ask.question, f"{said}：{text.rstrip('。；;')}{source_tag(row)}。", [row],
                                route="status", scores=evidence.scores)
        return None


def _sentence(e: Evidence) -> str:
    """The sentence of the row the clause is in ("…完成投资14.8亿元，占年计划投资的126.5%。"): the share of the plan
    is often the clause after the figure."""
    for sentence in re.findall(r"[^。；;！？!?]+[。；;！？!?]?", e.clause.row.text):
        if e.clause.text in sentence:
            return sentence.strip()
    return e.clause.text


__all__ = ["ProseStatus", "verdict"]
