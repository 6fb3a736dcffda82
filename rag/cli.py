"""The `rag` command line: a thin shell over the pipeline functions. Errors become one line on
stderr and a non-zero exit code; no tracebacks for user errors."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from rag.errors import RagError
from rag.settings import Settings

F = TypeVar("F", bound=Callable[..., Any])


def _echo_json(obj: Any) -> None:
    click.echo(json.dumps(obj, ensure_ascii=False))


def friendly(fn: F) -> F:
    @wraps(fn)
    def wrapper(*a: Any, **kw: Any) -> Any:
        try:
            return fn(*a, **kw)
        except RagError as e:
            click.echo(f"error: {e}", err=True)
            sys.exit(e.exit_code)

    return wrapper  # type: ignore[return-value]


@click.group()
@click.option("--corpus", "corpus", type=click.Path(path_type=Path), default=None, help="corpus folder (default corpus/)")
@click.option("--data-dir", "data_dir", type=click.Path(path_type=Path), default=None, help="index folder (default .rag/)")
@click.pass_context
@friendly
def main(ctx: click.Context, corpus: Path | None, data_dir: Path | None) -> None:
    """Cited answers, status and summaries over district government reports."""
    over: dict[str, Any] = {}
    if corpus is not None:
        over["corpus_dir"] = corpus
    if data_dir is not None:
        over["data_dir"] = data_dir
    ctx.obj = Settings.from_env(**over)


@main.command()
@click.option("--rebuild", is_flag=True, help="drop the vector store and rebuild it (repairs a corrupt data dir)")
@click.pass_obj
@friendly
def ingest(settings: Settings, rebuild: bool) -> None:
    """Index the corpus (incremental: unchanged rows are not re-embedded)."""
    from rich.console import Console
    from rich.progress import Progress
    from rich.table import Table

    from rag.index.build import ingest as run_ingest

    console = Console(stderr=True)
    with Progress(console=console, transient=True) as bar:
        task = bar.add_task("embedding", total=None)

        def progress(stage: str, done: int, total: int) -> None:
            bar.update(task, completed=done, total=max(total, 1), description=stage)

        report = run_ingest(settings, progress, rebuild=rebuild)
    for p in report.problems:
        console.print(f"[red]skipped[/red] {p}", highlight=False)
    table = Table(title="ingest")
    for col in ("documents", "rows", "chunks", "embedded", "added", "deleted", "unchanged", "seconds"):
        table.add_column(col, justify="right")
    table.add_row(
        *(str(getattr(report, c)) for c in ("documents", "rows", "chunks", "embedded", "added", "deleted", "unchanged")),
        f"{report.seconds:.1f}",
    )
    Console().print(table)
    click.echo(f"re-embedded {report.embedded} chunks; {report.rows / max(report.seconds, 1e-9):.0f} rows/s")
    if report.problems:
        sys.exit(3)


@main.command()
@click.option("--json", "as_json", is_flag=True, help="one JSON object per line")
@click.option("--doc", default=None, help="only this document (file name)")
@click.option("--district", default=None, help="only this district, e.g. 钱塘区")
@click.pass_obj
@friendly
def rows(settings: Settings, as_json: bool, doc: str | None, district: str | None) -> None:
    """Show what was parsed (from the corpus folder, no index needed)."""
    from rag.ask.retrieve import match_district
    from rag.index.build import parse_corpus
    from rag.ingest.corpus import read_corpus

    docs, problems = read_corpus(settings.corpus_dir, settings.max_bytes)
    for p in problems:
        click.echo(f"skipped {p}", err=True)
    parsed, _, _ = parse_corpus(docs)
    names = {d.name for d in docs}
    if doc and doc not in names:
        raise click.UsageError(f"--doc {doc!r} is not in {settings.corpus_dir}; choose one of: {', '.join(sorted(names))}")
    want = match_district(district, {r.district for r in parsed}) if district else None
    for r in parsed:
        if (doc and r.doc != doc) or (want and r.district != want):
            continue
        if as_json:
            _echo_json(r.to_json())
        else:
            click.echo(f"{r.doc}\t{r.anchor}\t{r.unit}\t{r.text[:100]}")


def _index(settings: Settings):  # type: ignore[no-untyped-def]
    from rag.index.build import Index

    return Index(settings)


def _print_answer(a: Any, as_json: bool) -> None:
    if as_json:
        _echo_json(a.to_json())
        return
    click.echo(a.text)
    for i, c in enumerate(a.citations, 1):
        where = f"序号{c.row}" if c.row is not None else f"第{c.paragraph}段"
        click.echo(f"  [{i}] {c.doc} {where} 《{c.title}》")
    for w in a.warnings:
        click.echo(f"  ! {w}", err=True)


@main.command()
@click.argument("question")
@click.option("--json", "as_json", is_flag=True, help="print one JSON object per question")
@click.option("--district", default=None, help="restrict to a district, e.g. 钱塘区")
@click.option("--unit", default=None, help="restrict to a responsible unit")
@click.option("--doc", default=None, help="restrict to one document (file name)")
@click.option("--k", "k", type=click.IntRange(1, 100), default=None, help="rows to retrieve")
@click.option("--backend", type=click.Choice(["offline", "openai"]), default=None)
@click.pass_obj
@friendly
def ask(settings: Settings, question: str, as_json: bool, district: str | None, unit: str | None,
        doc: str | None, k: int | None, backend: str | None) -> None:
    """Answer QUESTION with cited rows; QUESTION '-' reads one question per line from stdin."""
    from rag.ask.answer import answer
    from rag.ask.retrieve import Filters, match_district

    index = _index(settings)
    if district and not match_district(district, index.districts()):
        raise click.BadParameter(f"{district!r} is not in the corpus; choose one of: {', '.join(index.districts())}",
                                 param_hint="--district")
    f = Filters(match_district(district, index.districts()) if district else None, unit, doc)
    questions = [ln.strip() for ln in sys.stdin if ln.strip()] if question == "-" else [question]
    for q in questions:
        _print_answer(answer(q, f, None, index=index, settings=settings, backend=backend, k=k), as_json)


@main.command()
@click.option("--json", "as_json", is_flag=True, help="one JSON object per row")
@click.option("--district", default=None)
@click.option("--unit", default=None)
@click.option("--status", "status", type=click.Choice(["done", "on_track", "behind", "unknown"]), default=None)
@click.option("--review/--no-review", default=None,
              help="let the configured model review the rows the rules leave unknown (default: when a model is set)")
@click.pass_obj
@friendly
def status(settings: Settings, as_json: bool, district: str | None, unit: str | None, status: str | None,
           review: bool | None) -> None:
    """Status of every progress-table row, with evidence."""
    from rag.ask.retrieve import Filters, match_district, match_unit, rows_where
    index = _index(settings)
    d = match_district(district, index.districts()) if district else None
    if district and not d:
        raise click.BadParameter(f"{district!r} is not in the corpus; choose one of: {', '.join(index.districts())}",
                                 param_hint="--district")
    u = match_unit(unit, index.units(d)) if unit else None
    if unit and not u:
        raise click.BadParameter(f"no unit matches {unit!r}; e.g. {', '.join(index.units(d)[:8])}", param_hint="--unit")
    rows = [r for r in rows_where(index, Filters(d, u, None)) if r.kind == "progress_row"]
    counts: dict[str, int] = {}
    from rag.status.rules import index_statuses

    by_id = index_statuses(index)
    sts = [by_id[r.id] for r in rows]
    if review if review is not None else settings.effective_backend == "openai":
        from rag.ask import llm
        from rag.status.review import review_unknown

        sts, notes = review_unknown(sts, lambda text: llm.review_status(text, settings))
        for n in notes:
            click.echo(f"warning: {n}", err=True)
    for st in sts:
        counts[st.status] = counts.get(st.status, 0) + 1
        if status and st.status != status:
            continue
        if as_json:
            _echo_json(st.to_json())
        else:
            click.echo(f"{st.row.doc[:3]} 序号{st.row.row}\t{st.label_zh}\t{st.row.unit}\t{st.reason}")
    if not as_json:
        click.echo(" ".join(f"{k}={v}" for k, v in sorted(counts.items())), err=True)


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


@main.command(name="eval")
@click.option("--backend", type=click.Choice(["offline", "openai"]), default="offline")
@click.option("--json", "as_json", is_flag=True)
@click.option("--facts", type=click.Path(path_type=Path, exists=True), default=Path("evals/facts.jsonl"))
@click.pass_obj
@friendly
def eval_cmd(settings: Settings, backend: str, as_json: bool, facts: Path) -> None:
    """Accuracy, citations, abstention and recall against the hand-labelled facts (+ naive baseline)."""
    from rag.evals.facts import run_eval, write_report

    result = run_eval(settings, _index(settings), backend=backend, facts_path=facts)
    path = write_report(result)
    if as_json:
        _echo_json({k: v for k, v in result.items() if k != "misses"})
    else:
        for key in ("facts", "answer_accuracy", "citation_accuracy", "abstention_accuracy", "recall_at_5", "mrr"):
            click.echo(f"{key:22} {result.get(key)}\t(baseline {result.get('baseline', {}).get(key)})")
        click.echo(f"report: {path}")


@main.command()
@click.option("--json", "as_json", is_flag=True)
@click.option("--scale", type=click.IntRange(1, 1000), default=1)
@click.pass_obj
@friendly
def bench(settings: Settings, as_json: bool, scale: int) -> None:
    """Speed and memory figures (targets printed beside them; never asserted in tests)."""
    from rag.evals.bench import format_bench, run_bench

    result = run_bench(settings, scale=scale)
    click.echo(json.dumps(result, ensure_ascii=False) if as_json else format_bench(result))


if __name__ == "__main__":
    main()
