"""The command line's edges: failures that are the user's to fix, told in one line (the data dir full or read-only,
exit 4; the corpus folder unreadable, exit 3), and the batch reader of `rag ask -`, where a bad line gets an error
and the batch goes on."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import click

from rag.errors import RagError
from rag.settings import Settings


def storage(e: Exception) -> RagError | None:
    """A disk-full or permission failure as the user error it is: in the corpus folder exit 3, else the data dir 4."""
    from rag.errors import CorpusError, storage_error

    ctx = click.get_current_context(silent=True)
    settings = ctx.find_object(Settings) if ctx else None
    where = getattr(e, "filename", None)
    if settings is not None and where and str(where).startswith(str(settings.corpus_dir)):
        return CorpusError(f"cannot read {where} ({e.strerror if isinstance(e, OSError) else e}) — check the corpus "
                           "folder's permissions, or pass --corpus")
    return storage_error(e, settings.data_dir if settings else "the data dir")


def batch(lines: Iterable[bytes]) -> Iterator[tuple[int, str, str]]:
    """(line number, question, error) for each non-empty line of a question file read as bytes: a line that is not
    UTF-8 comes with an error naming it and the fix, and an empty question."""
    for n, raw in enumerate(lines, 1):
        try:
            q = raw.decode("utf-8").strip()
        except UnicodeDecodeError as e:
            yield n, "", f"line {n} is not valid UTF-8 (byte {e.start + 1}) — save the questions as UTF-8"
            continue
        if q:
            yield n, q, ""
