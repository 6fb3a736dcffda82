"""Every thing a question names is answered: "原煤和原油产量各多少", "拆违和渣土消纳各完成多少", "A和B两块进度怎么样"
ask of two things, and an answerer that pairs them may find one (a table row of 原煤, one progress row). After the
route, a piece (rag.ask.sides) whose own words the answer never says is asked on its own through the table and its
answer is said after the first, with its citations. Part of the pipeline's route step (rag.ask.pipeline)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from rag.ask.compose import SOURCE_TAG, citations_of
from rag.ask.question import Asked
from rag.ask.understand import Ask, for_piece
from rag.domain import Answer

_FIGURE = re.compile(r"\d+(?:\.\d+)?")
_EACH = re.compile(r"各|分别")
MAX_SIDES = 4  # pieces asked alone after the first answer: a longer list is the list answerers' (tasks, targets)


def _own(piece: Asked, others: list[Asked]) -> list[tuple[str, ...]]:
    """The words a piece names that no other piece does (its thing: 原油, 拆违), less years and figures."""
    theirs = {t.alts for o in others for t in o.terms}
    return [t.alts for t in piece.terms if t.alts not in theirs and not _FIGURE.fullmatch(t.alts[0])]


def _named(words: list[tuple[str, ...]], text: str) -> bool:
    """The answer names the thing: one of its words (or of their names) is in the answer's text."""
    return any(a in text for alts in words for a in alts)


def _figures(text: str) -> set[str]:
    return set(_FIGURE.findall(SOURCE_TAG.sub("", text)))


def each_side(ask: Ask, found: Answer, again: Callable[[Ask], Answer] | None) -> Answer:
    """The found answer with the pieces it left out, each answered alone and said after it."""
    pieces = list(ask.asked.pieces)
    if found.abstained or again is None or ask.compare or not 2 <= len(pieces) <= MAX_SIDES \
            or not _EACH.search(ask.question):
        return found  # things named side by side (A和B各…, 分别): not a second question that follows the first
    missing = [p for p in pieces if (own := _own(p, [o for o in pieces if o is not p])) and not _named(own, found.text)]
    if not missing or len(missing) == len(pieces):
        return found  # every piece said, or none: the answer is about something else, not short of one thing
    added: list[Answer] = []
    cited = {c.id for c in found.citations}
    for piece in missing:
        more = again(for_piece(ask, piece))
        new = _figures(more.text) - _figures(found.text) - {f for a in added for f in _figures(a.text)}
        about = _named(_own(piece, [o for o in pieces if o is not piece]), more.text) \
            or any(c.id in cited for c in more.citations)  # its own words, or the row the first answer quoted
        if not more.abstained and more.citations and new and about:
            added.append(more)
    if not added:
        return found
    said = [c for c in found.text.rstrip("。").split("；") if c]
    for a in added:  # no clause twice: a quote the first answer gave already (the row's target) is left out
        said += [c for c in re.split(r"(?<=〕)[。；]", a.text.rstrip("。")) if c and c.lstrip("；。") not in found.text]
    text = "；".join(c.lstrip("；。") for c in said) + "。"
    return replace(found, text=text, citations=citations_of([found, *added]),
                   warnings=tuple(dict.fromkeys(w for a in (found, *added) for w in a.warnings)))


_CLAUSES = re.compile(r"[^，,。；;：:]+")


def each_named(ask: Ask, found: Answer) -> Answer:
    """"GDP、服务业、实际利用外资、研发投入强度这几个预期目标分别定的多少": a named thing the quote left out whose
    clause, with its figure, is in the sentence of a cited row that holds what the quote gave, is said too."""
    words = [t for t in ask.terms if t.weight >= 1.0]
    if found.abstained or len(words) < 2 or not any(t.present(found.text) for t in words):
        return found
    body = SOURCE_TAG.sub("", found.text).rstrip("。")
    with_figure = [m.group(0) for m in _CLAUSES.finditer(body) if _FIGURE.search(m.group(0))]
    added: list[str] = []  # a thing named beside no figure ("推进城中村改造和…建设") is not said
    for t in (t for t in words if not any(t.present(c) for c in with_figure) and _listed(t.alts, ask.question)):
        for c in found.citations:
            sentence = next((s for s in re.split(r"[。]", c.text) if body.split("；")[0][:12] in s), "")
            clause = next((m.group(0) for m in _CLAUSES.finditer(sentence) if t.present(m.group(0))
                           and _FIGURE.search(m.group(0))), "")
            if clause and clause not in body and clause not in added:
                added.append(clause)
                break
    if not added:
        return found
    return replace(found, text=f"{'，'.join(added)}；{found.text}")


def _listed(alts: tuple[str, ...], question: str) -> bool:
    """The word is an item of a list the question writes (…、X、…, X和Y, keywords: X Y)."""
    return any(re.search(rf"[、和及与 ]{re.escape(a)}|{re.escape(a)}[、和及与 ]", question) for a in alts)
