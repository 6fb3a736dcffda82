"""`rag eval`: score a facts file, a blind batch (and record its first score in the ledger), the
paraphrase consistency, or print the ledger. A thin shell over rag.evals."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path
from typing import Any

import click

from rag.cli import _echo_json, _index, friendly, main
from rag.settings import PROJECT, Settings

LEDGER = PROJECT / "evals" / "blind" / "LEDGER.md"
_KEYS = ("facts", "answer_accuracy", "citation_accuracy", "abstention_accuracy", "wrong_place", "recall_at_5", "mrr")


def _report_path(settings: Settings, facts: Path) -> Path:
    """The project's own fact files report into evals/reports/ (committed); any other facts file (a dev set
    kept outside the project, whose texts must not be copied in) reports into the data dir."""
    project_evals = Path("evals").resolve()
    if facts.resolve() == (project_evals / "facts.jsonl"):
        return Path("evals/reports/latest.md")
    if facts.resolve().parent == project_evals:
        return Path("evals/reports") / f"evals-{facts.stem}.md"
    return settings.data_dir / "reports" / f"{facts.parent.name}-{facts.stem}.md"


def _commit() -> str:
    try:
        out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=PROJECT, capture_output=True,
                             text=True, timeout=10)
        return out.stdout.strip() or "unknown"
    except (OSError, subprocess.SubprocessError):
        return "unknown"


def _show(result: dict[str, Any], as_json: bool, path: Path | None) -> None:
    if as_json:
        _echo_json({k: v for k, v in result.items() if k != "misses"})
        return
    for key in _KEYS:
        click.echo(f"{key:22} {result.get(key)}\t(baseline {result.get('baseline', {}).get(key)})")
    for kind, s in sorted(result.get("by_kind", {}).items()):
        click.echo(f"  {kind:14} n={s['n']:<3} answer {s['answer_accuracy']}  abstention {s['abstention_accuracy']}")
    if path:
        click.echo(f"report: {path}")


def _batch(settings: Settings, name: str, backend: str, baseline: bool, record_it: bool) -> dict[str, Any]:
    from rag.evals.batches import get_batch, prepare
    from rag.evals.facts import run_eval
    from rag.evals.ledger import after_tuning_cell, entry_from_result, record
    from rag.index.build import Index

    batch = get_batch(name)
    scoped = prepare(settings, batch)
    result = run_eval(scoped, Index(scoped), backend=backend, facts_path=batch.facts, baseline=baseline)
    if record_it:
        today, commit = dt.date.today().isoformat(), _commit()
        entry = entry_from_result(batch.name, today, commit, batch.label, result)
        _, first = record(LEDGER, entry, after_tuning_cell(today, commit, result))
        click.echo(f"ledger: {'first score' if first else 'after-tuning score'} of batch {name} recorded in {LEDGER}",
                   err=True)
    return result


def _records(settings: Settings, sample: Path | None, folder: Path | None, rekey: bool, as_json: bool,
             seed: int | None = None) -> None:
    from rag.evals.records import load_library, write_sample

    if sample:
        counts = write_sample(load_library(settings), sample, seed=seed)
        click.echo(f"{counts} (commit {_commit()})")
        return
    from rag.evals.records_compare import rekey_score, score

    assert folder is not None
    result = rekey_score(folder, load_library(settings).figures) if rekey else score(folder)
    if as_json:
        _echo_json(result)
        return
    p, r = result["precision"], result["recall"]
    click.echo(f"precision {p['precision']} over {p['n']} records (commit {_commit()}); per field {p['fields']}")
    click.echo(f"recall {r['recall']}: {r['records']} of {r['stated']} stated figures are records")
    for m in p["misses"]:
        click.echo(f"  {m}")
    for m in r["misses"]:
        click.echo(f"  recall miss {m}")


@main.command(name="eval")
@click.option("--backend", type=click.Choice(["offline", "openai"]), default="offline")
@click.option("--json", "as_json", is_flag=True)
@click.option("--facts", type=click.Path(path_type=Path, exists=True), default=Path("evals/facts.jsonl"),
              help="any facts file: evals/*.jsonl or the realworld dev set's {doc, must, quote} form")
@click.option("--batch", default=None, help="a blind batch of evals/blind (e.g. 002): indexes its documents "
              "(named in evals/blind/batches.json, ../shared folders read in place) and scores it")
@click.option("--record", "record_it", is_flag=True, help="with --batch: write the score to evals/blind/LEDGER.md "
              "(its first score if it has none, else the after-tuning column)")
@click.option("--ledger", is_flag=True, help="print the blind ledger with the trend of first scores")
@click.option("--paraphrases", type=click.Path(path_type=Path, exists=True), default=None,
              help="evals/paraphrases.jsonl: share of facts answered right in every phrasing")
@click.option("--records-sample", "records_sample", type=click.Path(path_type=Path), default=None,
              help="issue N: index corpus/ + ../shared/realworld2 and draw the blind sample of figure records into "
              "this folder (sample.jsonl, recall.jsonl for the labeller; key.jsonl, key_recall.jsonl kept from them)")
@click.option("--records", "records_dir", type=click.Path(path_type=Path, exists=True), default=None,
              help="issue N: score the labels in this folder (labels.jsonl, recall_labels.jsonl) against its key; "
              "with --rekey against the current code's records of the same figures")
@click.option("--rekey", is_flag=True, help="with --records: re-read the sampled figures with the current code")
@click.option("--seed", type=int, default=None, help="with --records-sample: another draw (a fresh blind sample)")
@click.option("--baseline/--no-baseline", default=True, help="also score the naive LangChain baseline")
@click.pass_obj
@friendly
def eval_cmd(settings: Settings, backend: str, as_json: bool, facts: Path, batch: str | None, record_it: bool,
             ledger: bool, paraphrases: Path | None, records_sample: Path | None, records_dir: Path | None,
             rekey: bool, seed: int | None, baseline: bool) -> None:
    """Accuracy, citations, abstention, wrong-place answers and recall against a facts file, on
    whatever corpus --corpus/--data-dir name (the report goes to evals/reports/<facts name>.md)."""
    from rag.evals.facts import run_eval, write_report
    from rag.evals.ledger import format_ledger, read_ledger

    if ledger:
        click.echo(format_ledger(read_ledger(LEDGER)))
        return
    if records_sample or records_dir:
        _records(settings, records_sample, records_dir, rekey, as_json, seed)
        return
    if paraphrases:
        from rag.evals.paraphrase import paraphrase_consistency

        r = paraphrase_consistency(settings, _index(settings), paraphrases, facts)
        _echo_json(r) if as_json else click.echo(f"paraphrase consistency {r['consistency']} over {r['facts']} facts; "
                                                 f"phrasings correct {r['phrasings_correct']}")
        return
    if record_it and not batch:
        raise click.UsageError("--record needs --batch NNN")
    if batch:
        result = _batch(settings, batch, backend, baseline, record_it)
        path = write_report(result, settings.data_dir / "reports" / f"blind-{batch}.md")
    else:
        result = run_eval(settings, _index(settings), backend=backend, facts_path=facts, baseline=baseline)
        path = write_report(result, _report_path(settings, facts))
    _show(result, as_json, path)
