"""Figure records kept with the generation: figures.jsonl beside rows.jsonl, written before the generation is
published (so a reader sees the records of the index it reads) and loaded once per opened index."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from rag.domain import content_hash
from rag.ingest.figures import Figure

VERSION = 3  # bump when the extractor changes what it records: the generation's name changes with it
FILE = "figures.jsonl"


def key(figures: Sequence[Figure]) -> str:
    """A content hash of the records: a change of the extractor alone publishes a new generation."""
    return content_hash(VERSION, [f.to_json() for f in figures])


def write(gen_dir: Path, figures: Sequence[Figure]) -> None:
    with (gen_dir / FILE).open("w", encoding="utf-8") as f:
        for fig in figures:
            f.write(json.dumps(fig.to_json(), ensure_ascii=False) + "\n")


def read(gen_dir: Path) -> list[Figure]:
    """The generation's records ([] for a generation built before records were kept)."""
    path = gen_dir / FILE
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as f:
        return [Figure.from_json(json.loads(line)) for line in f if line.strip()]


def figures_of(index: Any) -> list[Figure]:
    """The records of an opened rag.index.build.Index, loaded once and kept in its memo."""
    memo = index.memo
    if "figures" not in memo:
        memo["figures"] = read(index.settings.data_dir / index.generation)
    return memo["figures"]
