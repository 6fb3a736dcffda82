"""Owns the evaluation report: a `run_eval` result (rag/evals.py) -> Markdown with every miss.

Metric table (ours vs the naive baseline), per-kind accuracy, status-rule agreement per district
with its confusion counts, then each missed question with what was expected and what came back."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

__all__ = ["write_report"]


def _f(x: Any) -> str:
    return "—" if x is None else (f"{x:.3f}" if isinstance(x, float) else str(x))


def _cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ⏎ ")


def write_report(result: dict[str, Any], path: Path = Path("evals/reports/latest.md")) -> Path:
    b = result.get("baseline", {})
    keys = ["facts", "answer_accuracy", "answer_accuracy_all", "citation_accuracy", "abstention_accuracy",
            "wrong_place", "recall_at_1", "recall_at_5", "mrr"]
    out = [f"# Evaluation ({result.get('backend', 'offline')})", "", f"Generated {time.strftime('%Y-%m-%d %H:%M')}.",
           f"Latency per question: p50 {result['latency_ms']['p50']} ms, p95 {result['latency_ms']['p95']} ms. "
           f"False abstentions: {result['false_abstentions']}.", "",
           "| metric | ours | baseline |", "|---|---|---|"]
    out += [f"| {k} | {_f(result.get(k))} | {_f(b.get(k))} |" for k in keys]
    if b:
        out += ["", f"Baseline: {b['method']} ({b['chunks']} chunks)."]
    out += ["", "## By kind", "", "| kind | n | answer acc. | citation acc. | abstention acc. | recall@5 | baseline ans. |",
            "|---|---|---|---|---|---|---|"]
    for k, v in result["by_kind"].items():
        bk = b.get("by_kind", {}).get(k, {})
        out.append(f"| {k} | {v['n']} | {_f(v['answer_accuracy'])} | {_f(v['citation_accuracy'])} | "
                   f"{_f(v['abstention_accuracy'])} | {_f(v['recall_at_5'])} | {_f(bk.get('answer_accuracy'))} |")
    st = result.get("status_agreement") or {}
    if st:
        out += ["", "## Status rules vs labels", "", f"Agreement {_f(st['agreement'])} over {st['n']} labelled rows; "
                f"false 滞后 (labelled done/on track, judged 滞后/部分滞后) {st.get('false_lagging', 0)} rows "
                f"({_f(st.get('false_lagging_rate'))}).", "",
                "| district | n | agreement | behind precision | behind recall | labelled behind | predicted behind |",
                "|---|---|---|---|---|---|---|"]
        for d, v in st["by_district"].items():
            out.append(f"| {d} | {v['n']} | {_f(v['agreement'])} | {_f(v['behind_precision'])} | "
                       f"{_f(v['behind_recall'])} | {v['behind_labelled']} | {v['behind_predicted']} |")
        out += ["", "Confusion (label → predicted): " + json.dumps(st["confusion"], ensure_ascii=False)]
    out += ["", f"## Misses ({len(result['misses'])})", "", "| id | kind | question | expected | got |", "|---|---|---|---|---|"]
    out += [f"| {m['id']} | {m['kind']} | {_cell(m['question'])} | {_cell(m['expected'])} | {_cell(m['got'])} |"
            for m in result["misses"]]
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return path
