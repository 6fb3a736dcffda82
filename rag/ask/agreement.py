"""Whether a clause's period and year agree with the ones asked (rag.ask.evidence weighs them)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from rag.ask.question import Asked
from rag.ask.question_time import months_of
from rag.ask.retrieve import OPENING_LINES
from rag.domain import Row
from rag.ingest.periods import is_progress_title

if TYPE_CHECKING:
    from rag.ask.evidence import Clause

REPORT_LAG = 2  # a quarter's progress report states figures up to this many months before the quarter's end (三季度表:
# 截至8月); asked of the quarter, they are its figures (dev batch 027, b027-11)


def agreement(asked: Asked, clause: Clause) -> tuple[str, str]:
    """same | other | unknown for the period and the year. Only the clause's own words or its heading
    make a mismatch ("other"): the document's default period or year may be wrong for one clause."""
    period = "unknown"
    if asked.months is not None and clause.months is not None and clause.stance != "target":  # targets are annual
        period = "same" if asked.months == clause.months else "other" if clause.own_period else "unknown"
        reported = asked.by_report or asked.months - REPORT_LAG <= clause.months < asked.months
        if period == "other" and reported and months_of(clause.row.title)[0] == asked.months and (
                clause.row.kind == "progress_row" or is_progress_title(clause.row.title)):
            period = "same"  # "三季度报里的…", "到三季度完成多少": the report whose title names the period, though its
            # figures run to August
    year = "unknown"
    if asked.years and clause.year is not None:
        year = "same" if clause.year in asked.years else "other" if clause.own_year else "unknown"
    return period, year


def document_year(asked: Asked, row: Row) -> str:
    """When the document itself is asked ("保定22年的政府工作报告是谁作的"), the year names the document: its
    opening lines carry the document's own year (a 2022 report, which reviews 2021)."""
    if not asked.years or row.year is None or (row.paragraph or 99) > OPENING_LINES:
        return "unknown"
    own = {int(y) for y in re.findall(r"20\d\d", row.title)} or {row.year}  # a communiqué's title names its year
    return "same" if own & set(asked.years) else "other"
