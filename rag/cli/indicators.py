"""`rag indicators`: the figure records of the library (issue N), filtered by place, indicator and year; as a
readable list, one JSON object per record (--json), or with --indicator as CSV with one row per place × year ×
period × stance, the level and the growth each with its citation (--csv). Reads the published index's records;
without an index, parses the corpus (as `rag rows` does)."""

from __future__ import annotations

import csv
import sys

import click

from rag.cli import _echo_json, friendly, main
from rag.errors import DataDirError
from rag.ingest.figures import Figure
from rag.settings import Settings


def library_figures(settings: Settings) -> list[Figure]:
    from rag.index.build import Index
    from rag.index.figures_store import figures_of

    try:
        return figures_of(Index(settings))
    except DataDirError:
        from rag.index.build import parse_corpus
        from rag.ingest.corpus import read_corpus
        from rag.ingest.figures import extract

        docs, _ = read_corpus(settings.corpus_dir, settings.max_bytes)
        rows, _, parsed = parse_corpus(docs)
        return extract(rows, parsed)


@main.command()
@click.option("--place", default=None, help="a place (成都, 和田地区…)")
@click.option("--indicator", default=None, help="an indicator id or alias (地区生产总值, GDP, 社零…) or the words used")
@click.option("--year", type=int, default=None)
@click.option("--stance", type=click.Choice(["actual", "target", "plan"]), default=None)
@click.option("--json", "as_json", is_flag=True, help="one JSON object per record")
@click.option("--csv", "as_csv", is_flag=True, help="CSV: with --indicator one row per place and year, else one per record")
@click.pass_obj
@friendly
def indicators(settings: Settings, place: str | None, indicator: str | None, year: int | None, stance: str | None,
               as_json: bool, as_csv: bool) -> None:
    """List the figure records (指标库)."""
    from rag.ask.indicator_select import indicator_of, select, series

    figs = library_figures(settings)
    ind = indicator_of(indicator, {f.indicator for f in figs}) if indicator else None
    if indicator and not ind:
        raise click.BadParameter(f"{indicator!r} is not a listed indicator nor words used in the library "
                                 "(see rag/data/indicators.json)", param_hint="--indicator")
    chosen = select(figs, place=place, indicator=ind, year=year, stance=stance)
    if as_csv and ind:
        rows = [r.to_json() for r in series(chosen, ind)]
        w = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]) if rows else ["place"], lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    elif as_csv:
        out = [f.to_json() for f in chosen]
        w = csv.DictWriter(sys.stdout, fieldnames=[*Figure.__dataclass_fields__, "cite"], lineterminator="\n")
        w.writeheader()
        w.writerows({**d, "cite": f.cite} for d, f in zip(out, chosen))
    elif as_json:
        for f in chosen:
            _echo_json({**f.to_json(), "cite": f.cite})
    else:
        for f in chosen:
            click.echo(f"{f.place}\t{f.year or ''}{f.period}\t{f.stance}\t{f.indicator}\t{f.measure}\t"
                       f"{f.value:g}{f.unit}\t{f.cite}")
        click.echo(f"{len(chosen)} records", err=True)
