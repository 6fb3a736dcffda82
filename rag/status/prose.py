"""Owns prose progress items: a project named inside a 督查通报 sentence ("山前安置小区一期项目、妇幼保健院建设…等
均未达序时") or a run-on list ("2个嵌入式养老机构建设已完成1个(50%)"), turned into a row the status rules judge.

The item's own words up to its first progress verb are its task; the rest of the item, or else what its
sentence goes on to say about it (the predicate after the list it stands in), is its progress."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace

from rag.domain import Row
from rag.lexicons import status_words

__all__ = ["prose_item"]

_SENTENCE_END = "。；;！？!?\n"


def _norm_index(text: str, quote: str) -> tuple[int, int] | None:
    """Where `quote` sits in `text`, ignoring width and spaces; None when it does not."""
    keep = [(i, c) for i, ch in enumerate(text) for c in unicodedata.normalize("NFKC", ch) if not c.isspace()]
    flat = "".join(c for _, c in keep)
    q = "".join(unicodedata.normalize("NFKC", quote).split())
    at = flat.find(q) if q else -1
    return None if at < 0 else (keep[at][0], keep[at + len(q) - 1][0] + 1)


def prose_item(host: Row, quote: str, period: str, fraction: float | None = None) -> Row | None:
    """The quoted item of a paragraph as a progress row judged against `period` (or, when that names none, the
    share of the year `fraction`); None when the quote is not in the paragraph."""
    span = _norm_index(host.text, quote)
    if span is None:
        return None
    a, b = span
    text = host.text
    end = min([j for j in (text.find(c, b) for c in _SENTENCE_END) if j >= 0] + [len(text)])
    item = text[a:b]
    verb = re.search("|".join(map(re.escape, sorted(status_words().parts.progress_verbs, key=len, reverse=True))), item)
    cut = verb.start() if verb else 0
    while cut > 0 and item[cut - 1] in status_words().parts.verb_adverbs:  # "已提前完成", "均已完成"
        cut -= 1
    if verb and cut > 0:
        task, progress = item[:cut], item[cut:]
    else:  # a list item: what its sentence says of it, or the quote itself when it holds the predicate
        task, progress = item, text[b:end] if text[b:end].strip(" ，,、。") else item
    return replace(host, row=None, kind="progress_row", period=period, period_fraction=fraction, task=task.strip(" ，,、"),
                   progress=progress.strip(), progress_normalized=progress.strip(), text=item)
