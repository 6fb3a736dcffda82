"""What an answer says after the answerer that gave it, when the question asked it too: who leads the task
(…，谁负责) and the task's whole target (…要增15%，…实际咋样), both read off the one progress row the answer cites.
Part of the pipeline's route step (rag.ask.pipeline)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from rag.ask.compose import source_tag
from rag.ask.stance import states_a_target
from rag.ask.understand import Ask
from rag.domain import Answer, Row


def completed(ask: Ask, found: Answer, rows: Sequence[Row]) -> Answer:
    return who_added(ask, target_added(ask, found, rows), rows)


def target_added(ask: Ask, found: Answer, rows: Sequence[Row]) -> Answer:
    """"…23年要增15%，1-8月实际咋样？…引进几家了": a target the question states, answered from one progress row's
    progress, is said with that row's own target first (the whole of it: the question may state only a part)."""
    if found.abstained or found.route == "status" or not states_a_target(ask.question) or "目标" in found.text[:4]:
        return found
    row = _one_row(found, rows)
    if row is None or not row.task or row.task[:12] in found.text:
        return found
    return replace(found, text=f"目标：{row.task.rstrip('。')}{source_tag(row)}；进展：{found.text}")


def who_added(ask: Ask, found: Answer, rows: Sequence[Row]) -> Answer:
    """"…上半年到多少了，谁负责": who leads, asked beside a figure or a stage that another answerer gave from one
    progress row, is that row's unit (and leader), said after the answer."""
    if not ask.who or found.abstained or found.route == "status":
        return found
    row = _one_row(found, rows)
    if row is None or not row.unit or row.unit in found.text:
        return found
    who = f"牵头区领导{row.leader}，牵头单位{row.unit}" if ask.who == "leader" and row.leader else f"牵头单位：{row.unit}"
    return replace(found, text=f"{found.text.rstrip('。')}。{who}。")


def _one_row(found: Answer, rows: Sequence[Row]) -> Row | None:
    """The progress row an answer cites, when it cites one row and that row is a progress table's."""
    cited = {(c.doc, c.row) for c in found.citations if c.row is not None}
    mine = [r for r in rows if r.kind == "progress_row" and (r.doc, r.row) in cited]
    return mine[0] if len(cited) == 1 and mine else None
