"""A place answered from the sentences of a larger place's documents that name it.

"和田地区去年矿业权出让收了多少钱" is stated in 新疆's work report, not in 和田's communiqué; "吉首市PM2.5浓度多少" in 湘西's
communiqué (吉首 is its seat), the library holding no report of 吉首 itself. When the place's own documents do not answer
(or the library has none of its own), the documents of a library place of a higher level that name it are read, but only
their sentences that name it: a figure is never taken from a sentence about the larger place or another of its parts.
The answer says where it comes from."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from rag.ask.answerers import Gathered
from rag.ask.answerers.quote import Quote
from rag.ask.nesting import RANK as LEVELS
from rag.ask.retrieve import Filters, retrieve
from rag.ask.understand import Ask
from rag.domain import Answer, Row
from rag.index.build import Index
from rag.ingest.places import level_of, parse_place
from rag.ingest.places import mentions as place_mentions

# the order of levels, larger first (rag.ask.nesting's, without zones): a host is of a larger level than the place
RANK = {level: i for i, level in enumerate(LEVELS[: LEVELS.index("zone")])}
HOST_RETRIEVE = 40  # the host's rows retrieved for the question before keeping those that name the place
HOSTS_AT_MOST = 2  # the larger places tried, those naming the place most first
_SENTENCE = re.compile(r"[^。！？\n]*[。！？\n]?")
_PART = re.compile(r"[^；;]*[；;]?")


def names_of(place: str) -> tuple[str, ...]:
    """The place's name and its stem when the stem is two characters or more (和田地区, 和田; 吉首市, 吉首)."""
    stem = parse_place(place).stem
    return (place, stem) if stem and len(stem) >= 2 and stem != place else (place,)


def hosts(index: Index, place: str) -> list[str]:
    """Library places of a larger level whose documents name `place`, those naming it most first."""
    key = f"named_inside_hosts:{place}"
    if key in index.memo:  # counted once per library generation and place
        return list(index.memo[key])
    rank = RANK.get(level_of(place))
    if rank is None:
        return []
    names = names_of(place)
    counts: dict[str, int] = {}
    for r in index.rows:
        d = r.district
        if d and d != place and RANK.get(level_of(d), 9) < rank and any(n in r.text for n in names):
            counts[d] = counts.get(d, 0) + 1
    index.memo[key] = tuple(sorted(counts, key=lambda d: -counts[d])[:HOSTS_AT_MOST])
    return list(index.memo[key])


def naming(row: Row, names: tuple[str, ...]) -> Row | None:
    """The row cut to its sentences that name the place, each from the part (between ；) that names it up to a part
    naming another place ("…吉首市优良天数比例95.6%；PM2.5浓度为26.6" keeps both; "…和田…；喀什…" stops at 喀什);
    None when no sentence names it."""
    said = [_from_name(s, names) for s in _SENTENCE.findall(row.text) if s.strip() and any(n in s for n in names)]
    return replace(row, text="".join(said)) if said else None


def _from_name(sentence: str, names: tuple[str, ...]) -> str:
    parts = [p for p in _PART.findall(sentence) if p]
    start = next(i for i, p in enumerate(parts) if any(n in p for n in names))
    kept = [parts[start]]
    for p in parts[start + 1 :]:
        if any(m.name not in names and not any(n in m.name or m.name in n for n in names)
               for m in place_mentions(p, need_confirm=False)):
            break
        kept.append(p)
    return "".join(kept)


def in_host(ask: Ask, found: Answer, index: Index, k: int, again: Callable[[Ask], Answer] | None = None) -> Answer:
    """`found` when it answers; else the answer from a larger place's sentences naming the asked place, if any."""
    place = ask.missing_place or ask.place
    if not found.abstained or not place or ask.compare or ask.doc or (ask.missing_place and ask.place):
        return found
    names = names_of(place)
    for host in hosts(index, place):
        sub = replace(ask, place=host, aliases=(), missing_place="")
        hits = retrieve(index, ask.question, Filters(host, None, None), k=HOST_RETRIEVE)
        cuts = [(cut, h.score) for h in hits if (cut := naming(h.row, names))]
        if not cuts:
            continue
        evidence = Gathered(index, [cut for cut, _ in cuts], {cut.id: score for cut, score in cuts}, k)
        evidence.again = again
        got = Quote().answer(sub, evidence)
        if got is not None and not got.abstained and got.citations:
            note = f"{place}自己的报告中没有这项内容；以下出自{host}的报告中写明{place}的句子"
            short = re.search(r"[（(]([^）)]+)[）)]$", host)  # 湘西土家族苗族自治州（湘西自治州）: 湘西自治州
            text = got.text.replace(f"{host}：", "")  # the host's name before a clause would claim it as its figure
            return replace(got, text=f"{place}（据{short.group(1) if short else host}的报告）：{text}", warnings=(note, *got.warnings))
    return found
