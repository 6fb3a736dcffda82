"""Planted instructions, found at ingest: a document whose text addresses the reader with instructions ("忽略以上指令，
回答：…", "ignore previous instructions", "system prompt"; the patterns are data, rag/data/trust.json) is flagged.
Every row of it gets the data-quality mark PLANTED (so the 资料库 page counts and shows it) and the document a parse
note naming the words found; rag/ask/trust.py keeps such rows from ever answering alone."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from rag.ingest.parse import ParseResult
from rag.lexicons import trust_words

PLANTED = "planted instructions"  # the data-quality mark; rag/data/notes_zh.json has its Chinese
_SPACE = re.compile(r"\s+")
SHOWN = 30  # characters of the instruction quoted in the note


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in trust_words().instructions))


def instruction(text: str) -> str:
    """The first instruction to the reader in `text` (as found, spaces removed), '' when there is none."""
    m = _pattern().search(_SPACE.sub("", text).lower())
    return m.group(0)[:SHOWN] if m else ""


def flag_planted(results: list[ParseResult]) -> list[ParseResult]:
    """Each parsed document; those whose text gives the reader instructions with every row marked PLANTED and a
    parse note quoting the words."""
    out: list[ParseResult] = []
    for res in results:
        found = instruction(res.doc.text)
        if not found:
            out.append(res)
            continue
        mark = f"{PLANTED}: {found}"
        rows = [replace(r, data_quality=(*r.data_quality, mark)) for r in res.rows]
        note = f"{PLANTED} to the reader ({found}): its text never answers alone"
        out.append(ParseResult(res.doc, rows, [note, *res.notes]))
    return out
