"""Nothing lost (rag.index.guard), with the fake embedder and real Chroma: an empty corpus, one whose every file is
unreadable, and one that loses over half the documents are refused with exit 3 and the published index stays; with
--allow-shrink (or the library's explicit remove) they go through. In a shared collection only chunk ids this data
dir published are ever deleted."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from testenv import hash_copy, ingested_once

from rag.cli import main
from rag.errors import CorpusError
from rag.index import guard
from rag.index.build import Index, ingest
from rag.index.changes import Library
from rag.settings import Settings

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
DOCS = ("000_89436030b738289b.txt", "003_4b547df35adac2a7.txt", "004_d100e50c0866be80.txt")


def _three_docs(root: Path) -> Settings:
    corpus = root / "corpus"
    corpus.mkdir()
    for d in DOCS:
        shutil.copy(CORPUS / d, corpus / d)
    return Settings.from_env({"RAG_EMBEDDER": "hash"}, corpus_dir=corpus, data_dir=root / "data")


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Path:
    """The three documents ingested once per module; each test works on its own copy of the folders."""
    return ingested_once(tmp_path_factory, _three_docs)


@pytest.fixture
def settings(published: Path, tmp_path: Path) -> Settings:
    return hash_copy(published, tmp_path)


def _rows(s: Settings) -> int:
    return len(Index(s).rows)


def test_an_empty_corpus_is_refused_with_exit_3_and_the_index_kept(settings, tmp_path):
    rows = _rows(settings)
    empty = tmp_path / "empty"
    empty.mkdir()
    res = CliRunner().invoke(main, ["--corpus", str(empty), "--data-dir", str(settings.data_dir), "ingest"],
                             env={"RAG_EMBEDDER": "hash"})
    assert res.exit_code == 3, res.output
    assert "has no readable report" in res.output and "--allow-shrink" in res.output and "3 documents" in res.output
    assert _rows(settings) == rows  # every page still answers from the old index
    ok = CliRunner().invoke(main, ["--corpus", str(empty), "--data-dir", str(settings.data_dir), "ingest",
                                   "--allow-shrink"], env={"RAG_EMBEDDER": "hash"})
    assert ok.exit_code == 0, ok.output
    assert _rows(settings) == 0


def test_a_corpus_whose_every_file_is_unreadable_is_refused(settings):
    for p in settings.corpus_dir.iterdir():
        p.write_bytes(b"\x00\x01\x02" * 100)
    rows = _rows(settings)
    with pytest.raises(CorpusError) as e:
        ingest(settings)
    assert "has no readable report" in str(e.value) or "none readable" in str(e.value)
    assert _rows(settings) == rows


def test_losing_over_half_the_documents_is_refused_naming_them(settings):
    for d in DOCS[:2]:
        (settings.corpus_dir / d).unlink()
    with pytest.raises(CorpusError) as e:
        ingest(settings)
    assert "drop 2 of the 3 published documents" in str(e.value) and DOCS[0] in str(e.value)
    assert len(Index(settings).docs) == 3
    assert ingest(settings, allow_shrink=True).documents == 1


def test_losing_one_of_three_is_an_ordinary_change(settings):
    (settings.corpus_dir / DOCS[0]).unlink()
    assert ingest(settings).documents == 2


def test_the_library_remove_is_explicit_and_may_shrink(settings):
    lib = Library(settings, "cli:test")
    lib.remove(DOCS[0])
    lib.remove(DOCS[1])  # 2 of 3 gone, one at a time and on purpose
    assert len(Index(settings).docs) == 1


def test_a_shared_collection_loses_only_chunks_this_data_dir_published(settings):
    before = guard.published(settings.data_dir)
    assert before.docs == frozenset(DOCS) and before.chunks
    mine = sorted(before.chunks)
    others = {"another-corpus-chunk-1", "another-corpus-chunk-2"}
    have = set(mine) | others
    want = set(mine[1:])
    assert guard.deletable(have, want, before, shared=True) == [mine[0]]  # never the other corpus's chunks
    assert set(guard.deletable(have, want, before, shared=False)) == {mine[0], *others}  # embedded: ours alone
