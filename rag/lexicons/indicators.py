"""The canonical indicator list (rag/data/indicators.json) of the figure records: its model and accessor.

Each indicator has an id (its usual full name: 地区生产总值), the other names and abbreviations used for it (GDP,
生产总值), and a kind ('' an amount, 'rate' an indicator that is itself a percentage, 'index' a price index, 'ratio' a ratio written without a unit, 城乡收入倍差 1.43). The
units map spellings to the normalised unit; `scale` gives a unit's size in base units (亿元 1e8) for comparisons."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

from pydantic import model_validator

from rag.lexicons import load
from rag.lexicons.models import File, Word, Words, _Model

__all__ = ["Indicator", "IndicatorList", "indicator_list"]


class Indicator(_Model):
    id: Word
    aliases: Words = ()
    kind: Literal["", "rate", "index", "ratio"] = ""


class IndicatorList(File):
    """rag/data/indicators.json."""

    FILE = "indicators.json"
    indicators: tuple[Indicator, ...]
    units: Mapping[Word, Words]
    scale: Mapping[Word, float]
    qualifiers: Words = ()  # regexes: the words qualifying a growth (扣除…因素后, 按自然口径计算, 同口径)
    plan_share: Words = ()  # regexes: a result as its share of the plan (占年计划投资的126.5%), group 1 the share
    pairs: Mapping[Word, Words] = {}  # 城乡 -> (城镇, 农村): one word naming two sides before a name
    short_of: Words = ()  # regexes: a count of indicators short of plan (6项指标不及预期), group 1 the count
    row_scope: Words = ()  # regexes: a table's statistical scope said before one of its rows (规上企业原煤产量)
    change_words: Mapping[Literal["up", "down"], Words] = {}  # a change said before its figure (增长 / 下降)

    @model_validator(mode="after")
    def _names_unique(self) -> IndicatorList:
        seen: dict[str, str] = {}
        for ind in self.indicators:
            for name in (ind.id, *ind.aliases):
                if name in seen:
                    raise ValueError(f"'{name}' names both {seen[name]} and {ind.id}: keep it under one indicator")
                seen[name] = ind.id
        return self


def indicator_list() -> IndicatorList:
    """The shipped list, validated on first use and cached."""
    return load(IndicatorList)
