"""A name the library writes in quotes, said in a question without them (rag.ask.subjects reads the question's words
with it)."""

from __future__ import annotations

import re
from collections.abc import Callable

from rag.ask.terms import Term

_QUOTED = re.compile(r"[“\"]([^”\"，。；、\s]{2,8})[”\"]")


def quoted_names(text: str, terms: tuple[Term, ...], texts: Callable[[], list[str]] | None) -> tuple[Term, ...]:
    """A name the library writes in quotes (“千项万亿”, “亩均论英雄”) said in the question without them is one subject
    word, however jieba cuts it (千项|万亿 read as numbers): it gates, and the pieces it was cut into go. A name that
    cuts across a subject word the question says (“零增长” across 社零 of 社零增长) is not said."""
    if texts is None:
        return terms
    spans = [(at, at + len(w)) for t in terms for w in {t.main or t.alts[0], t.alts[0]} if (at := text.find(w)) >= 0]

    def across(name: str) -> bool:
        a = text.find(name)
        b = a + len(name)
        return any(s < a < e or s < b < e for s, e in spans if not (a <= s and e <= b))

    names = {m for t in texts() for m in _QUOTED.findall(t) if m in text and not m.isdigit() and not across(m)}
    names = {n for n in names if not any(n != o and n in o for o in names)}  # the longest
    if not names:
        return terms
    kept = tuple(t for t in terms if not any(t.alts[0] in n for n in names))
    return kept + tuple(Term((n,), 1.0) for n in sorted(names) if not any(n in t.alts[0] for t in kept))
