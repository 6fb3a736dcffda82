"""Per-file budgets: what one corpus file or upload may cost before it is skipped with its reason.

Budgets (named settings, rag.settings): the decompressed bytes of an Office zip and its ratio to the compressed
size (checked from the zip's directory before anything is inflated; zipfile never inflates past a member's
declared size, so the declared sizes bound the real ones), the markup bytes of an HTML page, the table rows and
the characters of one file, and the wall time one file may take. The readers (office.py, html.py, pdf.py and
table_to_pipes) call `meter()` and count as they go; a file over a budget raises OverBudget (a CorpusError, so
the file is skipped with its reason and the fix while the others are indexed). The time budget is checked at every
count, so one stuck file is given up after `seconds`, and the library lock is released with the rest of the run.

The active meter is a context variable: `metered(name, budgets)` opens one per file; outside of it (a test calling
a reader directly) the defaults apply."""

from __future__ import annotations

import time
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import wraps

from rag.errors import CorpusError
from rag.settings import Settings

MB = 1024 * 1024
RATIO_FLOOR = 8 * MB  # a zip that inflates to less than this is never refused for its ratio alone


class OverBudget(CorpusError):
    """One file would cost more than a budget allows; it is skipped, the others are indexed."""


@dataclass(frozen=True)
class Budgets:
    unzip_bytes: int = 32 * MB  # RAG_MAX_UNZIP_MB: inflated size of an Office file (and markup of an HTML page)
    unzip_ratio: float = 100.0  # RAG_MAX_UNZIP_RATIO: inflated / compressed size of an Office file
    rows: int = 20_000  # RAG_MAX_ROWS: table rows (sheet, docx or HTML table, PDF grid lines) in one file
    chars: int = 4_000_000  # RAG_MAX_CHARS: characters of one file's text
    seconds: float = 60.0  # RAG_FILE_TIMEOUT_S: wall time to read and convert one file


def budgets_of(settings: Settings) -> Budgets:
    return Budgets(unzip_bytes=settings.max_unzip_mb * MB, unzip_ratio=settings.max_unzip_ratio,
                   rows=settings.max_rows, chars=settings.max_chars, seconds=settings.file_timeout_s)


class Meter:
    """What one file has used so far; raises OverBudget naming the file, the budget and its setting."""

    def __init__(self, name: str, budgets: Budgets) -> None:
        self.name, self.budgets = name, budgets
        self.rows = 0
        self.chars = 0
        self.notes: list[str] = []  # what reading changed (bytes replaced while decoding), for the parse notes
        self.start = time.monotonic()

    def tick(self) -> None:
        spent = time.monotonic() - self.start
        if spent > self.budgets.seconds:
            raise OverBudget(f"{self.name}: reading took over {self.budgets.seconds:g} s (the per-file time budget) — "
                             "split the file, or raise RAG_FILE_TIMEOUT_S")

    def add_rows(self, n: int = 1) -> None:
        self.rows += n
        if self.rows > self.budgets.rows:
            raise OverBudget(f"{self.name}: more than {self.budgets.rows} table rows (the per-file row budget) — "
                             "split the file, or raise RAG_MAX_ROWS")
        self.tick()

    def add_chars(self, n: int) -> None:
        self.chars += n
        self.check_chars(self.chars)
        self.tick()

    def replaced(self, bad: int, total: int, encoding: str) -> None:
        """Note bytes that could not be decoded and were replaced by U+FFFD."""
        if bad:
            self.notes.append(f"decoded as {encoding}: {bad} of {total} bytes could not be decoded and were "
                              "replaced by \ufffd")

    def check_chars(self, n: int) -> None:
        if n > self.budgets.chars:
            raise OverBudget(f"{self.name}: more than {self.budgets.chars} characters of text (the per-file "
                             "character budget) — split the file, or raise RAG_MAX_CHARS")

    def check_markup(self, n: int) -> None:
        if n > self.budgets.unzip_bytes:
            raise OverBudget(f"{self.name}: {n / MB:.0f} MiB of markup is over the {self.budgets.unzip_bytes / MB:.0f} "
                             "MiB budget — save the page's text only, or raise RAG_MAX_UNZIP_MB")

    def check_zip(self, zf: zipfile.ZipFile, compressed: int) -> None:
        """Refuse a zip bomb from its directory, before anything is inflated."""
        inflated = sum(i.file_size for i in zf.infolist())
        b = self.budgets
        if inflated > b.unzip_bytes:
            raise OverBudget(f"{self.name}: inflates to {inflated / MB:.0f} MiB, over the {b.unzip_bytes / MB:.0f} MiB "
                             "budget for Office files — split the file, or raise RAG_MAX_UNZIP_MB")
        if inflated > RATIO_FLOOR and inflated > b.unzip_ratio * max(compressed, 1):
            raise OverBudget(f"{self.name}: inflates {inflated / max(compressed, 1):.0f}× its size (over "
                             f"{b.unzip_ratio:g}×), a zip bomb or padding — re-save it from Word/Excel, or raise "
                             "RAG_MAX_UNZIP_RATIO")


_ACTIVE: ContextVar[Meter | None] = ContextVar("rag_ingest_meter", default=None)


def meter(name: str = "file") -> Meter:
    """The meter of the file being read (a fresh one with the default budgets outside `metered`)."""
    m = _ACTIVE.get()
    return m if m is not None else Meter(name, Budgets())


@contextmanager
def metered(name: str, budgets: Budgets | None = None) -> Iterator[Meter]:
    """One file's meter for the block; with `budgets` None, the one already open (or one with the defaults)."""
    active = _ACTIVE.get()
    if budgets is None and active is not None:
        yield active
        return
    m = Meter(name, budgets or Budgets())
    token = _ACTIVE.set(m)
    try:
        yield m
    finally:
        _ACTIVE.reset(token)


def within_budgets(reader: Callable[[bytes, str], str]) -> Callable[[bytes, str], str]:
    """A reader (data, name) -> text run inside the file's meter, so a direct call (the page's upload check) is
    bounded too: by the meter a caller opened, else by the default budgets."""

    @wraps(reader)
    def run(data: bytes, name: str) -> str:
        with metered(name):
            return reader(data, name)

    return run
