"""The model endpoint, through LangChain: the only module that imports langchain_openai.

Sources and history are formatted, and replies parsed back to cited rows, by rag/ask/context.py (whose
names are re-exported here); this module owns the calls. A chain (prompt files -> ChatPromptTemplate
| ChatOpenAI | StrOutputParser) answers with [n] citations, which are parsed back to rows
(out-of-range numbers are reported, never trusted). Retries are rag/ask/retry.py's: LangChain's
RunnableRetry around the chain (the openai client's own are off), Retry-After honoured, only
transient failures; a stream only before its first delta. Every failure surfaces as BackendError
naming the endpoint and the fix, never the key. Callers (rag/ask/answer.py) verify numbers and fall back."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from functools import lru_cache
from typing import Any

from langchain_core.language_models import BaseChatModel
from langchain_core.output_parsers import StrOutputParser
from langchain_core.prompts import ChatPromptTemplate
from langchain_core.runnables import Runnable, RunnableLambda
from pydantic import ValidationError

from rag.ask import prompts, retry
from rag.ask.context import (
    HISTORY_ANSWER_TOKENS,
    NOT_FOUND,
    History,
    LLMReply,
    StatusReview,
    format_history,
    format_sources,
    json_objects,
    parse_citations,
    reply_from_text,
    sanitize,
)
from rag.domain import Row
from rag.errors import BackendError, ConfigError, PromptError
from rag.index import tokens
from rag.settings import Settings

__all__ = [
    "HISTORY_ANSWER_TOKENS", "MAX_TOKENS", "NOT_FOUND", "PROMPT_OVERHEAD", "TASKS", "History", "LLMReply", "Model",
    "ReplyStream", "StatusReview", "chain", "chat_model", "format_history", "format_sources", "generate",
    "json_objects", "parse_citations", "reply_from_text", "review_status", "stream", "summarize_map",
    "summarize_reduce",
]

Model = BaseChatModel | None  # None: ChatOpenAI from settings; tests pass a scripted fake

MAX_TOKENS = 512  # reply length cap sent to the endpoint
PROMPT_OVERHEAD = 16  # chat-template tokens around the messages
TASKS: dict[str, tuple[str, str]] = {  # task -> (system prompt, user prompt)
    "answer": ("answer.system", "answer.user"),
    "summarize_map": ("summarize.system", "summarize_map.user"),
    "summarize_reduce": ("summarize.system", "summarize_reduce.user"),
    "status_review": ("status_review.system", "status_review.user"),
}
_sleep: Callable[[float], None] = time.sleep  # the retry waits; tests replace it to record them


@lru_cache(maxsize=8)
def chat_model(settings: Settings, max_tokens: int | None = None) -> BaseChatModel:
    """ChatOpenAI for the configured endpoint, replies capped at `max_tokens`; the client's own
    retries are off (rag/ask/retry.py retries the chain)."""
    from langchain_openai import ChatOpenAI

    if not settings.openai_model:
        raise ConfigError("OPENAI_MODEL is not set — set it like OPENAI_MODEL=gpt-4o-mini, or use RAG_BACKEND=offline")
    # ChatOpenAI sends max_tokens as max_completion_tokens; other OpenAI-compatible servers
    # (llama-cpp-python's, older vLLM / Ollama) read only max_tokens, so they get that too.
    other = "api.openai.com" not in (settings.openai_base_url or "api.openai.com")
    max_tokens = max_tokens or settings.llm_max_tokens
    return ChatOpenAI(
        base_url=settings.openai_base_url or None,
        api_key=settings.openai_api_key or "not-needed",  # type: ignore[arg-type]
        model=settings.openai_model,
        timeout=settings.llm_timeout_s,
        max_retries=0,
        temperature=0,
        max_tokens=max_tokens,  # type: ignore[call-arg]
        extra_body={"max_tokens": max_tokens} if other else None,
    )


def chain(settings: Settings, task: str = "answer", *, model: Model = None) -> Runnable[dict[str, Any], str]:
    """strict input check | ChatPromptTemplate (prompt files) | chat model | StrOutputParser.
    `model` replaces ChatOpenAI (tests pass a scripted fake)."""
    if task not in TASKS:
        raise PromptError(f"unknown prompt task {task!r} — use one of {', '.join(TASKS)}")
    system, user = (prompts.load(name) for name in TASKS[task])

    def check(values: dict[str, Any]) -> dict[str, Any]:
        system.check({k: v for k, v in values.items() if k in system.variables})
        user.check({k: v for k, v in values.items() if k not in system.variables})
        return values

    template = ChatPromptTemplate.from_messages([("system", system.template), ("human", user.template)])
    return RunnableLambda(check) | template | (model or chat_model(settings)) | StrOutputParser()


def _nap(seconds: float) -> None:
    _sleep(seconds)  # looked up at each wait, so a test's replacement is used


def _invoke(settings: Settings, runnable: Runnable[dict[str, Any], str], values: dict[str, str]) -> str:
    return retry.invoke(settings, runnable, values, _nap)


def _budget(settings: Settings, task: str, values: dict[str, str]) -> int:
    """Tokens left in settings.context_tokens for the one empty value, after the rest of the prompt."""
    system, user = (prompts.load(name) for name in TASKS[task])
    return settings.context_tokens - tokens.count(system.render() + user.render(**values)) - PROMPT_OVERHEAD


def _answer_inputs(
    question: str, rows: Sequence[Row], settings: Settings, history: History
) -> tuple[dict[str, str], list[Row]]:
    """The answer prompt's values and the rows that fit. History gives way to sources; rows of
    which none fit raise BackendError (the caller falls back) rather than a false NOT_FOUND."""
    for hist in (history, None) if history else (None,):
        values = {"question": sanitize(question), "sources": "", "history": format_history(hist)}
        values["sources"], used = format_sources(rows, _budget(settings, "answer", values))
        if used or not rows:
            return values, used
    raise _no_room(settings)


def _no_room(settings: Settings) -> BackendError:
    return BackendError(
        f"RAG_CONTEXT_TOKENS={settings.context_tokens} leaves no room for any source after the prompt — "
        "raise RAG_CONTEXT_TOKENS or shorten the question"
    )


def generate(
    question: str, rows: Sequence[Row], settings: Settings, history: History = None, *, model: Model = None
) -> LLMReply:
    """Answer `question` from `rows` with [n] citations. No rows: NOT_FOUND without a call.
    Raises BackendError when the endpoint fails (after retries) or no source fits the budget."""
    values, used = _answer_inputs(question, rows, settings, history)
    if not used:
        return LLMReply(NOT_FOUND, (), ())
    runnable = chain(settings, "answer", model=model)
    return reply_from_text(_invoke(settings, runnable, values), used)


class ReplyStream(Iterator[str]):
    """Text deltas of an answer; `.sources` is known up front, `.reply()` once it is consumed."""

    def __init__(self, deltas: Iterator[str], sources: Sequence[Row]) -> None:
        self._deltas, self.sources, self._parts = deltas, tuple(sources), list[str]()

    def __iter__(self) -> ReplyStream:
        return self

    def __next__(self) -> str:
        delta = next(self._deltas)
        self._parts.append(delta)
        return delta

    @property
    def text(self) -> str:
        return "".join(self._parts)

    def reply(self) -> LLMReply:
        return reply_from_text(self.text, self.sources)


def stream(
    question: str, rows: Sequence[Row], settings: Settings, history: History = None, *, model: Model = None
) -> ReplyStream:
    """Like generate(), but yields text deltas (chain.stream); iterate, then call .reply()."""
    values, used = _answer_inputs(question, rows, settings, history)
    if not used:
        return ReplyStream(iter([NOT_FOUND]), ())
    runnable = chain(settings, "answer", model=model)
    return ReplyStream(retry.stream(settings, lambda: runnable.stream(values), _nap), used)


def review_status(row_text: str, settings: Settings, *, model: Model = None) -> dict[str, Any]:
    """{"status": done|on_track|behind|unknown, "reason": str}: the first JSON object in the reply
    that StatusReview validates. None valid: BackendError (the caller keeps its rule's label)."""
    values = {"row_text": tokens.truncate(sanitize(row_text), max(64, settings.context_tokens // 2))}
    runnable = chain(settings, "status_review", model=model)
    text = _invoke(settings, runnable, values)
    problem = "no JSON object in the reply"
    for obj in json_objects(text):
        try:
            return StatusReview.model_validate(obj).model_dump()
        except ValidationError as e:
            problem = "; ".join(f"{'.'.join(map(str, err['loc']))}: {err['msg']}" for err in e.errors())[:160]
    raise BackendError(
        f"model endpoint {retry.endpoint(settings)} returned no valid status JSON ({problem}; reply began "
        f"{text[:80]!r}) — keep the rule-based label, or use a model that follows JSON instructions"
    )


def summarize_map(
    rows: Sequence[Row], settings: Settings, focus: str = "", *, start: int = 1, model: Model = None
) -> str:
    """Key points of one batch of rows with [n] citations; rows[i] is source [start + i], so
    batches numbered with running `start` values share one numbering for summarize_reduce."""
    values = {"focus": sanitize(focus) or "（无特定主题）", "sources": ""}
    values["sources"], used = format_sources(rows, _budget(settings, "summarize_map", values), start=start)
    if not used:
        if rows:
            raise _no_room(settings)
        return ""
    runnable = chain(settings, "summarize_map", model=model)
    return _invoke(settings, runnable, values).strip()


def summarize_reduce(partials: Sequence[str], settings: Settings, focus: str = "", *, model: Model = None) -> str:
    """One summary from summarize_map outputs, keeping their [n] numbers. One partial: returned as is."""
    parts = [p.strip() for p in partials if p.strip()]
    if len(parts) <= 1:
        return parts[0] if parts else ""
    values = {"focus": sanitize(focus) or "（无特定主题）", "partials": ""}
    joined = "\n\n".join(p.replace("<<<", "‹‹‹").replace(">>>", "›››") for p in parts)
    values["partials"] = tokens.truncate(joined, max(_budget(settings, "summarize_reduce", values), 0))
    runnable = chain(settings, "summarize_reduce", model=model)
    return _invoke(settings, runnable, values).strip()
