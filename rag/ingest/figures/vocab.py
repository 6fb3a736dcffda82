"""The words of figure records: indicator names found in text (longest first, only where they stand as a name of
their own, not inside a longer one), numbers with their units, and the unit normalisation. The lists are data
(rag/data/indicators.json)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rag.lexicons.indicators import indicator_list

# A name stands on its own when what precedes it ends a phrase (start, punctuation, a digit, these words) …
_BEFORE_OK = re.compile(r"(?:^|[\s\d，,。；;：:、（()）“”\"]|全年|年末|全市|全省|全区|全州|全县|全地区|全盟|实现|完成|其中|累计|"
                        r"全国|本年|当年|共|达|的|和|及|与|市|省|区|州|县|元|中|力争|确保|预计|争取|推动|促进)$")
# … and what follows it is a number, punctuation or a word of reporting (not the rest of a longer name)
_AFTER_OK = re.compile(r"^(?:$|[\s\d\-−（(，,。；;：:、\[［]|比|同比|较|增|减|下降|上涨|下跌|回落|提高|降低|降|涨|为|达|实现|完成|"
                       r"占|分别|突破|首次|总量|总额|合计|累计|共|约|超|与|由|年均|规模|保持|稳定|居|排|位居|持平|指数|"
                       r"绝对|按|已|继续|连续|预计|力争|目标|预期|增速|增幅|总计|控制|在|以上|以内|左右|跨越|跨过|迈过|迈上|跃上|站上|跨上|升至|增至|"
                       r"缩小|收窄|缩至|从)")
_UNITS_EXTRA = (
    "亿人公里", "亿吨公里", "万人公里", "万吨公里", "万标准箱", "亿标准量", "万千瓦", "千瓦", "亿立方米", "万立方米", "立方米", "平方公里", "千公顷",
    "公顷", "万辆", "辆", "万台", "台", "所", "张", "万张", "座", "套", "万头", "头", "万只", "只", "万千升", "千升",
    "人次", "名", "条", "批次", "亿股", "万吨标准煤", "吨标准煤", "吨", "亿斤", "万斤", "斤", "亿千瓦时", "万个", "亿元人民币",
)
_NUMBER = r"(?<![\d.A-Za-z])([-−]?\d+(?:,\d{3})*(?:\.\d+)?)"


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    indicator: str
    words: str


@lru_cache(maxsize=1)
def _names() -> tuple[tuple[str, str], ...]:
    """(name, indicator id) for every name, longest first."""
    pairs = [(n, ind.id) for ind in indicator_list().indicators for n in (ind.id, *ind.aliases)]
    return tuple(sorted(pairs, key=lambda p: -len(p[0])))


@lru_cache(maxsize=1)
def kinds() -> dict[str, str]:
    return {ind.id: ind.kind for ind in indicator_list().indicators}


@lru_cache(maxsize=1)
def _unit_map() -> dict[str, str]:
    out = {u: u for u in _UNITS_EXTRA}
    out.update({"亿千瓦小时": "亿千瓦时", "亿元人民币": "亿元"})
    for norm, spellings in indicator_list().units.items():
        out.update({s: norm for s in spellings})
    return out


@lru_cache(maxsize=1)
def number_unit() -> re.Pattern[str]:
    """A number and its unit (a number without a unit is not a figure, except an index)."""
    units = sorted(_unit_map(), key=len, reverse=True)
    return re.compile(_NUMBER + r"\s*(?:多|余)?(" + "|".join(map(re.escape, units)) + r")?")  # 2800多个, 230余项


def unit_of(written: str) -> str:
    return _unit_map().get(written.strip(), written.strip())


def scale(unit: str) -> float | None:
    """The unit's size in base units (亿元 1e8, 万人 1e4), None when it has no scale."""
    return indicator_list().scale.get(unit)


@lru_cache(maxsize=1)
def any_name() -> tuple[re.Pattern[str], dict[str, str]]:
    """One pattern of every name, longest first (at each place the longest name starting there wins)."""
    ids = {n.lower(): ind for n, ind in _names()}
    return re.compile("|".join(re.escape(n) for n, _ in _names()), flags=re.I), ids


def mentions(text: str) -> list[Mention]:
    """Indicator names in `text` (normalised), longest first, not overlapping, each standing on its own."""
    rx, ids = any_name()
    out: list[Mention] = []
    for m in rx.finditer(text):
        s, e = m.start(), m.end()
        if _BEFORE_OK.search(text[max(0, s - 3) : s]) and _AFTER_OK.match(text[e : e + 3]):
            out.append(Mention(s, e, ids[m.group(0).lower()], m.group(0)))
    return out


def find(text: str) -> str | None:
    """The indicator a short label names (a table row's label, a question's words): the id or None."""
    label = re.sub(r"^[#＃\s]*(?:其中[:：]?)?", "", text).strip()
    for name, ind in _names():
        if label.lower() == name.lower():
            return ind
    return None


_SPACED = re.compile(r"(?<=[^\sA-Za-z])\s+(?=[^\sA-Za-z])|(?<=[A-Za-z])\s+(?=[^\sA-Za-z])|(?<=[^\sA-Za-z])\s+(?=[A-Za-z])")
_NOTE = re.compile(r"[\[［]\d{1,2}[\]］]")


def normalise(text: str) -> str:
    """Spaces dropped except between two Latin words ("4 . 5 %" -> "4.5%", "19917.0 亿元" -> "19917.0亿元"),
    full-width digits and signs made ASCII, footnote marks ([2]) dropped."""
    t = text.translate(str.maketrans("０１２３４５６７８９．％－", "0123456789.%-"))
    return _SPACED.sub("", _NOTE.sub("", t)).strip()


_MONEY_IDS = ("总值", "增加值", "收入", "支出", "投资", "总额", "外资", "余额", "销售额", "产值", "花费", "成交额")
MONEY_UNITS = ("万亿元", "亿元", "万元", "元", "亿美元", "万美元")


def unit_fits(indicator: str, unit: str) -> bool:
    """A listed money indicator's amount is in money (经济总量…达12个 is a count of counties, not a GDP)."""
    return not indicator.endswith(_MONEY_IDS) or unit in MONEY_UNITS or unit in ("%", "个百分点", "")


@lru_cache(maxsize=1)
def _qualifiers() -> re.Pattern[str] | None:
    pats = indicator_list().qualifiers
    return re.compile("|".join(f"(?:{p})" for p in pats)) if pats else None


def qualifier_of(before: str, measure: str) -> str:
    """The words qualifying a change in the text just before its number ("扣除留抵退税因素后增长5.8%": 扣除留抵退税因素后;
    "（同口径增长2.5%以上": 同口径), from the patterns of rag/data/indicators.json; '' for a level or none."""
    rx = _qualifiers()
    if rx is None or measure not in ("growth", "avg_growth", "change", "change_pp"):
        return ""
    found = list(rx.finditer(before))
    return found[-1].group(0) if found else ""
