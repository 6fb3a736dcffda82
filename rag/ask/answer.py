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

from rag.ask.compose import abstain, cite
from rag.ask.counts import count_answer
from rag.ask.evidence import other_time_only
from rag.ask.extract import analyze, best_windows, has_any
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
)
from rag.ask.route import contextualize
from rag.ask.tables import drop_words, list_answer, status_answer, unit_answer
from rag.ask.verify import check
from rag.domain import Answer, Row
from rag.errors import BackendError
from rag.index.build import Index
from rag.settings import Settings

if TYPE_CHECKING:
    from rag.ask.context import LLMReply

History = Sequence[tuple[str, str]]
_UNIT_LIKE = re.compile(r"([\u4e00-\u9fff]{2,12}?(?:局|办公室|办|委员会|集团|管委会|指挥部|中心|街道|镇))")


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
    figure = _indicator(index, question, f)  # issue N; the integrator moves this into M's answerer table
    if figure is not None:
        return figure
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
        return Answer(question=question, text=text, citations=cites)
    unit_mentioned = _UNIT_LIKE.search(question)
    if has_any(question, "list_question") and not has_any(question, "unit_question"):
        if f.unit:
            rows = [r for r in rows_where(index, f) if r.kind == "progress_row"]
            if rows:
                who = (f.district or "") + (f.unit[1:] if f.district and f.unit.startswith("区") else f.unit)
                return list_answer(question, rows, f"{who}牵头/负责的任务")
        if unit_mentioned and not f.unit:
            return abstain(question, f"报告中没有名为“{unit_mentioned.group(1)}”的责任单位", "list")
    drop = drop_words(districts) + ([f.unit] if f.unit else [])
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
            return unit_answer(question, table[0].row, scores.get(table[0].row.id, 0.0))
    wanted = analyze_question(question, [f.district] if f.district and f.district != UNPLACED else [], drop)
    return answer_extractive(question, wanted, rows, scores)


def _indicator(index: Index, question: str, f: Filters) -> Answer | None:
    from rag.ask.indicator import answer_indicator
    from rag.index.figures_store import figures_of

    asked = analyze_question(question, [], [])
    place = f.district if f.district and f.district != UNPLACED else None
    return answer_indicator(question, figures_of(index), place=place, library_places=index.districts(),
                            years=asked.years, period=asked.period_label or None)


def model_rows(index: Index, question: str, f: Filters, k: int) -> list[Row]:
    """The rows the model may read: the place filter as for the offline answer (f), and none whose every
    clause speaks for another year or period than the one asked (the model is not shown 2024 targets for a
    2023 question, nor a half-year table for a 前三季度 question)."""
    asked = analyze_question(question, [f.district] if f.district else [], [])
    rows = [h.row for h in retrieve(index, question, f, k=k)]
    return [r for r in rows if not asked.years and asked.months is None or not other_time_only(asked, r)]


def _llm(index: Index, settings: Settings, question: str, f: Filters, k: int, history: History | None,
         fallback: Answer) -> Answer:
    from rag.ask import llm

    rows = model_rows(index, question, f, k)
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
        return Answer(question=question, text=text, backend="openai", abstained=True)
    warnings = list(check(text, cited, require_refs=True)) if cited else ["模型回答没有有效的来源引用"]
    if reply.bad_refs:
        warnings.append(f"模型引用了不存在的来源编号：{list(reply.bad_refs)}")
    if warnings:
        return _fallback(fallback, "模型回答未通过核验，已改用离线答案：" + "；".join(warnings[:3]))
    return Answer(question=question, text=text, citations=cite(cited), backend="openai")


def _fallback(offline_answer: Answer, notice: str) -> Answer:
    return replace(offline_answer, backend="offline", warnings=(notice, *offline_answer.warnings))


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
    status = count_answer(index, q, f) or status_answer(index, q, f)
    if status is not None:
        return _verified(status)
    base = _verified(offline(index, q, f, k))
    use = backend or settings.effective_backend
    if use == "openai" and base.route in ("ask", "indicator"):  # the model answers; the records' answer is its fallback
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
    return a if not warns else replace(a, warnings=(*a.warnings, *warns))


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
    if base.route not in ("ask", "indicator") or isinstance(prepared, Answer):
        yield base.text
        yield base
        return
    q, f = prepared
    rows = model_rows(index, q, f, k or settings.top_k)
    try:
        deltas = llm.stream(q, rows, settings, list(history or []))
        yield from deltas
        yield finalize_llm(q, deltas.reply(), base)
    except BackendError as e:
        yield _fallback(base, f"模型服务不可用，已改用离线答案：{e}")
