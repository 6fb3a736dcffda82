"""Owns progress-status rules: is a table row's target done, on track, behind, or unknown?

Deterministic. Target quantities come from the task text and progress quantities from the progress text
(rag/quantities.py); each target is paired with the progress number of a compatible kind and unit whose
nearby words share the target's indicator. Growth and rate targets are compared directly (the 确保 floor,
the 力争 goal); amounts against the share of the year elapsed — the period the progress text names itself
(1-8月, 半年度, 截至9月底), else the document's. Without comparable numbers, completion / delay words decide.
Word lists live in rag/data/status.json; no per-row cases, so it works on reports it has never seen."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import cast

from .domain import Quantity, Row, Status, StatusLabel
from .quantities import Mention, canonical_unit, lexicon, mentions, to_halfwidth

__all__ = ["assess", "assess_all", "elapsed_fraction", "is_status_question", "status_filter"]

TOLERANCE = 0.98  # an amount is on track from 98% of its time-proportional share (rounding slack only)
MIN_SCORE = 0.3  # indicator overlap needed to pair a progress number with a target
_SENT = re.compile(r"[。；;！？!?\n]|(?:^|\s)\d{1,2}[.、](?!\d)")
_CLAUSE = "，,。；;：:！？!?\n"
_WORD = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]")
_ORDER = {"done": 0, "on_track": 1, "behind": 2}


@dataclass(frozen=True)
class _Target:
    m: Mention
    floor: Quantity | None  # the 确保 value when m is the 力争 goal
    direction: str  # "min": reach at least; "max": stay at most (以下/控制在)
    indicator: str  # the task's words for what is counted
    completion: bool  # "完成路基80%": a share of the work, pro-rated like an amount


@dataclass(frozen=True)
class _Cand:
    m: Mention
    window: str  # words since the previous number, plus a few after this one
    far: str  # the sentence before it: "增加值1998.5亿元，同比增长11.9%"
    period: float | None  # the progress text's own period for this number
    period_text: str
    forecast: bool  # 预计/申报/推荐, or items only at the 审查/立项 stage: never "done"
    completion: bool  # "完成年度计划91.7%", "完成率67%"
    total: bool  # 共计/合计: sums the numbers before it


@dataclass(frozen=True)
class _Verdict:
    status: str
    reason: str
    target: Quantity | None
    progress: Quantity
    elapsed: float
    comparison: str


# ---------------------------------------------------------------- periods and words


@lru_cache(maxsize=1)
def _period_rx() -> list[tuple[re.Pattern[str], float | None, int]]:
    return [(re.compile(p["pattern"]), p.get("fraction"), int(p.get("month_group", 0))) for p in lexicon()["period_patterns"]]


def _periods(text: str) -> list[tuple[int, int, float]]:
    """(start, end, share of the year) of every period phrase in the text, in order."""
    out = [(m.start(), m.end(), float(frac if frac is not None else min(int(m[g]), 12) / 12))
           for rx, frac, g in _period_rx() for m in rx.finditer(text)]
    return sorted(out)


def elapsed_fraction(period: str) -> float:
    """Share of the year a period covers: H1/半年 0.5, Q1 0.25, Q3/三季度 0.75, 1-8月 8/12, full year/全年 1.0;
    the first period phrase wins; 1.0 when none is named."""
    found = _periods(to_halfwidth(period or ""))
    return found[0][2] if found else 1.0


def _bigrams(text: str) -> set[str]:
    for w in sorted(lexicon()["indicator_stopwords"], key=len, reverse=True):
        text = text.replace(w, " ")
    s = "".join(c if _WORD.match(c) else " " for c in text)
    return {s[i : i + 2] for i in range(len(s) - 1) if " " not in s[i : i + 2]}


def _overlap(target: str, window: str) -> float:
    """Share of the target's indicator words found in the window: mean of word-pair and character overlap."""
    t, w = _bigrams(target), _bigrams(window)
    if not t:
        return 0.0
    chars, wchars = {c for b in t for c in b}, {c for b in w for c in b}
    return 0.5 * len(t & w) / len(t) + 0.5 * len(chars & wchars) / len(chars)


def _any(text: str, key: str) -> bool:
    """Does the text contain any word of the data file's list `key`?"""
    return any(w in text for w in lexicon()[key])


def _clause_start(text: str, pos: int, floor: int = 0) -> int:
    """Where the clause holding `pos` begins (not before `floor`)."""
    return max([text.rfind(c, floor, pos) for c in _CLAUSE] + [floor - 1]) + 1


def _has(text: str, words: Iterable[str]) -> str:
    """The longest listed word present and not negated (未/没有/不 before it), else ""."""
    for w in sorted(words, key=len, reverse=True):
        for m in re.finditer(re.escape(w), text):
            if not text[max(0, m.start() - 2) : m.start()].endswith(tuple(lexicon()["negations"])):
                return w
    return ""


# ---------------------------------------------------------------- targets and progress numbers


def _usable(m: Mention) -> bool:
    """Written with digits, not a rank, not a threshold such as "10亿元以上项目"."""
    return m.q.kind != "rank" and not m.qualifier and any(ch.isdigit() for ch in m.q.raw)


def _targets(task: str) -> list[_Target]:
    """Quantities the task sets, each with its indicator words, 确保 floor, direction and kind of share."""
    lx = lexicon()
    marks, t = lx["target_markers"], to_halfwidth(task)
    ms = [m for m in mentions(t) if _usable(m) and m.q.unit and m.q.unit not in lx["time_units"]]
    out: list[_Target] = []
    for i, m in enumerate(ms):
        ctx = t[_clause_start(t, m.start, ms[i - 1].end if i else 0) : m.start]
        last = out[-1] if out else None
        if last and last.floor is None and any(w in ctx[-4:] for w in marks["low"]) \
                and canonical_unit(last.m.q.unit) == canonical_unit(m.q.unit):
            out[-1] = replace(last, floor=m.q)  # "力争6%（确保5.5%）"
            continue
        clause_end = min([j for j in (t.find(c, m.end) for c in _CLAUSE) if j >= 0] + [len(t)])
        after = re.split("[、和及与]", t[m.end : min([clause_end] + [o.start for o in ms[i + 1 :]])])[0]
        upper = m.bound == "max" or any(w in t[max(0, m.start - 4) : m.start] for w in marks["max_before"])
        direction = "max" if upper or m.q.value == 0 or (m.q.kind == "growth" and m.q.value < 0) else "min"
        completion = m.q.kind == "ratio" and _any(ctx, "completion_target_words") and not _any(ctx, "rate_words")
        indicator = ctx + " " + after if _bigrams(ctx) or not last else last.indicator
        out.append(_Target(m, None, direction, indicator, completion))
    return _respectively(t, out)


def _respectively(t: str, targets: list[_Target]) -> list[_Target]:
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


def _candidates(progress: str) -> list[_Cand]:
    """Quantities the progress text reports, each with the words around it and the period it names."""
    lx = lexicon()
    t = to_halfwidth(progress)
    ms = [m for m in mentions(t) if _usable(m)]
    periods = _periods(t)
    out = []
    for i, m in enumerate(ms):
        sent = max([x.end() for x in _SENT.finditer(t, 0, m.start)] + [0])
        clause = t[_clause_start(t, m.start, sent) : m.start]
        if re.match(r"\s*[:：]", t[m.end :]) or (_any(clause[-8:], "restated_target_words")
                                                 and not _any(clause[-8:], "claim_words")):
            continue  # a restated target ("打通断头路任务3条：已完工2条"), not progress
        total = any(t[max(sent, m.start - 4) : m.start].endswith(w) for w in lx["total_words"])
        start = max([t.rfind(ch, sent, m.start) for ch in _CLAUSE if ch not in ":："] + [sent - 1]) + 1
        near = max(sent, m.start - 40) if total else max(start, ms[i - 1].end if i else 0, m.start - 24)
        nxt = ms[i + 1].start if i + 1 < len(ms) else len(t)
        window = t[near : m.start] + " " + re.split(f"[{_CLAUSE}、和及与]", t[m.end : min(nxt, m.end + 12)])[0]
        prior = [p for p in periods if p[1] <= m.start and p[0] >= sent]
        rest = re.split(f"[{_CLAUSE}]", t[m.end :])[0]  # "10个…的联席会议审查": items at an earlier stage
        forecast = _any(clause, "forecast_words") or _any(rest, "stage_words")
        completion = m.q.unit == "%" and m.q.kind == "ratio" and _any(clause, "completion_progress_words")
        out.append(_Cand(m, window, t[max(sent, m.start - 40) : m.start], prior[-1][2] if prior else None,
                         t[prior[-1][0] : prior[-1][1]] if prior else "", forecast, completion, total))
    return out


def _compatible(tg: _Target, c: _Cand) -> float:
    """1.0 same unit, 0.9 related units (家/户), 0.7 another count unit or a bare count, 0 incompatible."""
    tq, pq = tg.m.q, c.m.q
    if tq.kind in ("growth", "ratio"):
        return 1.0 if pq.kind == tq.kind and pq.unit == tq.unit else 0.0
    tu, pu = canonical_unit(tq.unit), canonical_unit(pq.unit)
    if pq.kind != tq.kind:
        return 0.0
    if tu == pu:
        return 1.0
    if any(tu in g and pu in g for g in lexicon()["unit_groups"]):
        return 0.9
    return 0.7 if tq.kind == "count" else 0.0


def _head_ok(tg: _Target, c: _Cand) -> bool:
    """Rates and growth all wear %: the indicator's last character (强度, 比重, 率) must appear near the number."""
    if tg.m.q.kind not in ("growth", "ratio"):
        return True
    lx = lexicon()
    ind = tg.indicator.split(" ")[0]
    for w in sorted(lx["growth_words"] + lx["indicator_stopwords"] + lx["head_strip"], key=len, reverse=True):
        ind = ind.replace(w, " ")
    chars = [ch for ch in ind if _WORD.match(ch)]
    return not chars or chars[-1] in c.window + c.far


def _plausible(tg: _Target, c: _Cand) -> bool:
    if tg.m.q.kind in ("growth", "ratio") or not tg.m.q.value:
        return True
    return 0.01 <= abs(c.m.q.value) / abs(tg.m.q.value) <= 50


def _pairs(targets: list[_Target], cands: list[_Cand]) -> list[tuple[_Target, _Cand]]:
    """One progress number per target and vice versa, best indicator overlap first; then a target whose unit
    no other target uses takes the first unused number of exactly that unit (if within 0.05-10x of it)."""
    scored = []
    for ti, tg in enumerate(targets):
        for ci, c in enumerate(cands):
            comp = _compatible(tg, c)
            if comp == 0.0 or not _head_ok(tg, c):
                continue
            head = tg.indicator.split(" ")[0]
            score = max(_overlap(tg.indicator, c.window), 0.9 * _overlap(head[-6:], c.window))  # "推动企业增设碳账户"
            if tg.m.q.kind in ("growth", "ratio"):
                score = max(score, 0.8 * _overlap(tg.indicator, c.far))
            score = score * comp + (0.05 if c.total else 0.0) - (0.1 if c.forecast else 0.0)
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
    return [(targets[ti], cands[ci]) for ti, ci in sorted(pairs.items())]


# ---------------------------------------------------------------- comparing


def _pct(x: float) -> str:
    return f"{x * 100:.0f}%"


def _name(tg: _Target) -> str:
    """The indicator in the task's own words, for reasons: "地区生产总值增长力争" -> "地区生产总值"."""
    lx = lexicon()
    core = re.sub(r"[（(“”\"《》、，,\s]", "", tg.indicator.split(" ")[0])
    tails = sorted(lx["growth_words"] + lx["head_strip"] + lx["target_markers"]["high"], key=len, reverse=True)
    while (w := next((x for x in tails if core.endswith(x)), "")) and len(core) > len(w):
        core = core[: -len(w)]
    return re.sub("^(?:" + "|".join(map(re.escape, lx["name_prefix_strip"])) + ")+", "", core)[-16:]


def _compare(tg: _Target, c: _Cand, doc_elapsed: float) -> _Verdict:
    tq, pq, floor = tg.m.q, c.m.q, tg.floor
    elapsed = c.period if c.period is not None else doc_elapsed
    value = (("增长" if pq.value >= 0 else "下降") + pq.raw.lstrip("-")) if pq.kind == "growth" else pq.raw
    said = f"{c.period_text}{_name(tg)}{value}"
    met = "done" if elapsed >= 1 else "on_track"

    def v(status: str, reason: str, target: Quantity, comparison: str) -> _Verdict:
        if c.forecast and status == "done":
            status, reason = "on_track", f"{reason}（为预计、申报或阶段性数字）"
        return _Verdict(status, reason, target, pq, elapsed, comparison)

    if tg.direction == "max":
        ok = pq.value <= tq.value
        return v(met if ok else "behind", f"{said}，{'未超过' if ok else '高于'}目标上限{tq.raw}", tq,
                 f"{pq.raw} {'≤' if ok else '>'} {tq.raw}")
    if tq.kind in ("growth", "ratio") and not tg.completion:  # rates are not pro-rated
        if floor is not None and pq.value < floor.value:
            return v("behind", f"{said}，低于确保目标{floor.raw}（力争{tq.raw}）", floor, f"{pq.raw} < {floor.raw}")
        if floor is not None and pq.value < tq.value:
            return v(met, f"{said}，达到确保目标{floor.raw}，低于力争目标{tq.raw}", floor,
                     f"{floor.raw} ≤ {pq.raw} < {tq.raw}")
        if pq.value < tq.value:
            return v("behind", f"{said}，低于目标{tq.raw}", tq, f"{pq.raw} < {tq.raw}")
        goal = f"力争目标{tq.raw}（确保{floor.raw}）" if floor is not None else f"目标{tq.raw}"
        return v(met, f"{said}，达到{goal}", tq, f"{pq.raw} ≥ {tq.raw}")
    base = floor if floor is not None and pq.value < tq.value else tq  # amounts: the 确保 floor is the bar
    frac = pq.value / base.value if base.value else 0.0
    comparison = f"{pq.raw} / {base.raw} = {_pct(frac)}，时间进度{_pct(elapsed)}"
    goal = f"{'确保目标' if base is floor else '目标'}{base.raw}"
    if frac >= 0.995:
        return v("done", f"{said}，已达到{goal}", base, comparison)
    if elapsed < 1 and frac >= TOLERANCE * elapsed:
        return v("on_track", f"{said}，为{goal}的{_pct(frac)}，不低于时间进度{_pct(elapsed)}", base, comparison)
    tail = "全年目标未完成" if elapsed >= 1 else f"低于时间进度{_pct(elapsed)}"
    return v("behind", f"{said}，为{goal}的{_pct(frac)}，{tail}", base, comparison)


def _completion_verdict(c: _Cand, doc_elapsed: float) -> _Verdict:
    """"完成年度任务71.1%" with no target number: the share done against the share of the year gone."""
    elapsed, q = c.period if c.period is not None else doc_elapsed, c.m.q
    cmp = f"{q.raw} vs 时间进度{_pct(elapsed)}"
    if q.value >= 99.5:
        return _Verdict("done", f"进展称完成{q.raw}", None, q, elapsed, cmp)
    if elapsed < 1 and q.value / 100 >= TOLERANCE * elapsed:
        return _Verdict("on_track", f"完成{q.raw}，不低于时间进度{_pct(elapsed)}", None, q, elapsed, cmp)
    return _Verdict("behind", f"仅完成{q.raw}，低于时间进度{_pct(elapsed)}", None, q, elapsed, cmp)


def _direction_only(row: Row, cands: list[_Cand], elapsed: float) -> list[_Verdict]:
    """"确保发案、案损持续下降": a decrease without a number; every matching growth figure must fall."""
    out = []
    for c in cands:
        if c.m.q.kind == "growth" and c.m.q.unit == "%" and _overlap(row.task, c.window) > 0:
            ok, q = c.m.q.value < 0, c.m.q
            status = ("done" if elapsed >= 1 else "on_track") if ok else "behind"
            out.append(_Verdict(status, f"目标要求下降，实际{'下降' if ok else '上升'}{abs(q.value):g}%", None, q, elapsed,
                                f"{q.value:g}% {'<' if ok else '≥'} 0"))
    return out


# ---------------------------------------------------------------- words


def _by_words(row: Row, text: str, elapsed: float, has_targets: bool) -> tuple[str, str]:
    lx = lexicon()
    if not re.sub(r"[\s—\-。.]+", "", text):
        return "unknown", "进展情况为空，无法判断"
    delay = _has(text, lx["delay_words"])
    if not delay and not _has(row.task, lx["decrease_task_words"]):  # "同比下降9.8%" against a growth task
        delay = next((w for w in lx["weak_delay_words"] if re.search(re.escape(w) + r"\D{0,2}\d", text)), "")
    if delay:
        return "behind", f"进展中有“{delay}”等滞后表述"
    nodata = _has(text, lx["no_data_words"])
    if nodata:
        return "unknown", f"进展说明“{nodata}”，暂无可比数据"
    done, partial = _has(text, lx["completion_words"]), _has(text, lx["partial_words"])
    if elapsed >= 1:  # the year is over: unfinished work is late, the rest is done
        unfinished = _has(text, lx["unfinished_words"])
        if unfinished:
            return ("on_track", f"全年已过，进展称“{done}”但仍“{unfinished}”") if done else \
                ("behind", f"全年已过，进展仍称“{unfinished}”")
        if done or not has_targets:
            return "done", f"全年进展称“{done}”" if done else "全年工作已按任务落实，未见滞后表述"
    if has_targets:
        return "unknown", "目标有量化指标，但进展未报告可比数据"
    if done and not partial:
        return "done", f"进展称“{done}”"
    if len(re.sub(r"\W", "", text)) >= 6:
        return "on_track", f"进展称“{done}”，但仍有“{partial}”等未完事项" if done else "有具体推进举措，未见滞后表述"
    return "unknown", "进展描述过简，无法判断"


def _uncovered(task: str, progress: str) -> str:
    """Why numbers that are all met do not finish the row: a deliverable ("投用金沙湖大剧院") the progress text
    does not mention, or work it still calls in progress; "" when none."""
    lx = lexicon()
    for clause in re.split(f"[{_CLAUSE}]", to_halfwidth(task)):
        clause = clause.strip()
        if clause.startswith(tuple(lx["deliverable_verbs"])) and not any(_usable(m) for m in mentions(clause)) \
                and _overlap(clause, progress) < 0.3:
            return f"“{clause}”尚未见完成"
    partial = _has(progress, lx["partial_words"])
    return f"进展仍称“{partial}”" if partial and not _has(progress, lx["completion_words"]) else ""


# ---------------------------------------------------------------- public API


def assess(row: Row, elapsed: float | None = None) -> Status:
    """Status of one progress row by the rules above; `elapsed` overrides the document's period."""
    lx = lexicon()
    doc_elapsed = elapsed if elapsed is not None else elapsed_fraction(row.period)
    progress = to_halfwidth(row.progress_normalized or row.progress)
    targets, cands = _targets(row.task), _candidates(progress)
    verdicts = [_compare(tg, c, doc_elapsed) for tg, c in _pairs(targets, cands)]
    if not verdicts and not _has(progress, lx["no_data_words"]):
        verdicts = [_completion_verdict(c, doc_elapsed) for c in cands if c.completion and not c.forecast
                    and (len(progress) <= 100 or _any(c.window, "annual_words"))]
    if not verdicts and not targets and _has(row.task, lx["decrease_task_words"]):
        verdicts = _direction_only(row, cands, doc_elapsed)
    if verdicts:
        worst = max(verdicts, key=lambda x: _ORDER[x.status])
        status, reason = worst.status, worst.reason + (f"（共比对{len(verdicts)}项指标）" if len(verdicts) > 1 else "")
        gap = _uncovered(row.task, progress) if status == "done" and worst.elapsed < 1 else ""
        if gap:
            status, reason = "on_track", f"{reason}；但{gap}"
        return Status(row, cast(StatusLabel, status), reason, worst.target, worst.progress, worst.elapsed, worst.comparison)
    # one thing to build or win ("培育基金会1家") is judged by words, like a task without numbers
    has_targets = any(t.m.q.value != 1 for t in targets) or any(m.q.kind == "rank" for m in mentions(row.task))
    status, reason = _by_words(row, progress, doc_elapsed, has_targets)
    return Status(row, cast(StatusLabel, status), reason, None, None, doc_elapsed, "")


def assess_all(rows: Iterable[Row]) -> list[Status]:
    """Statuses of every progress-table row (prose paragraphs are skipped), each against its document's period."""
    return [assess(r) for r in rows if r.kind == "progress_row"]


def is_status_question(q: str) -> bool:
    """Does the question ask about completion or progress (哪些目标滞后, 完成了吗, 跟得上吗, 完成情况如何…)?"""
    words, text = lexicon()["status_question"], q.lower()
    return any(w in text for key in ("any", "behind", "done") for w in words[key])


def status_filter(q: str) -> str | None:
    """'behind' | 'done' | 'on_track' | 'unknown' when the question asks for one status (哪些滞后), else None."""
    words, text = lexicon()["status_question"], q.lower()
    return next((key for key in ("behind", "done", "on_track", "unknown") if any(w in text for w in words[key])), None)
