"""`rag summarize`, `rag bulletin`, `rag eval` and `rag bench`: the commands that write documents and
figures. Thin shells over rag.summary and rag.evals; they add themselves to the `rag` group."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from rag.cli import _echo_json, _index, friendly, main
from rag.settings import Settings


@main.command()
@click.option("--district", default=None)
@click.option("--unit", default=None)
@click.option("--topic", default=None)
@click.option("--format", "fmt", type=click.Choice(["md", "docx"]), default="md")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None, help="file to write (stdout for md)")
@click.option("--backend", type=click.Choice(["offline", "openai"]), default=None)
@click.pass_obj
@friendly
def summarize(settings: Settings, district: str | None, unit: str | None, topic: str | None, fmt: str,
              output: Path | None, backend: str | None) -> None:
    """A staff-ready cited summary (概况 / 主要进展 / 滞后事项 / 下一步关注)."""
    from rag.summary.build import summarize as make
    from rag.summary.export import to_docx, to_markdown

    summary = make(_index(settings), settings, district=district, unit=unit, topic=topic, backend=backend)
    if fmt == "docx":
        out = output or Path("summary.docx")
        to_docx(summary, out)
        click.echo(f"wrote {out}")
    elif output:
        output.write_text(to_markdown(summary), encoding="utf-8")
        click.echo(f"wrote {output}")
    else:
        click.echo(to_markdown(summary))


@main.command()
@click.option("--district", default=None, help="district whose progress table to report on, e.g. 钱塘区")
@click.option("--period", default=None, help="序时进度 from this period instead of the table's, e.g. 1-8月 / 上半年")
@click.option("--as-of", "as_of", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="序时进度 as of this date (YYYY-MM-DD) instead of the table's period")
@click.option("--format", "fmt", type=click.Choice(["md", "docx"]), default="md")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None, help="file to write (stdout for md)")
@click.option("--backend", type=click.Choice(["offline", "openai"]), default=None)
@click.pass_obj
@friendly
def bulletin(settings: Settings, district: str | None, period: str | None, as_of: Any, fmt: str,
             output: Path | None, backend: str | None) -> None:
    """A 督查通报 draft: counts against 序时进度, rows behind with their gaps, annex of every row."""
    from rag.summary.bulletin import build_bulletin, index_or_rows
    from rag.summary.bulletin_export import to_docx, to_markdown

    source, notes = index_or_rows(settings)
    b = build_bulletin(source, settings, district=district, period=period,
                       as_of=as_of.date() if as_of else None, backend=backend)
    for w in (*notes, *b.warnings):
        click.echo(f"warning: {w}", err=True)
    if fmt == "docx" or output:
        out = output or Path("bulletin.docx")
        to_docx(b, out) if fmt == "docx" else out.write_text(to_markdown(b), encoding="utf-8")
        click.echo(f"wrote {out}")
    else:
        click.echo(to_markdown(b))
    click.echo(" ".join(f"{k}={v}" for k, v in {"total": b.total, **b.counts}.items()), err=True)


def _report_path(settings: Settings, facts: Path) -> Path:
    """The project's own fact files report into evals/reports/ (committed); any other facts file (a dev set
    kept outside the project, whose texts must not be copied in) reports into the data dir."""
    project_evals = Path("evals").resolve()
    if facts.resolve() == (project_evals / "facts.jsonl"):
        return Path("evals/reports/latest.md")
    if facts.resolve().parent == project_evals:
        return Path("evals/reports") / f"evals-{facts.stem}.md"
    return settings.data_dir / "reports" / f"{facts.parent.name}-{facts.stem}.md"


@main.command(name="eval")
@click.option("--backend", type=click.Choice(["offline", "openai"]), default="offline")
@click.option("--json", "as_json", is_flag=True)
@click.option("--facts", type=click.Path(path_type=Path, exists=True), default=Path("evals/facts.jsonl"),
              help="any facts file: evals/*.jsonl or the realworld dev set's {doc, must, quote} form")
@click.option("--baseline/--no-baseline", default=True, help="also score the naive LangChain baseline")
@click.pass_obj
@friendly
def eval_cmd(settings: Settings, backend: str, as_json: bool, facts: Path, baseline: bool) -> None:
    """Accuracy, citations, abstention, wrong-place answers and recall against a facts file, on
    whatever corpus --corpus/--data-dir name (the report goes to evals/reports/<facts name>.md)."""
    from rag.evals.facts import run_eval, write_report

    result = run_eval(settings, _index(settings), backend=backend, facts_path=facts, baseline=baseline)
    path = write_report(result, _report_path(settings, facts))
    if as_json:
        _echo_json({k: v for k, v in result.items() if k != "misses"})
    else:
        for key in ("facts", "answer_accuracy", "citation_accuracy", "abstention_accuracy", "wrong_place",
                    "recall_at_5", "mrr"):
            click.echo(f"{key:22} {result.get(key)}\t(baseline {result.get('baseline', {}).get(key)})")
        click.echo(f"report: {path}")


@main.command()
@click.option("--json", "as_json", is_flag=True)
@click.option("--scale", type=click.IntRange(1, 1000), default=1)
@click.option("--bombs", is_flag=True, help="only the bomb set: peak RSS and time of hostile files, each skipped")
@click.pass_obj
@friendly
def bench(settings: Settings, as_json: bool, scale: int, bombs: bool) -> None:
    """Speed and memory figures (targets printed beside them; never asserted in tests)."""
    from rag.evals.bench import format_bench, run_bench

    if bombs:
        from rag.evals.bombs import format_bombs, run_bombs

        found = run_bombs(settings)
        click.echo(json.dumps(found, ensure_ascii=False) if as_json else format_bombs(found))
        return

    result = run_bench(settings, scale=scale)
    click.echo(json.dumps(result, ensure_ascii=False) if as_json else format_bench(result))
