"""Owns the comparison of one target with the progress figure found for it, and the verdicts drawn from
shares of work done or from a direction without a number (rag.status.rules uses them for each part).

Growth and rate targets are compared directly (the 确保 floor, the 力争 goal); amounts against the share of
the year elapsed. Numbers computed here are written with their inputs and marked "系计算" (rag.ask.verify
recomputes them from the cited row): "为目标10亿美元的89%（8.89÷10，系计算）"."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from rag.domain import Quantity, Row
from rag.lexicons import status_words
from rag.status.match import CLAUSE, Candidate, Target, any_word, overlap
from rag.status.parts import segments
from rag.status.quantities import Mention, to_halfwidth
from rag.status.said import named_items

__all__ = ["ORDER", "TOLERANCE", "Verdict", "compare", "completion_verdicts", "direction_only", "named_verdict"]

TOLERANCE = 0.98  # an amount is on track from 98% of its time-proportional share (rounding slack only)
OVER = 1.005  # an amount beyond its target by more than rounding is said to exceed it (超额完成)
ORDER = {"done": 0, "on_track": 1, "partial": 2, "behind": 3}


@dataclass(frozen=True)
class Verdict:
    """One target compared: status, reason (with its arithmetic), the figures and the time share used."""

    status: str
    reason: str
    target: Quantity | None
    progress: Quantity
    elapsed: float
    comparison: str
    figures: tuple[Quantity, ...] = ()  # the progress figures summed into `progress`
    name: str = ""  # the sub-project a share of work done is about ("东湖…景观绿化工程")



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
    """The share done, to one decimal (50.4%, not 50%: a whole percent hides 刚过半 and 略低于序时)."""
    x, y = _operands(part, whole)
    share = f"{100 * part.value / whole.value:.1f}".removesuffix(".0")
    return f"{share}%（{x}÷{y}，系计算）"


def _elapsed(elapsed: float) -> str:
    return f"序时进度{_pct(elapsed)}（{round(elapsed * 12)}个月÷12个月，系计算）"  # the staff's word for the year gone


def _pace(frac: float, elapsed: float) -> str:
    """How a share done stands to the share of the year gone, in the words staff ask it (跟得上吗): 快于 when
    ahead by more than the rounding of the two percentages, 达到 when level, 接近 within TOLERANCE."""
    if frac > elapsed + 0.005:
        return "快于"
    return "达到" if frac >= elapsed - 0.005 else "接近"


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


def compare(tg: Target, c: Candidate, doc_elapsed: float) -> Verdict:
    tq, pq, floor = tg.m.q, c.m.q, tg.floor
    elapsed = c.period if c.period is not None else doc_elapsed
    value = (("增长" if pq.value >= 0 else "下降") + pq.raw.lstrip("-")) if pq.kind == "growth" else pq.raw
    said = f"{c.period_text}{_name(tg, c)}{value}"
    met = "done" if elapsed >= 1 else "on_track"

    def v(status: str, reason: str, target: Quantity, comparison: str) -> Verdict:
        if c.forecast and status == "done":
            status, reason = "on_track", f"{reason}（为预计、申报或阶段性数字）"
        return Verdict(status, reason, target, pq, elapsed, comparison)

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
    goal = f"确保目标{base.raw}（力争{tq.raw}）" if base is floor else f"目标{base.raw}"
    if frac >= OVER:  # 47个 against 40个: more than the target, said so (超额)
        return v("done", f"{said}，超额完成，为{goal}的{_share(pq, base)}", base, comparison)
    if frac >= 0.995:
        return v("done", f"{said}，已达到{goal}", base, comparison)
    if elapsed < 1 and frac >= TOLERANCE * elapsed:
        return v("on_track", f"{said}，为{goal}的{_share(pq, base)}，{_pace(frac, elapsed)}{_elapsed(elapsed)}", base,
                 comparison)
    tail = "全年目标未完成" if elapsed >= 1 else f"低于{_elapsed(elapsed)}"
    return v("behind", f"{said}，为{goal}的{_share(pq, base)}，{tail}", base, comparison)


def _completion_verdict(c: Candidate, doc_elapsed: float) -> Verdict:
    """"完成年度任务71.1%" with no target number: the share done against the share of the year gone."""
    elapsed, q = c.period if c.period is not None else doc_elapsed, c.m.q
    cmp = f"{q.raw} vs 时间进度{_pct(elapsed)}"
    if q.value >= 99.5:
        return Verdict("done", f"进展称完成{q.raw}", None, q, elapsed, cmp)
    if elapsed < 1 and q.value / 100 >= TOLERANCE * elapsed:
        return Verdict("on_track", f"完成{q.raw}，{_pace(q.value / 100, elapsed)}{_elapsed(elapsed)}", None, q, elapsed, cmp)
    return Verdict("behind", f"仅完成{q.raw}，低于{_elapsed(elapsed)}", None, q, elapsed, cmp)


def completion_verdicts(task: str, progress: str, cands: list[Candidate], doc_elapsed: float) -> list[Verdict]:
    """Shares of the work done with no target number: they judge the row when they are of the year's task
    ("完成年度任务71.1%"), or of the whole work the task asks to finish ("完成…工程" / "完成总工程量28%"), when
    the text reports one thing, or when all agree; a share of one sub-project among several ("暾澜项目完成主体
    部分施工40%") or of a project the year only pushes on ("加快…建设" / "总体形象进度97%") does not."""
    lx = status_words()
    bare = re.match(r"\s*\d+(?:\.\d+)?\s*%", progress)  # a 当前进度 cell: "95%", "80%（某园进度滞后）"
    shares = [c for c in cands if (c.completion or (bare and c.m.start == bare.start() + len(bare[0]) - len(
        bare[0].lstrip()) and c.m.q.unit == "%")) and not c.forecast]
    segs = segments(progress)
    verdicts = [replace(_completion_verdict(c, doc_elapsed), name=next(
        (s.heading for s in segs if s.start <= c.m.start < s.end and s.heading), "")) for c in shares]
    finish = any(x.strip().startswith(tuple(lx.deliverable_verbs)) for x in re.split(f"[{CLAUSE}]", task))
    spending = [any_word(c.window, lx.parts.spend_words) and not any_word(task, lx.parts.spend_words) for c in shares]
    shares = [c for c, spent in zip(shares, spending, strict=True) if not spent]  # money spent, not work done
    verdicts = [v for v, spent in zip(verdicts, spending, strict=True) if not spent]
    whole = [v for c, v in zip(shares, verdicts, strict=True)
             if any_word(c.window, lx.annual_words) or (finish and any_word(c.window, lx.parts.whole_work))]
    if whole or (len(progress) <= 100 and len(segments(progress)) < 2):
        return whole or verdicts
    return verdicts if len({v.status for v in verdicts}) == 1 and len(progress) <= 100 else []


def direction_only(row: Row, cands: list[Candidate], elapsed: float, down: bool = True) -> list[Verdict]:
    """"确保发案、案损持续下降" / "货物贸易进出口巩固回升": a direction without a number; every growth figure
    about the task must fall (or rise)."""
    out = []
    for c in cands:
        near = c.window if down else c.window + c.far
        if c.m.q.kind == "growth" and c.m.q.unit == "%" and overlap(row.task, near) > 0:
            q = c.m.q
            ok = q.value < 0 if down else q.value >= 0
            status = ("done" if elapsed >= 1 else "on_track") if ok else "behind"
            out.append(Verdict(status, f"目标要求{'下降' if down else '回升'}，实际{'下降' if q.value < 0 else '上升'}"
                                f"{abs(q.value):g}%", None, q, elapsed, f"{q.value:g}% {'<' if q.value < 0 else '≥'} 0"))
    return out


def named_verdict(tg: Target, noun: str, progress: str, elapsed: float) -> Verdict | None:
    """A counted part with no figure whose finished things the text names one by one, as many as the target or
    more ("甲中心、乙中心已完工" for "建成…中心2个"): met. Fewer are not judged: their count is no figure of the
    row, and a lagging reason must cite only the row's own figures."""
    n, names, word = named_items(progress, noun) if tg.m.q.kind == "count" and tg.direction == "min" else (0, "", "")
    if not n or n < tg.m.q.value:
        return None
    q = Quantity(float(n), tg.m.q.unit, "count", f"{n}{tg.m.q.unit}")
    v = compare(tg, Candidate(Mention(q, 0, 0), "", "", None, "", False, False, False), elapsed)
    return replace(v, reason=f"进展逐项列出{word}的{noun}：{names}，达到目标{tg.m.q.raw}（逐项计数）", figures=(q,))
