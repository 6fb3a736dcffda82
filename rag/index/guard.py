"""Nothing lost: ingest never publishes a generation that silently drops the documents the published one has, and
never deletes chunks it did not publish itself.

- Shrinking: a corpus with no readable document (an empty folder, a network share that did not mount, every file
  unreadable) while an index is published, or one that loses more than half of the published documents, is refused with
  CorpusError (exit 3) naming what would be lost; the published index stays as it is. `--allow-shrink` (and the
  library's remove, which is explicit) lets it through.
- Ownership: in the team set-up (RAG_CHROMA_URL, one collection shared by several instances) the collection may
  hold other corpora's chunks. An instance knows its own from its data dir: the chunk ids of the generation it
  published last (`chunks.json`). It deletes only those that are gone from its corpus, never an id it did not
  publish. The embedded store (data_dir/chroma) belongs to one data dir, so there every stale chunk is deleted."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rag.domain import Row
from rag.errors import CorpusError
from rag.ingest.corpus import Problem

SHRINK_SHARE = 0.5  # losing more than this share of the published documents needs --allow-shrink
SHOWN = 5  # lost documents named in the refusal


@dataclass(frozen=True)
class Published:
    """What the data dir's published generation holds (empty when there is none or it cannot be read)."""

    docs: frozenset[str] = field(default_factory=frozenset)
    chunks: frozenset[str] = field(default_factory=frozenset)


def published(data: Path) -> Published:
    """The documents that have rows in the published generation, and its chunk ids."""
    try:
        gen = data / (data / "CURRENT").read_text(encoding="utf-8").strip()
        with (gen / "rows.jsonl").open(encoding="utf-8") as f:
            docs = {json.loads(line)["doc"] for line in f if line.strip()}
        chunks = json.loads((gen / "chunks.json").read_text(encoding="utf-8"))
        return Published(frozenset(docs), frozenset(chunks))
    except (OSError, ValueError, KeyError, TypeError):
        return Published()


def refuse_shrink(before: Published, rows: list[Row], problems: list[Problem], corpus: Path) -> None:
    """CorpusError when the new corpus has no document with a row, or loses over half of the published ones (with
    nothing published, nothing can be lost: a new library starts empty; unreadable files still make exit 3)."""
    kept = len(before.docs)
    docs = {r.doc for r in rows}
    if not docs and kept:
        why = f"{len(problems)} file(s), none readable (see the skipped files)" if problems else "no readable report"
        raise CorpusError(f"corpus {corpus} has {why} — check the folder (a network share that did not mount?); "
                          f"the published index ({kept} documents) is kept. To publish an empty index, pass "
                          "--allow-shrink")
    lost = sorted(before.docs - docs)
    if kept and len(lost) > SHRINK_SHARE * kept:
        names = "、".join(lost[:SHOWN]) + ("…" if len(lost) > SHOWN else "")
        raise CorpusError(f"corpus {corpus} would drop {len(lost)} of the {kept} published documents ({names}) — "
                          "check the folder and the skipped files; the published index is kept. If they were "
                          "removed on purpose, pass --allow-shrink (or use `rag library remove`)")


def deletable(have: Iterable[str], want: Iterable[str], before: Published, shared: bool) -> list[str]:
    """Stored chunk ids this ingest may delete: gone from the corpus and, in a shared collection, published by
    this data dir."""
    gone = set(have) - set(want)
    return sorted(gone & before.chunks if shared else gone)
