"""Owns progress-status rules: is a table row's target done, on track, partly behind, behind, or unknown?

Deterministic. A target is read as its parts: each quantity of the task with its noun (顶尖人才20名、领军人才
200名). Each part gets the progress figures about it (rag.status.match pairs them by their nearby words,
rag.status.parts adds the pieces of a split part and keeps the latest of repeated reports) and is compared
(rag.status.compare: rates directly, amounts against the share of the year elapsed). The row follows its
parts: all met -> done (on_track before the year is over); some short -> partial (部分滞后, naming them); all
short -> behind. Without comparable numbers, shares of work done, a direction, or completion / delay words
decide (rag.status.words; what a text says finished beyond the completion words, or why its words leave it short or
unjudged, in rag.status.said), and a row whose parts cannot be matched is unknown, never behind by default.
Word lists live in rag/data/status.json; no per-row cases, so it works on reports it has never seen."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from typing import cast

from rag.domain import STATUS_ZH, PartStatus, Row, Status, StatusLabel
from rag.index.build import Index
from rag.lexicons import status_words
from rag.status.compare import ORDER, Verdict, compare, completion_verdicts, direction_only, named_verdict
from rag.status.match import (
    Candidate,
    Target,
    find_candidates,
    find_targets,
    has_word,
    pair_up,
    period_spans,
)
from rag.status.parts import gather, heading_words, not_forecast, part_noun, sum_text, summed, unclaimed_neighbour
from rag.status.quantities import mentions, to_halfwidth
from rag.status.said import all_shown, none_obtained, not_begun, not_fallen, only_done, restated_done, scope_count
from rag.status.words import SHOWN, by_words, lasting, named_delay, other_part_done, uncovered, unmeasured, unshown

__all__ = ["assess", "assess_all", "elapsed_fraction", "row_elapsed", "is_status_question", "left_out_note", "status_filter"]


def elapsed_fraction(period: str) -> float:
    """Share of the year a period covers: H1/半年 0.5, Q1 0.25, Q3/三季度 0.75, 1-8月 8/12, full year/全年 1.0;
    the first period phrase wins; 1.0 when none is named."""
    found = period_spans(to_halfwidth(period or ""))
    return found[0][2] if found else 1.0


# ---------------------------------------------------------------- public API


def row_elapsed(row: Row) -> float:
    """The share of the year a row is judged against: its document's period (the manifest's), else the period
    its own text was found to cover at ingest ("2024年4月…汇总表" -> 4/12), else the whole year."""
    if period_spans(to_halfwidth(row.period or "")) or row.period_fraction is None:
        return elapsed_fraction(row.period)
    return row.period_fraction


def _part_verdicts(task: str, progress: str, targets: list[Target], cands: list[Candidate],
                   doc_elapsed: float) -> list[tuple[str, Verdict | None, str]]:
    """(noun, verdict or None, words) for every part of the target: its figures gathered and summed
    (rag.status.parts), compared; a part with no figure speaks by its heading's words, else has none."""
    paired = {id(tg): c for tg, c in pair_up(targets, cands)}
    taken = {id(c) for c in paired.values()}
    out: list[tuple[str, Verdict | None, str]] = []
    for i, tg in enumerate(targets):
        noun = part_noun(task, tg, targets[i - 1].m.end if i else 0) or tg.indicator.split(" ")[0].strip() or "目标"
        first = paired.get(id(tg))
        figs = gather(progress, noun, tg, first, cands, taken - ({id(first)} if first else set()))
        taken |= {id(c) for c in figs}
        v = compare(tg, summed(figs), doc_elapsed) if figs else named_verdict(tg, noun, progress, doc_elapsed)
        if v is not None and v.status == "behind" and figs and all(c.stage for c in figs):
            figs, v = [], None  # items at an earlier stage (前期审批 of 3 of 8): the rest may be further on or not begun
        if v is not None and not figs:  # things named one by one, counted
            out.append((noun, v, ""))
        elif v is not None and figs:
            added = sum_text(figs)
            if added:
                v = replace(v, reason=v.reason.replace(summed(figs).m.q.raw, added, 1))
            out.append((noun, replace(v, figures=tuple(c.m.q for c in figs)), ""))
        else:
            said, word = heading_words(progress, noun)
            out.append((noun, None, f"{said}:{word}" if said else ""))
    for k, (noun, got, _) in enumerate(out):  # a short part with an untaken figure of its unit beside it: unsure
        kin = [n for j, (n, _, _) in enumerate(out) if j != k]
        fig = _first_of(got, cands) if got and got.status == "behind" else None
        near = unclaimed_neighbour(progress, fig, cands, taken, kin) if fig else None
        if got is not None and near is not None:
            out[k] = (noun, None, f"uncertain:{got.reason}；但同句另有{near.m.q.raw}未计入任何分目标，是否属于该项待核实")
    return out


def _first_of(v: Verdict, cands: list[Candidate]) -> Candidate | None:
    """The progress figure a verdict stands on; None when it counted things named one by one."""
    return next((c for c in cands if c.m.q in v.figures or c.m.q == v.progress), None)


def _row_status(parts: list[tuple[str, Verdict | None, str]], doc_elapsed: float) -> tuple[str, str, Verdict] | None:
    """The row's status from its judged parts: all met -> done/on_track; some short -> partial naming them;
    all short -> behind. None when no part could be judged."""
    judged: list[tuple[str, str, str, Verdict | None]] = []
    for noun, v, words in parts:
        if v is not None:
            judged.append((noun, v.status, v.reason, v))
        elif words and not words.startswith("uncertain:"):
            said, word = words.split(":", 1)
            met = "done" if said == "done" else "behind"
            judged.append((noun, met, f"进展称“{word}”", None))
    with_figures = [j for j in judged if j[3] is not None]
    if not with_figures:
        return None
    worst = max((j[3] for j in with_figures if j[3] is not None), key=lambda x: ORDER[x.status])
    missing = [noun for noun, v, words in parts if v is None and not words]
    if len(judged) == 1 and not (missing and judged[0][1] == "done" and doc_elapsed < 1):
        return judged[0][1], judged[0][2], worst
    short = [j for j in judged if j[1] == "behind"]
    status = ("behind" if len(short) == len(judged) else "partial") if short else max(
        (j[1] for j in judged), key=lambda x: ORDER[x])
    if status == "done" and missing and doc_elapsed < 1:  # a part not yet reported: met so far, not finished
        status = "on_track"
    listed = "；".join(f"{noun}：{reason}" for noun, _, reason, _ in judged)
    unsure = [f"{noun}：{words.removeprefix('uncertain:')}" for noun, v, words in parts if words.startswith("uncertain:")]
    tail = f"；{'、'.join(missing)}未见可比进展数据" if missing else ""
    tail += "".join(f"；{u}" for u in unsure)
    head = f"分目标中{'、'.join(j[0] for j in short)}未达到，其余达到：" if status == "partial" else ""
    return status, f"{head}{listed}{tail}（共比对{len(judged)}项指标）", worst


def assess(row: Row, elapsed: float | None = None) -> Status:
    """Status of one progress row by the rules above; `elapsed` overrides the document's period."""
    lx = status_words()
    doc_elapsed = elapsed if elapsed is not None else row_elapsed(row)
    progress, task = to_halfwidth(row.progress_normalized or row.progress), to_halfwidth(row.task)
    targets = [t for t in find_targets(row.task) if not scope_count(task, t)]  # not "充分发挥222个…作用"
    cands = [not_forecast(c, task) for c in find_candidates(progress)]
    parts = _part_verdicts(task, progress, targets, cands, doc_elapsed) if targets else []
    decided = _row_status(parts, doc_elapsed)
    verdicts: list[Verdict] = []
    if decided is None and not has_word(progress, lx.no_data_words):
        verdicts = completion_verdicts(task, progress, cands, doc_elapsed)
    shares = bool(verdicts)  # shares of sub-projects' work, or growth figures of the things a direction covers
    if decided is None and not verdicts and not targets and has_word(row.task, lx.decrease_task_words):
        verdicts = direction_only(row, cands, doc_elapsed)
    elif decided is None and not verdicts and not targets and has_word(row.task, lx.rise_task_words):
        verdicts = direction_only(row, cands, doc_elapsed, down=False)
    shares = shares or bool(verdicts)  # "发案、案损持续下降": 发案 down, 案损 up is partly behind
    if verdicts:
        verdicts.sort(key=lambda x: -ORDER[x.status])
        worst = verdicts[0]
        mixed = shares and worst.status == "behind" and any(v.status != "behind" for v in verdicts)
        reason = "；".join(f"{v.name}：{v.reason}" if v.name else v.reason for v in verdicts) if mixed else worst.reason
        decided = "partial" if mixed else worst.status, reason + (
            f"（共比对{len(verdicts)}项指标）" if len(verdicts) > 1 else ""), worst
        if mixed:  # each share of work is a part, named by its sub-project
            parts = [(v.name or f"第{k}项", v, "") for k, v in enumerate(verdicts, 1)]
        named = named_delay(row.task, progress) if shares and not mixed and worst.status != "done" else ""
        if named:  # the share is of the whole; the text names the items that lag ("57%（赤溪、灵溪偏慢）")
            decided = "partial", f"{reason}；其中“{named}”", worst
    if decided is not None:
        status, reason, worst = decided
        gap = uncovered(row.task, progress) if status == "done" and worst.elapsed < 1 else ""
        unsaid = unshown(row.task, progress) if status == "done" and worst.elapsed < 1 and not gap else ""
        gap = gap or (f"“{unsaid}”尚未见完成" if unsaid else "")
        if gap:
            status, reason = "on_track", f"{reason}；但{gap}"
        status, reason = other_part_done(row.task, progress, status, reason)
        return Status(row, cast(StatusLabel, status), reason, worst.target, worst.progress, worst.elapsed,
                      worst.comparison, parts=_part_records(parts) if len(parts) > 1 or worst.figures[1:] else ())
    fell_short = not_fallen(task, progress) or not_begun(task, progress) or none_obtained(task, progress)  # "负增长" asked, "零增长" said
    if fell_short:
        return Status(row, "behind", fell_short, None, None, doc_elapsed, "")
    unsure = unmeasured(row.task, progress)
    if unsure:
        return Status(row, "unknown", unsure, None, None, doc_elapsed, "")
    # one thing to build or win ("培育基金会1家") is judged by words, like a task without numbers
    has_targets = any(t.m.q.value != 1 for t in targets) or any(m.q.kind == "rank" for m in mentions(row.task))
    status, reason = other_part_done(row.task, progress, *by_words(row, progress, doc_elapsed, has_targets))
    unsaid = unshown(row.task, progress) if status == "done" and doc_elapsed < 1 else ""
    if unsaid:
        status, reason = "on_track", f"{reason}；但“{unsaid}”尚未见完成"
    elif status == "done" and doc_elapsed < 1 and lasting(row.task) and not only_done(progress) \
            and not restated_done(task, progress) and not all_shown(task, progress, SHOWN):
        # "全面运行某站" asked, "某站全面运行" said; "持续打好…，争创某示范区" with the 示范区 shown done
        status, reason = "on_track", f"{reason}；任务为持续推进类，年度未结束"
    return Status(row, cast(StatusLabel, status), reason, None, None, doc_elapsed, "")


def _part_records(parts: list[tuple[str, Verdict | None, str]]) -> tuple[PartStatus, ...]:
    out = []
    for noun, v, words in parts:
        if v is not None:
            out.append(PartStatus(noun, cast(StatusLabel, v.status), v.reason, v.target, v.progress, v.figures))
        else:
            said, _, word = words.partition(":")
            label = {"done": "done", "behind": "behind"}.get(said, "unknown")
            why = word if said == "uncertain" else f"进展称“{word}”" if word else "未见可比进展数据"
            out.append(PartStatus(noun, cast(StatusLabel, label), why))
    return tuple(out)


def assess_all(rows: Iterable[Row]) -> list[Status]:
    """Statuses of every progress-table row (prose paragraphs are skipped), each against its document's period."""
    return [assess(r) for r in rows if r.kind == "progress_row"]


# "城乡收入差距是几倍", "差距有多大": a gap measured is a figure asked, not how a target stands
_MEASURED_GAP = re.compile(r"差距(?:是|有|为)?(?:几倍|多少|多大|几个)")


def is_status_question(q: str) -> bool:
    """Does the question ask about completion or progress (哪些目标滞后, 完成了吗, 跟得上吗, 完成情况如何…)?"""
    words, text = status_words().status_question, _MEASURED_GAP.sub("", q.lower())
    return any(w in text for w in (*words.any, *words.behind, *words.done))


def status_filter(q: str) -> str | None:
    """'behind' | 'done' | 'on_track' | 'unknown' when the question asks for one status (哪些滞后), else None."""
    words, text = status_words().status_question, _MEASURED_GAP.sub("", q.lower())
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
