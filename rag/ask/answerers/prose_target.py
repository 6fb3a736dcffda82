"""A target a work report sets for its year and the result the next report states for that year, both in prose
("河北省2024年营造林目标是多少？实际完成情况如何，是否完成？": the 2024 report's "完成营造林600万亩", the 2025 report's
"营造林638万亩"): the clause of each that names every subject word and a figure in the same unit, compared, the verdict
marked 系比较. None when either is missing, so the question goes on to the quote answerer."""

from __future__ import annotations

from rag.ask.answerers import Gathered
from rag.ask.answerers.next_report import CEILING
from rag.ask.compose import answered, source_tag
from rag.ask.evidence import Evidence
from rag.ask.judge_items import judge_items
from rag.ask.terms import Term
from rag.ask.understand import Ask
from rag.domain import Answer, Quantity
from rag.ingest.periods import is_results_title
from rag.status.quantities import canonical_unit, numbers_in

WHOLE = 0.99  # coverage: every gating word of the question is in the clause (the figure is of the thing asked)


def _figure(ev: Evidence, words: list[Term], unit: str = "") -> Quantity | None:
    """The first figure after the clause names every subject word (营造林638万亩, not 地下水…1.77亿立方米 before it)."""
    text = ev.clause.text
    at = [min((text.find(a) for a in t.alts if a in text), default=-1) for t in words]
    if not words or min(at) < 0:
        return None
    return next((q for q in numbers_in(text[max(at):]) if q.kind in ("level", "count")
                 and (not unit or canonical_unit(q.unit) == unit)), None)


class ProseTarget:
    name = "prose_target"

    def applies(self, ask: Ask) -> bool:
        return ask.status_asked and len(ask.years) == 1 and not ask.compare and not ask.people

    def answer(self, ask: Ask, evidence: Gathered) -> Answer | None:
        year = ask.years[0]
        pool = [e for e in evidence.pool(ask) if e.coverage >= WHOLE and e.clause.row.kind != "progress_row"
                and e.clause.year == year]
        written = {e.clause.row.doc: evidence.doc_year(e.clause.row.doc) for e in pool}  # a work report of year Y plans Y
        targets = [e for e in pool if e.clause.stance == "target" or written[e.clause.row.doc] == year
                   and not is_results_title(e.clause.row.title)]
        results = [e for e in pool if e.clause.stance == "actual" and e.clause.months in (None, 12) and e not in targets
                   and (written[e.clause.row.doc] > year or is_results_title(e.clause.row.title))]
        words = [t for t in ask.terms if t.weight >= 1.0]
        for t in targets:
            aim = _figure(t, words)
            got = next(((r, q) for r in results if r.clause.row.doc != t.clause.row.doc
                        and (q := _figure(r, words, canonical_unit(aim.unit) if aim else "-"))), None) if aim else None
            if aim is None or got is None:
                continue
            r, q = got
            per_item = judge_items(t.clause.text, r.clause.text, ask.whole or ask.question)  # "城中村…老旧小区呢": each on its own
            if per_item:
                text = (f"{year}年目标：{t.clause.text}{source_tag(t.clause.row)}；"
                        f"实际：{r.clause.text}{source_tag(r.clause.row)}。{per_item}")
                return answered(ask.question, text, [t.clause.row, r.clause.row], route="status")
            ceiling = bool(CEILING.search(t.clause.text))  # met at or below its figure
            met = q.value <= aim.value if ceiling else q.value >= aim.value
            side = "等于" if q.value == aim.value else "高于" if q.value > aim.value else "低于"
            text = (f"{'已完成' if met else '未完成'}：{year}年目标：{t.clause.text}{source_tag(t.clause.row)}；"
                    f"实际：{r.clause.text}{source_tag(r.clause.row)}；实际{side}目标（系比较）。")
            return answered(ask.question, text, [t.clause.row, r.clause.row], route="status")
        return None
