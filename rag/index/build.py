"""Ingest and the on-disk index. Reads the corpus, parses, chunks, embeds only what changed
(content-hash ids + embedding cache), updates Chroma and the keyword index, and publishes a new
generation atomically (a CURRENT pointer swapped with os.replace), so a reader sees the old index
or the new one, never half of one. `Index.open` loads the published generation for queries."""

from __future__ import annotations

import json
import os
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rag.domain import Chunk, Document, Row, content_hash
from rag.errors import DataDirError
from rag.index import figures_store, guard
from rag.index.chunk import chunk_row, dense_text
from rag.index.embed import CachedEmbedder, make_embedder
from rag.index.keyword import KeywordIndex, add_words
from rag.index.progress import doc_ticks
from rag.index.store import VectorStore
from rag.ingest.budgets import budgets_of
from rag.ingest.corpus import Problem, read_corpus
from rag.ingest.figures import Figure, extract
from rag.ingest.parse import finalize, parse_document
from rag.ingest.trust import flag_planted
from rag.settings import Settings

VERSION = 1
# Test hook: with RAG_TEST_PAUSE_AFTER_CHUNKS=N, ingest stops after embedding N new chunks, writes
# RAG_TEST_PAUSE_FILE and waits there, so a test can kill it at a known point (no sleeps).
PAUSE_AFTER = "RAG_TEST_PAUSE_AFTER_CHUNKS"
PAUSE_FILE = "RAG_TEST_PAUSE_FILE"
Progress = Callable[[str, int, int], None]  # (stage, done, total)


@dataclass
class IngestReport:
    documents: int = 0
    rows: int = 0
    chunks: int = 0
    embedded: int = 0
    added: int = 0
    deleted: int = 0
    unchanged: int = 0
    seconds: float = 0.0
    problems: list[Problem] = field(default_factory=list)
    requests: dict[str, int] = field(default_factory=dict)  # embedding requests answered per endpoint server
    notes: dict[str, list[str]] = field(default_factory=dict)


def _row_from_json(d: dict[str, Any]) -> Row:
    d = dict(d)
    d.pop("id", None)
    d["units"] = tuple(d.get("units", ()))
    d["data_quality"] = tuple(d.get("data_quality", ()))
    return Row(**d)


def _write_json(path: Path, obj: Any) -> None:
    path.write_text(json.dumps(obj, ensure_ascii=False), encoding="utf-8")


def _test_pause(done: int) -> None:
    limit = os.environ.get(PAUSE_AFTER)
    if limit and done >= int(limit):
        Path(os.environ[PAUSE_FILE]).write_text(str(done), encoding="utf-8")
        while True:
            time.sleep(3600)


def parse_corpus(docs: list[Document]) -> tuple[list[Row], dict[str, list[str]], dict[str, Document]]:
    results = flag_planted(finalize([parse_document(d) for d in docs]))
    rows = [r for res in results for r in res.rows]
    notes = {res.doc.name: [*res.doc.notes, *res.notes] for res in results if res.notes or res.doc.notes}
    return rows, notes, {res.doc.name: res.doc for res in results}


def _open_store(settings: Settings, rebuild: bool, owned: frozenset[str] = frozenset()) -> VectorStore:
    data = settings.data_dir
    if rebuild:
        for stale in [*data.glob("gen-*"), data / "CURRENT"]:
            shutil.rmtree(stale, ignore_errors=True) if stale.is_dir() else stale.unlink(missing_ok=True)
        if not settings.chroma_url:
            try:
                VectorStore(data, "", settings.collection)
            except DataDirError:
                VectorStore.destroy_local(data)  # corrupt: start the store afresh
    store = VectorStore(data, settings.chroma_url, settings.collection)
    if rebuild and settings.chroma_url:  # a shared collection: drop only what this data dir published (guard.py)
        store.delete(sorted(owned))
    elif rebuild:
        store.reset()
    return store


def _published(data: Path) -> dict[str, Any]:
    """The published generation's state.json ({} when there is no readable one)."""
    try:
        gen = data / (data / "CURRENT").read_text(encoding="utf-8").strip()
        state = json.loads((gen / "state.json").read_text(encoding="utf-8"))
        return state if isinstance(state, dict) and "model" in state else {}
    except (OSError, ValueError, TypeError):
        return {}


def _same_model(data: Path, embedder: CachedEmbedder, rebuild: bool) -> None:
    """Refuse to add one model's vectors to a collection built with another (they cannot be compared)."""
    model = _published(data).get("model")
    if model and model != embedder.name and not rebuild:
        raise DataDirError(
            f"the index in {data} was built with the embedding model {model}, and the model now is {embedder.name} "
            "— run `rag ingest --rebuild` to re-embed everything with it (or set RAG_EMBEDDER / RAG_EMBEDDINGS_URL / "
            "RAG_EMBEDDINGS_MODEL back)"
        )


def _embed_new(embedder: CachedEmbedder, store: VectorStore | None, new: list[Chunk], progress: Progress | None,
               dense: tuple[int, int] = (0, 0), docs: int = 0) -> int:
    """Embed and upsert the chunks given (store None: only into the embedding cache); the number of texts
    run through the model (not cached)."""
    if new:
        texts = [dense_text(c.text, dense[0], str(c.metadata.get("kind", "")), dense[1]) for c in new]
        todo = embedder.missing(texts)
        docs_done, cached, done = doc_ticks(new, todo, docs), len(new) - len(todo), [0]

        def tick(n: int) -> None:
            done[0] += n
            _test_pause(done[0] - cached)
            if progress:
                progress("docs", docs_done(max(done[0] - cached, 0)), docs)
                progress("embed", done[0], len(new))

        vecs = embedder.passages(texts, tick)
        if store is not None:
            store.upsert([c.id for c in new], vecs, [c.text for c in new], [c.metadata for c in new])
    return embedder.embedded


def _docs_meta(parsed: dict[str, Document]) -> dict[str, dict[str, str]]:
    return {n: {"district": d.district, "title": d.title, "period": d.period, "layout": d.layout,
                "year": str(d.year or ""), "period_label": d.period_label} for n, d in parsed.items()}


def _write_generation(gen: Path, rows: list[Row], chunks: list[Chunk], parsed: dict[str, Document],
                      notes: dict[str, list[str]], model: str, dense: tuple[int, int] = (0, 0),
                      figures: list[Figure] | None = None) -> None:
    tmp = gen.parent / f".tmp-{os.getpid()}-{time.time_ns()}"
    tmp.mkdir()
    figures_store.write(tmp, figures or [])
    KeywordIndex.build([c.id for c in chunks], [c.text for c in chunks]).save(tmp / "keyword")
    with (tmp / "rows.jsonl").open("w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r.to_json(), ensure_ascii=False) + "\n")
    _write_json(tmp / "chunks.json", {c.id: [c.row_id, c.text] for c in chunks})
    _write_json(tmp / "docs.json", {"docs": _docs_meta(parsed), "notes": notes})
    _write_json(tmp / "state.json", {"version": VERSION, "model": model, "chunks": len(chunks),
                                       "dense_tokens": dense[0], "dense_paragraph_tokens": dense[1]})
    if gen.exists():
        shutil.rmtree(gen)
    tmp.rename(gen)


def _publish(data: Path, gen: Path) -> None:
    """Swap the CURRENT pointer atomically, then drop older generations and leftovers."""
    ptr = data / "CURRENT.tmp"
    ptr.write_text(gen.name, encoding="utf-8")
    os.replace(ptr, data / "CURRENT")
    for old in data.glob("gen-*"):
        if old != gen:
            shutil.rmtree(old, ignore_errors=True)
    for junk in data.glob(".tmp-*"):
        shutil.rmtree(junk, ignore_errors=True)


def ingest(settings: Settings, progress: Progress | None = None, rebuild: bool = False,
           allow_shrink: bool = False) -> IngestReport:
    """Index the corpus. Refuses (CorpusError, the published index kept) a corpus with no readable document or one
    that drops over half the published documents, unless `allow_shrink` (rag.index.guard)."""
    t0 = time.perf_counter()
    data = settings.data_dir
    data.mkdir(parents=True, exist_ok=True)
    report = IngestReport()
    docs, report.problems = read_corpus(settings.corpus_dir, settings.max_bytes, budgets_of(settings))
    rows, report.notes, parsed = parse_corpus(docs)
    before = guard.published(data)
    if not allow_shrink:
        guard.refuse_shrink(before, rows, report.problems, settings.corpus_dir)
    report.documents, report.rows = len(docs), len(rows)
    chunks: list[Chunk] = [c for r in rows for c in chunk_row(r, settings.chunk_tokens)]
    report.chunks = len(chunks)
    embedder = make_embedder(settings)
    dense = (settings.dense_tokens, settings.dense_paragraph_tokens)
    _same_model(data, embedder, rebuild)
    if rebuild:  # embed into the cache before anything is dropped: a failing endpoint leaves the old index whole
        _embed_new(embedder, None, chunks, progress, dense, len(docs))
    published, store = _published(data), _open_store(settings, rebuild, before.chunks)
    have = store.metadatas()
    # vectors of an unknown embedder or another dense budget are never kept: every chunk is re-upserted (the
    # embedding cache, keyed by model and the text embedded, still serves the texts this embedder has seen)
    same = published.get("model") == embedder.name and (published.get("dense_tokens", 0),
                                                          published.get("dense_paragraph_tokens", 0)) == dense
    kept = set(have) if same else set()
    want = {c.id: c for c in chunks}
    new = [c for c in chunks if c.id not in kept]
    stale = [c for c in chunks if c.id in kept and have[c.id] != c.metadata]  # same text, edited district/period
    gone = guard.deletable(have, want, before, shared=bool(settings.chroma_url))
    report.added, report.deleted, report.unchanged = len(new), len(gone), len(chunks) - len(new)
    model, report.embedded = embedder.name, _embed_new(embedder, store, new, progress, dense, len(docs))
    if gone:
        store.delete(gone)
    if stale:
        store.update_metadata([c.id for c in stale], [c.metadata for c in stale])
    add_words(u for r in rows for u in r.units)
    # the rows themselves (their place, year, period…) are part of the name: a parser or manifest change that
    # alters no chunk text still publishes a new generation
    space = f"{model}#dense{dense[0]}" if dense[0] else model  # what the vectors mean
    space += f"p{dense[1]}" if dense[1] else ""
    figures = extract(rows, parsed)  # issue N: the records are part of the generation (and of its name)
    rows_key = [r.to_json() for r in rows]
    gen = data / f"gen-{content_hash([*sorted(want), space], _docs_meta(parsed), rows_key, figures_store.key(figures), n=12)}"
    if not (gen / "state.json").exists():
        _write_generation(gen, rows, chunks, parsed, report.notes, model, dense, figures)
    _publish(data, gen)
    report.seconds, report.requests = time.perf_counter() - t0, dict(getattr(embedder.inner, "requests", {}))
    if progress:
        progress("done", len(new), len(new))
    return report


class Index:
    """A published generation, loaded for queries: rows, chunk map, keyword index, vector store."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        data = settings.data_dir
        cur = data / "CURRENT"
        if not cur.exists():
            raise DataDirError(f"no index in {data} — run `rag ingest` first (or pass --data-dir)")
        try:
            gen = data / cur.read_text(encoding="utf-8").strip()
            state = json.loads((gen / "state.json").read_text(encoding="utf-8"))
            self.embedder = make_embedder(settings)
            if state.get("version") != VERSION or state.get("model") != self.embedder.name:
                raise ValueError(
                    f"index version {state.get('version')}/{state.get('model')} is not {VERSION}/{self.embedder.name}"
                )
            with (gen / "rows.jsonl").open(encoding="utf-8") as f:
                self.rows = [_row_from_json(json.loads(line)) for line in f if line.strip()]
            raw = json.loads((gen / "chunks.json").read_text(encoding="utf-8"))
            meta = json.loads((gen / "docs.json").read_text(encoding="utf-8"))
            self.keyword = KeywordIndex.load(gen / "keyword")
        except (OSError, ValueError, KeyError, TypeError, UnicodeDecodeError) as e:
            raise DataDirError(
                f"the index in {data} is corrupt or from another version ({e}) — run `rag ingest --rebuild`"
            ) from e
        self.generation = gen.name
        self.docs: dict[str, dict[str, str]] = meta["docs"]
        self.notes: dict[str, list[str]] = meta.get("notes", {})
        self.by_id = {r.id: r for r in self.rows}
        self.chunk_row: dict[str, str] = {cid: v[0] for cid, v in raw.items()}
        self.chunk_text: dict[str, str] = {cid: v[1] for cid, v in raw.items()}
        add_words(u for r in self.rows for u in r.units)
        self._store: VectorStore | None = None
        self.memo: dict[str, Any] = {}  # derived values later stages compute once per loaded index

    @property
    def store(self) -> VectorStore:
        if self._store is None:
            self._store = VectorStore(self.settings.data_dir, self.settings.chroma_url, self.settings.collection)
        return self._store

    def districts(self) -> list[str]:
        return sorted({r.district for r in self.rows if r.district})

    def units(self, district: str | None = None) -> list[str]:
        return sorted({u for r in self.rows if not district or r.district == district for u in r.units})
