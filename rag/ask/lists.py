"""Lists in the extractive answer: a list asked with its size, a list written as parallel sentences, a list written
after a colon (rag.ask.extractive)."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from rag.ask.question import Asked
from rag.ask.terms import SENT as _SENT
from rag.ask.terms import is_filler

if TYPE_CHECKING:
    from rag.ask.evidence import Clause, Evidence

SENTENCE_ENDS = re.compile(r"(?<=[。；;！？!?])")  # split after each sentence's end mark, the mark kept


def rest_of_sentence(part: str, text: str) -> str | None:
    """What the sentence of `text` holding `part` says after it; None when no sentence holds it."""
    for sent in SENTENCE_ENDS.split(text):
        at = sent.find(part)
        if at >= 0:
            return sent[at + len(part) :]
    return None


_HOW_MANY = re.compile(r"([一二两三四五六七八九十]|\d{1,2})(?:个|条|项|家|所|座|类|大|栋|幢|片|批|处|支|种|块)")
_ZH_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九十")} | {"两": 2}


def _size(text: str) -> int | None:
    said = _HOW_MANY.search(text)
    if said is None:
        return None
    return int(said.group(1)) if said.group(1).isdigit() else _ZH_DIGITS[said.group(1)]


def as_many(good: list[Evidence], asked: Asked) -> Evidence:
    """A list asked with its size ("哪四个馆", "4条精品线路叫什么"): the first clause whose enumeration (items
    separated by 、, or after the colon of its sentence) has that many items, before one that only mentions the name."""
    n = _size(asked.text) if asked.want == "list" else None
    if n is None:
        return good[0]
    return next((e for e in good if n == len(e.text.split("、"))
                 or n in map(len, colon_readings(cell_text(e.clause), e.text))),
                good[0])  # "南阳…；义盛…；七格…" after "竣工项目3个：" is a list of three as much as A、B、C


PARALLEL_MIN = 3  # sentences opening with the same two characters that make a list (two may be chance)


def parallel(best: Evidence) -> list[str]:
    """A list written as parallel sentences of one paragraph, each opening with the same lead word as the best
    clause (聚焦…。聚焦…。聚焦…): the first clause of each, in order; empty when fewer than PARALLEL_MIN."""
    sentences = [s.strip() for s in re.split(r"[。；;！!？?\n]", best.row.text) if s.strip()]
    at = next((i for i, s in enumerate(sentences) if best.text in s), -1)
    lead = sentences[at][:2] if at >= 0 else ""
    if len(lead) < 2 or not all("\u4e00" <= ch <= "\u9fff" for ch in lead) or is_filler(lead):  # 我们…。我们…
        return []
    lo, hi = at, at  # the run of neighbouring sentences that open alike: the list, not every mention of the word
    while lo > 0 and sentences[lo - 1].startswith(lead):
        lo -= 1
    while hi + 1 < len(sentences) and sentences[hi + 1].startswith(lead):
        hi += 1
    items = [re.split(r"[，,]", s)[0] for s in sentences[lo : hi + 1]]
    return list(dict.fromkeys(items)) if len(items) >= PARALLEL_MIN else []


def cell_text(clause: Clause) -> str:
    """The text a clause was read from: a progress row's own cell (its task or its progress), not the row's labelled
    fields ("重点工作任务：…｜目标任务：…"), or the paragraph."""
    row = clause.row
    if row.kind != "progress_row":
        return row.text
    return row.task if clause.in_task else (row.progress_normalized or row.progress)


def colon_items(text: str, part: str) -> list[str]:
    """The items after the colon of the sentence of `text` that holds `part`, when `part` reaches past the colon
    ("主要目标为：A，B，C。")."""
    for sent in re.split(r"[。！!？?\n]", text):
        colon, at = re.search(r"[:：]", sent), sent.find(part)
        if colon is not None and at >= 0 and at + len(part) > colon.end():
            return [i.strip() for i in re.split(r"[，,；;]", sent[colon.end() :]) if i.strip()]
    return []


def colon_readings(text: str, part: str) -> list[list[str]]:
    """The ways a list after a colon may be read: every clause (A，B；C), the first run before a semicolon
    (A塔楼…,B塔楼…;站北… : the list ends where the sentence turns), or the semicolon-separated items."""
    items = colon_items(text, part)
    if not items:
        return []
    for sent in re.split(r"[。！!？?\n]", text):
        colon = re.search(r"[:：]", sent)
        if colon is not None and part in sent:
            runs = [r for r in re.split(r"[；;]", sent[colon.end() :]) if r.strip()]
            first = [i.strip() for i in re.split(r"[，,]", runs[0]) if i.strip()] if runs else []
            return [items, first, [r.strip() for r in runs]]
    return [items]


def after_colon(best: Evidence) -> list[str]:
    """A list written after a colon in one sentence that the best clause is part of: every item, in order; empty
    when fewer than PARALLEL_MIN items."""
    items = colon_items(cell_text(best.clause), best.text)
    return items if len(items) >= PARALLEL_MIN else []


_BREAKDOWN = re.compile(r"^\s*其中[，,：:]?")


def breakdown(best: Evidence) -> list[str]:
    """"新能源发电量56.1亿千瓦时…。其中，太阳能…；风力…；生物质…": a total asked as a list ("分哪几类") is answered
    by its sentence and the parts the sentence after it, opening with 其中, gives (the best clause may be either)."""
    sents = [x for x in re.split(r"[。！？!?\n]+", cell_text(best.clause)) if x.strip()]  # the parts run past ；
    at = next((i for i, x in enumerate(sents) if best.text in x), None)
    if at is None:
        return []
    at = at - 1 if at and _BREAKDOWN.match(sents[at]) else at
    nxt = sents[at + 1] if at + 1 < len(sents) else ""
    opens = _BREAKDOWN.match(nxt)
    items = [p.strip() for p in re.split(r"[；;]", nxt[opens.end() :].rstrip("。")) if p.strip()] if opens else []
    return [sents[at].strip().rstrip("。；;"), *items] if len(items) >= 2 else []


@lru_cache(maxsize=4096)
def parallel_leads(text: str) -> frozenset[str]:
    """The two-character openings shared by at least three neighbouring sentences of a text: a list in prose."""
    heads = [s.strip()[:2] for s in _SENT.split(text) if len(s.strip()) > 2]
    return frozenset(h for i, h in enumerate(heads) if heads[i : i + 3] == [h] * 3
                     and re.fullmatch(r"[\u4e00-\u9fff]{2}", h) and not is_filler(h))  # not 我们…。我们…


def each_of(best: Evidence, asked: Asked) -> list[str]:
    """A figure asked of a named number of things ("四栋塔楼施工到几层"): the items after the colon of the best
    clause's sentence when there are exactly that many (A塔楼…,B塔楼…,C塔楼…,D塔楼…); else empty."""
    n = _size(asked.text)
    readings = colon_readings(cell_text(best.clause), best.text) if n and n >= 2 else []
    return next((items for items in readings if len(items) == n), [])
