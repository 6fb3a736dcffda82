"""How the indicator answerer writes figures: "成都市2021年地区生产总值19917.0亿元〔w03.pdf 第2页 表1〕", differences
with their inputs marked 系计算 (the form rag.ask.verify recomputes), and the citations of the records used."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from rag.domain import Citation
from rag.ingest.figures import Figure
from rag.ingest.figures.model import STANCE_ZH

# a refusal the records cannot be sure of (a figure for a part of the year, or a target phrased in prose, may be in
# the text without being a record): the pipeline lets the text answer first (rag.ask.answerers.indicator)
UNSURE = "indicator_unsure"

MEASURE_WORD = {"level": "", "growth": "增长", "change_pp": "变化", "share": "占比", "rank": "居第", "index": "指数为",
                "change": "增减", "avg_growth": "年均增长"}


def num(v: float) -> str:
    """A value as the sources write it: no trailing zeros beyond what was written (19917.0 stays one decimal)."""
    return f"{v:.4f}".rstrip("0").rstrip(".") if v != int(v) else f"{int(v)}"


def as_written(f: Figure) -> str:
    """The value as the record's text writes it (19917.0 not 19917), for quotes that verify finds verbatim."""
    plain = num(abs(f.value))
    if f.source == "table" or f.measure in ("growth", "change_pp", "change", "avg_growth"):
        text = f.text.replace(" ", "")
        for digits in range(4, 0, -1):
            written = f"{abs(f.value):.{digits}f}"
            if written in text:
                return written
        return plain
    for digits in range(4, 0, -1):
        written = f"{abs(f.value):.{digits}f}"
        if written in f.text.replace(" ", ""):
            return written
    return plain


def when(f: Figure) -> str:
    if f.period == "多年":  # "五年来…年均增长5.2%": the years up to the report's
        return f"截至{f.year}年" if f.year else ""
    year = f"{f.year}年" if f.year else ""
    period = "" if f.period in ("全年", "") else f.period
    return f"{year}{period}"


def _bound(f: Figure, v: str, unit: str) -> str:
    """"以上", "左右" when the text writes the value with it ("同口径增长2.5%以上", "40万人以上"), or the range's upper
    end ("增长5.5%—6%"): a target's bound is part of the target."""
    text = f.text.replace(" ", "")
    at = text.find(f.words.replace(" ", "")) if f.words else -1  # the value after its own indicator's words:
    text = text[at:] if at >= 0 else text  # "生产总值增长6%左右，…规上工业增加值增长6%以上" gives 规上工业 以上
    found = re.search(re.escape(f"{v}{unit}") + r"(以上|左右|以内|以下)", text)
    if found:
        return found.group(1)
    upper = re.search(rf"(?<![\d.]){re.escape(v + unit)}([—–～~-]{{1,2}}\d+(?:\.\d+)?{re.escape(unit)})", text) if unit else None
    return upper.group(1) if upper else ""  # "增长5.5%—6%": a range target is said whole, never cut to its floor


def phrase(f: Figure) -> str:
    """"增长8.6%", "19917.0亿元", "下降4.1%", "提高0.7个百分点"; a qualified growth with its words ("扣除留抵退税因素后
    增长5.8%", "同口径增长2.5%以上")."""
    v = as_written(f)
    if f.measure in ("growth", "avg_growth"):
        word = "年均" if f.measure == "avg_growth" else ""
        times = "倍" if f.unit == "倍" else "%"  # "增长1.3倍": written as times, never as a percentage
        said = f"{word}{'下降' if f.value < 0 else '增长'}{v}{times}{_bound(f, v, times)}" if f.value else "与上年持平"
        return f"{f.qualifier}{said}"
    if f.measure == "change_pp":
        return f"{'下降' if f.value < 0 else '提高'}{v}个百分点"
    if f.measure == "change":
        return f"{'减少' if f.value < 0 else '增加'}{v}{f.unit}"
    if f.measure == "rank":
        return f"居{f.base}第{v}位"
    if f.measure == "index":
        return f"指数{v}"
    if f.measure == "share":
        return f"占比{v}%"
    return f"{'-' if f.value < 0 else ''}{v}{f.unit}{_bound(f, v, f.unit)}"  # 城镇新增就业40万人以上


def stance_word(f: Figure) -> str:
    return "目标" if f.stance == "target" else ("计划" if f.stance == "plan" else "")


def statement(figs: Sequence[Figure]) -> str:
    """One place-year's figures in one sentence, each with its citation: "成都市2021年地区生产总值19917.0亿元
    〔w03.pdf 第2页 表1〕，增长8.6%〔…〕"."""
    head = figs[0]
    parts = [f"{phrase(f)}〔{f.cite}〕" for f in figs]
    return f"{head.place}{when(head)}{head.indicator}{stance_word(head)}{'，'.join(parts)}"


def citations(figs: Iterable[Figure]) -> tuple[Citation, ...]:
    seen: dict[str, Citation] = {}
    for f in sorted(figs, key=lambda f: f.unit in ("", "%")):  # a table line cited with its header's unit
        seen.setdefault(f.row_id, f.citation())
    return tuple(seen.values())


def computed(a: str, op: str, b: str, unit: str = "") -> str:
    """"4.8个百分点（8.6−3.8，系计算）", "900.5（20817.5−19917.0，系计算）亿元": the form rag.ask.verify recomputes
    from the cited inputs (an amount's unit after the bracket: verify reads % and 个百分点 only before it)."""
    x, y = float(a), float(b)
    result = x - y if op in "−-" else x + y
    digits = max(_decimals(a), _decimals(b))
    shown = f"{result:.{digits}f}"
    wrap = [f"({v})" if v.startswith("-") else v for v in (a, b)]
    if unit in ("%", "个百分点"):
        return f"{shown}{unit}（{wrap[0]}{op}{wrap[1]}，系计算）"
    return f"{shown}（{wrap[0]}{op}{wrap[1]}，系计算）{unit}"


def _decimals(s: str) -> int:
    return len(s.split(".")[1]) if "." in s else 0


__all__ = ["STANCE_ZH", "UNSURE", "as_written", "citations", "computed", "num", "phrase", "statement", "when"]
