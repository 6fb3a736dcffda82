"""The generic answerer: quote the clause(s) that answer, verbatim, with citations, or refuse and say why
(rag.ask.extractive over the evidence pool)."""

from __future__ import annotations

import re
from dataclasses import replace

from rag.ask.answerers import Gathered
from rag.ask.compose import abstain
from rag.ask.extractive import MISSING_PART, answer_extractive
from rag.ask.retrieve import Filters, retrieve
from rag.ask.stage import subject_in_task
from rag.ask.understand import Ask
from rag.domain import Answer, Row

PART_RETRIEVE = 12  # rows retrieved again for a part of a two-part question that the first retrieval missed


class Quote:
    name = "quote"

    def applies(self, ask: Ask) -> bool:
        return True

    def answer(self, ask: Ask, evidence: Gathered) -> Answer | None:
        if not evidence.rows:
            return abstain(ask.question, "没有检索到相关内容")
        theirs = [r for r in evidence.rows if ask.people and any(p in r.leader for p in ask.people)]
        if theirs:  # "胡某牵头的那条…": the official's rows hold the subject, never another document's paragraph
            evidence = replace(evidence, rows=theirs, _pools={})
        found = answer_extractive(ask.question, ask.asked, evidence.rows, evidence.scores)
        whole = _the_whole(ask, found, {r.id: r for r in evidence.rows})
        if whole:
            return abstain(ask.question, f"资料中只有{ask.place or ''}{whole}的数字（{found.citations[0].doc} 序号"
                                         f"{found.citations[0].row}），没有{ask.unit}的")
        found = _latest_stage(ask, evidence, found)
        if MISSING_PART not in found.text or found.abstained:
            return _judged(ask, found, {r.id: r for r in evidence.rows})
        return _second_look(ask, evidence, found)


def _latest_stage(ask: Ask, evidence: Gathered, found: Answer) -> Answer:
    """"城改现在推进到哪一步了" with no year asked: the stage the place's latest document states (its 2025 report, not
    the 2022 one), when that document answers at all."""
    if found.abstained or ask.measure != "stage" or ask.years or ask.period:
        return found
    docs = {r.doc: evidence.doc_year(r.doc) or r.year or 0 for r in evidence.rows}  # its own year, else its row's
    latest = max(docs.values(), default=0)
    cited = {c.doc for c in found.citations}
    by_id = {r.id: r for r in evidence.rows}
    if not latest or any(docs.get(d, 0) == latest for d in cited) \
            or any(by_id[c.id].kind == "progress_row" for c in found.citations if c.id in by_id):
        return found  # a progress table's row states the task's own stage: it stands
    rows = [r for r in evidence.rows if docs[r.doc] == latest and r.stance != "target"]  # a stage reached, not planned
    again = answer_extractive(ask.question, ask.asked, rows, evidence.scores)
    return found if again.abstained or MISSING_PART in again.text else again


_DONE_SO_FAR = re.compile(r"(?:完成|做到|干到|弄到|投了|建了|到)了?多少")
_STATUS_WORDS = {"done": "已完成", "behind": "滞后", "partial": "部分滞后", "on_track": "进度正常"}


def _judged(ask: Ask, found: Answer, rows: dict[str, Row]) -> Answer:
    """"嵌入式体育场地上半年搞得咋样了": how a target of the progress table is going, asked in a stage's words, gets
    the status rules' verdict after the row's own words, when the rules judged it on figures (its target and its
    progress compared) and the question is about the row's task itself."""
    from rag.status.rules import assess

    cited = [rows[c.id] for c in found.citations if c.id in rows]
    so_far = ask.asked.numeric and bool(_DONE_SO_FAR.search(ask.question))  # "上半年投资完成了多少": of its target
    judged = _TEXT_VERDICT.search(found.text)  # a 目标/实际 judgement of the quotes: the rules' reading of the row
    if found.abstained or not (ask.measure == "stage" or so_far or judged) or len(cited) != 1 \
            or cited[0].kind != "progress_row":  # (its target column against its progress) replaces it: one verdict
        return found
    row = cited[0]
    if not subject_in_task(row, ask.terms):
        return found
    st = assess(row)
    if st.target is None or st.progress is None or st.status not in _STATUS_WORDS:
        return found
    text = _TEXT_VERDICT.sub("", found.text).rstrip("。；")
    word = "未完成" if st.status == "behind" and (row.period_fraction or 1.0) >= 1.0 else _STATUS_WORDS[st.status]
    return replace(found, text=f"{text}；判断（按进展规则）：{word}，{st.reason}。")  # the year over: 未完成, not 滞后


_TEXT_VERDICT = re.compile(r"判断：[^。]*（系比较）。")


_WHOLE = re.compile(r"全(?:区|市|县|省|州|旗)")
# how a department's name ends (区发改局, 区委宣传部, 区城投集团, 区发改局(金融办)); a zone (未来科技城) or its 管委会 does not
_DEPARTMENT = re.compile(r"(?:局|委|办|部|院|队|所|站|中心|集团|公司|银行)[)）]?$|[(（][^)）]*[)）]$")


def _the_whole(ask: Ask, found: Answer, rows: dict[str, Row]) -> str:
    """A figure asked of a unit or zone (未来科技城…增加值多少) found in another unit's row that states it for the whole
    place (全区实现…): the whole's figure, never the part's. Returns the whole's word (全区), or ""."""
    if found.abstained or not ask.asked.numeric or not ask.unit or _WHOLE.search(ask.question) \
            or _DEPARTMENT.search(ask.unit):  # a department (区发改局) reports the whole place's figures
        return ""
    cited = [rows[c.id] for c in found.citations if c.id in rows]
    if not cited or any(r.kind != "progress_row" or ask.unit in r.units for r in cited):
        return ""  # the unit's own row, or a report's paragraph: the unit may well report the whole
    said = _WHOLE.search(found.text)
    return said.group(0) if said else ""


def _second_look(ask: Ask, evidence: Gathered, found: Answer) -> Answer:
    """"1-8月做到多少，全年最后多少": the first retrieval, for the whole question, is taken by the progress
    table; the other part (the year's figure, in the next year's report) is looked for once more with the
    subject terms and that part's words, in the same place's documents."""
    labels = [label for _, label in ask.asked.periods] or [f"{y}年" for y in ask.years] or ["目标", "完成"]
    again = answer_extractive(ask.question, ask.asked, *_widened(ask, evidence, labels))
    return again if not again.abstained and again.text.count(MISSING_PART) < found.text.count(MISSING_PART) else found


def for_period(ask: Ask, evidence: Gathered, months: int, label: str) -> Answer:
    """One period of the question answered on its own, as a figure: "截至8月完成多少，年底能完成吗" on an 8-month
    table asks the year's result too, which is in another report; looked for in the gathered rows and once more
    with the subject terms and the period's words, in the same place's documents."""
    asked = replace(ask.asked, months=months, period_label=label, periods=(), pieces=(), stance="actual",
                    want="number", wants=("number",))
    return answer_extractive(ask.question, asked, *_widened(ask, evidence, [label]))


def _widened(ask: Ask, evidence: Gathered, words: list[str]) -> tuple[list[Row], dict[str, float]]:
    """The gathered rows and their scores, with the rows found once more by the subject terms and `words` (a part's
    period) in the same place's documents."""
    query = " ".join([*(t.alts[0] for t in ask.terms if t.alts), *words])
    hits = retrieve(evidence.index, query, Filters(ask.place, None, ask.doc), k=PART_RETRIEVE)
    rows = list({r.id: r for r in (*evidence.rows, *(h.row for h in hits))}.values())
    return rows, {**{h.row.id: h.score for h in hits}, **evidence.scores}
