"""Owns progress-status rules: is a table row's target done, on track, behind, or unknown?

Deterministic. Target quantities come from the task text and progress quantities from the progress text
(rag/quantities.py); each target is paired with the progress number of a compatible kind and unit whose
nearby words share the target's indicator (rag/status_match.py). Growth and rate targets are compared
directly (the 确保 floor, the 力争 goal); amounts against the share of the year elapsed — the period the
progress text names itself (1-8月, 半年度, 截至9月底), else the document's. Without comparable numbers,
completion / delay words decide. Word lists live in rag/data/status.json; no per-row cases, so it works on
reports it has never seen."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import cast

from rag.domain import STATUS_ZH, Quantity, Row, Status, StatusLabel
from rag.index.build import Index
from rag.lexicons import status_words
from rag.status.match import (
    CLAUSE,
    Candidate,
    Target,
    any_word,
    find_candidates,
    find_targets,
    has_word,
    overlap,
    pair_up,
    period_spans,
    usable,
)
from rag.status.quantities import mentions, to_halfwidth

__all__ = ["assess", "assess_all", "elapsed_fraction", "is_status_question", "left_out_note", "status_filter"]

TOLERANCE = 0.98  # an amount is on track from 98% of its time-proportional share (rounding slack only)
_ORDER = {"done": 0, "on_track": 1, "behind": 2}


@dataclass(frozen=True)
class _Verdict:
    status: str
    reason: str
    target: Quantity | None
    progress: Quantity
    elapsed: float
    comparison: str


def elapsed_fraction(period: str) -> float:
    """Share of the year a period covers: H1/半年 0.5, Q1 0.25, Q3/三季度 0.75, 1-8月 8/12, full year/全年 1.0;
    the first period phrase wins; 1.0 when none is named."""
    found = period_spans(to_halfwidth(period or ""))
    return found[0][2] if found else 1.0


# ---------------------------------------------------------------- comparing


def _pct(x: float) -> str:
    return f"{x * 100:.0f}%"


# Numbers the rules compute are written with their inputs and marked "系计算" (rag.ask.verify recomputes
# them from the cited row): "为目标10亿美元的89%（8.89÷10，系计算）".


def _operands(a: Quantity, b: Quantity) -> tuple[str, str]:
    """The written numbers of a and b: bare when both carry the same unit words ("8.89", "10"), else whole."""
    ra, rb = to_halfwidth(a.raw).lstrip("-"), to_halfwidth(b.raw).lstrip("-")
    da, db = re.match(r"[\d.,]+", ra), re.match(r"[\d.,]+", rb)
    if da and db and ra[da.end() :].strip() == rb[db.end() :].strip():
        ra, rb = da[0], db[0]
    return ("−" if a.value < 0 else "") + ra, ("−" if b.value < 0 else "") + rb


def _share(part: Quantity, whole: Quantity) -> str:
    x, y = _operands(part, whole)
    return f"{_pct(part.value / whole.value)}（{x}÷{y}，系计算）"


def _elapsed(elapsed: float) -> str:
    return f"时间进度{_pct(elapsed)}（{round(elapsed * 12)}个月÷12个月，系计算）"


def _gap(goal: Quantity, got: Quantity) -> str:
    """"，差4.8个百分点（8−3.2，系计算）" for rates in %; "" for other units."""
    if goal.unit != "%" or got.unit != "%":
        return ""
    x, y = _operands(goal, got)
    places = max(len(n.split(".")[1]) if "." in n else 0 for n in (x, y))
    return f"，差{goal.value - got.value:.{places}f}个百分点（{x}−{y.replace('−', '(−') + (')' if '−' in y else '')}，系计算）"


def _name(tg: Target, c: Candidate) -> str:
    """The indicator in the task's own words, for reasons: "地区生产总值增长力争" -> "地区生产总值"; of a list
    ("社会消费品零售总额、网络零售额均增长"), the item the progress number is about."""
    lx = status_words()
    head = tg.indicator.split(" ")[0]
    items = [x for x in head.split("、") if x.strip()] if any(w in head for w in ("均", "各")) else [head]
    core = max(items, key=lambda x: overlap(x, c.window + c.far)) if len(items) > 1 else head
    core = re.sub(r"[（(“”\"《》、，,\s]", "", core)
    tails = sorted(lx.growth_words + lx.head_strip + lx.target_markers.high + lx.list_adverbs,
                   key=len, reverse=True)
    while (w := next((x for x in tails if core.endswith(x)), "")) and len(core) > len(w):
        core = core[: -len(w)]
    return re.sub("^(?:" + "|".join(map(re.escape, lx.name_prefix_strip)) + ")+", "", core)[-16:]


def _compare(tg: Target, c: Candidate, doc_elapsed: float) -> _Verdict:
    tq, pq, floor = tg.m.q, c.m.q, tg.floor
    elapsed = c.period if c.period is not None else doc_elapsed
    value = (("增长" if pq.value >= 0 else "下降") + pq.raw.lstrip("-")) if pq.kind == "growth" else pq.raw
    said = f"{c.period_text}{_name(tg, c)}{value}"
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
            return v("behind", f"{said}，低于确保目标{floor.raw}（力争{tq.raw}）{_gap(floor, pq)}", floor,
                     f"{pq.raw} < {floor.raw}")
        if floor is not None and pq.value < tq.value:
            return v(met, f"{said}，达到确保目标{floor.raw}，低于力争目标{tq.raw}", floor,
                     f"{floor.raw} ≤ {pq.raw} < {tq.raw}")
        if pq.value < tq.value:
            return v("behind", f"{said}，低于目标{tq.raw}{_gap(tq, pq)}", tq, f"{pq.raw} < {tq.raw}")
        goal = f"力争目标{tq.raw}（确保{floor.raw}）" if floor is not None else f"目标{tq.raw}"
        return v(met, f"{said}，达到{goal}", tq, f"{pq.raw} ≥ {tq.raw}")
    base = floor if floor is not None and pq.value < tq.value else tq  # amounts: the 确保 floor is the bar
    frac = pq.value / base.value if base.value else 0.0
    comparison = f"{pq.raw} / {base.raw} = {_pct(frac)}，时间进度{_pct(elapsed)}"
    goal = f"{'确保目标' if base is floor else '目标'}{base.raw}"
    if frac >= 0.995:
        return v("done", f"{said}，已达到{goal}", base, comparison)
    if elapsed < 1 and frac >= TOLERANCE * elapsed:
        return v("on_track", f"{said}，为{goal}的{_share(pq, base)}，不低于{_elapsed(elapsed)}", base, comparison)
    tail = "全年目标未完成" if elapsed >= 1 else f"低于{_elapsed(elapsed)}"
    return v("behind", f"{said}，为{goal}的{_share(pq, base)}，{tail}", base, comparison)


def _completion_verdict(c: Candidate, doc_elapsed: float) -> _Verdict:
    """"完成年度任务71.1%" with no target number: the share done against the share of the year gone."""
    elapsed, q = c.period if c.period is not None else doc_elapsed, c.m.q
    cmp = f"{q.raw} vs 时间进度{_pct(elapsed)}"
    if q.value >= 99.5:
        return _Verdict("done", f"进展称完成{q.raw}", None, q, elapsed, cmp)
    if elapsed < 1 and q.value / 100 >= TOLERANCE * elapsed:
        return _Verdict("on_track", f"完成{q.raw}，不低于{_elapsed(elapsed)}", None, q, elapsed, cmp)
    return _Verdict("behind", f"仅完成{q.raw}，低于{_elapsed(elapsed)}", None, q, elapsed, cmp)


def _direction_only(row: Row, cands: list[Candidate], elapsed: float, down: bool = True) -> list[_Verdict]:
    """"确保发案、案损持续下降" / "货物贸易进出口巩固回升": a direction without a number; every growth figure
    about the task must fall (or rise)."""
    out = []
    for c in cands:
        near = c.window if down else c.window + c.far
        if c.m.q.kind == "growth" and c.m.q.unit == "%" and overlap(row.task, near) > 0:
            q = c.m.q
            ok = q.value < 0 if down else q.value >= 0
            status = ("done" if elapsed >= 1 else "on_track") if ok else "behind"
            out.append(_Verdict(status, f"目标要求{'下降' if down else '回升'}，实际{'下降' if q.value < 0 else '上升'}"
                                f"{abs(q.value):g}%", None, q, elapsed, f"{q.value:g}% {'<' if q.value < 0 else '≥'} 0"))
    return out


# ---------------------------------------------------------------- words


def _by_words(row: Row, text: str, elapsed: float, has_targets: bool) -> tuple[str, str]:
    lx = status_words()
    if not re.sub(r"[\s—\-。.]+", "", text):
        return "unknown", "进展情况为空，无法判断"
    delay = has_word(text, lx.delay_words, about_task=True)  # not "数源单位暂停公布"
    if not delay and not has_word(row.task, lx.decrease_task_words):  # "同比下降9.8%" against a growth task
        delay = next((w for w in lx.weak_delay_words if re.search(re.escape(w) + r"\D{0,2}\d", text)), "")
    if delay:
        return "behind", f"进展中有“{delay}”等滞后表述"
    nodata = has_word(text, lx.no_data_words)
    if nodata:
        return "unknown", f"进展说明“{nodata}”，暂无可比数据"
    done, partial = has_word(text, lx.completion_words), has_word(text, lx.partial_words)
    if elapsed >= 1:  # the year is over: unfinished work is late, the rest is done
        unfinished = has_word(text, lx.unfinished_words)
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
    lx = status_words()
    for clause in re.split(f"[{CLAUSE}]", to_halfwidth(task)):
        clause = clause.strip()
        if clause.startswith(tuple(lx.deliverable_verbs)) and not any(usable(m) for m in mentions(clause)) \
                and overlap(clause, progress) < 0.3:
            return f"“{clause}”尚未见完成"
    partial = has_word(progress, lx.partial_words)
    return f"进展仍称“{partial}”" if partial and not has_word(progress, lx.completion_words) else ""


# ---------------------------------------------------------------- public API


def assess(row: Row, elapsed: float | None = None) -> Status:
    """Status of one progress row by the rules above; `elapsed` overrides the document's period."""
    lx = status_words()
    doc_elapsed = elapsed if elapsed is not None else elapsed_fraction(row.period)
    progress = to_halfwidth(row.progress_normalized or row.progress)
    targets, cands = find_targets(row.task), find_candidates(progress)
    verdicts = [_compare(tg, c, doc_elapsed) for tg, c in pair_up(targets, cands)]
    if not verdicts and not has_word(progress, lx.no_data_words):
        verdicts = [_completion_verdict(c, doc_elapsed) for c in cands if c.completion and not c.forecast
                    and (len(progress) <= 100 or any_word(c.window, lx.annual_words))]
    if not verdicts and not targets and has_word(row.task, lx.decrease_task_words):
        verdicts = _direction_only(row, cands, doc_elapsed)
    elif not verdicts and not targets and has_word(row.task, lx.rise_task_words):
        verdicts = _direction_only(row, cands, doc_elapsed, down=False)
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
    words, text = status_words().status_question, q.lower()
    return any(w in text for w in (*words.any, *words.behind, *words.done))


def status_filter(q: str) -> str | None:
    """'behind' | 'done' | 'on_track' | 'unknown' when the question asks for one status (哪些滞后), else None."""
    words, text = status_words().status_question, q.lower()
    asked = (("behind", words.behind), ("done", words.done), ("on_track", words.on_track), ("unknown", words.unknown))
    return next((key for key, ws in asked if any(w in text for w in ws)), None)


def left_out_note(statuses: Iterable[Status], shown_status: str) -> str:
    """What a list of `shown_status` rows leaves out that could belong in it: "另有8项无法判断（缺少可比数据），
    见看板"; "" when nothing is left out (or the list is the unknown one)."""
    unknown = sum(1 for s in statuses if s.status == "unknown")
    if shown_status == "unknown" or not unknown:
        return ""
    return f"另有{unknown}项{STATUS_ZH['unknown']}（缺少可比数据），见看板"


def index_statuses(index: Index) -> dict[str, Status]:
    """The status of every progress-table row, computed once per loaded index (row id -> Status)."""
    if "statuses" not in index.memo:
        index.memo["statuses"] = {st.row.id: st for st in assess_all(index.rows)}
    return index.memo["statuses"]
