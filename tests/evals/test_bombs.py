"""`rag bench --bombs` at a small scale with small budgets: every hostile file (built on the fly) is skipped with the
budget that stopped it, and the process that read it stayed within the 600 MB target. Memory is bounded through the
budgets, not measured against a clock."""

from __future__ import annotations

from pathlib import Path

from rag.evals.bombs import RSS_TARGET_MB, format_bombs, run_bombs
from rag.settings import Settings


def test_every_bomb_is_skipped_by_a_budget_within_the_memory_target(tmp_path: Path):
    s = Settings.from_env({"RAG_EMBEDDER": "hash", "RAG_MAX_UNZIP_MB": "1", "RAG_MAX_ROWS": "500",
                           "RAG_MAX_CHARS": "20000"}, data_dir=tmp_path)
    found = run_bombs(s, scale=0.02)
    assert len(found["files"]) == 6
    for name, f in found["files"].items():
        assert f["read"] == 0, (name, f)
        assert len(f["skipped"]) == 1 and "budget" in f["skipped"][0], (name, f)
        assert f["peak_rss_mb"] <= RSS_TARGET_MB, (name, f)
    text = format_bombs(found)
    assert text.count("\n  ok  ") == 6 and "BAD" not in text
