"""Which body a statistical communiqué names as a figure's source ("公报中实际使用外资数据来自哪个部门？"): the
communiqué's own note ("…；实际使用外资、新设外资企业数据来自市投促局；…"), with the figure itself when the question also
asks it (the rest of the question through the table)."""

from __future__ import annotations

import re
from dataclasses import replace

from rag.ask.answerers import Gathered
from rag.ask.compose import answered, citations_of, source_tag
from rag.ask.understand import Ask, understand
from rag.domain import Answer, Row

ASKS_SOURCE = re.compile(r"(?:来自|来源于?|出自|由)[^，,。？?]{0,4}(?:哪个|哪些|哪家|什么|何)(?:部门|单位|机构)"
                         r"|(?:数据|数字|这数)[^，,。？?]{0,6}(?:哪个|哪家)(?:部门|单位)[^，,。？?]{0,3}(?:给|提供|统计|发布)"
                         r"|数据来源(?:部门|单位)?(?:是|为)?(?:哪|什么)?|来源(?:部门|单位|机构)(?:是|为)?(?:哪|什么)")
_LEADS = re.compile(r"牵头|负责(?!统计|发布|提供)|主抓")  # "由哪个单位牵头负责": who leads a task, not a figure's source
_NOTE = re.compile(r"([^；;。]*?)(?:的)?数据(?:均|都)?(?:来自|来源于|由)([^；;。，,]+?)(?:提供)?(?=[；;。，,]|$)")


def notes(rows: list[Row]) -> list[tuple[str, str, Row]]:
    """(what the note lists, the body, the row) of every "…数据来自…" note in the rows."""
    return [(m.group(1), m.group(2), r) for r in rows for m in _NOTE.finditer(r.text)]


class SourceOf:
    """The body a communiqué names as the source of an indicator's figures."""

    name = "source_of"

    def applies(self, ask: Ask) -> bool:
        return bool(ASKS_SOURCE.search(ask.question)) and bool(ask.place) and not _LEADS.search(ask.question)

    def answer(self, ask: Ask, evidence: Gathered) -> Answer | None:
        words = [a for t in ask.terms if t.weight >= 1.0 for a in t.alts if not ASKS_SOURCE.search(a)]
        rows = [r for r in evidence.index.rows if r.district == ask.place and "数据" in r.text]
        every = notes(rows)
        found = [(listed, body, r) for listed, body, r in every
                 if any(w in item for w in words for item in re.split(r"[、和及]", listed))]
        found = found or [(listed, body, r) for listed, body, r in every if re.match(r"^[\[［(（\d\]］)）]*(?:其他|其余)", listed)]
        if found:  # every note naming an indicator asked ("利用外资和货物进出口的数据分别…"), each once
            said = dict.fromkeys(f"{listed}数据来自{body}{source_tag(row)}" for listed, body, row in found)
            note = answered(ask.question, f"公报注明：{'；'.join(said)}。", [row for _, _, row in found])
        else:  # no note names it: said so, never guessed
            note = answered(ask.question, "资料中未注明该项数据的来源部门。", [])
        asked = "".join(p for p in re.split(r"(?<=[？?。，,])", ASKS_SOURCE.sub("", ask.question))  # the figure asked
                        if not re.search(r"哪个|哪家|部门", p))  # too ("…多少？…来自哪个部门", "…哪个部门提供的？数是多少")
        if evidence.again is None or not re.search(r"多少|几|金额|总额|规模|增速|增长", asked):
            return note if note.citations else None
        figure = evidence.again(understand(asked, evidence.index))
        if figure.abstained:
            return note if note.citations else None
        return replace(note, text=f"{figure.text.rstrip('。')}。{note.text}", citations=citations_of((figure, note)))
