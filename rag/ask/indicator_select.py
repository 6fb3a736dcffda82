"""Choosing figure records: which place a name means (和田 = 和田地区, 宁夏 = 宁夏回族自治区, 清苑区 = 保定市清苑区),
which indicator a phrase names, and the series of one indicator as rows of place × year × period × stance with
the level and the growth side by side, each cited (the `rag indicators` table, the 指标 view, the answerer)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from rag.ingest.figures import Figure
from rag.ingest.figures.vocab import find
from rag.lexicons.indicators import indicator_list

_SUFFIXES = ("维吾尔自治区", "回族自治区", "壮族自治区", "自治区", "土家族苗族自治州", "藏族自治州", "自治州", "地区",
             "特别行政区", "省", "市", "县", "区", "州", "盟", "旗")
_PARENT = re.compile(r"^.{2,10}?(?:省|自治区|市|自治州|地区)(?=.{2,})")


def place_key(name: str) -> str:
    """The bare name of a place: 保定市清苑区 -> 清苑, 和田地区 -> 和田, 宁夏回族自治区 -> 宁夏; a name with its short form
    in brackets (湘西土家族苗族自治州（湘西自治州）, as a library place is written) by that short form."""
    n = (name or "").strip()
    short = re.match(r"^(.+?)[（(]([^（）()]{2,})[）)]$", n)
    if short:
        n = short.group(2) if short.group(2).endswith(_SUFFIXES) else short.group(1)
    m = _PARENT.match(n)
    if m and n[m.end() :].endswith(_SUFFIXES):
        n = n[m.end() :]
    for suf in _SUFFIXES:
        if n.endswith(suf) and len(n) - len(suf) >= 2:
            return n[: -len(suf)]
    return n


def same_place(a: str, b: str) -> bool:
    return bool(a and b) and place_key(a) == place_key(b)


def indicator_of(text: str, known: Iterable[str] = ()) -> str | None:
    """The indicator a phrase names: a listed name (GDP -> 地区生产总值), else one of the `known` unlisted words."""
    hit = find(text)
    if hit:
        return hit
    t = text.strip()
    return next((k for k in known if k == t), None)


def select(records: Sequence[Figure], *, place: str | None = None, indicator: str | None = None,
           year: int | None = None, stance: str | None = None, measure: str | None = None) -> list[Figure]:
    return [f for f in records
            if (not place or same_place(f.place, place)) and (not indicator or f.indicator == indicator)
            and (year is None or f.year == year) and (not stance or f.stance == stance)
            and (not measure or f.measure == measure)]


@dataclass
class SeriesRow:
    """One place × year × period × stance of an indicator: its level and growth, with what each cites."""

    place: str
    level: str
    year: int | None
    period: str
    stance: str
    indicator: str
    value: float | None = None
    unit: str = ""
    growth: float | None = None
    value_cite: str = ""
    growth_cite: str = ""
    value_text: str = ""
    growth_text: str = ""
    others: list[Figure] = field(default_factory=list)  # disagreeing records of the same slot (a conflict)

    def to_json(self) -> dict[str, object]:
        return {"place": self.place, "level": self.level, "year": self.year, "period": self.period,
                "stance": self.stance, "indicator": self.indicator, "value": self.value, "unit": self.unit,
                "growth_pct": self.growth, "value_cite": self.value_cite, "growth_cite": self.growth_cite,
                "value_text": self.value_text, "growth_text": self.growth_text,
                "conflict": "；".join(f"{o.value:g}{o.unit}〔{o.cite}〕" for o in self.others)}


def _prefer(f: Figure) -> tuple[int, int]:
    return (f.source == "table", -(f.paragraph or 0))


def series(records: Sequence[Figure], indicator: str) -> list[SeriesRow]:
    """Rows of place × year × period × stance for one indicator (a table cell preferred to a clause when both state
    it; a different value for the same slot and measure is kept in `others`, a conflict)."""
    rows: dict[tuple[object, ...], SeriesRow] = {}
    for f in sorted((r for r in records if r.indicator == indicator), key=_prefer, reverse=True):
        if f.measure not in ("level", "growth"):
            continue
        key = (f.place, f.year, f.period, f.stance)
        row = rows.setdefault(key, SeriesRow(f.place, f.level, f.year, f.period, f.stance, indicator))
        if f.measure == "level":
            if row.value is None:
                row.value, row.unit, row.value_cite, row.value_text = f.value, f.unit, f.cite, f.text
            elif not agrees(row.value, row.unit, f):
                row.others.append(f)
        elif row.growth is None:
            row.growth, row.growth_cite, row.growth_text = f.value, f.cite, f.text
        elif abs(row.growth - f.value) > 1e-9:
            row.others.append(f)
    return sorted(rows.values(), key=lambda r: (r.place, r.year or 0, r.period, r.stance))


def agrees(value: float, unit: str, f: Figure) -> bool:
    from rag.ingest.figures.vocab import scale

    a, b = scale(unit), scale(f.unit)
    if a and b:
        return abs(value * a - f.value * b) <= 1e-6 * max(abs(value * a), 1.0)
    return unit == f.unit and abs(value - f.value) < 1e-9


# a table row's name stands on its own in the question: after the place (成都|手机, its bare name as well), the year or a
# mark, not inside a longer word
# ("私人汽车拥有量" does not name the 汽车 row of a product table)
_ROW_BEFORE = re.compile(r"(?:^|[\d\s，,。？?、：:（(的年市省区县州盟旗里中对])$")


def _scope_cut(before: str) -> str:
    """The question before a row's name without the table's statistical scope said there ("乌鲁木齐规上企业|原煤"):
    the scope names the table the row is in (规模以上工业企业主要产品产量), not a longer word the row is part of."""
    for pattern in indicator_list().row_scope:
        cut = re.sub(f"(?:{pattern})$", "", before)
        if cut != before:
            return cut
    return before


def _shingles(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)}


def _shortened(name: str) -> list[str]:
    """A longer row name said with one inner character dropped (新能源汽车 as 新能源车)."""
    return [name[:i] + name[i + 1 :] for i in range(1, len(name) - 1)] if len(name) >= 5 else []


def _unqualified(name: str) -> list[str]:
    """A row name said without its first word when that word qualifies the rest (天然原油 asked as 原油)."""
    import jieba

    words = jieba.lcut(name)
    rest = name[len(words[0]) :] if len(words) >= 2 else ""
    return [rest] if len(words[0]) >= 2 and len(rest) >= 2 else []


def _unit_asked(question: str, records: Sequence[Figure], ind: str) -> bool:
    """The question asks the row's own unit ("汽车产量多少辆" of a row in 辆, not one in 亿千瓦时)."""
    return any(f"多少{f.unit}" in question or f"几{f.unit}" in question for f in records if f.indicator == ind and f.unit)


def table_row_named(question: str, records: Sequence[Figure], place: str,
                    taken: Sequence[tuple[int, int]] = ()) -> tuple[str, int, int] | None:
    """The unlisted table row (a product's output: 汽车, 秋收; a sub-row 金融机构人民币存款余额：住户存款; a row × column
    东盟出口额) of the place that the question names, as (indicator, start, end) of the longest name found; of two
    rows of one name, the one whose parent row the question names more of (人民币存款 vs 本外币存款); never a name
    inside the `taken` spans of listed names."""
    best: tuple[tuple[int, bool, int, int], tuple[str, int, int]] | None = None
    asked = _shingles(question)
    order = {f.indicator: -k for k, f in reversed(list(enumerate(records)))}  # of equals, the row the table gives first
    for ind in {f.indicator for f in records if not f.listed and f.source == "table" and same_place(f.place, place)}:
        parent, _, own = ind.rpartition("：")
        named = re.fullmatch(r"(.{2,}?)[（(]([^（()）]{2,})[)）]", own)  # 移动通信手持机（手机）: both names of the row
        keys = {ind, own, parent + own, re.sub(r"(?:产量|额)$", "", own), *_shortened(own), *_unqualified(own),  # 铁路旅客到发量
                *(named.groups() if named else ())}
        for key in keys | {k[:i] + "的" + k[i:] for k in keys if "的" in question for i in range(2, len(k) - 1)}:
            at = question.find(key)
            before = _scope_cut(question[:at])
            own_parent = bool(parent) and len(before) >= 2 and before[-2:] in parent  # 本外币|住户存款: the parent's word
            if len(key) < 2 or at < 0 or not (_ROW_BEFORE.search(before) or before.endswith(place_key(place) or "\0")
                                              or own_parent) \
                    or any(a <= at and at + len(key) <= b for a, b in taken):
                continue  # a row name inside a listed name (工业 of 规上工业) is not that row
            score = (len(key), _unit_asked(question, records, ind), len(_shingles(parent) & asked), order[ind])
            if best is None or score > best[0]:
                best = (score, (ind, at, at + len(key)))
    return best[1] if best else None
