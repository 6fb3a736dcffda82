"""Places the question names one inside another: one library place under two names (保定市 and 河北省保定市), a
library place written with its city before it ("保定清苑区" is 保定市清苑区, not 保定市 and 清苑区 compared), and a place
the library lacks written right after a library place of a higher level ("湘西州吉首市": inside 湘西州)."""

from __future__ import annotations

import re

from rag.ingest.places import level_of, parse_place

RANK = ("province", "prefecture", "city", "county", "town", "village", "zone")  # higher levels first (a zone: lowest)


def _names(place: str) -> tuple[str, ...]:
    return tuple(n for n in (place, *parse_place(place).names()) if n)


def written_with_its_city(question: str, outer: str, inner: str) -> bool:
    """"保定清苑区": the inner library place (保定市清苑区) written right after the outer one it begins with."""
    own = inner[len(outer) :]
    return inner.startswith(outer) and bool(own) and any(o + i in question for o in _names(outer) for i in _names(own))


_BETWEEN = r"(?:[\u4e00-\u9fff]{1,8}?(?:市|州|地区|盟))?"  # a city or prefecture written between the two


def written_before(question: str, outer: str, inner: str) -> bool:
    """"新疆维吾尔自治区和田地区": a library place of a higher level written right before another library place (no word
    between) says where the second lies; the second is asked, not both compared, unless the first is named again."""
    up, down = level_of(outer), level_of(inner)
    if not (up in RANK and down in RANK and RANK.index(up) < RANK.index(down)):
        return False
    pairs = sorted((m.group(0) for o in _names(outer) for i in _names(inner)  # 河北省保定市高阳县: a place between
                    for m in re.finditer(re.escape(o) + _BETWEEN + re.escape(i), question)), key=len, reverse=True)
    rest = question
    for pair in pairs:
        rest = rest.replace(pair, " ")
    return bool(pairs) and not any(o in rest for o in _names(outer))  # "陕西省西安市…比陕西省全省": both, compared


def one_per_place(question: str, named: list[str]) -> tuple[list[str], dict[str, tuple[str, ...]]]:
    """Library places that are one place asked, not two compared: the same place under two names (保定市 and
    河北省保定市: documents whose place was written with and without its province; the first named answers, with the
    other's documents), and a city written before its own district (保定清苑区: the district) or any library place
    written right before a lower one (新疆维吾尔自治区和田地区: 和田地区)."""
    named = [d for d in named if not any(o != d and (written_with_its_city(question, d, o) or written_before(question, d, o))
                                         for o in named)]
    out: list[str] = []
    aliases: dict[str, tuple[str, ...]] = {}
    for d in named:
        same = next((o for o in out if d.endswith(o) or o.endswith(d)), None)
        if same is None:
            out.append(d)
        else:
            aliases[same] = (*aliases.get(same, ()), d)
    return out, aliases


def written_under(question: str, name: str, level: str, library_named: list[str]) -> tuple[str, ...]:
    """A place written right after a named library place of a higher level ("湘西州吉首市"): the question says it lies
    inside that place, though the place's documents may not name it."""
    before = question[: question.find(name)]
    bare = re.sub(r"(?:省|市|州|地区|盟|县|区)$", "", before)  # 湘西州 for 湘西土家族苗族自治州 (湘西)
    for d in library_named:
        up = level_of(d)
        if level in RANK and up in RANK and RANK.index(up) < RANK.index(level) \
                and any(b.endswith(n) for n in _names(d) for b in (before, bare)):
            return (d,)
    return ()
