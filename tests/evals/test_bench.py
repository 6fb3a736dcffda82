"""run_bench on a tiny corpus (the first rows of 004) returns every figure, all positive.
No timing assertions: the speed targets live in the bench output, never in tests."""

from __future__ import annotations

import json
from pathlib import Path

from rag.evals.bench import format_bench, run_bench
from rag.settings import Settings

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
DOC = "004_d100e50c0866be80.txt"


def test_run_bench_tiny_corpus(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    lines = (CORPUS / DOC).read_text(encoding="utf-8").splitlines()
    (corpus / DOC).write_text("\n".join(lines[:7]) + "\n", encoding="utf-8")
    manifest = json.loads((CORPUS / "manifest.json").read_text(encoding="utf-8"))
    manifest["documents"] = [d for d in manifest["documents"] if d["file"] == DOC]
    (corpus / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    settings = Settings.from_env({}, corpus_dir=corpus, data_dir=tmp_path / "unused")

    r = run_bench(settings, scale=1, questions=["余杭区创新策源工程进展如何", "之江实验室二期谁牵头"], per_thread=3)

    for key in ("rows", "chunks", "cold_ingest_s", "rows_per_s", "embedded", "embed_floor_s", "cold_over_floor",
                "reingest_s", "retrieval_p50_ms", "retrieval_p95_ms", "ask_p50_ms", "ask_p95_ms",
                "cli_cold_start_ms", "peak_rss_mb"):
        assert r[key] > 0, key
    assert r["embedded"] == r["chunks"]  # the cache really was empty
    assert r["concurrency"]["asks"] == 24 and r["concurrency"]["errors"] == 0
    assert r["concurrency"]["p95_ms"] > 0
    text = format_bench(r)
    assert "cold ingest" in text and "target" in text
    assert not (tmp_path / "unused").exists()  # the bench never touches the configured data dir
