"""`rag summarize`, `rag bulletin` and `rag bench` (`rag eval` is in rag/cli/evaluate.py): the commands that write documents and
figures. Thin shells over rag.summary and rag.evals; they add themselves to the `rag` group."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from rag.cli import _index, friendly, main
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
