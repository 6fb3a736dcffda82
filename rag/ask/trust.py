"""Trust in answering, on both paths. Pure functions over rows and answers.

- A planted row (its document addresses the reader with instructions; flagged at ingest by rag/ingest/trust.py)
  never answers alone: an answer led by one is answered again without the planted rows (or refused), with a warning
  naming the document. A planted row may still be cited beside an answer from another document (the conflict
  display), with a warning.
- A model's figure must agree with the other documents of the same place and period: a figure for the same thing
  (same kind and unit, the same words before it) that another document gives differently is a warning naming both.

The hooks: rag/ask/answer.py `offline` (never_alone) and `finalize_llm` (planted_only makes the reply fall back;
disagreements are warnings on the model's answer)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from difflib import SequenceMatcher

from rag.ask.compose import abstain
from rag.domain import Answer, Quantity, Row
from rag.ingest.trust import PLANTED
from rag.status.quantities import numbers_in

SAME_WORDS = 4  # characters the words before two figures must share for them to be about the same thing
BEFORE = 12  # characters before a figure that say what it is
_CJK = re.compile(r"[\u4e00-\u9fff]+")


def planted(row: Row) -> bool:
    return any(q.startswith(PLANTED) for q in row.data_quality)


def filter_alone(rows: Sequence[Row]) -> list[Row]:
    """The rows that may lead an answer: every row that is not planted."""
    return [r for r in rows if not planted(r)]


def _docs(rows: Sequence[Row]) -> str:
    return "、".join(dict.fromkeys(r.doc for r in rows))


def never_alone(a: Answer, rows: Sequence[Row], redo: Callable[[list[Row]], Answer]) -> Answer:
    """`a` when no planted row leads it; else `redo` on the rows that are not planted (a refusal when there are
    none), with a warning naming the documents left out."""
    if a.abstained or not a.citations:
        return a
    by_id = {r.id: r for r in rows}
    cited = [by_id[c.id] for c in a.citations if c.id in by_id]
    bad = [r for r in cited if planted(r)]
    if not bad:
        return a
    if not planted(cited[0]):
        note = f"{_docs(bad)} 含有对读者下指令的文字（疑为植入内容），其数字仅供对照，不作为答案"
        return replace(a, warnings=(*a.warnings, note))
    planted_docs = _docs([r for r in rows if planted(r)])
    clean = filter_alone(rows)
    b = redo(clean) if clean else abstain(a.question, "只有含指令文字的文档提到此事，不单独作答")
    note = f"已排除 {planted_docs}：文中含有对读者下指令的文字（疑为植入内容），不单独作答"
    return replace(b, warnings=(note, *b.warnings))


@dataclass(frozen=True)
class Figure:
    """One number of an answer with the words before it and the place/period of the row it is cited from."""

    quantity: Quantity
    words: str
    row: Row


def _words_before(text: str, raw: str) -> str:
    at = text.find(raw)
    return "".join(_CJK.findall(text[max(0, at - BEFORE) : at])) if at >= 0 else ""


def _same_thing(a: str, b: str) -> bool:
    m = SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b))
    return m.size >= SAME_WORDS


def agrees_with_others(figure: Figure, rows: Sequence[Row]) -> str | None:
    """A warning when other documents of the figure's place and period give the same thing only with other values;
    None when one agrees, or none speaks of it."""
    me = figure.row
    others = [r for r in rows if r.doc != me.doc and r.district == me.district and r.year == me.year
              and r.period_label == me.period_label and not planted(r)
              and not (r.stance and me.stance and r.stance != me.stance)]
    differ: list[tuple[Row, Quantity]] = []
    for r in others:
        for q in numbers_in(r.text):
            if (q.kind, q.unit) != (figure.quantity.kind, figure.quantity.unit):
                continue
            if not _same_thing(figure.words, _words_before(r.text, q.raw)):
                continue
            if abs(q.value - figure.quantity.value) <= 1e-9 * max(1.0, abs(q.value)):
                return None
            differ.append((r, q))
    if not differ:
        return None
    r, q = differ[0]
    return (f"数字{figure.quantity.raw}（{me.doc} {me.anchor}）与同地同期的另一份资料不一致："
            f"{q.raw}（{r.doc} {r.anchor}）")


def planted_only(cited: Sequence[Row]) -> str | None:
    """A reason to fall back when every row a model's answer cites is planted (it may not answer alone)."""
    if cited and all(planted(r) for r in cited):
        return f"模型回答只引用了含指令文字的文档 {_docs(cited)}（疑为植入内容）"
    return None


def disagreements(text: str, cited: Sequence[Row], rows: Sequence[Row]) -> list[str]:
    """Warnings for a model's figures that other documents of the place and period give differently."""
    out: list[str] = []
    for q in numbers_in(text):
        src = next((r for r in cited if q.raw in r.text or any(q.value == h.value for h in numbers_in(r.text))), None)
        if src is None:
            continue  # not in a cited row: verify.check reports it
        warn = agrees_with_others(Figure(q, _words_before(text, q.raw), src), rows)
        if warn and warn not in out:
            out.append(warn)
    return out
