"""Blind question batches (evals/blind/NNN.jsonl) and the documents each one is about.

evals/blind/batches.json names, per batch, the folders its documents come from, relative to the project
root: "corpus" (the project's own reports) and/or folders of ../shared such as "../shared/realworld2",
whose texts stay there and are never copied into the project. `prepare(settings, batch)` assembles those
documents in the data dir (`<data>/batches/NNN/corpus`), indexes them in `<data>/batches/NNN/index` (the
project index's embedding cache is reused, so only new texts are embedded) and returns the Settings to
score with. A batch whose folder is missing raises BatchError naming it (tests skip on that)."""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass, replace
from pathlib import Path

from rag.errors import ConfigError
from rag.settings import PROJECT, Settings

BLIND = PROJECT / "evals" / "blind"


class BatchError(ConfigError):
    """An unknown batch or a missing document folder; the message names it and the fix."""


@dataclass(frozen=True)
class Batch:
    name: str
    facts: Path
    documents: tuple[str, ...]  # folders relative to the project root

    @property
    def label(self) -> str:
        return " + ".join(d.rstrip("/") + "/" for d in self.documents)


def load_batches(folder: Path = BLIND) -> dict[str, Batch]:
    meta = folder / "batches.json"
    try:
        raw = json.loads(meta.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BatchError(f"{meta} is missing — it names each batch's document folders") from None
    except json.JSONDecodeError as e:
        raise BatchError(f"{meta}: not valid JSON ({e.msg})") from None
    out = {}
    for name, spec in raw.get("batches", {}).items():
        docs = spec.get("documents") if isinstance(spec, dict) else None
        if not isinstance(docs, list) or not docs or not all(isinstance(d, str) for d in docs):
            raise BatchError(f"{meta}: batch {name!r} needs \"documents\": a list of folders")
        out[name] = Batch(name, folder / f"{name}.jsonl", tuple(docs))
    return out


def get_batch(name: str, folder: Path = BLIND) -> Batch:
    batches = load_batches(folder)
    if name not in batches:
        raise BatchError(f"no batch {name!r} in {folder / 'batches.json'} (have: {', '.join(sorted(batches))})")
    return batches[name]


def _sources(batch: Batch, root: Path) -> list[Path]:
    dirs = [(root / d).resolve() for d in batch.documents]
    missing = [d for d, p in zip(batch.documents, dirs) if not p.is_dir()]
    if missing:
        raise BatchError(f"batch {batch.name} needs {', '.join(missing)}, which is not beside this checkout")
    return dirs


# A data set's own documentation (what the set is, where each file came from) describes the documents and is
# not one of them: ../shared/realworld2's SOURCES.md names every place and year of the set, so indexed it
# answered as a 25th "report" about all of them.
SET_NOTES = frozenset({"readme.md", "sources.md", "readme.txt", "sources.txt"})


def _assemble(dirs: list[Path], into: Path) -> None:
    """Copy every document (not the manifests, not the set's own notes) into one folder, merging the
    manifests' entries."""
    if into.exists():
        shutil.rmtree(into)
    into.mkdir(parents=True)
    documents: list[dict[str, object]] = []
    for d in dirs:
        for f in sorted(d.iterdir()):
            if f.name == "manifest.json":
                documents += json.loads(f.read_text(encoding="utf-8")).get("documents", [])
            elif f.is_file() and f.name.lower() not in SET_NOTES and f.suffix.lower() in (".txt", ".pdf", ".docx", ".html", ".htm", ".xlsx", ".md"):
                shutil.copy(f, into / f.name)
    if documents:
        (into / "manifest.json").write_text(json.dumps({"documents": documents}, ensure_ascii=False), "utf-8")


def prepare(settings: Settings, batch: Batch, root: Path = PROJECT) -> Settings:
    """Index the batch's documents in the data dir and return the Settings that read that index."""
    from rag.index.build import ingest

    base = settings.data_dir / "batches" / batch.name
    corpus, data = base / "corpus", base / "index"
    _assemble(_sources(batch, root), corpus)
    data.mkdir(parents=True, exist_ok=True)
    cache = settings.data_dir / "embeddings.sqlite"
    if cache.exists() and not (data / "embeddings.sqlite").exists():
        shutil.copy(cache, data / "embeddings.sqlite")
    scoped = replace(settings, corpus_dir=corpus, data_dir=data)
    ingest(scoped)
    return scoped


__all__ = ["BLIND", "Batch", "BatchError", "get_batch", "load_batches", "prepare"]
