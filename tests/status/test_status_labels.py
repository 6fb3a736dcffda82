"""Agreement of the status rules with the blind labels in evals/status_labels.jsonl (rag.evals.labels).

Every row of the three corpus tables is labelled (and rows of ../shared/realworld progress documents, judged
when that folder is present). The floors: agreement overall and per document, and the false 滞后 rate (rows
labelled 已完成 or 按进度推进 that the rules call 滞后 or 部分滞后), which must stay at or under 1% of the rows:
a false 滞后 names a lead unit as lagging in an official document. Run with -s to see the figures."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest

from rag.domain import Row
from rag.evals.labels import load_status_labels, match_labels, status_metrics
from rag.status.check import unsupported_figures
from rag.status.rules import assess

ROOT = Path(__file__).resolve().parents[2]
LABELS = ROOT / "evals" / "status_labels.jsonl"
REALWORLD = ROOT.parent / "shared" / "realworld" / "corpus"
OVERALL_FLOOR = 0.94  # 0.951 after issue P's second tuning (0.894 before) on the 452 labels, a development set
DOC_FLOOR = 0.88  # per corpus table (n >= 20); 0.919 at the lowest (钱塘 000) after that tuning
FALSE_LAGGING_CEILING = 0.01  # issue P: at most 1% of the rows

pytestmark = pytest.mark.skipif(not LABELS.exists(), reason="evals/status_labels.jsonl not present")


def _parse(folder: Path) -> list[Row]:
    from testenv import corpus_docs

    from rag.ingest.corpus import read_corpus
    from rag.ingest.parse import finalize, parse_document

    docs = list(corpus_docs()) if folder == ROOT / "corpus" else read_corpus(folder, 10**8)[0]
    return [r for res in finalize([parse_document(d) for d in docs]) for r in res.rows]


@lru_cache(maxsize=1)
def rows() -> tuple[Row, ...]:
    return tuple(_parse(ROOT / "corpus") + (_parse(REALWORLD) if REALWORLD.is_dir() else []))


@lru_cache(maxsize=1)
def judged() -> tuple[tuple[str, str, str, str], ...]:
    matched, _ = match_labels(rows(), load_status_labels(LABELS))
    return tuple((r.doc, r.district, lab.status, assess(r).status) for lab, r in matched)


def test_corpus_labels_resolve_to_rows() -> None:
    labels = [lab for lab in load_status_labels(LABELS) if not lab.doc.startswith("r")]
    matched, missing = match_labels(rows(), labels)
    assert not missing and len(matched) == len(labels)


def test_agreement_and_false_lagging() -> None:
    m = status_metrics(judged())
    print(f"\nstatus agreement {m['agreement']:.3f} over {m['n']} labels; false 滞后 {m['false_lagging']} "
          f"({m['false_lagging_rate']:.2%}); partial read as behind: {m['partial_read_as_behind']}")
    print("confusion (label -> judged):", m["confusion"])
    for doc, b in m["by_doc"].items():
        print(f"  {doc}: n {b['n']} agreement {b['agreement']:.3f} false 滞后 {b['false_lagging']}")
        assert b["agreement"] >= DOC_FLOOR or b["n"] < 20, doc
    assert m["agreement"] >= OVERALL_FLOOR
    assert m["false_lagging_rate"] <= FALSE_LAGGING_CEILING


def test_every_lagging_reason_names_figures_of_its_row() -> None:
    matched, _ = match_labels(rows(), load_status_labels(LABELS))
    for _, r in matched:
        s = assess(r)
        if s.lagging:
            assert unsupported_figures(s) == [], (r.doc, r.row, s.reason)
