"""What the parser detected in each document (layout, table rows, paragraphs, place, period) and what deserves a
look, so that `rag ingest` shows at once when a new report was misread. Pure functions."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

__all__ = ["Detected", "detected"]

# data-quality notes that mean the parser had to guess a cell's column
_GUESSES = ("cells realigned by content", "no responsible unit found", "unit taken from its column")


@dataclass(frozen=True)
class Detected:
    file: str
    layout: str
    table_rows: int
    paragraphs: int
    place: str
    period: str
    check: str  # '' when nothing looks wrong, else what to look at


def _check(layout: str, rows: int, paras: int, place: str, guessed: int) -> str:
    out = []
    if not rows and not paras:
        out.append("nothing parsed")
    elif layout in ("tabs", "pipes", "lines") and not rows:
        out.append("table header but no rows")
    if not place:
        out.append("no place")
    if guessed:
        out.append(f"{guessed} row{'s' if guessed > 1 else ''} with a guessed column")
    return "; ".join(out)


def detected(docs: Mapping[str, Mapping[str, str]], rows: Iterable[tuple[str, str, Iterable[str]]]) -> list[Detected]:
    """One line per document from its metadata (layout, district, period) and its rows as (doc, kind, data-quality
    notes), in file order."""
    count: Counter[tuple[str, str]] = Counter()
    guessed: Counter[str] = Counter()
    for doc, kind, notes in rows:
        count[(doc, kind)] += 1
        if any(n.startswith(_GUESSES) for n in notes):
            guessed[doc] += 1
    out = []
    for name in sorted(docs):
        meta = docs[name]
        layout, place = meta.get("layout", ""), meta.get("district", "")
        n_rows, n_paras = count[(name, "progress_row")], count[(name, "paragraph")]
        detected = f"{meta.get('year', '')}年{meta.get('period_label', '')}" if meta.get("year") else meta.get("period_label", "")
        out.append(Detected(name, layout, n_rows, n_paras, place, detected or meta.get("period", ""),
                            _check(layout, n_rows, n_paras, place, guessed[name])))
    return out
