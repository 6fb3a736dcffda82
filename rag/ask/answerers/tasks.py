"""A unit's or an official's tasks as a list ("区商务局牵头哪些任务", "胡国伟牵头的任务有哪些"), with each task's
progress when the question asks how far each got ("有哪几项？分别做到什么程度了")."""

from __future__ import annotations

import re

from rag.ask.answerers import Gathered
from rag.ask.answerers.table import place_table
from rag.ask.compose import abstain, answered, source_tag
from rag.ask.understand import Ask
from rag.domain import Answer, Row

PROGRESS_SHOWN = 160  # characters of a row's progress cell shown per task: 034's 城投集团 cells (4 rows) fit whole


def _progress_of(row: Row) -> str:
    """The row's progress cell (its normalised text), whole sentences up to PROGRESS_SHOWN characters, and never more
    than that: a first sentence longer than it is cut there."""
    out = ""
    for sent in re.split(r"(?<=[。；;])", (row.progress_normalized or row.progress).strip()):
        if out and len(out) + len(sent) > PROGRESS_SHOWN:
            break
        out += sent
    return out.strip()[:PROGRESS_SHOWN]


def list_answer(question: str, rows: list[Row], label: str, progress: bool = False) -> Answer:
    """The rows as numbered items; with `progress`, each row's progress after it ("分别做到什么程度了")."""
    lines = [f"{label}共{len(rows)}项："]
    for i, r in enumerate(rows, 1):
        done = f" 进展：{_progress_of(r)}" if progress and r.progress.strip() else ""
        lines.append(f"{i}. {r.task}（{r.unit or '—'}）{done}{source_tag(r)}")
    return answered(question, "\n".join(lines), rows, route="list")


def _each_how_far(ask: Ask) -> bool:
    """How far each task got is asked: by a piece after the list ("有哪几项？分别做到什么程度了") or by the whole
    question's stage words."""
    return any(p.want in ("stage", "status") for p in ask.asked.pieces[1:]) or ask.asked.want == "stage"


_UNIT_LIKE = re.compile(r"([\u4e00-\u9fff]{2,12}?(?:局|办公室|办|委员会|集团|管委会|指挥部|中心|街道|镇))")


def lists_tasks(ask: Ask) -> bool:
    """A list asked (哪些, 分别是啥): in a list word, or, of a unit or official named with nothing else to list, as
    the kind of answer a piece wants ("科投负责的一共几条？分别是啥？"; "文广旅体局推出的研学线路都是什么" lists the
    线路 of a row, not the unit's tasks)."""
    wanted = any(p.want == "list" for p in (ask.asked, *ask.asked.pieces))
    subject = any(t.weight >= 1.0 for t in ask.asked.terms)
    return ask.listing or bool(ask.unit or ask.people) and wanted and not subject


class Tasks:
    """"区商务局牵头哪些任务", "胡国伟牵头的任务有哪些": every row of that unit or official, as items."""

    name = "tasks"

    def applies(self, ask: Ask) -> bool:
        # "X集团牵头的是哪几项": the unit (or official) is given, so its "牵头的是" asks for the tasks, not who
        return lists_tasks(ask) and (ask.who == "" or bool(ask.unit or ask.people))

    def answer(self, ask: Ask, evidence: Gathered) -> Answer | None:
        table = place_table(ask, evidence)
        if ask.people:
            rows = [r for r in table if any(p in r.leader for p in ask.people)]
            if rows:
                return list_answer(ask.question, rows, f"{'、'.join(ask.people)}牵头的任务", _each_how_far(ask))
        if ask.unit:
            rows = [r for r in table if ask.unit in r.units]
            if rows:
                u = ask.unit
                who = (ask.place or "") + (u[1:] if ask.place and u.startswith("区") else u)
                return list_answer(ask.question, rows, f"{who}牵头/负责的任务", _each_how_far(ask))
        named = _UNIT_LIKE.search(ask.question)
        if named and not ask.unit and not ask.people and not any(r.within for r in ask.places):
            return abstain(ask.question, f"报告中没有名为“{named.group(1)}”的责任单位", "list")
        return None
