"""The vector store: Chroma, embedded (PersistentClient under the data dir) or a server
(HttpClient from RAG_CHROMA_URL) through the same code path. Owns the chromadb import.
Embeddings are always supplied by us (rag.index.embed); Chroma's own embedder is never used."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import numpy as np

from rag.errors import DataDirError, storage_error

logging.getLogger("chromadb").setLevel(logging.ERROR)

# Wide HNSW search and construction: at this corpus size the approximate index is then effectively
# exact, so a rebuilt index returns the same neighbours (the default ef let recall@5 vary 0.928–0.955
# between fresh builds of the same corpus).
HNSW = {"hnsw:space": "cosine", "hnsw:search_ef": 200, "hnsw:construction_ef": 200}


class _Refuse:
    """Stands where Chroma would put its default (downloading) embedder; never called by us."""

    def __call__(self, input: Any) -> Any:  # noqa: A002 - chroma's signature
        raise RuntimeError("Chroma's own embedder must not run: pass embeddings explicitly")

    @staticmethod
    def name() -> str:
        return "rag-external"

    def is_legacy(self) -> bool:
        return True


class VectorStore:
    def __init__(self, data_dir: Path, url: str = "", collection: str = "rows") -> None:
        import chromadb
        from chromadb.config import Settings as ChromaSettings

        chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
        try:
            if url:
                u = urlparse(url)
                self.client = chromadb.HttpClient(
                    host=u.hostname or "127.0.0.1",
                    port=u.port or 8000,
                    ssl=u.scheme == "https",
                    settings=chroma_settings,
                )
            else:
                path = data_dir / "chroma"
                path.mkdir(parents=True, exist_ok=True)
                self.client = chromadb.PersistentClient(path=str(path), settings=chroma_settings)
            self.col = self.client.get_or_create_collection(
                collection, metadata=HNSW, embedding_function=None
            )
        except Exception as e:  # chroma raises many types; all mean the same to the user here
            where = url or str(data_dir / "chroma")
            full_or_read_only = None if url else storage_error(e, data_dir)
            if full_or_read_only is not None:  # --rebuild would not help
                raise full_or_read_only from e
            raise DataDirError(
                f"cannot open the vector store at {where}: {e} — "
                "run `rag ingest --rebuild` (or check RAG_CHROMA_URL points at a running Chroma server)"
            ) from e

    def ids(self) -> set[str]:
        got = self.col.get(include=[])
        return set(got["ids"])

    def metadatas(self) -> dict[str, dict[str, Any]]:
        """Every stored chunk id with its metadata."""
        got = self.col.get(include=["metadatas"])
        return {i: dict(m or {}) for i, m in zip(got["ids"], got["metadatas"] or [])}

    def update_metadata(self, ids: Sequence[str], metas: Sequence[dict[str, Any]]) -> None:
        """New metadata for stored chunks (a manifest edit changes a document's district or period, not its text)."""
        for s in range(0, len(ids), 1000):
            self.col.update(ids=list(ids[s : s + 1000]), metadatas=list(metas[s : s + 1000]))  # type: ignore[arg-type]

    def count(self) -> int:
        return int(self.col.count())

    def upsert(self, ids: Sequence[str], vectors: np.ndarray, docs: Sequence[str], metas: Sequence[dict[str, Any]]) -> None:
        for s in range(0, len(ids), 1000):
            self.col.upsert(
                ids=list(ids[s : s + 1000]),
                embeddings=[v.tolist() for v in vectors[s : s + 1000]],
                documents=list(docs[s : s + 1000]),
                metadatas=list(metas[s : s + 1000]),  # type: ignore[arg-type]
            )

    def delete(self, ids: Sequence[str]) -> None:
        for s in range(0, len(ids), 1000):
            self.col.delete(ids=list(ids[s : s + 1000]))

    def query(self, vector: np.ndarray, k: int, where: dict[str, Any] | None = None) -> list[tuple[str, float]]:
        n = self.count()
        if n == 0:
            return []
        res = self.col.query(
            query_embeddings=[vector.tolist()], n_results=min(k, n), where=where or None, include=["distances"]
        )
        ids = res["ids"][0]
        dists = (res.get("distances") or [[1.0] * len(ids)])[0]
        return [(i, 1.0 - float(d)) for i, d in zip(ids, dists)]

    @staticmethod
    def destroy_local(data_dir: Path) -> None:
        """Remove an embedded store that cannot be opened (rebuild repairs it from scratch)."""
        import shutil

        from chromadb.api.shared_system_client import SharedSystemClient

        SharedSystemClient.clear_system_cache()
        shutil.rmtree(data_dir / "chroma", ignore_errors=True)

    def reset(self) -> None:
        name = self.col.name
        self.client.delete_collection(name)
        self.col = self.client.get_or_create_collection(name, metadata=HNSW, embedding_function=None)
