"""The blind ledger: first scores are never rewritten, later scores go to "after tuning", and `rag eval
--ledger` prints the table with the trend of first scores (on a small ledger this test writes)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

import rag.cli.evaluate as evaluate
from rag.cli import main
from rag.evals.batches import BatchError, get_batch, load_batches
from rag.evals.ledger import (
    LedgerError,
    after_tuning_cell,
    entry_from_result,
    format_ledger,
    read_ledger,
    record,
)
from rag.evals.paraphrase import load_paraphrases
from rag.settings import PROJECT


def _result(answer: float, wrong: int = 0) -> dict:
    return {"facts": 40, "answer_accuracy": answer, "citation_accuracy": 0.9, "abstention_accuracy": 0.8,
            "wrong_place": wrong, "by_kind": {"numeric": {"answer_accuracy": answer, "abstention_accuracy": None},
                                              "unanswerable": {"answer_accuracy": None, "abstention_accuracy": 0.8}}}


def test_first_score_is_kept_and_later_scores_go_to_after_tuning(tmp_path):
    path = tmp_path / "LEDGER.md"
    first = entry_from_result("001", "2026-12-04", "abc1234", "corpus/", _result(0.55))
    entry, is_first = record(path, first, after_tuning_cell("2026-12-04", "abc1234", _result(0.55)))
    assert is_first and entry.answer == "0.550"
    again = entry_from_result("001", "2026-12-05", "def5678", "corpus/", _result(0.91))
    entry, is_first = record(path, again, after_tuning_cell("2026-12-05", "def5678", _result(0.91)))
    assert not is_first
    [only] = read_ledger(path)
    assert (only.answer, only.commit, only.date) == ("0.550", "abc1234", "2026-12-04")  # never rewritten
    assert "def5678" in only.after_tuning and "answer 0.910" in only.after_tuning
    assert "numeric 0.550" in only.by_kind and "unanswerable 0.800" in only.by_kind


def test_notes_after_the_table_survive_a_record(tmp_path):
    path = tmp_path / "LEDGER.md"
    record(path, entry_from_result("001", "d", "c", "corpus/", _result(0.5)), "")
    path.write_text(path.read_text(encoding="utf-8") + "\n## Notes\n\nhand-written note\n", encoding="utf-8")
    record(path, entry_from_result("002", "d", "c", "corpus/", _result(0.7)), "")
    text = path.read_text(encoding="utf-8")
    assert "hand-written note" in text and [e.batch for e in read_ledger(path)] == ["001", "002"]


def test_trend_of_first_scores_per_document_set(tmp_path):
    path = tmp_path / "LEDGER.md"
    for batch, docs, score in (("001", "corpus/", 0.5), ("002", "realworld2/", 0.4), ("003", "corpus/", 0.8)):
        record(path, entry_from_result(batch, "2026-12-04", "c", docs, _result(score)), "")
    text = format_ledger(read_ledger(path))
    assert "corpus/: 001 0.500 → 003 0.800 (+0.300)" in text
    assert "realworld2/: 002 0.400" in text


def test_a_malformed_line_names_the_line(tmp_path):
    path = tmp_path / "LEDGER.md"
    path.write_text("| batch | date |\n|---|---|\n| 001 | only two |\n", encoding="utf-8")
    with pytest.raises(LedgerError, match="LEDGER.md:3"):
        read_ledger(path)


def test_rag_eval_ledger_prints_the_table_and_trend(tmp_path, monkeypatch):
    path = tmp_path / "LEDGER.md"
    record(path, entry_from_result("001", "2026-12-04", "c", "corpus/", _result(0.545)), "")
    record(path, entry_from_result("003", "2026-12-05", "d", "corpus/", _result(0.87)), "")
    monkeypatch.setattr(evaluate, "LEDGER", path)
    out = CliRunner().invoke(main, ["eval", "--ledger"])
    assert out.exit_code == 0, out.output
    assert "| 001 | 2026-12-04 |" in out.output and "001 0.545 → 003 0.870 (+0.325)" in out.output


def test_record_needs_a_batch():
    out = CliRunner().invoke(main, ["eval", "--record"])
    assert out.exit_code == 2 and "--record needs --batch" in out.output


def test_the_project_batches_name_existing_files_and_folders():
    batches = load_batches()
    assert {"001", "002"} <= set(batches)
    for b in batches.values():
        assert b.facts.exists(), b.facts
        assert all(d == "corpus" or d.startswith("../shared/") for d in b.documents)
    with pytest.raises(BatchError, match="no batch '999'"):
        get_batch("999")


def test_a_batch_whose_folder_is_absent_is_refused_by_name(tmp_path):
    (tmp_path / "batches.json").write_text(json.dumps({"batches": {"009": {"documents": ["../nowhere"]}}}), "utf-8")
    from rag.evals.batches import _sources

    with pytest.raises(BatchError, match="needs ../nowhere"):
        _sources(get_batch("009", tmp_path), tmp_path)


def test_paraphrases_name_facts_of_the_facts_file():
    from rag.evals.facts import load_facts

    ids = {f.id for f in load_facts(PROJECT / "evals" / "facts.jsonl")}
    for name in ("paraphrases.jsonl", "paraphrases_002.jsonl"):
        groups = load_paraphrases(PROJECT / "evals" / name)
        assert len(groups) == 40 and all(g.id in ids and len(g.phrasings) == 3 for g in groups)
