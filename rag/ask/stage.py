"""A progress row's own words about the thing asked: a cell often reports several numbered items or
labelled projects, and the one asked about may be the third."""

from __future__ import annotations

import re

from rag.ask.evidence import SHORT_TASK_CHARS, Evidence
from rag.ask.lists import SENTENCE_ENDS
from rag.ask.terms import Term
from rag.domain import Row

STAGE_CHARS = 240  # a progress answer quotes at most this much of the row's progress text

_ITEM = re.compile(r"(?:^|\s)\d{1,2}\s*[.、．]")  # "1.总计招引… 2.1-9月… 3.已完成…": a cell's numbered items
ITEM_BIGRAMS = 3  # bigrams a task clause shares with an item of the progress cell for that item to be its report


def item_of(task_clause: str, progress: str) -> int | None:
    """Where the progress of one thing of a task that lists several begins ("…加快创建省级高新区" against item
    "4.未来科技城高新技术产业园区已正式被认定为省级高新区"): the numbered item sharing most bigrams with the task
    clause, at least ITEM_BIGRAMS; None when no item is the task's (its whole report answers)."""
    starts = [m.start() for m in _ITEM.finditer(progress)]
    if len(starts) < 2:
        return None
    grams = {task_clause[i : i + 2] for i in range(len(task_clause) - 1)}
    items = [(s, progress[s:e]) for s, e in zip(starts, [*starts[1:], len(progress)])]
    share, at = max((sum(g in text for g in grams), -s) for s, text in items)
    return -at if share >= ITEM_BIGRAMS else None


_NEXT_ITEM = re.compile(r"[。；;]\s+\d{1,2}\s*[.、．]")


def stage_text(ev: Evidence, terms: tuple[Term, ...] = ()) -> str:
    """The project's own progress words: from the sentence that names it, for at most STAGE_CHARS (a
    progress cell often reports several projects; the one asked about may be the third). A question whose every
    subject word is in a one-thing task ("开竣工电力项目6个那条推进到哪一步了") asks the whole cell."""
    row = ev.row
    source = (row.progress_normalized or row.progress) if row.kind == "progress_row" and row.progress else row.text
    if _names_task(row, terms):
        text = source.strip()
        return text if len(text) <= STAGE_CHARS else text[:STAGE_CHARS].rstrip("，,；;") + "…"
    if ev.clause.in_task and row.kind == "progress_row" and row.progress:
        item = item_of(ev.text, source) if len(source) > STAGE_CHARS else None  # the task named: its progress
        start, located = (0, False) if item is None else (item, True)
    else:
        at = source.find(ev.text)
        start = max((m.end() for m in SENTENCE_ENDS.finditer(source[:at])), default=0) if at > 0 else 0
        located = at >= 0
    text = source[start:].strip()
    item_end = _NEXT_ITEM.search(text) if located else None  # "…总工程量的12%。 2.320国道…": the next item is another's
    text = text[: item_end.start() + 1] if item_end else text
    if ev.clause.lead and not ev.clause.in_task:  # "西险大塘：…；城西南排：…": the item's own sentence
        text = SENTENCE_ENDS.split(text)[0].rstrip("；;。")
    elif row.kind != "progress_row" and located and (end := text.find("。")) >= 0:
        text = text[: end + 1]  # a report's paragraph: the sentence that states the stage, not the next topic's
    return text if len(text) <= STAGE_CHARS else text[:STAGE_CHARS].rstrip("，,；;") + "…"


def subject_in_task(row: Row, terms: tuple[Term, ...]) -> bool:
    """Every subject word of the question (its gating terms, one at least) is in the row's task."""
    gating = [t for t in terms if t.weight >= 1.0]
    return bool(gating) and all(any(a in row.task for a in t.alts) for t in gating)


def _names_task(row: Row, terms: tuple[Term, ...]) -> bool:
    """A one-thing task the question names, or two or more of the parts of a task that lists several ("开竣工道路、
    打通断头路、提升改造公路这几项推进得怎样"): the whole progress cell answers."""
    if row.kind != "progress_row" or not row.progress:
        return False
    if _SEVERAL.search(row.task.rstrip("。；;")):
        parts = [p for p in _SEVERAL.split(row.task.rstrip("。；;")) if p]
        where = [[i for i, p in enumerate(parts) if any(a in p for a in t.alts)] for t in terms if t.weight >= 1.0]
        return len({w[0] for w in where if len(w) == 1}) >= 2  # two of its things, each named by a word of its own
    return len(row.task) <= SHORT_TASK_CHARS and subject_in_task(row, terms)


_SEVERAL = re.compile(r"[、，,；;和及与]")  # a task naming several things (宁川大道、青禾路): each has its own report


__all__ = ["STAGE_CHARS", "item_of", "stage_text", "subject_in_task"]
