"""Retries for model calls, and the BackendError a failed call becomes. Owns the tenacity import.

One retry layer: LangChain's RunnableRetry (what `.with_retry()` builds, on tenacity) around the
chain; the openai client's own retries are off (rag.ask.llm.chat_model sets max_retries=0) so no
request is retried twice over. Up to settings.llm_retries retries, only for connection errors,
timeouts, HTTP 408/429 and 5xx, and ModelErrors LangChain marks retryable; anything else fails at
once. The wait is the server's Retry-After (retry-after-ms, seconds or an HTTP date) when it sends
one, else BACKOFF_S doubling up to BACKOFF_CAP_S; a server asking for more than RETRY_AFTER_MAX_S
is not retried (the error says so).

The one custom piece is `stream`: RunnableRetry does not retry streams, so a stream is retried here,
with the same tenacity policy, only before its first text delta (a partial answer is never
restarted: a failure after it is a BackendError at once)."""

from __future__ import annotations

import contextlib
import email.utils
import importlib
import logging
import math
import time
from collections.abc import Callable, Iterator
from typing import Any

import openai
from langchain_core.exceptions import ModelError
from langchain_core.runnables import Runnable
from langchain_core.runnables.retry import RunnableRetry
from tenacity import RetryCallState, Retrying, retry_if_exception, stop_after_attempt, wait_exponential

from rag.errors import BackendError, RagError
from rag.settings import Settings

log = logging.getLogger(__name__)

BACKOFF_S, BACKOFF_CAP_S = 0.5, 8.0  # waits 0.5 s, 1 s, 2 s, ... between attempts
RETRY_AFTER_MAX_S = 120.0  # a longer Retry-After is not waited out (the openai client's own limit)
_TRANSPORT: tuple[type[BaseException], ...] = (TimeoutError, ConnectionError)
for _mod in ("httpx", "httpx2"):  # openai 1.x/2.x use httpx, 3.x httpx2: mid-stream errors come raw
    with contextlib.suppress(ImportError):
        _TRANSPORT += (importlib.import_module(_mod).TransportError,)

Sleep = Callable[[float], None]


def endpoint(settings: Settings) -> str:
    return settings.openai_base_url or "https://api.openai.com/v1 (OpenAI default)"


def retry_after(exc: BaseException | None) -> float | None:
    """Seconds the server asked to wait (retry-after-ms, Retry-After seconds or HTTP date), if it said."""
    headers = getattr(getattr(exc, "response", None), "headers", None)
    if headers is None:
        return None
    for name, scale in (("retry-after-ms", 0.001), ("retry-after", 1.0)):
        with contextlib.suppress(TypeError, ValueError):
            seconds = float(headers.get(name)) * scale
            if not math.isnan(seconds):
                return max(seconds, 0.0)
    with contextlib.suppress(TypeError, ValueError):
        return max(email.utils.parsedate_to_datetime(headers.get("retry-after")).timestamp() - time.time(), 0.0)
    return None


def retryable(exc: BaseException) -> bool:
    wait = retry_after(exc)
    if wait is not None and wait > RETRY_AFTER_MAX_S:
        return False
    if isinstance(exc, openai.APIStatusError):
        return exc.status_code in (408, 429) or exc.status_code >= 500
    if isinstance(exc, ModelError):
        return exc.is_retryable
    return isinstance(exc, (openai.APIConnectionError, *_TRANSPORT))


def backend_error(exc: BaseException, settings: Settings, attempts: int) -> BackendError:
    """The failure as BackendError: endpoint, attempts, HTTP status, detail (key masked) and the fix."""
    detail = " ".join(str(exc).split())[:200] or "no message"
    if settings.openai_api_key:
        detail = detail.replace(settings.openai_api_key, "***")
    status, wait = getattr(exc, "status_code", None), retry_after(exc)
    if wait is not None and wait > RETRY_AFTER_MAX_S:
        fix = f"the server asked to wait {wait:.0f} s (Retry-After) — try again later"
    elif status in (401, 403):
        fix = "check OPENAI_API_KEY (a key for this endpoint)"
    elif status == 404:
        fix = f"check OPENAI_MODEL={settings.openai_model!r} and that OPENAI_BASE_URL ends in /v1"
    elif status is not None and status < 500 and status not in (408, 429):
        fix = "check OPENAI_MODEL and the prompt size (lower RAG_CONTEXT_TOKENS)"
    elif retryable(exc):
        fix = "check that the server is running and reachable, or raise RAG_LLM_TIMEOUT_S / RAG_LLM_RETRIES"
    else:
        fix = "check that OPENAI_BASE_URL points at an OpenAI-compatible /v1 API"
    what = f"HTTP {status} {type(exc).__name__}" if status else type(exc).__name__
    return BackendError(f"model endpoint {endpoint(settings)} failed after {attempts} attempt(s) ({what}: {detail}) — {fix}")


class Attempts:
    """One call's tenacity hooks: count its attempts, wait Retry-After or the backoff, log, sleep."""

    _backoff = wait_exponential(multiplier=BACKOFF_S, max=BACKOFF_CAP_S)

    def __init__(self, settings: Settings, sleep: Sleep) -> None:
        self.settings, self.sleep, self.n = settings, sleep, 0

    def _count(self, state: RetryCallState) -> None:
        self.n = state.attempt_number

    def _wait(self, state: RetryCallState) -> float:
        after = retry_after(state.outcome.exception() if state.outcome else None)
        return after if after is not None else self._backoff(state)

    def _log(self, state: RetryCallState) -> None:
        exc = state.outcome.exception() if state.outcome else None
        delay = state.next_action.sleep if state.next_action else 0.0
        log.warning("model endpoint %s: %s, retry in %.1fs", endpoint(self.settings), type(exc).__name__, delay)

    def hooks(self) -> dict[str, Any]:
        return {"wait": self._wait, "before": self._count, "before_sleep": self._log, "sleep": self.sleep}


class _Retry(RunnableRetry[dict[str, Any], str]):
    """RunnableRetry with one call's Attempts hooks in place of its jittered wait and time.sleep."""

    attempts: Any = None

    @property
    def _kwargs_retrying(self) -> dict[str, Any]:
        return {**super()._kwargs_retrying, **self.attempts.hooks()}


def invoke(settings: Settings, runnable: Runnable[dict[str, Any], str], values: dict[str, str], sleep: Sleep) -> str:
    """runnable.invoke(values), retried; a failure in the end is a BackendError (RagErrors pass as they are)."""
    attempts = Attempts(settings, sleep)
    retrying = _Retry(bound=runnable, retry_exception_types=retryable, max_attempt_number=settings.llm_retries + 1,
                      wait_exponential_jitter=False, attempts=attempts)
    try:
        return retrying.invoke(values)
    except RagError:
        raise
    except Exception as e:
        raise backend_error(e, settings, attempts.n) from None


def _first_delta(start: Callable[[], Iterator[str]]) -> tuple[str, Iterator[str]]:
    deltas = iter(start())
    return next((d for d in deltas if d), ""), deltas


def stream(settings: Settings, start: Callable[[], Iterator[str]], sleep: Sleep) -> Iterator[str]:
    """Non-empty deltas of start(); failures before the first one are retried like invoke's, later
    ones (or running out) raise BackendError."""
    attempts = Attempts(settings, sleep)
    policy = Retrying(stop=stop_after_attempt(settings.llm_retries + 1), retry=retry_if_exception(retryable),
                      reraise=True, **attempts.hooks())
    try:
        for attempt in policy:
            with attempt:
                first, rest = _first_delta(start)
        if first:
            yield first
        yield from (d for d in rest if d)
    except RagError:
        raise
    except Exception as e:
        raise backend_error(e, settings, attempts.n) from None
