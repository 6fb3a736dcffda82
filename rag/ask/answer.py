"""The one entry point: answer(question, filters, history) -> Answer, through the pipeline of
rag.ask.pipeline (prepare, understand once, gather once, route through the answerer table, verify) and,
when a model is configured, the LLM chain over the same rows, verified the same way; a reply that fails
verification falls back to the offline answer with a notice."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from rag.ask.compose import cite
from rag.ask.pipeline import Run, model_rows, run
from rag.ask.retrieve import Filters
from rag.ask.route import contextualize
from rag.ask.trust import disagreements, planted_only
from rag.ask.verify import check
from rag.domain import Answer, Row
from rag.errors import BackendError
from rag.index.build import Index
from rag.settings import Settings

if TYPE_CHECKING:
    from rag.ask.context import LLMReply

History = Sequence[tuple[str, str]]
MODEL_ROUTES = ("ask", "indicator")  # the model answers these; the offline answer (records' or quote's) is its fallback
__all__ = ["answer", "contextualize", "finalize_llm", "model_rows", "stream"]


def _llm(settings: Settings, done: Run, history: History | None) -> Answer:
    from rag.ask import llm

    assert done.ask is not None
    try:
        rows = model_rows(done)
        reply = llm.generate(done.ask.question, rows, settings, list(history or []))
    except BackendError as e:
        return _fallback(done.answer, f"模型服务不可用，已改用离线答案：{e}")
    return finalize_llm(done.ask.question, reply, done.answer, rows)


def finalize_llm(question: str, reply: LLMReply, fallback: Answer, rows: Sequence[Row] = ()) -> Answer:
    """Verify an LLM reply: cited rows must exist and contain every number; junk falls back."""
    text = reply.text.strip()
    cited = list(reply.cited_rows)
    if reply.abstained:
        return Answer(question=question, text=text, backend="openai", abstained=True)
    warnings = list(check(text, cited, require_refs=True)) if cited else ["模型回答没有有效的来源引用"]
    if reply.bad_refs:
        warnings.append(f"模型引用了不存在的来源编号：{list(reply.bad_refs)}")
    warnings += [w for w in [planted_only(cited)] if w]  # planted rows never answer alone (rag/ask/trust.py)
    if warnings:
        return _fallback(fallback, "模型回答未通过核验，已改用离线答案：" + "；".join(warnings[:3]))
    return Answer(question=question, text=text, citations=cite(cited), backend="openai",
                  warnings=tuple(disagreements(text, cited, rows)))  # figures other documents give differently


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
    done = run(question, filters, history, index, k or settings.top_k)
    use = backend or settings.effective_backend
    if use == "openai" and done.answer.route in MODEL_ROUTES and done.ask is not None and not done.ask.missing_place:
        return _llm(settings, done, history)
    return done.answer


def stream(question: str, filters: Filters | None = None, history: History | None = None, *, index: Index,
           settings: Settings, backend: str | None = None, k: int | None = None) -> Iterator[str | Answer]:
    """Yield text pieces as they come, then the final verified Answer (the page streams this).
    With the LLM backend the pieces are the model's own deltas; the final Answer may differ from
    them (verification failed and the offline answer replaced it, with a notice)."""
    use = backend or settings.effective_backend
    done = run(question, filters, history, index, k or settings.top_k)
    base = done.answer
    if use != "openai" or base.route not in MODEL_ROUTES or done.ask is None or done.ask.missing_place:
        for i in range(0, len(base.text), 12):
            yield base.text[i : i + 12]
        yield base
        return
    from rag.ask import llm

    try:
        rows = model_rows(done)
        deltas = llm.stream(done.ask.question, rows, settings, list(history or []))
        yield from deltas
        yield finalize_llm(done.ask.question, deltas.reply(), base, rows)
    except BackendError as e:
        yield _fallback(base, f"模型服务不可用，已改用离线答案：{e}")
