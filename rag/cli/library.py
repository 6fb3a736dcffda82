"""`rag library`: the admin tool for the shared library — the trash, restore, remove, purge and the audit log. A thin
shell over rag.index.changes.Library (which locks, re-indexes and writes the audit line); it adds itself to the `rag`
group in rag/cli/__init__.py."""

from __future__ import annotations

import click

from rag.cli import _echo_json, friendly, main
from rag.settings import Settings


def actor() -> str:
    """Who the audit log names for a command-line change: cli:<login name of the process owner>, from the uid (the
    environment's $USER or $LOGNAME can say anything)."""
    import os
    import pwd

    try:
        return f"cli:{pwd.getpwuid(os.getuid()).pw_name}"
    except KeyError:  # a uid without a passwd entry (a bare container)
        return f"cli:uid{os.getuid()}"


@main.group()
def library() -> None:
    """Library admin: the trash, restoring, purging, removing and the audit log."""


@library.command(name="trash")
@click.pass_obj
@friendly
def library_trash(settings: Settings) -> None:
    """List the trash (removed documents and replaced versions)."""
    from rag.ingest.library.trash import list_trash

    items = list_trash(settings.data_dir)
    for i in items:
        click.echo(f"{i.id}\t{i.file}\t{i.when}\t{i.reason}\t{i.actor}")
    click.echo(f"{len(items)} item(s) in {settings.data_dir / 'trash'}", err=True)


@library.command(name="restore")
@click.argument("file")
@click.pass_obj
@friendly
def library_restore(settings: Settings, file: str) -> None:
    """Bring FILE (a file name or trash id) back from the trash and re-index it."""
    from rag.index.changes import Library

    e = Library(settings, actor()).restore(file).entry
    click.echo(f"restored {e.file}: rows {e.rows_before} -> {e.rows_after}, re-embedded {e.detail.get('embedded')}")


@library.command(name="remove")
@click.argument("file")
@click.pass_obj
@friendly
def library_remove(settings: Settings, file: str) -> None:
    """Move FILE and its manifest entry to the trash and re-index."""
    from rag.index.changes import Library

    e = Library(settings, actor()).remove(file).entry
    click.echo(f"removed {e.file} (trash {e.detail['trash']}): rows {e.rows_before} -> {e.rows_after}")


@library.command(name="purge")
@click.option("--older-than", "older_than", required=True, help="age, e.g. 30d, 12h or 2w")
@click.pass_obj
@friendly
def library_purge(settings: Settings, older_than: str) -> None:
    """Delete for good the trash items removed more than --older-than ago."""
    from rag.index.changes import Library
    from rag.ingest.library.trash import parse_age

    gone = Library(settings, actor()).purge(parse_age(older_than))
    for i in gone:
        click.echo(f"purged {i.id}\t{i.file}")
    click.echo(f"{len(gone)} item(s) purged", err=True)


@library.command(name="log")
@click.option("--json", "as_json", is_flag=True, help="the raw JSONL lines")
@click.option("--last", type=click.IntRange(1, 10**6), default=None, help="only the last N entries")
@click.option("--every", is_flag=True, help="also the intent line written before each change")
@click.pass_obj
@friendly
def library_log(settings: Settings, as_json: bool, last: int | None, every: bool) -> None:
    """Print the audit log (every upload, edit, removal, restore, rebuild and purge): one line per change, its
    outcome, or its intent marked unfinished when the change was killed half way."""
    from rag.ingest.library.audit import read

    for e in read(settings.data_dir, last, every=every):
        if as_json:
            _echo_json(e.to_json())
        else:
            state = f"\t{e.phase}" if every else "\tunfinished (killed, or still running)" if e.phase == "intent" else ""
            click.echo(f"{e.time}\t{e.actor}\t{e.action}\t{e.file or '-'}\t{e.sha256[:12] or '-'}\t"
                       f"rows {e.rows_before} -> {e.rows_after}{state}")

