"""Answers read off progress tables: every task of a unit (list), who leads a task (unit or leader,
with its progress when asked), and status questions from the deterministic status rules (a list of
the rows with one status, with what it left out; or one row's label, reason and progress)."""

from __future__ import annotations

import re

from rag.ask.compose import answered, source_tag
from rag.ask.extract import analyze, answerable, best_windows, has_any
from rag.ask.retrieve import Filters, retrieve, rows_where
from rag.domain import STATUS_ZH, Answer, Row
from rag.index.build import Index
from rag.status.rules import index_statuses, is_status_question, left_out_note, status_filter

STATUS_CANDIDATES = 8  # retrieved rows a single-row status question is matched against


def drop_words(districts: list[str]) -> list[str]:
    """Place names, full and short, which are filters rather than indicator words."""
    from rag.ask.retrieve import short_district

    return [*districts, *(short_district(d) for d in districts)]


def list_answer(question: str, rows: list[Row], label: str) -> Answer:
    lines = [f"{label}共{len(rows)}项："]
    for i, r in enumerate(rows, 1):
        lines.append(f"{i}. {r.task}（{r.unit or '—'}）{source_tag(r)}")
    return answered(question, "\n".join(lines), rows, route="list")


def unit_answer(question: str, row: Row, score: float) -> Answer:
    if has_any(question, "leader_question"):
        who = row.leader or "（表中未列牵头区领导）"
        text = f"「{row.task[:40]}」的牵头区领导是{who}，牵头单位是{row.unit or '—'}{source_tag(row)}。"
    else:
        extra = f"（牵头区领导：{row.leader}）" if row.leader else ""
        text = f"「{row.task[:40]}」由{row.unit or '（未列明）'}负责{extra}{source_tag(row)}。"
    if row.progress and re.search(r"(进度|进展|完成|情况)", question):  # "牵头单位是谁、进度多少": both
        text += f"进展：{(row.progress_normalized or row.progress)[:200]}{source_tag(row)}"
    return answered(question, text, [row], scores={row.id: score})


def status_answer(index: Index, question: str, f: Filters) -> Answer | None:
    if not is_status_question(question):
        return None
    want = status_filter(question)
    table = [r for r in rows_where(index, f) if r.kind == "progress_row"]
    if not table:
        return None  # no progress table for this place: prose statements answer (the extractive path)
    if want and has_any(question, "status_list_question"):
        by_id = index_statuses(index)
        sts = [by_id[r.id] for r in table if by_id[r.id].status == want]
        if not sts:
            return answered(question, f"按现有规则，{f.district or '各区'}没有{STATUS_ZH[want]}的目标。", [], route="status")
        lines = [f"{f.district or '各区'}{STATUS_ZH[want]}的目标共{len(sts)}项（按牵头单位）："]
        for s in sorted(sts, key=lambda s: (s.row.district, s.row.unit, s.row.row or 0)):
            lines.append(f"- {s.row.unit or '—'}：{s.row.task[:50]}——{s.reason}{source_tag(s.row)}")
        note = left_out_note([by_id[r.id] for r in table], want)
        if note:
            lines.append(note)
        return answered(question, "\n".join(lines), [s.row for s in sts], route="status")
    hits = retrieve(index, question, Filters(f.district, None, f.doc), k=STATUS_CANDIDATES)
    table_hits = [h for h in hits if h.row.kind == "progress_row"]
    if not table_hits:
        return None
    districts = index.districts()
    q = analyze(question, districts, drop_words(districts))
    picks = best_windows(q, [h.row for h in table_hits], 3)
    if not picks or not answerable(q, picks[0]):
        return None
    st = index_statuses(index)[picks[0].row.id]
    verdict = {"done": "已完成", "behind": "未完成（滞后）", "partial": "部分滞后", "on_track": "尚在推进，进度正常",
               "unknown": "无法判断"}[st.status]
    text = f"{verdict}：{st.reason}。进展：{picks[0].row.progress[:120]}{source_tag(picks[0].row)}"
    return answered(question, text, [picks[0].row], route="status")
