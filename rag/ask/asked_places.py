"""Which places a question names, read against the library: each with its level and the library places that are it
or contain it, the one to refuse (no library place is it, contains it or lies around it), and the place answered
from. Part of understanding a question (rag.ask.understand)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rag.ask.nesting import written_under
from rag.ask.parent_scope import scope_parent
from rag.ask.retrieve import OPENING_LINES, match_district, named_places, other_levels, short_district
from rag.index.build import Index
from rag.ingest.places import level_of, mentions, parse_place, person_name
from rag.status.quantities import canonical_unit, numbers_in

SUB_LEVELS = ("town", "village", "zone")  # a place of these levels inside a library place is content


@dataclass(frozen=True)
class PlaceRef:
    """A place the question names: its name, level (province, prefecture, county, town, village, zone) and
    the library places that are it or contain it (empty: the library holds nothing about it)."""

    name: str
    level: str
    within: tuple[str, ...]
    library: bool = False  # the name is itself a library place
    around: bool = False  # the name contains library places (杭州 for 钱塘区): context, or the whole asked


@dataclass(frozen=True)
class Library:
    """What the library holds that understanding needs, computed once per loaded index."""

    places: tuple[str, ...]
    texts: dict[str, str]  # library place -> all its rows' text
    people: tuple[str, ...]
    unplaced: bool
    speakers: dict[str, str] = field(default_factory=dict)  # who delivers a report (闫继红) -> its place
    figures: dict[str, frozenset[tuple[float, str]]] = field(default_factory=dict)  # place -> its figures, on use


_HEAD = re.compile(r"(?:省长|市长|县长|区长|州长|主席|盟长|专员)\s*([\u4e00-\u9fff]{2,3})(?![\u4e00-\u9fff])")


def library(index: Index) -> Library:
    if "ask_library" not in index.memo:
        texts: dict[str, list[str]] = {}
        people: set[str] = set()
        heads: dict[str, set[str]] = {}
        for r in index.rows:
            if (r.paragraph or 99) <= OPENING_LINES + 1 and r.district:  # "保定市人民政府市长 闫继红"
                for name in _HEAD.findall(r.text):
                    heads.setdefault(name, set()).add(r.district)
            texts.setdefault(r.district, []).append(f"{r.title}\n{r.text}")
            for name in re.split(r"[、，,；;\s/（）()]+", r.leader or ""):
                if 2 <= len(name) <= 4 and re.fullmatch(r"[\u4e00-\u9fff]+", name):
                    people.add(name)
        index.memo["ask_library"] = Library(
            places=tuple(sorted(d for d in texts if d)), texts={d: "\n".join(t) for d, t in texts.items()},
            people=tuple(sorted(people, key=len, reverse=True)), unplaced="" in texts,
            speakers={n: next(iter(d)) for n, d in heads.items() if len(d) == 1 and person_name(n)})
    lib: Library = index.memo["ask_library"]
    return lib


def _mentions(name: str, lib: Library) -> dict[str, int]:
    """How closely each library place's documents and the place's own name each other (without their level words):
    a province names its cities, and a city its province (河北省保定市, 全省第二)."""
    own = lib.texts.get(name, "")
    stem = parse_place(name).stem or name
    return {d: lib.texts.get(d, "").count(stem) + own.count(parse_place(d).stem or d) for d in lib.places}


def _containing(name: str, lib: Library) -> tuple[str, ...]:
    """Library places that are `name`, or contain it (it is their parent's child: their text names it)."""
    same = match_district(name, lib.places)
    if same:
        return (same,)
    stem = parse_place(name).stem
    probes = [name] + ([stem] if len(stem) >= 2 and level_of(name) in SUB_LEVELS else [])
    return tuple(d for d in lib.places if any(p in lib.texts.get(d, "") for p in probes))


# "宁夏全区口径（不是银川市）", "不含市区", "别给我银川的": a place named only to be left out
_LEFT_OUT = re.compile(r"[（(]?\s*(?:而不是|不是|不含|不包括|不算|别给我|别拿)\s*"
                       r"([\u4e00-\u9fff]{1,10}?(?:自治区|自治州|地区|省|市|州|盟|县|区|旗))(?:的)?(?:数据|数字|口径|数)?\s*[）)]?")


def left_out(question: str) -> str:
    """The question without the places it names only to exclude them ("全区口径（不是银川市）"): they are neither
    asked nor compared."""
    return _LEFT_OUT.sub("", question)


def places_named(question: str, lib: Library) -> tuple[list[PlaceRef], str]:
    """Every place named, and the first one that is neither a library place, nor a parent of one, nor
    a place inside one (the reason to refuse)."""
    named = [m.name for m in mentions(question, need_confirm=False)]
    zones = {name: z for name in named if (z := zone_of(name, lib))}  # 四川天府新区: inside 四川省, not 四川省
    unzoned = question
    for name in zones:
        unzoned = unzoned.replace(name, " ")
    refs = [PlaceRef(d, level_of(d), (d,), True) for d in named_places(unzoned, lib.places)]
    refs += [PlaceRef(name, "zone", (z,)) for name, z in zones.items()]
    missing = ""
    for name in [*named, *(n for n in other_levels(question, lib.places) if n not in named)]:
        if name in zones or match_district(name, lib.places):
            continue
        ends = [d for d in lib.places if d.endswith(name) and d not in {r.name for r in refs}]
        if ends:  # 阳东区 for the library's 阳江市阳东区
            refs.append(PlaceRef(ends[0], level_of(ends[0]), (ends[0],), True))
            continue
        if any(name in d or parse_place(d).parent == name for d in lib.places):
            refs.append(PlaceRef(name, level_of(name), (), around=True))
            continue  # 杭州市 for 杭州市钱塘区: a parent, named for context
        level = level_of(name)
        under = [r.name for r in refs if r.library]  # 禾川区新港新区: written under a library place, inside it
        within = (_containing(name, lib) or written_under(question, name, level, under)) if level in SUB_LEVELS \
            else written_under(question, name, level, under)
        refs.append(PlaceRef(name, level, within))
        if not within and not missing:
            missing = name
    taken = " ".join(r.name for r in refs)
    refs += [PlaceRef(n, "", (), around=True) for n in _bare_parents(question, lib) if n not in taken]
    return refs, missing


_ZONE_END = re.compile(r"(?:区|县|镇|乡|街道|旗)$")  # a place of its own after the library place's name
_LEVEL_ONLY = re.compile(r"^(?:市|省|区|县|州|盟|旗|自治区|自治州|自治县|地区|新区|城区|市区)$")  # 成都市, 钱塘新区: itself


def zone_of(name: str, lib: Library) -> str | None:
    """The library place a named place lies in when it is named after it, then a place of its own the library does not
    hold ("四川天府新区", "成都高新区", "银川市兴庆区"): inside that place, never it. None for the place itself (宁夏,
    宁夏回族自治区) or a library place written with its parent (保定市清苑区)."""
    d = match_district(name, lib.places)
    if not d:
        return None
    names = sorted({d, *parse_place(d).names()}, key=len, reverse=True)
    if name in names:
        return None
    n = next((n for n in names if name.startswith(n)), "")
    rest = name[len(n) :] if n else ""
    own = len(rest) >= 2 and _ZONE_END.search(rest) and not _LEVEL_ONLY.match(rest)
    return d if own and not match_district(rest, lib.places) else None


def quoted_place(question: str, lib: Library) -> str | None:
    """The one library place whose text holds a figure the question quotes with its unit, however written (370张,
    12.5亿元; 两千亩 for 2000亩); None when no figure is quoted or several places hold it."""
    quoted = [(q.value, canonical_unit(q.unit)) for q in numbers_in(question) if q.unit and len(q.raw) >= 3]
    return only({d for d in lib.places for figure in quoted if figure in _figures(lib, d)}) if quoted else None


def _figures(lib: Library, place: str) -> frozenset[tuple[float, str]]:
    """Every figure the place's text states, by value and unit (read once per place and loaded index)."""
    if place not in lib.figures:
        lib.figures[place] = frozenset((q.value, canonical_unit(q.unit)) for q in numbers_in(lib.texts.get(place, ""))
                                       if q.unit)
    return lib.figures[place]


def only(places: set[str]) -> str | None:
    """The place when there is exactly one."""
    return next(iter(places)) if len(places) == 1 else None


def _bare_parents(question: str, lib: Library) -> list[str]:
    """A place written without its suffix (杭州) that the library's own documents write before one of their
    places (杭州市钱塘区, 杭州钱塘): a place that contains library places, learnt from the library's text."""
    import jieba.posseg

    shorts = {d: short_district(d) for d in lib.places}
    out = []
    for word, tag in jieba.posseg.cut(question):
        if tag != "ns" or len(word) < 2 or any(word in (d, s, parse_place(d).stem) for d, s in shorts.items()):
            continue  # the library place itself
        if any(d.startswith(word) or re.search(f"{re.escape(word)}[省市]?{re.escape(s)}", lib.texts.get(d, ""))
               for d, s in shorts.items() if s):
            out.append(word)
    return out


def placed(question: str, named: list[str], refs: list[PlaceRef], lib: Library) -> tuple[str | None, tuple[str, ...]]:
    """(the place answered from, the places compared) when no place was picked by hand."""
    if len(named) > 1:
        return None, tuple(named)
    if named and (whole := scope_parent(question, named[0], lambda d: _mentions(d, lib))):
        return None, (named[0], whole)  # "保定…比全省高多少": 全省 is the library's province around 保定
    if named:
        return named[0], ()
    return only({d for r in refs for d in r.within}), ()  # 下沙街道 -> 钱塘区
