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
    """User errors as one line on stderr and their exit code: RagErrors, and a full disk or a read-only data dir
    (OSError, sqlite3 or Chroma errors wrapping them: exit 4 with the fix). Anything else is a bug: a traceback."""

    @wraps(fn)
    def wrapper(*a: Any, **kw: Any) -> Any:
        try:
            return fn(*a, **kw)
        except RagError as e:
            click.echo(f"error: {e}", err=True)
            sys.exit(e.exit_code)
        except Exception as e:
            from rag.cli.edges import storage

            mapped = storage(e)
            if mapped is None:
                raise
            click.echo(f"error: {mapped}", err=True)
            sys.exit(mapped.exit_code)

    return wrapper  # type: ignore[return-value]


_GLOBAL = ("--corpus", "--data-dir")


class _Group(click.Group):
    """Global options may also follow the sub-command (`rag ingest --corpus DIR`): they are moved in
    front of it before Click parses (nothing after a `--` is touched)."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        head: list[str] = []
        rest = list(args)
        at = next((i for i, a in enumerate(rest) if a in self.commands), None)
        i = len(rest) if at is None else at + 1
        while i < len(rest) and rest[i] != "--":
            a = rest[i]
            if a in _GLOBAL and i + 1 < len(rest):
                head += rest[i : i + 2]
                del rest[i : i + 2]
            elif a.split("=", 1)[0] in _GLOBAL and "=" in a:
                head.append(rest.pop(i))
            else:
                i += 1
        return super().parse_args(ctx, head + rest)


@click.group(cls=_Group)
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
@click.option("--allow-shrink", "allow_shrink", is_flag=True,
              help="publish even when the corpus is empty or drops over half of the indexed documents")
@click.pass_obj
@friendly
def ingest(settings: Settings, rebuild: bool, allow_shrink: bool) -> None:
    """Index the corpus (incremental: unchanged rows are not re-embedded). An empty or unreadable corpus, or one that
    loses over half of the indexed documents, is refused (exit 3) unless --allow-shrink."""
    from rich.console import Console
    from rich.progress import Progress
    from rich.table import Table

    from rag.cli.library import actor
    from rag.index.changes import Library
    from rag.index.progress import Meter

    console = Console(stderr=True)
    with Progress(console=console, transient=True) as bar:
        task, meter = bar.add_task("embedding", total=None), Meter()

        def progress(stage: str, done: int, total: int) -> None:  # documents, chunks, rate, time left
            meter(stage, done, total)
            bar.update(task, completed=meter.chunks[0], total=max(meter.chunks[1], 1), description=meter.line())

        report = Library(settings, actor(), progress=progress).rebuild(full=rebuild, allow_shrink=allow_shrink).report
        assert report is not None
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
    Console().print(_detected_table(settings))
    click.echo(f"re-embedded {report.embedded} chunks; {report.rows / max(report.seconds, 1e-9):.0f} rows/s")
    if report.requests:
        click.echo("embedding requests answered: " + ", ".join(f"{u} {n}" for u, n in report.requests.items()))
    if report.problems:
        sys.exit(3)


def _detected_table(settings: Settings) -> Any:
    """Per document, what the published index holds: layout, table rows, paragraphs, place, period, and what to check."""
    from rich.table import Table

    from rag.ingest.parse.report import detected

    gen = settings.data_dir / (settings.data_dir / "CURRENT").read_text(encoding="utf-8").strip()
    docs = json.loads((gen / "docs.json").read_text(encoding="utf-8"))["docs"]
    with (gen / "rows.jsonl").open(encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    table = Table(title="documents")
    for col in ("file", "layout", "table rows", "paragraphs", "place", "period", "check"):
        table.add_column(col, justify="right" if col in ("table rows", "paragraphs") else "left")
    for d in detected(docs, ((r["doc"], r["kind"], r.get("data_quality", [])) for r in rows)):
        table.add_row(d.file, d.layout, str(d.table_rows), str(d.paragraphs), d.place or "—", d.period or "—",
                      f"[yellow]{d.check}[/yellow]" if d.check else "")
    return table


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
        click.echo(f"  [{i}] {c.doc} {c.anchor} 《{c.title}》")
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
    if question != "-":
        _print_answer(answer(question, f, None, index=index, settings=settings, backend=backend, k=k), as_json)
        return
    from rag.cli.edges import batch

    for n, q, err in batch(sys.stdin.buffer):  # a bad line gets an error object; the batch goes on
        try:
            if not err:
                _print_answer(answer(q, f, None, index=index, settings=settings, backend=backend, k=k), as_json)
                continue
        except RagError as e:
            err = str(e)
        if as_json:
            _echo_json({"line": n, "question": q or None, "error": err})
        else:
            click.echo(f"error: line {n}: {err}", err=True)


@main.command()
@click.option("--json", "as_json", is_flag=True, help="one JSON object per row")
@click.option("--district", default=None)
@click.option("--unit", default=None)
@click.option("--status", "status", type=click.Choice(["done", "on_track", "partial", "behind", "unknown"]), default=None,
              help="partial: 部分滞后 (some parts of the target short)")
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


# `rag summarize`, `bulletin`, `bench` live in rag/cli/reports.py, `rag eval` in rag/cli/evaluate.py,
# `rag indicators` in rag/cli/indicators.py and `rag library` in rag/cli/library.py; each adds itself to `main`.
import rag.cli.evaluate  # noqa: E402, F401
import rag.cli.indicators  # noqa: E402, F401
import rag.cli.library  # noqa: E402, F401
import rag.cli.reports  # noqa: E402, F401
