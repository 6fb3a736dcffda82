"""Owns multi-part targets: a task's target read as its parts, and the progress figures that belong to each.

A part is one quantity of the task with its noun ("顶尖人才20名", "228个镇街便民服务中心和村社便民服务站").
`pair_up` (rag.status.match) gives each part its best progress figure; here a part also takes the other
figures of the progress text that report it in pieces:
- split: figures listed in the same sentence whose nouns are each a piece of the part's noun are summed
  ("12个镇街便民服务中心、216个村社便民服务站" = 228个 against "228个镇街便民服务中心和村社便民服务站");
- headed: in a progress text headed by part ("1. 公共建筑：…2.6万方、…1.5万方"), the finished figures of
  the part's unit under its heading are summed; a heading with no figure speaks for its part by its words
  ("2. 路灯节能改造：已完工");
- latest: the same noun reported at several dates ("截至6月底…200个；截至8月底…320个") counts once, the
  latest figure.
Figures of work still under way (实施中, 正在), in brackets (a description: "建筑面积6.1万平方米"), forecasts
and the numbers other parts took are never added. Word lists: rag/data/status.json (`parts`)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from itertools import takewhile

from rag.domain import Quantity
from rag.lexicons import status_words
from rag.status.match import CLAUSE, Candidate, Target, any_word, has_word, overlap
from rag.status.quantities import canonical_unit

__all__ = ["Segment", "figure_noun", "gather", "part_noun", "segments", "summed", "unclaimed_neighbour"]

PIECE_MIN = 0.6  # share of a figure's noun found in the part's noun for the figure to be a piece of the part
SAME_NOUN = 0.8  # two figures whose nouns overlap this much report the same thing (dates differ)
HEADING_MIN = 0.5  # share of a heading's words found in the part's noun for the heading to name the part
_STOP = "，,。；;、：:（）()\n"
_CJK = re.compile(r"[\u4e00-\u9fff]")
_NUMBERED = re.compile(r"(?:^|(?<=[\s。；;]))\s*(?:\d{1,2}[.、](?!\d)|[(（]\d{1,2}[)）]|[①-⑳])")
_MONTH = re.compile(r"(\d{1,2})\s*月")


@dataclass(frozen=True)
class Segment:
    """A piece of the progress text: a numbered item or a sentence, with its heading ("公共建筑") if any."""

    start: int
    end: int
    heading: str
    text: str


def _strip_verbs(noun: str) -> str:
    """"招引顶尖人才" -> "顶尖人才", "人才总量达到" -> "人才总量"."""
    lx = status_words()
    words = sorted(lx.head_strip + lx.name_prefix_strip + lx.parts.noun_verbs + lx.growth_words, key=len, reverse=True)
    changed = True
    while changed and noun:
        changed = False
        for w in words:
            if noun.startswith(w) and len(noun) > len(w):
                noun, changed = noun[len(w) :], True
            if noun.endswith(w) and len(noun) > len(w):
                noun, changed = noun[: -len(w)], True
    return noun


def _noun_at(t: str, start: int, end: int, floor: int) -> str:
    """The words a number counts: the noun after it ("12个镇街便民服务中心", "300个城区、镇街和村社驿站": items
    joined by 、 up to the next number) when there is one, else the words before it back to the clause start
    or the previous number ("顶尖人才20名", "主次干道、支小路15条")."""
    items = re.split(r"[，,。；;：:（）()\n]", t[end : end + 40])[0].split("、")
    after = "、".join(x for x in ([items[0]] + list(takewhile(
        lambda x: x and not re.search(r"\d", x), items[1:])) if items[0] else []))
    after = re.split(r"\d", after)[0]
    after = re.split("|".join(map(re.escape, status_words().parts.after_cut)), after)[0]
    after = "" if re.match(r"[余多]", after) else after
    if len(_CJK.findall(after)) >= 2:
        return _strip_verbs(after.strip())
    before = re.sub(r"[（(][^（()）]*[)）]\s*$", "", t[floor:start])
    cut = max([before.rfind(c) for c in _STOP if c != "、"] + [m.end() - 1 for m in re.finditer(r"\d", before)])
    return _strip_verbs(before[cut + 1 :].strip(" 、，,"))


def part_noun(task: str, tg: Target, prev_end: int = 0) -> str:
    """The noun of one target part, in the task's words."""
    return _noun_at(task, tg.m.start, tg.m.end, prev_end)


def figure_noun(progress: str, c: Candidate, prev_end: int = 0) -> str:
    """The noun of one progress figure, in the progress text's words."""
    return _noun_at(progress, c.m.start, c.m.end, prev_end)


def segments(progress: str) -> list[Segment]:
    """Numbered items (or sentences when there are none), each with the heading before its first "："."""
    cuts = [m.start() for m in _NUMBERED.finditer(progress)]
    if not cuts:
        cuts = [0] + [m.end() for m in re.finditer(r"[。；;\n]", progress)]
    cuts = sorted(set([0, *cuts, len(progress)]))
    out = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        text = progress[a:b]
        body = _NUMBERED.sub("", text, count=1).strip()
        head = re.match(r"([^：:，,。；;]{2,30})[：:]", body)
        out.append(Segment(a, b, head[1].strip() if head else "", text))
    return out


def _segment_of(segs: list[Segment], pos: int) -> Segment:
    return next((s for s in segs if s.start <= pos < s.end), segs[-1])


def _sentence(t: str, pos: int) -> tuple[int, int]:
    lo = max([t.rfind(c, 0, pos) for c in "。；;\n"] + [-1]) + 1
    hi = min([j for j in (t.find(c, pos) for c in "。；;\n") if j >= 0] + [len(t)])
    return lo, hi


def _aside_or_unfinished(t: str, c: Candidate) -> bool:
    """In brackets (a description, "建筑面积6.1万平方米"), or in a clause of work still under way."""
    before = t[: c.m.start]
    if before.count("（") + before.count("(") > before.count("）") + before.count(")"):
        return True
    lo = max([t.rfind(ch, 0, c.m.start) for ch in CLAUSE] + [-1]) + 1
    hi = min([j for j in (t.find(ch, c.m.end) for ch in CLAUSE) if j >= 0] + [len(t)])
    return any_word(t[lo:hi], status_words().parts.unfinished)


def _same_unit(a: Quantity, b: Quantity) -> bool:
    ua, ub = canonical_unit(a.unit), canonical_unit(b.unit)
    return a.kind == b.kind and a.kind in ("level", "count") and (
        ua == ub or any(ua in g and ub in g for g in status_words().unit_groups))


def _when(t: str, c: Candidate) -> float:
    """The date a figure is reported at: its own period, else the last month named before it in its sentence."""
    if c.period is not None:
        return c.period
    lo, _ = _sentence(t, c.m.start)
    months = _MONTH.findall(t[lo : c.m.start])
    return int(months[-1]) / 12 if months else -1.0


def _headed(t: str, part: str) -> list[Segment]:
    return [s for s in segments(t) if s.heading and max(overlap(s.heading, part), overlap(part, s.heading)) >= HEADING_MIN]


def _pieces(n: str, n0: str, part: str, headed: bool) -> bool:
    """Are two figures' nouns two pieces of one part (not one the subset of the other, 高技能人才 of 技能人才)?"""
    if not n or not n0 or n in n0 or n0 in n or max(overlap(n, n0), overlap(n0, n)) >= SAME_NOUN:
        return False
    return headed or (_piece(n, part) and _piece(n0, part))


def _piece(n: str, part: str) -> bool:
    """A figure's noun names a piece of the part: most of its words are the part's, or every character
    is ("开工"、"竣工" of "开竣工学校")."""
    chars = set(_CJK.findall(n))
    return overlap(n, part) >= PIECE_MIN or (len(chars) >= 2 and chars <= set(part))


def gather(t: str, part: str, tg: Target, first: Candidate | None, cands: list[Candidate],
           taken: set[int]) -> list[Candidate]:
    """The progress figures of one part: `first` (pair_up's pick, else the first figure under a heading naming
    the part) with the pieces and later reports of it (see module docstring). `taken`: ids of the candidates
    other parts use. [] when none."""
    headed = _headed(t, part)
    pool = [c for c in cands if id(c) not in taken and _same_unit(tg.m.q, c.m.q) and not c.completion
            and not c.total and not _aside_or_unfinished(t, c) and not c.forecast]
    if first is None:
        first = next((c for c in pool if any(s.start <= c.m.start < s.end for s in headed)), None)
        if first is None:
            return []
    lo, hi = _sentence(t, first.m.start)
    seg_of_first = _segment_of(segments(t), first.m.start)
    if seg_of_first.text.lstrip()[:1].isdigit():  # a numbered item reports one thing: its pieces may span "；"
        lo, hi = min(lo, seg_of_first.start), max(hi, seg_of_first.end)
    if first.total or any_word(t[lo : first.m.start], status_words().forecast_words):
        return [first]
    seg = next((s for s in headed if s.start <= first.m.start < s.end), None)
    out, n0 = [first], figure_noun(t, first)
    for c in pool:
        if c is first or not _same_unit(first.m.q, c.m.q):
            continue
        n = figure_noun(t, c)
        if lo <= c.m.start < hi and _pieces(n, n0, part, seg is not None and seg.start <= c.m.start < seg.end):
            out.append(c)
        elif n and min(overlap(n, n0), overlap(n0, n)) >= SAME_NOUN and _when(t, c) > _when(t, out[0]) \
                and len(out) == 1:
            out = [c]  # the same thing at a later date: the latest cumulative figure
    return sorted(out, key=lambda c: c.m.start)


def summed(figures: list[Candidate]) -> Candidate:
    """One candidate standing for the sum of several figures (its raw "4.1万方"); the first one alone."""
    if len(figures) == 1:
        return figures[0]
    first = figures[0]
    total = float(sum(Decimal(str(c.m.q.value)) for c in figures))
    mult = re.search(r"(万亿|亿|万)", first.m.q.raw)
    scale = status_words().multipliers.get(mult[1], 1.0) if mult else 1.0
    unit = re.sub(r"^[-\d.,\s]+(?:万亿|亿|万)?[余多]?", "", first.m.q.raw)
    raw = f"{total / scale:g}{mult[1] if mult else ''}{unit}"
    q = Quantity(total, first.m.q.unit, first.m.q.kind, raw)
    return replace(first, m=replace(first.m, q=q, approx=any(c.m.approx for c in figures)))


def sum_text(figures: list[Candidate]) -> str:
    """"228个（12个+216个，系计算）" for a summed part; "" for one figure."""
    if len(figures) < 2:
        return ""
    return f"{summed(figures).m.q.raw}（{'+'.join(c.m.q.raw for c in figures)}，系计算）"


def heading_words(t: str, part: str) -> tuple[str, str]:
    """("done" | "behind" | "", the word) that a heading naming the part says about it, with no figure."""
    lx = status_words()
    for s in _headed(t, part):
        if s.heading:
            body = s.text[s.text.find(s.heading) + len(s.heading) :]
            delay = has_word(body, lx.delay_words, about_task=True)
            if delay:
                return "behind", delay
            done = has_word(body, lx.completion_words)
            if done and not has_word(body, lx.unfinished_words):
                return "done", done
    return "", ""


def not_forecast(c: Candidate, task: str) -> Candidate:
    """A figure flagged as a forecast only by a word the task's own noun holds (储备人才) is not a forecast."""
    if not c.forecast:
        return c
    lx = status_words()
    near = c.window + c.far
    words = [w for w in lx.forecast_words if w in near and w not in task] + [w for w in lx.stage_words if w in near]
    return c if words else replace(c, forecast=False)


def unclaimed_neighbour(t: str, fig: Candidate, cands: list[Candidate], taken: set[int],
                        others: Sequence[str] = ()) -> Candidate | None:
    """A figure of the same unit right beside a short part's figure in its sentence that no part took ("院士21名,
    自主培育省顶尖人才3名"): it may count toward the part, so the part cannot be called short; None when none.
    A figure whose noun has the head of another part's noun ("云端工厂1家" beside the parts 链主工厂、智能工厂)
    is a sibling kind of that part, not a piece of this one."""
    lo, hi = _sentence(t, fig.m.start)
    i = next(k for k, c in enumerate(cands) if c is fig)
    for j in (i - 1, i + 1):
        c = cands[j] if 0 <= j < len(cands) else None
        if c is not None and id(c) not in taken and lo <= c.m.start < hi and _same_unit(fig.m.q, c.m.q) \
                and not c.forecast and not _aside_or_unfinished(t, c):
            n, n0 = figure_noun(t, c), figure_noun(t, fig)
            head = "".join(_CJK.findall(n))[-2:]
            if len(head) == 2 and any("".join(_CJK.findall(o)).endswith(head) for o in others):
                continue
            if not (n and n0 and (n in n0 or n0 in n)):  # "高技能人才" of "技能人才" is already counted in it
                return c
    return None
