"""Comparisons of figure records for the indicator answerer: two years of one place, two places in one year,
the target against the actual (the gap in 个百分点), this year's growth against last year's (快了还是慢了), and the
ranking of the library's places. Every difference is written with its inputs and marked 系计算, the form
rag.ask.verify recomputes from the cited records."""

from __future__ import annotations

import re
from collections.abc import Sequence

from rag.ask.compose import abstain
from rag.ask.indicator_select import same_place
from rag.ask.indicator_text import UNSURE, as_written, citations, computed, phrase, statement
from rag.domain import Answer
from rag.ingest.figures import Figure

_ROUTE = "indicator"


def _pick(figs: Sequence[Figure], *, year: int | None, measure: str, stance: str = "actual",
          period: str | None = None) -> Figure | None:
    ok = [f for f in figs if f.measure == measure and f.stance == stance and (year is None or f.year == year)
          and (f.period == period if period else f.period in ("全年", "年末", ""))]
    return min(ok, key=lambda f: (f.source != "table", f.doc, f.paragraph or 0)) if ok else None


def _diff(a: Figure, b: Figure) -> str:
    """a − b: in 个百分点 for rates, in a's unit for amounts (the same unit only: no silent conversion)."""
    if a.value == b.value and (a.unit == b.unit or a.measure in ("growth", "share", "avg_growth")):
        return "持平"  # 4.7% and 4.7%: level with each other, not "高0.0个百分点"
    hi, lo = (a, b) if a.value >= b.value else (b, a)
    operands = (_signed(hi), "−", _signed(lo))
    if a.measure in ("growth", "share", "avg_growth") or a.unit == "%":
        return f"{'高' if a is hi else '低'}{computed(*operands, '个百分点')}"
    if a.unit != b.unit:  # 3.6万人 against 36202人: which is more, with both as written; no conversion shown
        same = _base(a)[1] == _base(b)[1] and _base(a)[0] != _base(b)[0]
        more = _base(a)[0] > _base(b)[0]
        return f"{'多' if more else '少'}（{as_written(a)}{a.unit}对{as_written(b)}{b.unit}，系比较）" if same else ""
    return f"{'多' if a is hi else '少'}{computed(*operands, a.unit)}"


_SCALES = (("万亿", 1e12), ("亿", 1e8), ("万", 1e4), ("千", 1e3))


def _base(f: Figure) -> tuple[float, str]:
    """The value in the unit without its scale (3.6万人 -> 36000 人, 5.53万亿元 -> 5.53e12 元)."""
    for prefix, times in _SCALES:
        if f.unit.startswith(prefix) and len(f.unit) > len(prefix):
            return f.value * times, f.unit[len(prefix):]
    return f.value, f.unit


def _than(later: Figure, earlier: Figure) -> str:
    d = _diff(later, earlier)
    return f"与{earlier.year}年持平" if d == "持平" else f"比{earlier.year}年{d}"


def _signed(f: Figure) -> str:
    return f"-{as_written(f)}" if f.value < 0 else as_written(f)


def _own_growth(pool: Sequence[Figure], f: Figure) -> Figure | None:
    """The growth the level's own clause states ("9251.8亿元，比上年增长14.0%"): said with it, never looked up."""
    if f.measure != "level":
        return None
    return next((g for g in pool if g.measure == "growth" and g.stance == f.stance and g.year == f.year
                 and g.text == f.text and g.row_id == f.row_id), None)


def _own_level(pool: Sequence[Figure], f: Figure) -> Figure | None:
    """The amount a growth's own clause states ("生产总值3033.52亿元，比上年增长5.3%"): said with it."""
    if f.measure != "growth":
        return None
    return next((g for g in pool if g.measure == "level" and g.stance == f.stance and g.year == f.year
                 and g.text == f.text and g.row_id == f.row_id and g.indicator == f.indicator), None)


def _with_growth(pool: Sequence[Figure], f: Figure) -> str:
    g = _own_growth(pool, f)
    return f"{phrase(f)}{f'，{phrase(g)}' if g else ''}〔{f.cite}〕"


def compare_years(question: str, pool: Sequence[Figure], indicator: str, years: Sequence[int],
                  measures: Sequence[str], stance: str, period: str | None) -> Answer:
    parts, used = [], []
    for m in measures:
        later, earlier = (_pick(pool, year=y, measure=m, stance=stance, period=period) for y in sorted(years, reverse=True))
        if later and earlier:
            grew = [g for f in (later, earlier) if (g := _own_growth(pool, f))]
            used += [later, earlier, *grew]
            parts.append(f"{later.year}年{_with_growth(pool, later)}，{earlier.year}年{_with_growth(pool, earlier)}，"
                         f"{later.year}年{_than(later, earlier)}")
    if not parts:
        have = sorted({f.year for f in pool if f.year and f.measure in measures})
        one = [f for y in years for m in measures if (f := _pick(pool, year=y, measure=m, stance=stance, period=period))]
        if one and re.search(r"各|分别|两年|每年", question):  # "21、22两年各是多少" with one year's report in the library: that year's, and the other said missing
            lacking = "、".join(str(y) for y in years if all(f.year != y for f in one))
            return Answer(question=question, text=f"{statement(one)}；资料中没有{lacking}年的{indicator}。",
                          citations=citations(one), route=_ROUTE)
        return abstain(question, f"资料中只有{'、'.join(map(str, have))}年的{indicator}，无法比较{'和'.join(map(str, years))}年")
    return Answer(question=question, text=f"{pool[0].place}{indicator}：" + "；".join(parts) + "。",
                  citations=citations(used), route=_ROUTE)


_SHARE = re.compile(r"占[^，,。？?；;]{0,12}(?:多少|几|比重|比例|份额|多大|百分之)")  # "银川GDP占宁夏全区多少"


def _share(a: Figure, b: Figure) -> str:
    """"，银川市占宁夏回族自治区的53.3%（3033.52÷5696，系计算）": an amount's share of another in the same unit."""
    if a.measure != "level" or b.measure != "level" or a.unit != b.unit or not b.value or a.unit == "%":
        return ""
    return f"，{a.place}占{b.place}的{a.value / b.value * 100:.1f}%（{as_written(a)}÷{as_written(b)}，系计算）"


def compare_places(question: str, mine: Sequence[Figure], indicator: str, places: Sequence[str],
                   measures: Sequence[str], years: Sequence[int], stance: str, period: str | None) -> Answer:
    parts: list[str] = []
    used: list[Figure] = []
    for m in measures:
        picks = []
        for p in places:
            figs = [f for f in mine if same_place(f.place, p)]
            year = years[0] if years else max((f.year for f in figs if f.measure == m and f.stance == stance and f.year),
                                              default=None)  # the latest result, not next year's target
            picks.append(_pick(figs, year=year, measure=m, stance=stance, period=period))
        if all(picks):
            a, b = picks[0], picks[1]
            assert a and b
            same_year = "" if a.year == b.year else "（注意：两地年份不同）"
            share = _share(a, b) if _SHARE.search(question) else ""
            d = _diff(a, b)  # "乌鲁木齐市低于新疆维吾尔自治区2.6个百分点", "银川市比宁夏回族自治区少…亿元"
            than = f"{a.place}{d[0]}于{b.place}{d[1:]}" if d[:1] in ("高", "低") else f"{a.place}与{b.place}{'增速' if m == 'growth' else ''}持平" \
                if d == "持平" else f"{a.place}比{b.place}{d}" if d \
                else "两地单位不同，未作换算"  # 889.5亿元 against 5.53万亿元: no silent conversion
            if m == "level" and not d and "growth" in measures:
                continue  # 889.5亿元 against 5.53万亿元 (no silent conversion): the growth part states both levels
            levels_said = "level" in measures and any(u.measure == "level" for u in used)  # each amount said once
            used += [a, b]
            said = [[lvl, f] if not levels_said and (lvl := _own_level(mine, f)) else [f] for f in (a, b)]
            used += [x for s in said for x in s[:-1]]  # "3033.52亿元，增长5.3%"
            parts.append(f"{statement(said[0])}，{statement(said[1])}，{than}{share}{same_year}")
    if not parts:
        return abstain(question, f"资料中没有{'和'.join(places)}同一口径的{indicator}数据可比")
    return Answer(question=question, text="；".join(parts) + "。", citations=citations(used), route=_ROUTE)


def target_vs_actual(question: str, pool: Sequence[Figure], indicator: str, years: Sequence[int]) -> Answer:
    """The target against the actual: of the growth rate, or of the amount where the target is an amount (城镇新增
    就业85万人)."""
    targets = [f for f in pool if f.stance == "target" and f.measure in ("growth", "level")]
    year = years[0] if years else max((f.year for f in targets if f.year), default=None)
    measure = "growth" if _pick(pool, year=year, measure="growth", stance="target") else "level"
    target = _pick(pool, year=year, measure=measure, stance="target")
    actual = _pick(pool, year=year, measure=measure, stance="actual")
    if not (target and actual):
        missing = "目标" if not target else "实际完成"
        return abstain(question, f"资料中没有{pool[0].place}{year or ''}年{indicator}增速的{missing}数据，无法对比",
                       route=UNSURE)
    gap = actual.value - target.value
    verdict = "高于" if gap > 0 else ("低于" if gap < 0 else "等于")
    level = next((f for f in pool if f.measure == "level" and f.stance == "actual" and f.text == actual.text
                  and measure == "growth"), None)  # the amount the growth's own clause states
    amount = f"{phrase(level)}〔{level.cite}〕、" if level else ""  # "最后实际完成多少": the amount, then its growth
    text = (f"{actual.place}{year}年{indicator}目标{phrase(target)}〔{target.cite}〕，实际{amount}{phrase(actual)}"
            f"〔{actual.cite}〕，实际{verdict}目标{_diff(actual, target)[1:] if gap else ''}"
            f"{'，未达到目标' if gap < 0 else '，达到并超过目标、已完成' if gap > 0 else '，达到目标、已完成'}。")
    return Answer(question=question, text=text, citations=citations([target, *([level] if level else []), actual]),
                  route=_ROUTE)


def faster(question: str, pool: Sequence[Figure], indicator: str, years: Sequence[int]) -> Answer:
    growth = [f for f in pool if f.measure == "growth" and f.stance == "actual"]
    year = years[0] if years else max((f.year for f in growth if f.year), default=None)
    now = _pick(pool, year=year, measure="growth")
    before = _pick(pool, year=(year or 0) - 1, measure="growth")
    if not now or not before:
        have = sorted({f.year for f in growth if f.year})
        return abstain(question, f"资料中{pool[0].place}{indicator}增速只有{'、'.join(map(str, have))}年的，"
                       f"无法与上年比较快慢")
    d = now.value - before.value
    word = "加快" if d > 0 else ("放缓" if d < 0 else "持平")
    text = (f"{now.place}{now.year}年{indicator}{phrase(now)}〔{now.cite}〕，{before.year}年{phrase(before)}〔{before.cite}〕，"
            f"增速{word}{_diff(now, before)[1:] if d else ''}。")
    return Answer(question=question, text=text, citations=citations([now, before]), route=_ROUTE)


_RANK = re.compile(r"排一排|排名|排序|排个序|哪个最|谁最|哪里最|最高|最快|最低|最多|第几")
_LIBRARY_RANK = re.compile(r"排一排|排序|排个序|哪个最|谁最|哪里最|最高|最快|最低|最多|各[区县市省州地]|哪[个些几]")
_STATED_RANK = re.compile(r"第几|位次|排名|排在|排第")


def rank_asked(question: str, place: str | None) -> str | None:
    """"四川GDP全国排第几" (one place): "stated", the rank its documents state (保持全国第5位); "各地GDP增速排一排",
    "哪个最快": "library", the library's places ranked by the indicator; None when no rank is asked."""
    if place and _STATED_RANK.search(question) and not _LIBRARY_RANK.search(question):
        return "stated"
    return "library" if _RANK.search(question) else None


def rank(question: str, mine: Sequence[Figure], indicator: str, measures: Sequence[str], years: Sequence[int],
         period: str | None, library_places: Sequence[str]) -> Answer | None:
    """The library's places ranked by the indicator (growth when growth is asked, else the amount), one year."""
    measure = "growth" if "growth" in measures and (len(measures) == 1 or "level" not in measures) else "level"
    ok = [f for f in mine if f.measure == measure and f.stance == "actual"]
    if not years:  # the year most places report (the latest of those): places are ranked within one year
        cover = {y: len({f.place for f in ok if f.year == y}) for y in {f.year for f in ok if f.year}}
        years = (max(cover, key=lambda y: (cover[y], y)),) if cover else ()
    picks = []
    for p in sorted({f.place for f in ok}):
        if library_places and not any(same_place(p, lp) for lp in library_places):
            continue
        f = _pick([g for g in ok if g.place == p], year=years[0] if years else None, measure=measure, period=period)
        if f:
            picks.append(f)
    if measure == "level":
        units = {f.unit for f in picks}
        picks = [f for f in picks if f.unit == max(units, key=lambda u: sum(g.unit == u for g in picks))]
    if len(picks) < 2:
        return None
    picks.sort(key=lambda f: -f.value)
    lines = [f"{i}. {f.place}：{as_written(f) if measure == 'level' else phrase(f)}{f.unit if measure == 'level' else ''}〔{f.cite}〕"
             for i, f in enumerate(picks, 1)]
    head = f"资料库中各地{years[0] if years else ''}年{indicator}{'增速' if measure == 'growth' else ''}由高到低（按各地资料排序）："
    return Answer(question=question, text=head + "\n" + "\n".join(lines), citations=citations(picks), route=_ROUTE)
