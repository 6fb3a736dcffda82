"""Owns target/progress matching for the status rules (rag/status.py): which numbers a row pairs up.

Target quantities come from the task text and progress quantities from the progress text
(rag/quantities.py), each with its indicator words, period and flags (确保 floor, upper bound, forecast,
completion share, total). `pair_up` gives each target the progress number of a compatible kind and unit
whose nearby words share the target's indicator. Word lists live in rag/data/status.json."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache

from rag.domain import Quantity
from rag.lexicons import status_words
from rag.status.quantities import Mention, canonical_unit, mentions, to_halfwidth

__all__ = [
    "CLAUSE", "Candidate", "Target", "any_word", "find_candidates", "find_targets", "has_word", "overlap", "pair_up",
    "period_spans", "usable",
]

MIN_SCORE = 0.3  # indicator overlap needed to pair a progress number with a target
HEAD_NOUN = 0.6  # weight of a figure whose words hold only the last two characters of the part's noun (its head)
FLOW_PENALTY = 0.3  # more than the overlap a shared indicator gives a 新增 figure over the stock figure
_SENT = re.compile(r"[。；;！？!?\n]|(?:^|\s)\d{1,2}[.、](?!\d)")
CLAUSE = "，,。；;：:！？!?\n"
_WORD = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]")


@dataclass(frozen=True)
class Target:
    m: Mention
    floor: Quantity | None  # the 确保 value when m is the 力争 goal
    direction: str  # "min": reach at least; "max": stay at most (以下/控制在)
    indicator: str  # the task's words for what is counted
    completion: bool  # "完成路基80%": a share of the work, pro-rated like an amount


@dataclass(frozen=True)
class Candidate:
    m: Mention
    window: str  # words since the previous number, plus a few after this one
    far: str  # the sentence before it: "增加值1998.5亿元，同比增长11.9%"
    period: float | None  # the progress text's own period for this number
    period_text: str
    forecast: bool  # 预计/申报/推荐, or items only at the 审查/立项 stage: never "done"
    completion: bool  # "完成年度计划91.7%", "完成率67%"
    total: bool  # 共计/合计: sums the numbers before it
    stage: bool = False  # items only at an earlier stage (前期审批, 招投标): they count neither done nor short


# ---------------------------------------------------------------- periods and words


@lru_cache(maxsize=1)
def _period_rx() -> list[tuple[re.Pattern[str], float | None, int]]:
    return [(re.compile(p.pattern), p.fraction, p.month_group) for p in status_words().period_patterns]


def period_spans(text: str) -> list[tuple[int, int, float]]:
    """(start, end, share of the year) of every period phrase in the text, in order."""
    out = [(m.start(), m.end(), float(frac if frac is not None else min(int(m[g]), 12) / 12))
           for rx, frac, g in _period_rx() for m in rx.finditer(text)]
    return sorted(out)


def _bigrams(text: str) -> set[str]:
    for w in sorted(status_words().indicator_stopwords, key=len, reverse=True):
        text = text.replace(w, " ")
    s = "".join(c if _WORD.match(c) else " " for c in text)
    return {s[i : i + 2] for i in range(len(s) - 1) if " " not in s[i : i + 2]}


def overlap(target: str, window: str) -> float:
    """Share of the target's indicator words found in the window: mean of word-pair and character overlap."""
    t, w = _bigrams(target), _bigrams(window)
    if not t:
        return 0.0
    chars, wchars = {c for b in t for c in b}, {c for b in w for c in b}
    return 0.5 * len(t & w) / len(t) + 0.5 * len(chars & wchars) / len(chars)


def any_word(text: str, words: Iterable[str]) -> bool:
    """Does the text contain any of the words (a list of rag/data/status.json)?"""
    return any(w in text for w in words)


def _clause_start(text: str, pos: int, floor: int = 0) -> int:
    """Where the clause holding `pos` begins (not before `floor`)."""
    return max([text.rfind(c, floor, pos) for c in CLAUSE] + [floor - 1]) + 1


def _not_the_task(text: str, start: int, end: int) -> bool:
    """Is the word at text[start:end] about something else than the task, such as data publication
    ("数源单位暂停公布", "出口数据尚未公布")? Word lists: status.json `delay_not_task`."""
    ex = status_words().delay_not_task
    if any(text[end : end + 4].startswith(a) or a in text[end : end + 3] for a in ex.after):
        return True
    bounds = CLAUSE + "（）()"
    lo = max(text.rfind(c, 0, start) for c in bounds) + 1
    hi = min([j for j in (text.find(c, end) for c in bounds) if j >= 0] + [len(text)])
    return any(w in text[lo:hi] for w in ex.subjects)


def has_word(text: str, words: Iterable[str], about_task: bool = False) -> str:
    """The longest listed word present and not negated (未/没有/不 before it), else "". With `about_task`,
    a word that refers to something other than the task itself (data publication) does not count."""
    for w in sorted(words, key=len, reverse=True):
        for m in re.finditer(re.escape(w), text):
            if text[max(0, m.start() - 2) : m.start()].endswith(tuple(status_words().negations)):
                continue
            if not (about_task and _not_the_task(text, m.start(), m.end())):
                return w
    return ""


# ---------------------------------------------------------------- targets and progress numbers


def usable(m: Mention) -> bool:
    """Written with digits, not a rank, not a threshold such as "10亿元以上项目"."""
    return m.q.kind != "rank" and not m.qualifier and any(ch.isdigit() for ch in m.q.raw)


def find_targets(task: str) -> list[Target]:
    """Quantities the task sets, each with its indicator words, 确保 floor, direction and kind of share."""
    lx = status_words()
    marks, t = lx.target_markers, to_halfwidth(task)
    ms = [m for m in mentions(t) if usable(m) and m.q.unit and m.q.unit not in lx.time_units]
    out: list[Target] = []
    for i, m in enumerate(ms):
        ctx = t[_clause_start(t, m.start, ms[i - 1].end if i else 0) : m.start]
        last = out[-1] if out else None
        if last and last.floor is None and any(w in ctx[-4:] for w in marks.low) \
                and canonical_unit(last.m.q.unit) == canonical_unit(m.q.unit):
            out[-1] = replace(last, floor=m.q)  # "力争6%（确保5.5%）"
            continue
        clause_end = min([j for j in (t.find(c, m.end) for c in CLAUSE) if j >= 0] + [len(t)])
        after = re.split("[、和及与]", t[m.end : min([clause_end] + [o.start for o in ms[i + 1 :]])])[0]
        upper = m.bound == "max" or any(w in t[max(0, m.start - 4) : m.start] for w in marks.max_before)
        direction = "max" if upper or m.q.value == 0 or (m.q.kind == "growth" and m.q.value < 0) else "min"
        completion = m.q.kind == "ratio" and any_word(ctx, lx.completion_target_words) and not any_word(ctx, lx.rate_words)
        indicator = ctx + " " + after if _bigrams(ctx) or not last else last.indicator
        out.append(Target(m, None, direction, indicator, completion))
    return _respectively(t, out)


def _respectively(t: str, targets: list[Target]) -> list[Target]:
    """"电子信息制造、软件业营收分别达到650亿元、75亿元": the k-th listed item names the k-th target."""
    out = list(targets)
    for i, tg in enumerate(targets):
        head = tg.indicator.split(" ")[0]
        if "分别" not in head:
            continue
        items = [x for x in head.split("分别")[0].split("、") if x.strip()]
        run = [i]
        while run[-1] + 1 < len(targets) and re.fullmatch(
                r"\s*[、和及与]\s*", t[targets[run[-1]].m.end : targets[run[-1] + 1].m.start]):
            run.append(run[-1] + 1)
        if len(items) == len(run) > 1:
            for item, j in zip(items, run, strict=True):
                out[j] = replace(targets[j], indicator=item)
    return out


def find_candidates(progress: str) -> list[Candidate]:
    """Quantities the progress text reports, each with the words around it and the period it names."""
    lx = status_words()
    t = to_halfwidth(progress)
    ms = [m for m in mentions(t) if usable(m)]
    periods = period_spans(t)
    out = []
    for i, m in enumerate(ms):
        sent = max([x.end() for x in _SENT.finditer(t, 0, m.start)] + [0])
        clause = t[_clause_start(t, m.start, sent) : m.start]
        if re.match(r"\s*[:：]", t[m.end :]) or (any_word(clause[-8:], lx.restated_target_words)
                                                 and not any_word(clause[-8:], lx.claim_words)):
            continue  # a restated target ("打通断头路任务3条：已完工2条"), not progress
        total = any(t[max(sent, m.start - 4) : m.start].endswith(w) for w in lx.total_words)
        start = max([t.rfind(ch, sent, m.start) for ch in CLAUSE if ch not in ":："] + [sent - 1]) + 1
        near = max(sent, m.start - 40) if total else max(start, ms[i - 1].end if i else 0, m.start - 24)
        nxt = ms[i + 1].start if i + 1 < len(ms) else len(t)
        window = t[near : m.start] + " " + re.split(f"[{CLAUSE}、和及与]", t[m.end : min(nxt, m.end + 12)])[0]
        prior = [p for p in periods if p[1] <= m.start and p[0] >= sent]
        rest = re.split(f"[{CLAUSE}]", t[m.end :])[0]  # "10个…的联席会议审查": items at an earlier stage
        stage = any_word(rest, lx.stage_words)
        forecast = any_word(clause, lx.forecast_words) or stage
        completion = m.q.unit == "%" and m.q.kind == "ratio" and any_word(clause, lx.completion_progress_words)
        out.append(Candidate(m, window, t[max(sent, m.start - 40) : m.start], prior[-1][2] if prior else None,
                         t[prior[-1][0] : prior[-1][1]] if prior else "", forecast, completion, total, stage))
    return out


def _compatible(tg: Target, c: Candidate) -> float:
    """1.0 same unit, 0.9 related units (家/户), 0.7 another count unit or a bare count, 0 incompatible."""
    tq, pq = tg.m.q, c.m.q
    if tq.kind in ("growth", "ratio"):
        return 1.0 if pq.kind == tq.kind and pq.unit == tq.unit else 0.0
    tu, pu = canonical_unit(tq.unit), canonical_unit(pq.unit)
    if pq.kind != tq.kind:
        return 0.0
    if tu == pu:
        return 1.0
    if any(tu in g and pu in g for g in status_words().unit_groups):
        return 0.9
    return 0.7 if tq.kind == "count" else 0.0


def _head_ok(tg: Target, c: Candidate) -> bool:
    """Rates and growth all wear %: the indicator's last character (强度, 比重, 率) must appear near the number."""
    if tg.m.q.kind not in ("growth", "ratio"):
        return True
    lx = status_words()
    ind = tg.indicator.split(" ")[0]
    for w in sorted(lx.growth_words + lx.indicator_stopwords + lx.head_strip, key=len, reverse=True):
        ind = ind.replace(w, " ")
    ind = re.sub("(?:" + "|".join(map(re.escape, lx.list_adverbs)) + r")\s*$", "", ind.rstrip())  # "…均增长8%"
    items = [x for x in re.split("[、和及与]", ind) if x.strip()] or [ind]  # "社零、网络零售额均增长8%": either
    return any(not chars or chars[-1] in c.window + c.far
               for chars in ([ch for ch in item if _WORD.match(ch)] for item in items))


def _plausible(tg: Target, c: Candidate) -> bool:
    if tg.m.q.kind in ("growth", "ratio") or not tg.m.q.value:
        return True
    return 0.01 <= abs(c.m.q.value) / abs(tg.m.q.value) <= 50


def _flow_for_stock(tg: Target, c: Candidate) -> float:
    """A penalty for pairing a stock target ("规上文化企业总数突破80家") with a flow figure ("年度新增…36家")."""
    p = status_words().parts
    head = tg.indicator.split(" ")[0]
    return FLOW_PENALTY if any_word(head, p.stock_words) and any_word(c.window, p.flow_words) else 0.0


def _counts_other(tg: Target, c: Candidate) -> bool:
    """Does the figure count another thing: the noun written right after it ("73个…名师名校长工作室") has a head
    (its last two characters) the target's words do not hold, and its unit is not the target's?"""
    after = re.sub(r"[^\u4e00-\u9fff]", "", c.window.split(" ", 1)[1] if " " in c.window else "")
    return len(after) >= 2 and after[-2:] not in tg.indicator and bool(c.m.q.unit) and canonical_unit(c.m.q.unit) != canonical_unit(
        tg.m.q.unit)


def bare_head(head: str, window: str) -> float:
    """1.0 when the words before the figure are the last two characters of the part's noun (its head) with
    nothing else but a verb before them ("完成商圈2个" for "放心消费商圈2个"), not another kind of it
    ("储能项目容量" for "光伏装机容量"); else 0."""
    tail = re.sub(r"[^\u4e00-\u9fff]", "", head)[-2:]
    before = re.split(f"[{CLAUSE}、]", window.split(" ")[0])[-1].strip()
    if len(tail) < 2 or not before.endswith(tail):
        return 0.0
    verbs = sorted(status_words().parts.noun_verbs + status_words().parts.progress_verbs, key=len, reverse=True)
    rest = before[: -len(tail)]
    for v in verbs:
        if v in rest:
            rest = rest[rest.rfind(v) + len(v) :]
    return 0.0 if re.search(r"[\u4e00-\u9fff]", rest) else 1.0


def pair_up(targets: list[Target], cands: list[Candidate]) -> list[tuple[Target, Candidate]]:
    """One progress number per target and vice versa, best indicator overlap first; then a target whose unit
    no other target uses takes the first unused number of exactly that unit (if within 0.05-10x of it)."""
    scored = []
    for ti, tg in enumerate(targets):
        for ci, c in enumerate(cands):
            comp = _compatible(tg, c)
            if comp == 0.0 or not _head_ok(tg, c) or _counts_other(tg, c):
                continue
            head = tg.indicator.split(" ")[0]
            score = max(overlap(tg.indicator, c.window), 0.9 * overlap(head[-6:], c.window),  # "推动企业增设碳账户"
                        HEAD_NOUN * bare_head(head, c.window))  # the noun's head: "完成商圈2个" of "放心消费商圈2个"
            if tg.m.q.kind in ("growth", "ratio"):
                score = max(score, 0.8 * overlap(tg.indicator, c.far))
            score = score * comp + (0.05 if c.total else 0.0) - (0.1 if c.forecast else 0.0) - _flow_for_stock(tg, c)
            scored.append((score, -ci, comp, ti, ci))
    scored.sort(reverse=True)  # best overlap first; on a tie the number mentioned first
    pairs: dict[int, int] = {}
    for score, _, _, ti, ci in scored:
        if score >= MIN_SCORE and ti not in pairs and ci not in pairs.values() and _plausible(targets[ti], cands[ci]):
            pairs[ti] = ci
    for ti, tg in enumerate(targets):
        unit = canonical_unit(tg.m.q.unit)
        if ti in pairs or unit in ("个", "") or sum(canonical_unit(x.m.q.unit) == unit for x in targets) > 1:
            continue
        same = sorted(ci for _, _, comp, tj, ci in scored
                      if tj == ti and comp == 1.0 and ci not in pairs.values() and not cands[ci].forecast)
        if same and tg.m.q.value and 0.05 <= abs(cands[same[0]].m.q.value / tg.m.q.value) <= 10:
            pairs[ti] = same[0]
    usable_cands = [c for c in cands if not c.forecast and not c.completion  # a bare "2.0" is no count of a thing
                    and (c.m.q.unit or not targets or not targets[0].m.q.unit)]
    if not pairs and len(targets) == 1 and len(usable_cands) == 1 and targets[0].m.q.kind in ("count", "level") \
            and _compatible(targets[0], usable_cands[0]) >= 0.9 \
            and _plausible(targets[0], usable_cands[0]):  # one thing set, one figure reported: "已完成1个" of "2个…"
        return [(targets[0], usable_cands[0])]
    return [(targets[ti], cands[ci]) for ti, ci in sorted(pairs.items())]
