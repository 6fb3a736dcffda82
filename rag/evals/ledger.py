"""The blind ledger (evals/blind/LEDGER.md): one line per question batch with its FIRST score, which is
never rewritten, and an "after tuning" column for every later score of the same batch.

A batch is blind only until its first score: once the team has seen its misses it is a development set.
`record()` enforces that: the first call for a batch writes its first-score columns; every later call
only replaces the "after tuning" cell. `format_ledger()` prints the table and the trend of first scores
per document set (the honest figure), beside the latest after-tuning figure."""

from __future__ import annotations

import re
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from rag.errors import ConfigError

HEADER = ("batch", "date", "commit", "documents", "n", "answer", "citation", "abstention", "wrong-place",
          "by kind (answer; unanswerable: abstention)", "after tuning")
_INTRO = """# Blind ledger

Each batch was written blind (from the documents alone; the code, evals/, tests/ and earlier batches'
answers out of view) and scored once before anyone looked at its misses: that **first score** is the
honest figure and is never rewritten. Later scores of the same batch (after the team tuned against it)
go only in the last column, "after tuning". `rag eval --ledger` prints this table with the trend of first
scores; `rag eval --batch NNN --record` writes a first score (or, when one exists, the after-tuning cell).

"""


class LedgerError(ConfigError):
    """A malformed ledger line; the message names the line and the fix."""


@dataclass(frozen=True)
class Entry:
    batch: str
    date: str
    commit: str
    documents: str
    n: str
    answer: str
    citation: str
    abstention: str
    wrong_place: str
    by_kind: str
    after_tuning: str = ""

    def cells(self) -> list[str]:
        return [str(getattr(self, f.name)) for f in fields(self)]


def _fmt(x: Any) -> str:
    return "—" if x is None else (f"{x:.3f}" if isinstance(x, float) else str(x))


def entry_from_result(batch: str, date: str, commit: str, documents: str, result: dict[str, Any]) -> Entry:
    """A ledger line from `run_eval`'s result."""
    kinds = []
    for kind, s in sorted(result.get("by_kind", {}).items()):
        value = s.get("abstention_accuracy") if kind == "unanswerable" else s.get("answer_accuracy")
        kinds.append(f"{kind} {_fmt(value)}")
    return Entry(batch, date, commit, documents, str(result.get("facts", "")), _fmt(result.get("answer_accuracy")),
                 _fmt(result.get("citation_accuracy")), _fmt(result.get("abstention_accuracy")),
                 str(result.get("wrong_place", "")), " · ".join(kinds))


def after_tuning_cell(date: str, commit: str, result: dict[str, Any]) -> str:
    return (f"{date} {commit}: answer {_fmt(result.get('answer_accuracy'))}, citation "
            f"{_fmt(result.get('citation_accuracy'))}, abstention {_fmt(result.get('abstention_accuracy'))}, "
            f"wrong-place {result.get('wrong_place')}")


def read_ledger(path: Path) -> list[Entry]:
    """The batch lines of the ledger's table (other Markdown around it is kept but not parsed)."""
    if not path.exists():
        return []
    out: list[Entry] = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        cells = [c.strip() for c in line.strip().strip("|").split("|")] if line.startswith("|") else []
        if not cells or cells[0] in ("batch", "") or set(cells[0]) <= set("-: "):
            continue
        if len(cells) not in (len(HEADER), len(HEADER) - 1):
            raise LedgerError(f"{path}:{n}: expected {len(HEADER)} columns ({', '.join(HEADER)}), found "
                              f"{len(cells)} — fix the line by hand or restore it from git")
        out.append(Entry(*cells))
    return out


def _table(entries: list[Entry]) -> str:
    lines = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    lines += ["| " + " | ".join(c.replace("|", "/") for c in e.cells()) + " |" for e in entries]
    return "\n".join(lines) + "\n"


def write_ledger(path: Path, entries: list[Entry]) -> None:
    """Rewrite the table, keeping whatever prose follows it (notes on each batch)."""
    text = path.read_text(encoding="utf-8") if path.exists() else _INTRO
    head, _, rest = text.partition("| batch |")
    tail = rest.split("\n\n", 1)[1] if "\n\n" in rest else ""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text((head or _INTRO) + _table(entries) + ("\n" + tail if tail else ""), encoding="utf-8")


def record(path: Path, new: Entry, after: str) -> tuple[Entry, bool]:
    """Record a score: the batch's first score when it has none (returns True), else only its after-tuning
    cell (returns False). A first score is never rewritten."""
    entries = read_ledger(path)
    for i, e in enumerate(entries):
        if e.batch == new.batch:
            entries[i] = replace(e, after_tuning=after)
            write_ledger(path, entries)
            return entries[i], False
    entries.append(new)
    write_ledger(path, sorted(entries, key=lambda e: e.batch))
    return new, True


def _number(cell: str) -> float | None:
    m = re.match(r"\s*(\d+(?:\.\d+)?)", cell)
    return float(m.group(1)) if m else None


def format_ledger(entries: list[Entry]) -> str:
    """The table and, per document set, the trend of first-score answer accuracy (oldest → newest)."""
    if not entries:
        return "the ledger has no batch yet: write one blind, then `rag eval --batch NNN --record`"
    out = [_table(entries).rstrip(), "", "trend of first scores (answer accuracy, oldest → newest):"]
    groups: dict[str, list[Entry]] = {}
    for e in entries:
        groups.setdefault(e.documents, []).append(e)
    for docs, es in groups.items():
        steps = " → ".join(f"{e.batch} {e.answer}" for e in es)
        first, last = _number(es[0].answer), _number(es[-1].answer)
        delta = f" ({last - first:+.3f})" if first is not None and last is not None and len(es) > 1 else ""
        latest = next((e.after_tuning for e in reversed(es) if e.after_tuning), "")
        out.append(f"  {docs}: {steps}{delta}" + (f"; latest after tuning: {latest}" if latest else ""))
    return "\n".join(out)


__all__ = ["HEADER", "Entry", "LedgerError", "after_tuning_cell", "entry_from_result", "format_ledger",
           "read_ledger", "record", "write_ledger"]
