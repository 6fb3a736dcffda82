"""Figure: one reported figure as a typed record (issue N), a frozen value every later stage can read.

A record says where (place and its level), when (year, period: months covered or the as-of date), in which
stance (target / plan / actual), what (indicator id and the words used), how it is measured (level, growth,
change, change_pp, share, rank, index), the value with its normalised unit, the comparison base when stated,
and its citation (file, 序号 / 段 / 页, the 表 number for a table cell, the clause verbatim)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import Any

from rag.domain import Citation, anchor

MEASURE_ZH = {
    "level": "绝对值", "growth": "增速", "change": "增减量", "change_pp": "百分点变化", "share": "占比",
    "rank": "位次", "index": "指数", "count": "数量",
}
STANCE_ZH = {"target": "目标", "plan": "计划", "actual": "实际", "": ""}


@dataclass(frozen=True)
class Figure:
    doc: str
    place: str
    level: str  # 省 | 市 | 州 | 县 | 区 | '' (the place's administrative level)
    year: int | None
    period: str  # 全年 | 上半年 | 1-8月 | 年末 …
    stance: str  # target | plan | actual | ''
    indicator: str  # canonical id from rag/data/indicators.json, or the words used when not listed
    words: str  # the words the text uses for it
    measure: str  # level | growth | change | change_pp | share | rank | index
    value: float
    unit: str  # normalised: 亿元 | 万元 | 元 | 万人 | 人 | % | 个百分点 | … ('' for an index)
    base: str = ""  # 比上年 | 同比 | 比上年末 | 比2020年 | ''
    text: str = ""  # the clause (or table line) verbatim
    row_id: str = ""  # the Row the clause is in (its id), or a content hash of the table line
    row: int | None = None
    paragraph: int | None = None
    page: int | None = None
    table: str = ""  # 表1 … for a table cell ('' for a clause)
    title: str = ""
    listed: bool = True  # the indicator is on the canonical list
    source: str = "clause"  # clause | table
    qualifier: str = ""  # the words qualifying a growth: 扣除留抵退税因素后, 按自然口径计算, 同口径 ('' none)
    caption: str = ""  # a table cell's table caption ("表1 2025年居民消费价格比上年涨跌幅度"; '' for a clause)

    @property
    def anchor(self) -> str:
        where = anchor(self.row, self.paragraph, self.page)
        return f"{where} {self.table}".strip() if self.table else where

    @property
    def cite(self) -> str:
        """'w03.pdf 第2页 表1' / '001.txt 第3段'."""
        return f"{self.doc} {self.anchor}".strip()

    def citation(self, score: float = 1.0) -> Citation:
        """The clause, or the table line after its 表 number, with the unit its header gives its cells
        ("表1（单位：亿元）：地区生产总值 | 20817.5 | 2.8"), so "20817.5亿元" is read off the cited text."""
        unit = f"（单位：{self.unit}）" if self.source == "table" and self.unit not in ("", "%") else ""
        text = f"{self.table}{unit}：{self.text}" if self.table else self.text
        return Citation(self.row_id, self.doc, self.row, self.title, text, score, self.paragraph, self.page)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Figure:
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in d.items() if k in names})


def level_of(place: str) -> str:
    """The administrative level a place name's suffix says: 省 (自治区), 市, 州 (地区, 盟), 县, 区; '' unknown."""
    for suffix, level in (("自治区", "省"), ("省", "省"), ("自治州", "州"), ("地区", "州"), ("盟", "州"),
                          ("州", "州"), ("市", "市"), ("县", "县"), ("旗", "县"), ("区", "区")):
        if place.endswith(suffix):
            return level
    return ""
