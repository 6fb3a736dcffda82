"""Agreement of the status rules with the blind status labels (evals/status_labels.jsonl): overall, per document
and per district, the confusion table, 滞后 precision/recall and the false-滞后 rate.

A label names a table row by doc + row (序号); a prose item (a 督查通报 sentence, a run-on list of projects) has
no 序号 and is named by doc + quote instead, and is judged as a row whose progress is the quoted item. The
false 滞后 rate is the share of all labelled rows labelled 已完成 or 按进度推进 that the rules call 滞后 or
部分滞后: the error a 督查室 cannot sign. A label file without any 部分滞后 label (written before that label
existed) is compared with 部分滞后 read as 滞后."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rag.domain import LAGGING, Row
from rag.index.build import Index
from rag.status.schedule import DEFAULT_SCHEDULE, document_schedule

if TYPE_CHECKING:
    from rag.evals.facts import StatusLabel

MET = ("done", "on_track")


def load_status_labels(path: Path) -> list[StatusLabel]:
    """The labels of a JSON-lines file; a bad line raises with its file, line and field."""
    from rag.evals.facts import load_labels

    return load_labels(path)


def _norm(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text or "").split())


def _prose_row(lab: StatusLabel, host: Row, rows: Sequence[Row]) -> Row | None:
    """A prose item judged as a row (rag.status.prose), against its document's schedule."""
    from rag.status.prose import prose_item

    same_doc = [r for r in rows if r.doc == host.doc]
    sched = document_schedule(same_doc)
    named = host.period or (sched.label if sched.source != DEFAULT_SCHEDULE else "")
    return prose_item(host, lab.quote, named, host.period_fraction)


def match_labels(rows: Sequence[Row], labels: Iterable[StatusLabel]) -> tuple[list[tuple[StatusLabel, Row]], list[str]]:
    """(label, row) for every label whose row is found; the names of those that are not."""
    by_key: dict[tuple[str, int], Row] = {}
    for r in rows:
        if r.kind == "progress_row" and r.row is not None:
            by_key.setdefault((r.doc, r.row), r)
    out, missing = [], []
    for lab in labels:
        row = by_key.get((lab.doc, lab.row)) if lab.row is not None else None
        if row is None and lab.quote:
            q = _norm(lab.quote)
            host = next((r for r in rows if r.doc == lab.doc and q and q in _norm(r.text)), None)
            row = None if host is None else host if host.kind == "progress_row" and lab.row is not None \
                else _prose_row(lab, host, rows)
        if row is None:
            missing.append(f"{lab.doc}#{lab.row if lab.row is not None else lab.quote[:12]}")
        else:
            out.append((lab, row))
    return out, missing


def _ratio(ok: Iterable[bool]) -> float:
    xs = list(ok)
    return round(sum(xs) / len(xs), 4) if xs else 0.0


def _block(mine: Sequence[tuple[str, str]]) -> dict[str, Any]:
    false_lag = sum(1 for want, got in mine if want in MET and got in LAGGING)
    lag_tp = sum(1 for want, got in mine if want in LAGGING and got in LAGGING)
    lag_pred = sum(1 for _, got in mine if got in LAGGING)
    lag_gold = sum(1 for want, _ in mine if want in LAGGING)
    tp = sum(1 for want, got in mine if want == got == "behind")
    pred = sum(1 for _, got in mine if got == "behind")
    gold = sum(1 for want, _ in mine if want == "behind")
    return {
        "n": len(mine),
        "agreement": _ratio(w == g for w, g in mine),
        "false_lagging": false_lag,
        "false_lagging_rate": round(false_lag / len(mine), 4) if mine else 0.0,
        "lagging_precision": round(lag_tp / lag_pred, 4) if lag_pred else None,
        "lagging_recall": round(lag_tp / lag_gold, 4) if lag_gold else None,
        "behind_precision": round(tp / pred, 4) if pred else None,
        "behind_recall": round(tp / gold, 4) if gold else None,
        "behind_labelled": gold,
        "behind_predicted": pred,
    }


def status_metrics(triples: Sequence[tuple[str, str, str, str]]) -> dict[str, Any]:
    """(doc, district, label, judged) -> overall agreement and false 滞后 rate, per doc, per district, confusion."""
    legacy = not any(want == "partial" for _, _, want, _ in triples)
    pairs = [(d, dist, want, "behind" if legacy and got == "partial" else got) for d, dist, want, got in triples]
    confusion: dict[str, dict[str, int]] = {}
    for _, _, want, got in pairs:
        confusion.setdefault(want, {}).setdefault(got, 0)
        confusion[want][got] += 1
    out = _block([(w, g) for _, _, w, g in pairs])
    out["by_doc"] = {d: _block([(w, g) for dd, _, w, g in pairs if dd == d]) for d in sorted({p[0] for p in pairs})}
    out["by_district"] = {k: _block([(w, g) for _, dist, w, g in pairs if dist == k])
                          for k in sorted({p[1] for p in pairs})}
    out["confusion"] = confusion
    out["partial_read_as_behind"] = legacy
    return out


def status_agreement(source: Index | Sequence[Row], labels: list[StatusLabel]) -> dict[str, Any]:
    """The metrics above for the labels whose rows are in `source` (an index, or parsed rows)."""
    from rag.status.rules import assess

    matched, missing = match_labels(source.rows if isinstance(source, Index) else source, labels)
    triples = [(row.doc, row.district, lab.status, assess(row).status) for lab, row in matched]
    m = status_metrics(triples)
    return {**m, "false_behind": m["false_lagging"], "false_behind_rate": m["false_lagging_rate"],
            "unmatched_labels": missing}
