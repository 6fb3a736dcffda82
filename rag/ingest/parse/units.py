"""Responsible units (牵头/责任单位) and leaders (牵头区领导): recognising them by content, splitting
a cell into units, joining stray-space fragments, and canonicalising names across a district so that
"which tasks does X lead" is exhaustive. Pure functions; suffixes and aliases in rag/data/parse.json."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import lru_cache

from rag.ingest.parse.clean import squash
from rag.lexicons import parse_words

_CJK_NAME = re.compile(r"[\u4e00-\u9fff]{2,3}")
_SEP = re.compile(r"[、，,；;/]+")
_OPEN = ("(", "（")


@lru_cache(maxsize=1)
def _suffixes() -> tuple[str, ...]:
    return tuple(sorted(parse_words().unit_suffixes, key=len, reverse=True))


def ends_like_unit(token: str) -> bool:
    """True for names ending like an organisation; a trailing (…) such as (人才办) is ignored."""
    t = re.sub(r"[（(][^（()）]*[)）]$", "", token) or token
    return t.endswith(_suffixes())


def is_leader_cell(cell: str) -> bool:
    """A cell holding only people's names: 2-3 character names separated by spaces."""
    toks = squash(cell).split(" ")
    return bool(toks) and all(_CJK_NAME.fullmatch(t) and not ends_like_unit(t) for t in toks)


def split_units(cell: str) -> tuple[str, ...]:
    """'区商务局 美丽云城管理 办公室' -> ('区商务局', '美丽云城管理办公室');
    '组织部 (人才办)' -> ('组织部(人才办)',); '市规划资源局 钱塘分局' -> ('市规划资源局钱塘分局',)."""
    toks = [t for t in squash(_SEP.sub(" ", cell)).split(" ") if t]
    out: list[str] = []
    pending = ""
    for t in toks:
        if t.startswith(_OPEN) and out and not pending:
            out[-1] += t
            continue
        if (
            out
            and not pending
            and t.endswith("分局")
            and len(t) <= 6
            and not t.startswith(("区", "市"))
            and out[-1].startswith("市")
            and out[-1].endswith("局")
        ):
            out[-1] += t
            continue
        cur = pending + t
        if ends_like_unit(cur):
            out.append(cur)
            pending = ""
        else:
            pending = cur
    if pending:
        if out and len(pending) <= 4:
            out[-1] += pending
        else:
            out.append(pending)
    return tuple(out)


def is_unit_cell(cell: str) -> bool:
    """A short cell whose every piece ends like an organisation (局/办公室/集团/街道…)."""
    s = squash(cell)
    if not s or len(s) > 90 or any(ch.isdigit() for ch in s) or "。" in s:
        return False
    units = split_units(s)
    return bool(units) and all(ends_like_unit(u) and len(u) <= 24 for u in units)


def _segment(token: str, known: set[str]) -> tuple[str, ...]:
    """Split a run-together token into known units ('区农业农村局区交通运输局'), if it is one."""
    n = len(token)
    best: list[tuple[str, ...] | None] = [None] * (n + 1)
    best[0] = ()
    for i in range(n):
        if best[i] is None:
            continue
        for j in range(i + 2, n + 1):
            piece = token[i:j]
            if piece in known and piece != token:
                cand = (*best[i], piece)  # type: ignore[misc]
                prev = best[j]
                if prev is None or len(cand) < len(prev):
                    best[j] = cand
    seg = best[n]
    return seg if seg and len(seg) > 1 else (token,)


def canonical_map(units_by_district: Mapping[str, Iterable[str]]) -> dict[tuple[str, str], str]:
    """For each district, map every spelling to one name: a unit seen with and without the 区
    prefix becomes the 区 form; aliases from the data file apply; run-together names are split."""
    aliases = parse_words().unit_aliases
    out: dict[tuple[str, str], str] = {}
    for district, names in units_by_district.items():
        names = set(names)
        for name in names:
            canon = aliases.get(name, name)
            if not canon.startswith(("区", "市")) and ("区" + canon) in names:
                canon = "区" + canon
            out[(district, name)] = aliases.get(canon, canon)
    return out


_BOUNDARY = re.compile(r"(?<=[局办委部室团会])(?=[区市][\u4e00-\u9fff]{2,})")


def resegment(units: tuple[str, ...], known: set[str]) -> tuple[str, ...]:
    """Split run-together names: into names seen elsewhere ('区商务局综合保税区管理办公室'), else at
    an organisation ending followed by a new 区/市 name ('区文广旅体局区文旅集团')."""
    out: list[str] = []
    for u in units:
        parts = _segment(u, known)
        if len(parts) == 1:
            pieces = [p for p in _BOUNDARY.split(u) if p]
            if len(pieces) > 1 and all(len(p) >= 4 and ends_like_unit(p) for p in pieces):
                parts = tuple(pieces)
        out.extend(parts)
    return tuple(dict.fromkeys(out))
