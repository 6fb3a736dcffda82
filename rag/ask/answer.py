"""The one entry point: answer(question, filters, history) -> Answer.

Routes status questions to the status rules, enumeration questions to the full row set, and
everything else to hybrid retrieval + the offline extractive answerer or, when a model is
configured, the LLM chain; both paths return the same Answer with verified citations. Abstains
("资料中未找到…") when the evidence is not there."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from rag.ask.context import NOT_FOUND
from rag.ask.counts import count_answer
from rag.ask.extract import analyze, answerable, best_windows, has_any
from rag.ask.extractive import answer_extractive
from rag.ask.question import analyze as analyze_question
from rag.ask.retrieve import (
    UNPLACED,
    Filters,
    infer_filters,
    match_district,
    mentioned_district,
    named_places,
    retrieve,
    rows_where,
    short_district,
)
from rag.ask.route import contextualize
from rag.ask.verify import check
from rag.domain import Answer, Citation, Row
from rag.errors import BackendError
from rag.index.build import Index
from rag.settings import Settings
from rag.status.rules import index_statuses

if TYPE_CHECKING:
    from rag.ask.context import LLMReply

History = Sequence[tuple[str, str]]
_UNIT_LIKE = re.compile(r"([\u4e00-\u9fff]{2,12}?(?:局|办公室|办|委员会|集团|管委会|指挥部|中心|街道|镇))")


def abstain(question: str, why: str, route: str = "ask", backend: str = "offline") -> Answer:
    return Answer(question, f"{NOT_FOUND}：{why}", (), backend, True, (), route)


def _cite(rows: Sequence[Row], scores: dict[str, float] | None = None) -> tuple[Citation, ...]:
    seen: dict[str, Citation] = {}
    for r in rows:
        if r.id not in seen:
            seen[r.id] = Citation.of(r, (scores or {}).get(r.id, 0.0))
    return tuple(seen.values())


def _source_tag(row: Row) -> str:
    return f"〔{row.doc[:3]} {row.anchor}〕"


def _list_answer(question: str, rows: list[Row], label: str) -> Answer:
    lines = [f"{label}共{len(rows)}项："]
    for i, r in enumerate(rows, 1):
        lines.append(f"{i}. {r.task}（{r.unit or '—'}）{_source_tag(r)}")
    return Answer(question, "\n".join(lines), _cite(rows), "offline", False, (), "list")


def _unit_answer(question: str, row: Row, score: float) -> Answer:
    if has_any(question, "leader_question"):
        who = row.leader or "（表中未列牵头区领导）"
        text = f"「{row.task[:40]}」的牵头区领导是{who}，牵头单位是{row.unit or '—'}{_source_tag(row)}。"
    else:
        extra = f"（牵头区领导：{row.leader}）" if row.leader else ""
        text = f"「{row.task[:40]}」由{row.unit or '（未列明）'}负责{extra}{_source_tag(row)}。"
    if row.progress and re.search(r"(进度|进展|完成|情况)", question):  # "牵头单位是谁、进度多少": both
        text += f"进展：{(row.progress_normalized or row.progress)[:200]}{_source_tag(row)}"
    return Answer(question, text, _cite([row], {row.id: score}), "offline", False, (), "ask")


def _drop_words(districts: list[str]) -> list[str]:
    """District names, full and short, which are filters rather than indicator words."""
    return [*districts, *(short_district(d) for d in districts)]


def _unlisted_place(index: Index, question: str, asked: str, f: Filters, k: int) -> Answer:
    """A place the library lacks: never another place's report. Documents whose place is unknown may
    answer, with a warning; with none, refuse and list the places the library has."""
    if not any(not r.district for r in index.rows):
        return abstain(question, f"资料库中没有{asked}的报告（现有：{'、'.join(index.districts())}）")
    a = offline(index, question, Filters(UNPLACED, f.unit, f.doc), k)
    note = f"资料库中没有标明为{asked}的报告；以下内容出自未写明地点的文档，请核对是否为{asked}"
    return a if a.abstained else replace(a, warnings=(note, *a.warnings))


def offline(index: Index, question: str, f: Filters, k: int) -> Answer:
    districts = index.districts()
    asked = mentioned_district(question, districts)
    if asked and not f.district:
        return _unlisted_place(index, question, asked, f, k)
    named = named_places(question, districts)
    if len(named) > 1 and not f.district:  # "余杭和临安…分别是多少": answer per district
        parts = [offline(index, question, Filters(d, f.unit, f.doc), k) for d in named]
        good = [p for p in parts if not p.abstained]
        if not good:
            return abstain(question, "各区报告中均未找到")
        text = "；".join(f"{d}：{p.text}" for d, p in zip(named, parts) if not p.abstained)
        cites = tuple(c for p in good for c in p.citations)
        return Answer(question, text, cites, "offline", False, (), "ask")
    unit_mentioned = _UNIT_LIKE.search(question)
    if has_any(question, "list_question") and not has_any(question, "unit_question"):
        if f.unit:
            rows = [r for r in rows_where(index, f) if r.kind == "progress_row"]
            if rows:
                who = (f.district or "") + (f.unit[1:] if f.district and f.unit.startswith("区") else f.unit)
                return _list_answer(question, rows, f"{who}牵头/负责的任务")
        if unit_mentioned and not f.unit:
            return abstain(question, f"报告中没有名为“{unit_mentioned.group(1)}”的责任单位", "list")
    drop = _drop_words(districts) + ([f.unit] if f.unit else [])
    q = analyze(question, districts, drop)
    hits = retrieve(index, question, Filters(f.district, None, f.doc), k=max(k, 12))
    if not hits:
        return abstain(question, "没有检索到相关内容")
    scores = {h.row.id: h.score for h in hits}
    rows = [h.row for h in hits]
    if f.unit:
        rows = sorted(rows, key=lambda r: f.unit not in r.units)
    if has_any(question, "unit_question") or has_any(question, "leader_question"):
        uq = replace(q, numeric=False, wants_target=True)
        table = [p for p in best_windows(uq, rows, 5) if p.row.kind == "progress_row"]
        if table and table[0].coverage >= 0.5:
            return _unit_answer(question, table[0].row, scores.get(table[0].row.id, 0.0))
    wanted = analyze_question(question, [f.district] if f.district and f.district != UNPLACED else [], drop)
    return answer_extractive(question, wanted, rows, scores)


def _status_route(index: Index, question: str, f: Filters) -> Answer | None:
    from rag.status.rules import is_status_question, status_filter

    if not is_status_question(question):
        return None
    from rag.domain import STATUS_ZH

    want = status_filter(question)
    table = [r for r in rows_where(index, f) if r.kind == "progress_row"]
    if not table:
        return None  # no progress table for this place: prose statements answer (the extractive path)
    if want and has_any(question, "status_list_question"):
        by_id = index_statuses(index)
        sts = [by_id[r.id] for r in table if by_id[r.id].status == want]
        if not sts:
            return Answer(question, f"按现有规则，{f.district or '各区'}没有{STATUS_ZH[want]}的目标。", (), "offline", False, (), "status")
        lines = [f"{f.district or '各区'}{STATUS_ZH[want]}的目标共{len(sts)}项（按牵头单位）："]
        for s in sorted(sts, key=lambda s: (s.row.district, s.row.unit, s.row.row or 0)):
            lines.append(f"- {s.row.unit or '—'}：{s.row.task[:50]}——{s.reason}{_source_tag(s.row)}")
        return Answer(question, "\n".join(lines), _cite([s.row for s in sts]), "offline", False, (), "status")
    hits = retrieve(index, question, Filters(f.district, None, f.doc), k=8)
    table_hits = [h for h in hits if h.row.kind == "progress_row"]
    if not table_hits:
        return None
    districts = index.districts()
    q = analyze(question, districts, _drop_words(districts))
    picks = best_windows(q, [h.row for h in table_hits], 3)
    if not picks or not answerable(q, picks[0]):
        return None
    st = index_statuses(index)[picks[0].row.id]
    verdict = {"done": "已完成", "behind": "未完成（滞后）", "on_track": "尚在推进，进度正常", "unknown": "无法判断"}[st.status]
    text = f"{verdict}：{st.reason}。进展：{picks[0].row.progress[:120]}{_source_tag(picks[0].row)}"
    return Answer(question, text, _cite([picks[0].row]), "offline", False, (), "status")


def _llm(index: Index, settings: Settings, question: str, f: Filters, k: int, history: History | None,
         fallback: Answer) -> Answer:
    from rag.ask import llm

    hits = retrieve(index, question, f, k=k)
    rows = [h.row for h in hits]
    try:
        reply = llm.generate(question, rows, settings, list(history or []))
    except BackendError as e:
        return _fallback(fallback, f"模型服务不可用，已改用离线答案：{e}")
    return finalize_llm(question, reply, fallback)


def finalize_llm(question: str, reply: LLMReply, fallback: Answer) -> Answer:
    """Verify an LLM reply: cited rows must exist and contain every number; junk falls back."""
    text = reply.text.strip()
    cited = list(reply.cited_rows)
    if reply.abstained:
        return Answer(question, text, (), "openai", True, (), "ask")
    warnings = list(check(text, cited, require_refs=True)) if cited else ["模型回答没有有效的来源引用"]
    if reply.bad_refs:
        warnings.append(f"模型引用了不存在的来源编号：{list(reply.bad_refs)}")
    if warnings:
        return _fallback(fallback, "模型回答未通过核验，已改用离线答案：" + "；".join(warnings[:3]))
    return Answer(question, text, _cite(cited), "openai", False, (), "ask")


def _fallback(offline_answer: Answer, notice: str) -> Answer:
    return Answer(
        offline_answer.question, offline_answer.text, offline_answer.citations, "offline",
        offline_answer.abstained, (notice, *offline_answer.warnings), offline_answer.route,
    )


def answer(
    question: str,
    filters: Filters | None = None,
    history: History | None = None,
    *,
    index: Index,
    settings: Settings,
    backend: str | None = None,
    k: int | None = None,
) -> Answer:
    prepared = _prepare(question, filters, history, index)
    if isinstance(prepared, Answer):
        return prepared
    q, f = prepared
    k = k or settings.top_k
    asked = mentioned_district(q, index.districts())
    if asked and not f.district:  # a place the library lacks: never another place's report, on any route
        return _verified(_unlisted_place(index, q, asked, f, k))
    status = count_answer(index, q, f) or _status_route(index, q, f)
    if status is not None:
        return _verified(status)
    base = _verified(offline(index, q, f, k))
    use = backend or settings.effective_backend
    if use == "openai" and base.route == "ask":
        return _llm(index, settings, q, f, k, history, base)
    return base


def _prepare(question: str, filters: Filters | None, history: History | None, index: Index) -> tuple[str, Filters] | Answer:
    """Refuse empty or over-long input (route "input"); otherwise the question with follow-up context
    and its filters (cleared of the district when several districts are named)."""
    q = (question or "").strip()
    if not q:
        return abstain(question, "问题为空，请输入要查询的内容", route="input")
    if len(q) > 2000:
        return abstain(question[:2000], "问题过长（超过2000字），请缩短后再问", route="input")
    q = contextualize(q, history, index.districts())
    f = infer_filters(index, q, filters)
    if not (filters and filters.district) and sum(1 for d in index.districts() if match_district(q, [d])) > 1:
        f = Filters(None, f.unit if filters and filters.unit else None, f.doc)  # answered per district
    return q, f


def _verified(a: Answer) -> Answer:
    """Every number quoted from the sources must be in a cited row. Status answers are checked on
    their quoted progress only: their reasons carry ratios the rules computed from those rows."""
    if a.abstained or not a.citations or a.route == "status":
        return a
    rows = [Row(c.doc, c.row, "", c.title, "", "paragraph", c.text) for c in a.citations]
    warns = check(a.text, rows)
    return a if not warns else Answer(a.question, a.text, a.citations, a.backend, a.abstained, (*a.warnings, *warns), a.route)


def stream(question: str, filters: Filters | None = None, history: History | None = None, *, index: Index,
           settings: Settings, backend: str | None = None, k: int | None = None) -> Iterator[str | Answer]:
    """Yield text pieces as they come, then the final verified Answer (the page streams this).
    With the LLM backend the pieces are the model's own deltas; the final Answer may differ from
    them (verification failed and the offline answer replaced it, with a notice)."""
    use = backend or settings.effective_backend
    if use != "openai":
        final = answer(question, filters, history, index=index, settings=settings, backend="offline", k=k)
        for i in range(0, len(final.text), 12):
            yield final.text[i : i + 12]
        yield final
        return
    from rag.ask import llm

    base = answer(question, filters, history, index=index, settings=settings, backend="offline", k=k)
    prepared = _prepare(question, filters, history, index)
    if base.route != "ask" or isinstance(prepared, Answer):
        yield base.text
        yield base
        return
    q, f = prepared
    rows = [h.row for h in retrieve(index, q, f, k=k or settings.top_k)]
    try:
        deltas = llm.stream(q, rows, settings, list(history or []))
        yield from deltas
        yield finalize_llm(q, deltas.reply(), base)
    except BackendError as e:
        yield _fallback(base, f"模型服务不可用，已改用离线答案：{e}")
