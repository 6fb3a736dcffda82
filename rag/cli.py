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

from .errors import RagError
from .settings import Settings

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

    from .index import ingest as run_ingest

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
    from .corpus import read_corpus
    from .index import parse_corpus
    from .retrieve import match_district

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


if __name__ == "__main__":
    main()
