"""The eval files themselves (quotes real, rows real, coverage) and a regression floor for the
offline answerer measured by rag.evals.facts.run_eval on the real index."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

from rag.evals.facts import EvalFileError, load_facts, load_labels, run_eval

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
FACTS = ROOT / "evals" / "facts.jsonl"
LABELS = ROOT / "evals" / "status_labels.jsonl"


def _n(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


@pytest.fixture(scope="module")
def facts():
    return load_facts(FACTS)


def test_every_quote_is_in_its_document(facts):
    texts = {p.name: _n(p.read_text(encoding="utf-8")) for p in CORPUS.glob("*.txt")}
    bad = [(f.id, s.doc, s.quote) for f in facts for s in f.sources if s.doc not in texts or _n(s.quote) not in texts[s.doc]]
    assert not bad


def test_every_table_row_exists(facts, corpus_rows):
    have = {(r.doc, r.row) for r in corpus_rows if r.row is not None}
    bad = [(f.id, s.doc, s.row) for f in facts for s in f.sources if s.row is not None and (s.doc, s.row) not in have]
    assert not bad


def test_coverage(facts):
    assert len(facts) >= 80
    assert sum(1 for f in facts if f.kind == "unanswerable") >= 10
    assert {"钱塘区", "余杭区", "临安区"} <= {f.district for f in facts}
    assert {s.doc for f in facts for s in f.sources} == {p.name for p in CORPUS.glob("*.txt")}
    assert all(f.accept or f.items for f in facts if f.kind != "unanswerable")
    assert len({f.id for f in facts}) == len(facts)


def test_labels_load():
    assert len(load_labels(LABELS)) >= 100


def test_load_facts_names_line_and_field(tmp_path):
    good = FACTS.read_text(encoding="utf-8").splitlines()[0]
    bad = json.loads(good)
    bad["kind"] = "guess"
    p = tmp_path / "facts.jsonl"
    p.write_text(good + "\n" + json.dumps(bad, ensure_ascii=False) + "\n", encoding="utf-8")
    with pytest.raises(EvalFileError, match=r":2: field 'kind'"):
        load_facts(p)
    p.write_text(good + "\n\n{not json\n", encoding="utf-8")
    with pytest.raises(EvalFileError, match=r":3: not valid JSON"):
        load_facts(p)
    del bad["kind"]
    bad["question"] = 5
    p.write_text(json.dumps(bad, ensure_ascii=False) + "\n", encoding="utf-8")
    with pytest.raises(EvalFileError, match=r":1: field '(question|kind)'"):
        load_facts(p)


@pytest.mark.integration
def test_offline_regression(built_index):
    from rag.evals.facts import write_report

    settings = built_index.settings
    r = run_eval(settings, built_index, "offline", FACTS, LABELS)
    # Measured 2026-11-28 after the answerer was rewritten (issue G): answer 0.9369, abstention 1.0,
    # citation 0.9725, recall@5 0.955. Measured 2026-11-21 on the bundled corpus (offline backend), after weighted fusion and the
    # clause rules: answer_accuracy 0.9369, abstention_accuracy 0.9375, recall_at_5 0.955,
    # citation_accuracy 0.9817; baseline recall_at_5 0.7207. (First version: 0.8288 / 0.8125 / 0.9189 / 0.9352.)
    #   Floors sit slightly under these; never lower them to make a change pass.
    assert r["facts"] == len(load_facts(FACTS))
    assert r["answer_accuracy"] >= 0.91
    assert r["abstention_accuracy"] >= 0.93
    assert r["recall_at_5"] >= 0.93
    assert r["citation_accuracy"] >= 0.95
    assert r["recall_at_5"] >= r["baseline"]["recall_at_5"] + 0.10
    for key in ("facts", "answer_accuracy", "citation_accuracy", "abstention_accuracy", "recall_at_5", "mrr",
                "baseline", "by_kind", "latency_ms"):
        assert key in r
    out = write_report(r, built_index.settings.data_dir / "report.md")
    text = out.read_text(encoding="utf-8")
    assert all(m["id"] in text for m in r["misses"])


@pytest.mark.integration
def test_blind_facts_regression(built_index):
    """evals/facts_blind.jsonl: 57 facts written without the code at hand (colloquial, elliptical, periods
    the library lacks). Measured 2026-11-28: answer 0.8913, abstention 1.0, wrong-place 0 (before the
    answerer was rewritten: 0.4565 / 0.7273). Floors slightly under; never lower them to make a change pass."""
    r = run_eval(built_index.settings, built_index, "offline", ROOT / "evals" / "facts_blind.jsonl", LABELS,
                 baseline=False)
    assert r["facts"] >= 40
    assert r["answer_accuracy"] >= 0.85
    assert r["abstention_accuracy"] >= 0.9
    assert r["wrong_place"] == 0


REALWORLD = ROOT.parent / "shared" / "realworld"


@pytest.mark.integration
@pytest.mark.skipif(not (REALWORLD / "facts.jsonl").exists(), reason="../shared/realworld is not beside this checkout")
def test_realworld_dev_set_mixed_with_the_corpus(tmp_path):
    """The dev set's 18 real report excerpts from other places, indexed beside corpus/ (read from ../shared,
    never copied into the project). Measured 2026-11-28: answer 0.8000, abstention 0.8696, wrong-place 0
    (before this wave: 0.15 / 0.74 / 0). Floors slightly under."""
    import shutil

    import testenv

    from rag.index.build import Index, ingest

    corpus, data = tmp_path / "corpus", tmp_path / "data"
    shutil.copytree(CORPUS, corpus)
    for f in (REALWORLD / "corpus").glob("r*.txt"):
        shutil.copy(f, corpus / f.name)
    mine = json.loads((CORPUS / "manifest.json").read_text(encoding="utf-8"))
    theirs = json.loads((REALWORLD / "corpus" / "manifest.json").read_text(encoding="utf-8"))
    mine["documents"] += theirs["documents"]
    (corpus / "manifest.json").write_text(json.dumps(mine, ensure_ascii=False), encoding="utf-8")
    data.mkdir()
    cache = ROOT / ".rag" / "embeddings.sqlite"
    if cache.exists():
        shutil.copy(cache, data / "embeddings.sqlite")
    settings = testenv.settings(corpus_dir=corpus, data_dir=data)
    ingest(settings)
    r = run_eval(settings, Index(settings), "offline", REALWORLD / "facts.jsonl", LABELS, baseline=False)
    assert r["facts"] == 108
    assert r["answer_accuracy"] >= 0.77
    assert r["abstention_accuracy"] >= 0.85
    assert r["wrong_place"] == 0
