"""Prints the status rules' agreement with the blind labels: overall, per district, by label, the confusion
table and every disagreeing row (label, judgement, target, progress, the rules' reason). A development aid:

    python -m rag.evals.status_misses [--labels evals/status_labels.jsonl] [--corpus corpus]
                                      [--realworld ../shared/realworld/corpus] [--only LABEL] [--json]

Rows are parsed from the folders (no index needed), as tests/status/test_status_labels.py does."""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from rag.domain import Row
from rag.evals.labels import load_status_labels, match_labels, status_metrics

ROOT = Path(__file__).resolve().parents[2]


def parse_rows(folder: Path) -> list[Row]:
    from rag.ingest.corpus import read_corpus
    from rag.ingest.parse import finalize, parse_document

    docs, _ = read_corpus(folder, 10**8)
    return [r for res in finalize([parse_document(d) for d in docs]) for r in res.rows]


def by_label(triples: Sequence[tuple[str, str, str, str]]) -> dict[str, dict[str, Any]]:
    """Per label: how many rows carry it and the share the rules agree with."""
    out: dict[str, dict[str, Any]] = {}
    for want in sorted({t[2] for t in triples}):
        mine = [t for t in triples if t[2] == want]
        out[want] = {"n": len(mine), "agreement": round(sum(t[3] == want for t in mine) / len(mine), 4)}
    return out


def misses(labels: Path, folders: list[Path]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """(metrics with a by-label block, the disagreeing rows)."""
    from rag.status.rules import assess

    rows = [r for f in folders if f.is_dir() for r in parse_rows(f)]
    matched, _ = match_labels(rows, load_status_labels(labels))
    triples, wrong = [], []
    for lab, row in matched:
        s = assess(row)
        triples.append((row.doc, row.district, lab.status, s.status))
        if s.status != lab.status:
            wrong.append({"doc": row.doc, "row": lab.row, "quote": lab.quote[:30], "label": lab.status,
                          "judged": s.status, "task": row.task, "progress": row.progress_normalized or row.progress,
                          "period": row.period, "reason": s.reason, "label_reason": lab.reason})
    m = status_metrics(triples)
    m["by_label"] = by_label(triples)
    return m, wrong


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(prog="python -m rag.evals.status_misses")
    ap.add_argument("--labels", type=Path, default=ROOT / "evals" / "status_labels.jsonl")
    ap.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    ap.add_argument("--realworld", type=Path, default=ROOT.parent / "shared" / "realworld" / "corpus")
    ap.add_argument("--only", default="", help="only disagreements with this label (done, on_track, …)")
    ap.add_argument("--json", action="store_true", help="one JSON object per disagreeing row")
    a = ap.parse_args(argv)
    m, wrong = misses(a.labels, [a.corpus, a.realworld])
    wrong = [w for w in wrong if not a.only or w["label"] == a.only]
    if a.json:
        for w in wrong:
            print(json.dumps(w, ensure_ascii=False))
        return
    print(f"agreement {m['agreement']:.3f} over {m['n']}; false 滞后 {m['false_lagging']} ({m['false_lagging_rate']:.2%})")
    for name, block in (("district", m["by_district"]), ("label", m["by_label"])):
        for k, b in block.items():
            print(f"  {name} {k}: n {b['n']} agreement {b['agreement']:.3f}"
                  + (f" false 滞后 {b['false_lagging']}" if "false_lagging" in b else ""))
    print("confusion (label -> judged):", json.dumps(m["confusion"], ensure_ascii=False))
    for w in wrong:
        print(f"\n[{w['label']} -> {w['judged']}] {w['doc']} #{w['row'] if w['row'] is not None else w['quote']}"
              f" ({w['period']})\n  任务: {w['task'][:200]}\n  进展: {w['progress'][:400]}\n"
              f"  规则: {w['reason'][:300]}\n  标注: {w['label_reason'][:200]}")


if __name__ == "__main__":
    main()
