"""Owns progress-status rules: is a table row's target done, on track, behind, or unknown?

Deterministic. Target quantities come from the task text and progress quantities from the progress
text (rag/quantities.py); each target is matched to the progress number of a compatible kind and
unit whose surrounding words share the target's indicator. Growth and rate targets are compared
directly (the 确保 floor and the 力争 goal); amounts are compared with the share of the year elapsed
(the period the progress text names itself — 1-8月, 半年度, 截至9月底 — else the document's). With
no comparable numbers, completion / delay words decide. Word lists live in rag/data/status.json;
there are no per-row cases, so it works on reports it has never seen."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from .domain import Quantity, Row, Status
from .quantities import Mention, canonical_unit, lexicon, mentions, to_halfwidth

__all__ = ["assess", "assess_all", "elapsed_fraction", "is_status_question", "status_filter"]

TOLERANCE = 0.98  # amounts are on track from 98% of the time-proportional share (rounding slack)
MIN_SCORE = 0.3  # indicator overlap needed to pair a progress number with a target
_SENT = re.compile(r"[。；;！？!?\n]|(?:^|\s)\d{1,2}[.、](?!\d)")
_CLAUSE = "，,。；;：:！？!?\n"
_CJK = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]")
_ORDER = {"done": 0, "on_track": 1, "behind": 2}


@dataclass(frozen=True)
class _Target:
    m: Mention
    floor: Quantity | None  # 确保 value when m is the 力争 goal
    direction: str  # "min": reach at least; "max": stay at most
    indicator: str
    completion: bool  # "完成路基80%": a share of the work, pro-rated like an amount


@dataclass(frozen=True)
class _Cand:
    m: Mention
    window: str  # words between the previous number and this one, plus a few after it
    far: str  # the sentence before it, for growth figures that follow an amount
    period: float | None
    period_text: str
    forecast: bool  # 预计/申报/推荐, or items only at 审查/立项 stage: not an achievement
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


# ---------------------------------------------------------------- periods


@lru_cache(maxsize=1)
def _period_rx() -> list[tuple[re.Pattern[str], float | None, int]]:
    return [(re.compile(p["pattern"]), p.get("fraction"), int(p.get("month_group", 0)))
            for p in lexicon()["period_patterns"]]


def _periods(text: str) -> list[tuple[int, int, float]]:
    """(start, end, fraction) of every period phrase in the text."""
    out = []
    for rx, frac, group in _period_rx():
        for m in rx.finditer(text):
            value = frac if frac is not None else min(int(m[group]), 12) / 12
            out.append((m.start(), m.end(), float(value)))
    return sorted(out)


def elapsed_fraction(period: str) -> float:
    """Share of the year a period covers: H1/半年 0.5, Q1 0.25, Q3/三季度 0.75, 1-8月 8/12, full year/全年 1.0;
    the first period phrase wins; 1.0 when none is named."""
    found = _periods(to_halfwidth(period or ""))
    return found[0][2] if found else 1.0


# ---------------------------------------------------------------- indicator words


def _bigrams(text: str) -> set[str]:
    for w in sorted(lexicon()["indicator_stopwords"], key=len, reverse=True):
        text = text.replace(w, " ")
    chars = [c if _CJK.match(c) else " " for c in text]
    s = "".join(chars)
    return {s[i : i + 2] for i in range(len(s) - 1) if " " not in s[i : i + 2]}


def _overlap(target: str, window: str) -> float:
    """Share of the target's indicator found near the progress number: mean of word-pair and character overlap."""
    t = _bigrams(target)
    if not t:
        return 0.0
    chars = {c for b in t for c in b}
    wchars = {c for b in _bigrams(window) for c in b}
    return 0.5 * len(t & _bigrams(window)) / len(t) + 0.5 * len(chars & wchars) / len(chars)


def _clause_start(text: str, pos: int, floor: int = 0) -> int:
    cut = max([text.rfind(c, floor, pos) for c in _CLAUSE] + [floor - 1])
    return cut + 1


# ---------------------------------------------------------------- targets and candidates


def _usable(m: Mention) -> bool:
    """Written with digits, not a rank, not a threshold such as "10亿元以上项目"."""
    return m.q.kind != "rank" and not m.qualifier and any(ch.isdigit() for ch in m.q.raw)


def _targets(task: str) -> list[_Target]:
    lx = lexicon()["target_markers"]
    t = to_halfwidth(task)
    ms = [m for m in mentions(t) if _usable(m) and m.q.unit and m.q.unit not in lexicon()["time_units"]]
    out: list[_Target] = []
    for i, m in enumerate(ms):
        prev_end = ms[i - 1].end if i else 0
        ctx = t[_clause_start(t, m.start, prev_end) : m.start]
        clause_end = min([j for j in (t.find(c, m.end) for c in _CLAUSE) if j >= 0] + [len(t)])
        after = re.split("[、和及与]", t[m.end : min([clause_end] + [o.start for o in ms[i + 1 :]])])[0]
        if any(w in ctx[-4:] for w in lx["low"]) and out and out[-1].floor is None \
                and canonical_unit(out[-1].m.q.unit) == canonical_unit(m.q.unit):
            last = out[-1]
            out[-1] = _Target(last.m, m.q, last.direction, last.indicator, last.completion)
            continue
        before = t[max(0, m.start - 4) : m.start]
        direction = "max" if m.bound == "max" or any(w in before for w in lx["max_before"]) else "min"
        if m.q.kind == "growth" and m.q.value < 0:
            direction = "max"
        completion = m.q.kind == "ratio" and bool(re.search("完成|工程量|进度", ctx)) and not re.search("率|比重|占比|比例", ctx)
        indicator = ctx + " " + after if _bigrams(ctx) or not out else out[-1].indicator
        out.append(_Target(m, None, direction, indicator, completion))
    return _respectively(t, out)


def _respectively(t: str, targets: list[_Target]) -> list[_Target]:
    """"电子信息制造、软件业营收分别达到650亿元、75亿元": the k-th listed item is the k-th target's indicator."""
    out = list(targets)
    for i, tg in enumerate(targets):
        head = tg.indicator.split(" ")[0]
        if "分别" not in head:
            continue
        items = [x for x in head.split("分别")[0].split("、") if x.strip()]
        run = [i]
        while run[-1] + 1 < len(targets) and re.fullmatch(r"\s*[、和及与]\s*", t[targets[run[-1]].m.end : targets[run[-1] + 1].m.start]):
            run.append(run[-1] + 1)
        if len(items) == len(run) > 1:
            for k, j in enumerate(run):
                x = targets[j]
                out[j] = _Target(x.m, x.floor, x.direction, items[k], x.completion)
    return out


def _candidates(progress: str) -> list[_Cand]:
    lx = lexicon()
    t = to_halfwidth(progress)
    ms = [m for m in mentions(t) if _usable(m)]
    periods = _periods(t)
    out = []
    for i, m in enumerate(ms):
        sent = max([x.end() for x in _SENT.finditer(t, 0, m.start)] + [0])
        clause = t[_clause_start(t, m.start, sent) : m.start]
        if re.match(r"\s*[:：]", t[m.end :]) or (
            any(w in clause[-8:] for w in lx["restated_target_words"]) and not re.search("完成|达到|实现|占", clause[-8:])
        ):
            continue  # a restated target ("打通断头路任务3条：已完工2条"), not progress
        nxt = ms[i + 1].start if i + 1 < len(ms) else len(t)
        after = re.split(f"[{_CLAUSE}、和及与]", t[m.end : min(nxt, m.end + 12)])[0]
        near_start = max(sent, ms[i - 1].end if i else 0, m.start - 24)
        total = any(t[max(sent, m.start - 4) : m.start].endswith(w) for w in lx["total_words"])
        if total:
            near_start = max(sent, m.start - 40)
        window = t[near_start : m.start] + " " + after
        far = t[max(sent, m.start - 40) : m.start]
        prior = [p for p in periods if p[1] <= m.start and p[0] >= sent]
        period = prior[-1][2] if prior else None
        ptext = t[prior[-1][0] : prior[-1][1]] if prior else ""
        rest = re.split(f"[{_CLAUSE}]", t[m.end :])[0]  # "10个…的联席会议审查": items at an earlier stage
        forecast = any(w in clause for w in lx["forecast_words"]) or any(w in rest for w in lx["stage_words"])
        completion = m.q.kind == "ratio" and m.q.unit == "%" and bool(re.search("完成|进度|工程量|计划|目标|任务|指标", clause))
        out.append(_Cand(m, window, far, period, ptext, forecast, completion, total))
    return out


def _compatible(tg: _Target, c: _Cand) -> float:
    """1.0 same unit, 0.9 related units, 0.7 other count units or a bare count, 0 incompatible."""
    tq, pq = tg.m.q, c.m.q
    if tq.kind in ("growth", "ratio"):
        return 1.0 if pq.kind == tq.kind and pq.unit == tq.unit else 0.0
    tu, pu = canonical_unit(tq.unit), canonical_unit(pq.unit)
    if tq.kind == "count" and not pu and pq.kind == "count":
        return 0.7
    if pq.kind != tq.kind:
        return 0.0
    if tu == pu:
        return 1.0
    if any(tu in g and pu in g for g in lexicon()["unit_groups"]):
        return 0.9
    return 0.7 if tq.kind == "count" else 0.0


def _head_ok(tg: _Target, c: _Cand) -> bool:
    """Rates and growth share the % sign: the indicator's last word must appear near the number."""
    if tg.m.q.kind not in ("growth", "ratio"):
        return True
    lx = lexicon()
    ind = tg.indicator.split(" ")[0]
    for w in sorted(lx["growth_words"] + lx["indicator_stopwords"] + lx["head_strip"], key=len, reverse=True):
        ind = ind.replace(w, " ")
    chars = [ch for ch in ind if _CJK.match(ch)]
    return not chars or chars[-1] in c.window + c.far


def _pairs(targets: list[_Target], cands: list[_Cand]) -> list[tuple[_Target, _Cand]]:
    """One progress number per target and vice versa: best indicator overlap first; then a target whose
    unit no other target uses takes the first unused number of exactly that unit."""
    scored = []
    for ti, tg in enumerate(targets):
        for ci, c in enumerate(cands):
            comp = _compatible(tg, c)
            if comp == 0.0 or not _head_ok(tg, c):
                continue
            score = _overlap(tg.indicator, c.window)
            if tg.m.q.kind in ("growth", "ratio"):  # "增加值1998.5亿元，同比增长11.9%": the subject is further back
                score = max(score, 0.8 * _overlap(tg.indicator, c.far))
            score = score * comp + (0.05 if c.total else 0.0) - (0.1 if c.forecast else 0.0)
            focus = _overlap(c.window, tg.indicator)  # ties: the number whose own words are about the target
            scored.append((score, focus, comp, -ci, ti, ci))
    scored.sort(reverse=True)
    used_t: dict[int, int] = {}
    used_c: set[int] = set()
    for score, _, _, _, ti, ci in scored:
        if score >= MIN_SCORE and ti not in used_t and ci not in used_c and _plausible(targets[ti], cands[ci]):
            used_t[ti] = ci
            used_c.add(ci)
    for ti, tg in enumerate(targets):
        unit = canonical_unit(tg.m.q.unit)
        if ti in used_t or unit in ("个", "") or sum(canonical_unit(x.m.q.unit) == unit for x in targets) > 1:
            continue
        same = [ci for _, _, comp, _, tj, ci in sorted(scored, key=lambda x: x[3], reverse=True)
                if tj == ti and comp == 1.0 and ci not in used_c and not cands[ci].forecast]
        if same and _plausible(tg, cands[same[0]]):
            used_t[ti] = same[0]
            used_c.add(same[0])
    return [(targets[ti], cands[ci]) for ti, ci in sorted(used_t.items())]


def _plausible(tg: _Target, c: _Cand) -> bool:
    if tg.m.q.kind in ("growth", "ratio") or not tg.m.q.value:
        return True
    return 0.01 <= abs(c.m.q.value) / abs(tg.m.q.value) <= 50


# ---------------------------------------------------------------- comparing


def _pct(x: float) -> str:
    return f"{x * 100:.0f}%"


def _name(tg: _Target) -> str:
    """The indicator's own words for reasons: "地区生产总值增长力争" -> "地区生产总值"."""
    lx = lexicon()
    core = re.sub(r"[（(“”\"《》、，,\s]", "", tg.indicator.split(" ")[0])
    for w in sorted(lx["growth_words"] + lx["head_strip"] + lx["target_markers"]["high"], key=len, reverse=True):
        if core.endswith(w):
            core = core[: -len(w)]
    for w in sorted(lx["growth_words"] + lx["head_strip"] + lx["target_markers"]["high"], key=len, reverse=True):
        if core.endswith(w):
            core = core[: -len(w)]
    core = re.sub("^(?:" + "|".join(map(re.escape, lx["name_prefix_strip"])) + ")+", "", core)
    return core[-16:]


def _said(tg: _Target, c: _Cand) -> str:
    q = c.m.q
    value = (("增长" if q.value >= 0 else "下降") + q.raw.lstrip("-")) if q.kind == "growth" else q.raw
    return f"{c.period_text}{_name(tg)}{value}"


def _compare(tg: _Target, c: _Cand, doc_elapsed: float) -> _Verdict:
    v = _compare_values(tg, c, doc_elapsed)
    if c.forecast and v.status == "done":  # an application or forecast is not an achievement
        return _Verdict("on_track", f"{v.reason}（为预计、申报或阶段性数字）", v.target, v.progress, v.elapsed, v.comparison)
    return v


def _compare_values(tg: _Target, c: _Cand, doc_elapsed: float) -> _Verdict:
    tq, pq, floor = tg.m.q, c.m.q, tg.floor
    elapsed = c.period if c.period is not None else doc_elapsed
    said = _said(tg, c)
    met = "done" if elapsed >= 1 else "on_track"
    if tg.direction == "max":
        ok = pq.value <= tq.value
        return _Verdict(met if ok else "behind", f"{said}，{'未超过' if ok else '高于'}目标上限{tq.raw}", tq, pq, elapsed,
                        f"{pq.raw} {'≤' if ok else '>'} {tq.raw}")
    if tq.kind in ("growth", "ratio") and not tg.completion:  # rates are not pro-rated
        if floor is not None and pq.value < floor.value:
            return _Verdict("behind", f"{said}，低于确保目标{floor.raw}（力争{tq.raw}）", floor, pq, elapsed,
                            f"{pq.raw} < {floor.raw}")
        if pq.value < tq.value and floor is not None:
            return _Verdict(met, f"{said}，达到确保目标{floor.raw}，低于力争目标{tq.raw}", floor, pq, elapsed,
                            f"{floor.raw} ≤ {pq.raw} < {tq.raw}")
        if pq.value < tq.value:
            return _Verdict("behind", f"{said}，低于目标{tq.raw}", tq, pq, elapsed, f"{pq.raw} < {tq.raw}")
        goal = f"力争目标{tq.raw}（确保{floor.raw}）" if floor is not None else f"目标{tq.raw}"
        return _Verdict(met, f"{said}，达到{goal}", tq, pq, elapsed, f"{pq.raw} ≥ {tq.raw}")
    base = floor if floor is not None and pq.value < tq.value else tq  # amounts: 确保 is the bar to clear
    frac = pq.value / base.value if base.value else 0.0
    comparison = f"{pq.raw} / {base.raw} = {_pct(frac)}，时间进度{_pct(elapsed)}"
    goal = "确保目标" if base is floor else "目标"
    if frac >= 0.995:
        return _Verdict("done", f"{said}，已达到{goal}{base.raw}", base, pq, elapsed, comparison)
    share = f"{said}，为{goal}{base.raw}的{_pct(frac)}"
    if elapsed < 1 and frac >= TOLERANCE * elapsed:
        return _Verdict("on_track", f"{share}，不低于时间进度{_pct(elapsed)}", base, pq, elapsed, comparison)
    tail = "全年目标未完成" if elapsed >= 1 else f"低于时间进度{_pct(elapsed)}"
    return _Verdict("behind", f"{share}，{tail}", base, pq, elapsed, comparison)


def _completion_verdict(c: _Cand, doc_elapsed: float) -> _Verdict:
    elapsed = c.period if c.period is not None else doc_elapsed
    frac = c.m.q.value / 100
    cmp = f"{c.m.q.raw} vs 时间进度{_pct(elapsed)}"
    if frac >= 0.995:
        return _Verdict("done", f"进展称完成{c.m.q.raw}", None, c.m.q, elapsed, cmp)
    if frac >= TOLERANCE * elapsed and elapsed < 1:
        return _Verdict("on_track", f"完成{c.m.q.raw}，不低于时间进度{_pct(elapsed)}", None, c.m.q, elapsed, cmp)
    return _Verdict("behind", f"仅完成{c.m.q.raw}，低于时间进度{_pct(elapsed)}", None, c.m.q, elapsed, cmp)


# ---------------------------------------------------------------- words


def _has(text: str, words: Iterable[str]) -> str:
    """The first (longest) listed word present and not negated (未/没有/不 before it)."""
    for w in sorted(words, key=len, reverse=True):
        for m in re.finditer(re.escape(w), text):
            if not re.search("(?:未|尚未|没有|不|无)$", text[max(0, m.start() - 2) : m.start()]):
                return w
    return ""


def _by_words(row: Row, text: str, elapsed: float, has_targets: bool) -> tuple[str, str]:
    lx = lexicon()
    body = re.sub(r"[\s—\-。.]+", "", text)
    if not body:
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
    if elapsed >= 1:
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
    if len(body) >= 6:
        return "on_track", f"进展称“{done}”，但仍有“{partial}”等未完事项" if done else "有具体推进举措，未见滞后表述"
    return "unknown", "进展描述过简，无法判断"


def _direction_only(row: Row, cands: list[_Cand], elapsed: float) -> list[_Verdict]:
    """"确保发案、案损持续下降": a decrease target without a number; every matching growth figure must fall."""
    if not _has(row.task, lexicon()["decrease_task_words"]):
        return []
    out = []
    for c in cands:
        if c.m.q.kind == "growth" and c.m.q.unit == "%" and _overlap(row.task, c.window) > 0:
            ok = c.m.q.value < 0
            word = "下降" if ok else "上升"
            status = ("done" if elapsed >= 1 else "on_track") if ok else "behind"
            out.append(_Verdict(status, f"目标要求下降，实际{word}{abs(c.m.q.value):g}%", None, c.m.q, elapsed,
                                f"{c.m.q.value:g}% {'<' if ok else '≥'} 0"))
    return out


def _uncovered(task: str, progress: str) -> str:
    """A deliverable in the task ("投用金沙湖大剧院") the progress text does not mention (else "")."""
    lx = lexicon()
    for clause in re.split(f"[{_CLAUSE}]", to_halfwidth(task)):
        if not clause.strip().startswith(tuple(lx["deliverable_verbs"])) or any(_usable(m) for m in mentions(clause)):
            continue
        if _overlap(clause, progress) < 0.3:
            return f"“{clause.strip()}”尚未见完成"
    partial = _has(progress, lx["partial_words"])
    if partial and not _has(progress, lx["completion_words"]):
        return f"进展仍称“{partial}”"
    return ""


# ---------------------------------------------------------------- public API


def assess(row: Row, elapsed: float | None = None) -> Status:
    """Status of one progress row by the rules above; `elapsed` overrides the document's period."""
    doc_elapsed = elapsed if elapsed is not None else elapsed_fraction(row.period)
    progress = to_halfwidth(row.progress_normalized or row.progress)
    targets = _targets(row.task)
    cands = _candidates(progress)
    verdicts = [_compare(tg, c, doc_elapsed) for tg, c in _pairs(targets, cands)]
    if not verdicts and not _has(progress, lexicon()["no_data_words"]):
        short = len(progress) <= 100
        verdicts = [_completion_verdict(c, doc_elapsed) for c in cands
                    if c.completion and not c.forecast and (short or re.search("年度|全年|计划|任务", c.window))]
    if not verdicts and not targets:
        verdicts = _direction_only(row, cands, doc_elapsed)
    if verdicts:
        worst = max(verdicts, key=lambda v: _ORDER[v.status])
        status, reason = worst.status, worst.reason
        if len(verdicts) > 1:
            reason += f"（共比对{len(verdicts)}项指标）"
        gap = _uncovered(row.task, progress) if status == "done" and worst.elapsed < 1 else ""
        if gap:
            status, reason = "on_track", f"{reason}；但{gap}"
        return Status(row, status, reason, worst.target, worst.progress, worst.elapsed, worst.comparison)  # type: ignore[arg-type]
    # one item to build or win ("培育基金会1家") is judged by words, like a task without numbers
    has_targets = any(t.m.q.value != 1 for t in targets) or any(m.q.kind == "rank" for m in mentions(row.task))
    status, reason = _by_words(row, progress, doc_elapsed, has_targets)
    return Status(row, status, reason, None, None, doc_elapsed, "")  # type: ignore[arg-type]


def assess_all(rows: Iterable[Row]) -> list[Status]:
    """Statuses of every progress-table row (prose paragraphs are skipped)."""
    return [assess(r) for r in rows if r.kind == "progress_row"]


def is_status_question(q: str) -> bool:
    """Does the question ask about completion / progress status (哪些目标滞后, 完成了吗, 跟得上吗…)?"""
    words = lexicon()["status_question"]
    text = q.lower()
    return any(w in text for key in ("any", "behind", "done") for w in words[key])


def status_filter(q: str) -> str | None:
    """'behind' | 'done' | 'on_track' | 'unknown' when the question asks for one status, else None."""
    words = lexicon()["status_question"]
    text = q.lower()
    for key in ("behind", "done", "on_track", "unknown"):
        if any(w in text for w in words[key]):
            return key
    return None
