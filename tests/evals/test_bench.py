"""run_bench on a tiny corpus (the first rows of 004) with the run's embedder (the hash fake in
`make check`): the counts match the corpus, the cold ingest really embeds every chunk, the figures
agree with each other, the concurrent asks all succeed, and format_bench prints what was measured.
No timing assertions: the speed targets live in the bench output, never in tests."""

from __future__ import annotations

import json
import math
from pathlib import Path

import testenv

from rag.evals.bench import TARGETS, format_bench, run_bench
from rag.index.build import parse_corpus
from rag.index.chunk import chunk_row
from rag.ingest.corpus import read_corpus

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
DOC = "004_d100e50c0866be80.txt"
TIMINGS = ("cold_ingest_s", "rows_per_s", "embed_floor_s", "cold_over_floor", "reingest_s", "retrieval_p50_ms",
           "retrieval_p95_ms", "ask_p50_ms", "ask_p95_ms", "cli_cold_start_ms", "peak_rss_mb")


def _within_rounding(rate: float, count: int, seconds: float) -> bool:
    """rate = round(count / s, 1) for some s that rounds to `seconds` (2 decimals)?"""
    longest, shortest = seconds + 0.005, seconds - 0.005
    return count / longest - 0.05 <= rate <= (count / shortest + 0.05 if shortest > 0 else math.inf)


def test_run_bench_reports_consistent_figures_for_a_tiny_corpus(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    lines = (CORPUS / DOC).read_text(encoding="utf-8").splitlines()
    (corpus / DOC).write_text("\n".join(lines[:7]) + "\n", encoding="utf-8")
    manifest = json.loads((CORPUS / "manifest.json").read_text(encoding="utf-8"))
    manifest["documents"] = [d for d in manifest["documents"] if d["file"] == DOC]
    (corpus / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    settings = testenv.settings(corpus_dir=corpus, data_dir=tmp_path / "unused")
    docs, _ = read_corpus(corpus, settings.max_bytes)
    rows, _, _ = parse_corpus(docs)
    chunks = sum(len(chunk_row(r, settings.chunk_tokens)) for r in rows)

    r = run_bench(settings, scale=1, questions=["余杭区创新策源工程进展如何", "之江实验室二期谁牵头"], per_thread=3)

    assert (r["rows"], r["chunks"]) == (len(rows), chunks) and len(rows) >= 3
    assert r["embedded"] == r["chunks"]  # the cache really was empty
    for key in TIMINGS:
        assert isinstance(r[key], int | float) and math.isfinite(r[key]) and r[key] >= 0, key
    assert _within_rounding(r["rows_per_s"], r["rows"], r["cold_ingest_s"])
    assert r["retrieval_p50_ms"] <= r["retrieval_p95_ms"] and r["ask_p50_ms"] <= r["ask_p95_ms"]
    c = r["concurrency"]
    assert (c["threads"], c["asks"], c["errors"], c["first_error"]) == (8, 24, 0, "")
    assert 0 <= c["p95_ms"] and "at_scale" not in r

    text = format_bench(r)
    assert f"corpus: {r['rows']} rows, {r['chunks']} chunks" in text
    assert f"{r['embedded']} embedded" in text and "8 threads × 3 asks: 0 errors" in text
    assert text.count("target ") == len(TARGETS) - 1  # every 1× target is judged (the 100× one is not run)
    assert not (tmp_path / "unused").exists()  # the bench never touches the configured data dir
