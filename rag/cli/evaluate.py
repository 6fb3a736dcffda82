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
@click.option("--baseline/--no-baseline", default=True, help="also score the naive LangChain baseline")
@click.pass_obj
@friendly
def eval_cmd(settings: Settings, backend: str, as_json: bool, facts: Path, batch: str | None, record_it: bool,
             ledger: bool, paraphrases: Path | None, baseline: bool) -> None:
    """Accuracy, citations, abstention, wrong-place answers and recall against a facts file, on
    whatever corpus --corpus/--data-dir name (the report goes to evals/reports/<facts name>.md)."""
    from rag.evals.facts import run_eval, write_report
    from rag.evals.ledger import format_ledger, read_ledger

    if ledger:
        click.echo(format_ledger(read_ledger(LEDGER)))
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
