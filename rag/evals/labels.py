"""Agreement of the status rules with the blind status labels (evals/status_labels.jsonl): overall, per
district, the confusion table, "behind" precision/recall and the false-滞后 rate (labelled done or on track,
judged behind or partly behind: the costliest error in a 通报)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rag.domain import Row
from rag.index.build import Index

if TYPE_CHECKING:
    from rag.evals.facts import StatusLabel


def _ratio(ok: list[bool]) -> float:
    return round(sum(ok) / len(ok), 4) if ok else 0.0



def status_agreement(index: Index, labels: list[StatusLabel]) -> dict[str, Any]:
    from rag.status.rules import assess

    by_key: dict[tuple[str, int], Row] = {}
    for r in index.rows:
        if r.kind == "progress_row" and r.row is not None:
            by_key.setdefault((r.doc, r.row), r)
    pairs = []
    missing = []
    for lab in labels:
        row = by_key.get((lab.doc, lab.row)) if lab.row is not None else None
        if row is None:
            missing.append(f"{lab.doc}#{lab.row}")
            continue
        pairs.append((row.district, lab.status, assess(row).status))
    per: dict[str, dict[str, Any]] = {}
    for d in sorted({p[0] for p in pairs}):
        mine = [p for p in pairs if p[0] == d]
        tp = sum(1 for _, want, got in mine if want == got == "behind")
        pred = sum(1 for _, _, got in mine if got == "behind")
        gold = sum(1 for _, want, _ in mine if want == "behind")
        per[d] = {
            "n": len(mine),
            "agreement": _ratio([w == g for _, w, g in mine]),
            "behind_precision": round(tp / pred, 4) if pred else None,
            "behind_recall": round(tp / gold, 4) if gold else None,
            "behind_labelled": gold,
            "behind_predicted": pred,
        }
    confusion: dict[str, dict[str, int]] = {}
    for _, want, got in pairs:
        confusion.setdefault(want, {}).setdefault(got, 0)
        confusion[want][got] += 1
    false_behind = sum(1 for _, w, g in pairs if w in ("done", "on_track") and g in ("behind", "partial"))
    return {"n": len(pairs), "agreement": _ratio([w == g for _, w, g in pairs]), "by_district": per,
            "false_behind": false_behind, "false_behind_rate": round(false_behind / len(pairs), 4) if pairs else 0.0,
            "confusion": confusion, "unmatched_labels": missing}
