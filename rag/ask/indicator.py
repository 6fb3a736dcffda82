"""The indicator answerer (issue N): a numeric question about a listed indicator is answered from the figure
records whose place, year, period, stance and measure match — never from the per-capita figure for a total, another
year's figure, or a target for a result. A near miss is refused with its reason ("资料中只有2021、2022年的…",
"这是人均值，不是总量"). Comparisons (two years, two places, target and actual, 比上年快了还是慢了) show the arithmetic
marked 系计算; "排一排" ranks the library's places (rag.ask.indicator_compare). Two records of the same place,
indicator, measure, year and period that disagree are shown together as a conflict.

`answer_indicator(...)` returns None when the question names no listed indicator or no record fits at all, so the
next answerer (retrieval) tries."""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from functools import lru_cache

from rag.ask.compose import abstain
from rag.ask.indicator_abbrev import abbreviated
from rag.ask.indicator_compare import compare_places, compare_years, faster, rank, rank_asked, target_vs_actual
from rag.ask.indicator_ends import name_ends
from rag.ask.indicator_select import agrees, place_key, same_place, table_row_named
from rag.ask.indicator_text import UNSURE, as_written, citations, phrase, statement, when
from rag.ask.nesting import written_before, written_with_its_city
from rag.ask.question import NUMERIC_WANTS, wants_of
from rag.ask.stance import unnamed
from rag.ask.terms import question_data
from rag.ask.wording import how_far_piece
from rag.domain import Answer
from rag.ingest.figures import Figure
from rag.lexicons.indicators import indicator_list

_GROWTH = re.compile(r"增长|增速|同比|比上年|增幅|涨幅|快了|慢了|速度|涨了|涨得|降了|下降|增长率|多快|幅度|是增是降|增还是降|快还是慢"
                     r"|(?<![新净])增了")  # "GDP增了多少" (not 新增了多少家: a count)
_GROWTH_ONLY = re.compile(r"(?:增长|增速|增幅|涨幅|增长率|增加|上涨|涨|降|幅度|(?<![新净])增)(?:了|率)?(?:是|为)?多少(?![亿万千百元人家]|个(?!百分点|点))")  # 增了多少亿: the amount too
_REPORT_LAST_YEAR = re.compile(r"20\d\d\s*年[^，。？?]{0,8}报告")
_LEVEL = re.compile(r"多少|总量|规模|总额|差额|几何|是多|达到|有多大|数量|金额|数额|总数|完成额|绝对[数值]|[破过]\s*[\d两一二三四五六七八九十]|"
                    r"(?:^|\s)(?:亿元|万元|元|亿|万人|人|家|件|个|天|吨|亩)(?:\s|$)")  # "成交额 亿元 增速": the unit alone asks it
_TARGET = re.compile(r"目标|预期|计划|(?:定|订|设定|确定)[的了]")  # "社零定的涨多少": the target set
_VERSUS = re.compile(r"(?:完成|实现|达到|超过|超出)[^，。？?]{0,4}目标|目标[^，。？?]{0,6}(?:完成|实现|达到|实际)|差距|差多少|实际|"
                     r"(?:做到|达到|完成|实现|达标|够数)了?(?:没有|没|吗|否)|目标[^？?。]{0,20}完成得?(?:怎么样|咋样|如何|怎样|好不好)|目标[^？?。]{0,20}完成情况")  # in one sentence
_FASTER = re.compile(r"快了还是慢了|慢了还是快了|加快|放缓|快还是慢|比上年快|比去年快|比上年慢|比去年慢")
_ROUTE = "indicator"
_KIND_WORD = {"level": "总量", "growth": "增速", "avg_growth": "年均增长", "rank": "位次"}


@lru_cache(maxsize=1)
def _any_name() -> tuple[re.Pattern[str], dict[str, str]]:
    pairs = sorted(((n, i.id) for i in indicator_list().indicators for n in (i.id, *i.aliases)), key=lambda p: -len(p[0]))
    return re.compile("|".join(re.escape(n) for n, _ in pairs), re.I), {n.lower(): i for n, i in pairs}


_SUB_PLACE = re.compile(r"[\u4e00-\u9fff]{2,6}(?:街道|(?<!城)镇|(?<!城)乡(?!村)|(?<![农乡])村|社区|开发区|经开区|高新区|园区|新区)")


_SHARE_OF = re.compile(r"占(?:全[省市区县国])?$")  # "占GDP比重": GDP is the base of the share asked, not its subject


def named_indicators(question: str, have: Collection[str] = ()) -> list[tuple[int, int, str]]:
    """Every listed indicator the question names, in order: (start, end, id) of each name that ends there (the
    longest name: 人均GDP is not GDP; 规上工业总产值 is not 规上工业), and of each abbreviated name ("一般预算收入":
    rag.ask.indicator_abbrev; `have`, the indicators the library holds records of, settles one that fits two)."""
    rx, ids = _any_name()
    found = [(m.start(), m.end(), ids[m.group(0).lower()]) for m in rx.finditer(question) if name_ends(question[m.end() :])
             and not _SHARE_OF.search(question[: m.start()])]
    short = [h for h in abbreviated(question, [(s, e) for s, e, _ in found], name_ends, have)
             if not _SHARE_OF.search(question[: h[0]])]  # "占规上工业增加值的比重": the base, abbreviated or not
    return sorted([f for f in found if not any(s < f[0] and f[1] <= e for s, e, _ in short)] + short)  # 农村人均…收入


def question_indicator(question: str) -> str | None:
    """The listed indicator a question names: the first named ("常住人口多少？别给我户籍人口")."""
    found = named_indicators(question)
    return found[0][2] if found else None


def asks_target_met(question: str) -> bool:
    """"社零增长目标是多少？最后达到没有": a listed indicator's target and whether the result met it (the records
    answer it, though the question asks a status)."""
    return bool(_TARGET.search(question) and _VERSUS.search(unnamed(question)) and named_indicators(question))


def asks_measure(text: str) -> bool:
    """Whether words ask for a figure (多少, 增长, 增速…), not only name it ("一般公共预算收入呢")."""
    return bool(_GROWTH.search(text) or _LEVEL.search(text) or re.search(r"几|什么|怎样|怎么|如何|咋|啥|情况", text))


def _row_or_listed(question: str, records: Sequence[Figure], place: str | None) -> str | None:
    """The listed indicator named, or the place's table row named alone or right before it (秋收粮食产量: 秋收)."""
    named = named_indicators(question, {f.indicator for f in records})
    row = table_row_named(question, records, place, [(s, e) for s, e, _ in named]) if place else None
    if row and (not named or question[row[2] : named[0][0]] in ("", "的") or row[1] <= named[0][0] < row[2]):
        return row[0]
    return named[0][2] if named else None


def wanted(question: str, indicator: str) -> tuple[str, ...]:
    """The measures asked: growth, level or both ("多少、增长多少"); a rate indicator's level is its value."""
    if "年均" in question:
        return ("avg_growth",)  # "十四五时期年均增长多少": the average over the years, not one year's growth
    if re.search(r"比重|占比", question) and "占全" not in question:  # "民生支出占…支出的比重": the share
        return ("share",)
    growth = bool(_GROWTH.search(question))
    level = bool(_LEVEL.search(_GROWTH_ONLY.sub(" ", question)))
    if not growth and not level:
        return ("level", "growth")
    return tuple(m for m, on in (("level", level), ("growth", growth)) if on)


def _places(question: str, place: str | None, pool: Sequence[Figure]) -> list[str]:
    have = sorted({f.place for f in pool}, key=len, reverse=True)
    named = [p for p in have if place_key(p) and place_key(p) in question
             and not (place and (written_with_its_city(question, p, place) or written_before(question, p, place)))]
    # 保定清苑区, 陕西省西安市: the place before the one asked says where it lies; it is not compared
    named.sort(key=lambda p: question.find(place_key(p)))  # in the order asked: "银川占宁夏多少" is 银川 ÷ 宁夏
    if place and any(same_place(place, p) for p in have):
        return [next(p for p in have if same_place(place, p))] + [p for p in named if not same_place(p, place)]
    return named or ([place] if place else [])


def _period_ok(f: Figure, period: str | None) -> bool:
    """The period asked, else the year (a yearly average over five years, 年均增长, is of those years)."""
    return f.period == period if period else f.period in ("全年", "年末", "") or f.measure == "avg_growth"


def _best(figs: Sequence[Figure]) -> tuple[Figure, list[Figure]]:
    """The record to quote (a table cell before a clause) and the ones that disagree with it (a conflict)."""
    ordered = sorted(figs, key=lambda f: (f.source != "table", f.doc, f.paragraph or 0))
    head = ordered[0]
    return head, [f for f in ordered[1:] if not agrees(head.value, head.unit, f)]


def _choose(pool: Sequence[Figure], year: int, stance: str, measures: Sequence[str], period: str | None) -> list[Figure]:
    return [f for f in pool if f.year == year and f.stance == stance and f.measure in measures and _period_ok(f, period)]


def _mark_passed(f: Figure, head: Figure) -> bool:
    """"首次突破700亿元" beside 709亿元: a round mark the amount passed, not a figure that disagrees."""
    said = re.search(r"(?:突破|超过|超|跨越|迈上|站上)\s*" + re.escape(as_written(f)), f.text.replace(" ", ""))
    return bool(said) and f.measure == "level" and f.unit == head.unit and head.value >= f.value


def _stated(question: str, figs: Sequence[Figure], measures: Sequence[str]) -> Answer:
    heads: list[Figure] = []
    others: list[Figure] = []
    conflicts: list[str] = []
    for m in measures:
        mine = [f for f in figs if f.measure == m]
        if mine:
            head, other = _best(mine)
            readings = [f for f in other if f.text == head.text and f.qualifier != head.qualifier]
            # "扣除…因素后增长5.8%，按自然口径计算增长1.5%": two readings; "突破700亿元" beside 709亿元: a mark passed
            other = [f for f in other if f not in readings and not _mark_passed(f, head)]
            heads.extend((head, *readings))
            others.extend(other)
            if other:
                conflicts.append("；".join(f"{o.doc}写作{phrase(o)}〔{o.cite}〕" for o in other))
    out = heads + others
    text = statement(heads) + "。"
    if conflicts:
        text += "注意：另有资料的数字不同——" + "；".join(conflicts) + "。"
    return Answer(question=question, text=text, citations=citations(out), route=_ROUTE)


def _unit_named(question: str, pool: list[Figure]) -> list[Figure]:
    """One row name for two quantities (民航: 33.48万吨, 4853.56万人次): the unit named (多少万人次) picks the line."""
    units = {f.unit for f in pool if f.measure == "level" and f.unit not in ("", "%")}
    named = [u for u in units if u in question and not any(u in v and u != v and v in question for v in units)]
    if len(units) < 2 or len(named) != 1:
        return pool
    lines = {f.text for f in pool if f.measure == "level" and f.unit == named[0]}
    others = {f.text for f in pool if f.measure == "level"} - lines
    return [f for f in pool if f.text in lines or f.measure != "level" and f.text not in others]


def _near_miss(question: str, pool: Sequence[Figure], indicator: str, year: int | None, stance: str,
               measures: Sequence[str], period: str | None) -> Answer | None:
    """The refusal with its reason when records of the indicator exist for the place but not as asked."""
    same = [f for f in pool if f.measure in measures and f.stance == stance]
    if year is not None and same and not any(f.year == year for f in same):
        years = sorted({f.year for f in same if f.year})
        latest = [f for f in same if f.year == years[-1]] if years else []
        shown = [_best([f for f in latest if f.measure == m])[0] for m in measures if any(f.measure == m for f in latest)]
        return abstain(question, f"资料中只有{'、'.join(map(str, years))}年的{indicator}，没有{year}年的："
                       + statement(shown), citations=citations(shown),
                       route=UNSURE if stance == "target" else "ask")  # a target: a progress row may hold it
    if year is not None and period and any(f.year == year for f in same):
        have = sorted({f.period for f in same if f.year == year})
        shown = [f for f in same if f.year == year][:2]
        return abstain(question, f"资料中只有{'、'.join(have)}数据，没有{period}的：" + "；".join(statement([f]) for f in shown),
                       route=UNSURE, citations=citations(shown))
    kinds = [f for f in pool if f.year == year and f.stance == stance and f.measure not in measures
             and f.measure in _KIND_WORD]
    if kinds and year is not None:  # "资料中只有…的总量、年均增长…，没有所问的比上年增长"
        shown = [_best([f for f in kinds if f.measure == m])[0] for m in dict.fromkeys(f.measure for f in kinds)]
        asked = "比上年增长" if "growth" in measures else "占比" if "share" in measures else "总量"
        return abstain(question, f"资料中只有{indicator}的{'、'.join(_KIND_WORD[f.measure] for f in shown)}："
                       f"{statement(shown)}，没有所问的{asked}", citations=citations(shown))
    other = [f for f in pool if f.year == year and f.measure in measures and f.stance != stance]
    if other:
        word = "目标值" if other[0].stance == "target" else "实际值"
        return abstain(question, f"资料中只有{when(other[0])}{indicator}的{word}：{statement(other[:1])}",
                       route=UNSURE, citations=citations(other[:1]))
    return None


@lru_cache(maxsize=1)
def _last_and_before() -> re.Pattern[str]:
    last = "|".join(w for w, v in question_data()["relative_years"].items() if v == "last")
    return re.compile(f"(?:{last})(?:和|与|、|及|跟)前年|前年(?:和|与|、|及|跟)(?:{last})")


def _last_two(question: str, pool: Sequence[Figure], stance: str) -> tuple[int, ...]:
    """"去年和前年…各是多少": the latest year the place's records report and the year before it."""
    if not _last_and_before().search(question):
        return ()
    latest = max((f.year for f in pool if f.stance == stance and f.year), default=None)
    return (latest, latest - 1) if latest else ()


def _per_capita(question: str, records: Sequence[Figure], place: str, indicator: str, year: int | None) -> Answer | None:
    if indicator != "地区生产总值":
        return None
    pc = [f for f in records if f.indicator == "人均地区生产总值" and same_place(f.place, place)
          and f.measure == "level" and (year is None or f.year == year)]
    if not pc:
        return None
    return abstain(question, f"资料中只有人均地区生产总值：{statement(pc[:1])}。这是人均值，不是总量",
                   citations=citations(pc[:1]))


def _sibling(question: str, records: Sequence[Figure], place: str, indicator: str) -> Answer | None:
    """农村居民人均可支配收入 recorded for the place, 城镇居民… asked: the library has the neighbour, not this one."""
    tail = indicator[-6:]
    near = [f for f in records if same_place(f.place, place) and f.listed and f.indicator != indicator
            and f.indicator.endswith(tail) and f.measure == "level" and f.stance == "actual"]
    if len(tail) < 6 or not near:
        return None
    head = _best(near)[0]
    return abstain(question, f"资料中没有{place}的{indicator}，只有{head.indicator}：{statement([head])}",
                   citations=citations([head]))


def answer_indicator(question: str, records: Sequence[Figure], *, place: str | None,
                     library_places: Sequence[str] = (), years: tuple[int, ...] = (),
                     period: str | None = None, compared: Sequence[str] = ()) -> Answer | None:
    """An answer from the figure records, a refusal with its reason, or None (not an indicator question, or no
    record of the indicator for the place: the next answerer tries). `compared`: the places the question compares
    when it names one by its scope only ("跟全省比": the province around the city asked)."""
    kinds = wants_of(question)
    met = bool(_TARGET.search(question) and _VERSUS.search(unnamed(question)))  # "目标…达到没有": the figures
    figure = met or how_far_piece(question) or len(compared) > 1  # "目标…达到没有", "打了多少？任务完成了没？",
    # "有没有比陕西全省快": the figures
    if kinds and kinds[0] not in (*NUMERIC_WANTS, "rank", "stage") and not figure or _SUB_PLACE.search(question):
        return None  # 哪个单位牵头, 进展如何: not a figure; 河庄街道, 钱江开发区: a part of a place the records lack
    if len(years) == 1 and "去年" in question and _REPORT_LAST_YEAR.search(question):
        years = (years[0] - 1,)  # "2026年报告说的去年…": the year before the report's
    indicator = _row_or_listed(question, records, place)
    mine = [f for f in records if f.indicator == indicator] if indicator else []
    if not indicator or not mine:
        return None
    measures = wanted(question, indicator)
    stance = "target" if _TARGET.search(question) and not _VERSUS.search(unnamed(question)) else "actual"
    if stance == "target":
        measures = ("level", "growth")  # "GDP目标是多少": a target is mostly a growth rate
    if rank_asked(question, place) == "stated":  # "全国排第几": the rank stated, beside any figure asked
        measures = (*(m for m in measures if _LEVEL.search(question) or _GROWTH.search(question)), "rank")
    elif rank_asked(question, place) == "library":
        return rank(question, mine, indicator, measures, years, period, library_places)
    places = list(compared) if len(compared) > 1 else _places(question, place, records)
    if len(places) >= 2:
        return compare_places(question, mine, indicator, places[:2], measures, years, stance, period)
    if not places:
        return None
    pool = _unit_named(question, [f for f in mine if same_place(f.place, places[0])])
    if not pool:
        return _per_capita(question, records, places[0], indicator, years[0] if years else None) \
            or _sibling(question, records, places[0], indicator)
    if met:
        return target_vs_actual(question, pool, indicator, years)
    if _FASTER.search(question):
        return faster(question, pool, indicator, years)
    years = years or _last_two(question, pool, stance)
    if len(years) >= 2:
        return compare_years(question, pool, indicator, years[:2], measures, stance, period)
    actual = [f for f in pool if f.stance == stance and f.measure in measures and _period_ok(f, period)]
    year = years[0] if years else max((f.year for f in actual if f.year), default=None)
    chosen = _choose(pool, year, stance, measures, period) if year else []
    if not chosen:
        year = year or max((f.year for f in pool if f.stance == stance and f.year), default=None)
        miss = _near_miss(question, pool, indicator, year, stance, measures, period)
        return miss or _per_capita(question, records, places[0], indicator, year)
    if "level" in measures and not any(f.measure == "level" for f in chosen) and len(measures) == 1:
        return _per_capita(question, records, places[0], indicator, year)
    if measures in (("level",), ("growth",)) and year:  # "收入多少亿" / "社零 增速": the other figure of the same
        other = "growth" if measures == ("level",) else "level"  # clause (or table line) is said beside it
        beside = [f for f in _choose(pool, year, stance, (other,), period) if f.text in {f.text for f in chosen}]
        chosen, measures = (chosen + beside, ("level", "growth")) if beside else (chosen, measures)
    if "rank" in measures and not any(f.measure == "rank" for f in chosen):
        return None  # a rank the records lack ("增速全省第一") is read from the text
    return _stated(question, chosen, [m for m in measures if any(f.measure == m for f in chosen)])
