"""The one answering pipeline, in order:

  prepare     refuse empty or over-long input; a follow-up inherits the previous question's place and year
  understand  the question analysed once into a typed Ask (rag.ask.understand)
  gather      one retrieval for the Ask's place (and one per compared place), with the place's few rows that hold
              every word the question requires when retrieval ranked them out; the evidence pool computed once
  route       the ordered ANSWERERS table: the first that applies and returns an Answer wins
  verify      every quoted number is in a cited row; an answer from documents without a place is flagged
  model       optional: with a model configured, it answers from the same rows, verified the same way

Adding a kind of question means adding one answerer (rag/ask/answerers/) and its tests."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from rag.ask.answerers import Answerer, Gathered
from rag.ask.answerers.each_year import EachYear
from rag.ask.answerers.indicator import Indicator
from rag.ask.answerers.movers import Movers
from rag.ask.answerers.pieces import Pieces
from rag.ask.answerers.place import Compare, RefusePlace
from rag.ask.answerers.prose_status import ProseStatus
from rag.ask.answerers.prose_target import ProseTarget
from rag.ask.answerers.quote import Quote
from rag.ask.answerers.source_of import SourceOf
from rag.ask.answerers.superlative import Superlative
from rag.ask.answerers.table import Count, Status, Who
from rag.ask.answerers.targets_met import TargetsMet
from rag.ask.answerers.tasks import Tasks
from rag.ask.completions import completed
from rag.ask.compose import abstain
from rag.ask.each_side import each_named, each_side, keyword_items, sides_alone
from rag.ask.evidence import other_time_only
from rag.ask.named_inside import in_host
from rag.ask.retrieve import UNPLACED, Filters, openings, retrieve
from rag.ask.route import contextualize
from rag.ask.trust import never_alone
from rag.ask.understand import Ask, understand
from rag.ask.verify import check
from rag.domain import Answer, Row
from rag.index.build import Index

History = Sequence[tuple[str, str]]
RETRIEVE_AT_LEAST = 12  # rows retrieved for the offline answerers (the model reads the first k of them)

ANSWERERS: tuple[Answerer, ...] = (
    RefusePlace(),
    Count(),
    Status(),
    Compare(),
    SourceOf(),  # "公报中这项数据来自哪个部门": the communiqué's note, with the figure when asked too
    Superlative(),  # the item at an extreme of a list of figures: "哪个行业增加值涨得最猛"
    Pieces(),  # a list and a figure asked at once: each piece through this table, joined
    Tasks(),
    Who(),
    ProseStatus(),  # a status stated in prose (占年计划投资的126.5%, 6项指标不及预期); status asked only
    Movers(),  # the rows of a communiqué table that rose (or fell): "CPI里哪几类是涨的"
    TargetsMet(),  # several indicators' targets, each judged on the year's result: "几个主要预期目标最后都完成了吗"
    Indicator(),  # figure records (issue N): before the quote answerer, which reads text windows
    ProseTarget(),  # a target one report sets and the next report's result, in prose: "营造林目标…是否完成"
    EachYear(),  # one unlisted figure asked of two years: each year through the table ("2021年末 2022年末")
    Quote(),
)


@dataclass(frozen=True)
class Run:
    """One question through the offline pipeline: the Ask, what was gathered, and the verified answer."""

    ask: Ask | None
    evidence: Gathered | None
    answer: Answer


def prepare(question: str, history: History | None, index: Index) -> str | Answer:
    q = (question or "").strip()
    if not q:
        return abstain(question, "问题为空，请输入要查询的内容", route="input")
    if len(q) > 2000:
        return abstain(question[:2000], "问题过长（超过2000字），请缩短后再问", route="input")
    return contextualize(q, history, index.districts())


def gather(index: Index, ask: Ask, k: int) -> Gathered:
    """Retrieve once, for the Ask's place; the unit only orders the rows (a unit's rows first)."""
    if ask.compare or (ask.missing_place and ask.place is None):
        rows, scores = [], {}  # answered per place, or refused: nothing to retrieve here
    else:
        hits = [h for place in (ask.place, *ask.aliases)
                for h in retrieve(index, ask.question, Filters(place, None, ask.doc), k=max(k, RETRIEVE_AT_LEAST))]
        hits = sorted(hits, key=lambda h: -h.score)[: max(k, RETRIEVE_AT_LEAST) * (1 + len(ask.aliases))]
        rows, scores = [h.row for h in hits], {h.row.id: h.score for h in hits}
    rows = [*rows, *holding_every_word(index, ask, rows)]
    if ask.about_document:  # a document's own header: the meeting and date line, who delivers it
        rows = list({r.id: r for r in (*rows, *openings(index, ask.place, ask.asked.years))}.values())
    if ask.unit:
        rows = sorted(rows, key=lambda r: ask.unit not in r.units)
    if ask.people:  # an official's rows are found by the 牵头区领导 column, not by retrieval
        theirs = [r for r in index.rows if r.kind == "progress_row" and any(p in r.leader for p in ask.people)
                  and (not ask.place or r.district == ask.place)]
        rows = list({r.id: r for r in (*theirs, *rows)}.values())
    ev = Gathered(index, rows, scores, k)
    ev.again = lambda sub: route(sub, gather(index, sub, k))
    ev.again_in = lambda sub, among: route(sub, Gathered(index, among, scores, k, again=ev.again))
    return ev


EXACT_AT_MOST = 3  # rows holding every gating word that retrieval missed: more than this, retrieval's order stands


def holding_every_word(index: Index, ask: Ask, have: Sequence[Row]) -> list[Row]:
    """The place's rows that hold every word the question requires (two or more) when retrieval ranked them out
    ("钱塘国资成立的…那4支基金": a long table row whose words are all there): a refusal that says the library lacks
    those words must be true."""
    words = [t for t in ask.terms if t.weight >= 1.0]
    if len(words) < 2 or ask.compare or not ask.place or ask.place == UNPLACED:
        return []  # within one library place only: a word the question names may be a place it does not know
    places = {ask.place, *ask.aliases}
    seen = {r.id for r in have}
    found = [r for r in index.rows if r.district in places
             and all(any(a in r.text for a in t.alts) for t in words) and r.id not in seen]
    return found if len(found) <= EXACT_AT_MOST else []


def route(ask: Ask, evidence: Gathered) -> Answer:
    for answerer in ANSWERERS:
        if answerer.applies(ask):
            found = answerer.answer(ask, evidence)
            if found is not None:
                return found
    return abstain(ask.question, "检索到的资料中没有与问题对应的指标或事项")


def verify(ask: Ask, a: Answer) -> Answer:
    """Every number quoted from the sources must be in a cited row (status answers: their reasons carry
    ratios the rules computed). An answer for a place the library lacks, from documents without a place,
    says so."""
    if ask.missing_place and ask.place == UNPLACED and not a.abstained:
        note = (f"资料库中没有标明为{ask.missing_place}的报告；以下内容出自未写明地点的文档，"
                f"请核对是否为{ask.missing_place}")
        a = replace(a, warnings=(note, *a.warnings))
    if a.abstained or not a.citations or a.route == "status":
        return a
    rows = [Row(c.doc, c.row, "", c.title, "", "paragraph", c.text) for c in a.citations]
    warns = check(a.text, rows)
    return a if not warns else replace(a, warnings=(*a.warnings, *warns))


def run(question: str, filters: Filters | None, history: History | None, index: Index, k: int) -> Run:
    prepared = prepare(question, history, index)
    if isinstance(prepared, Answer):
        return Run(None, None, prepared)
    ask = understand(prepared, index, filters)
    evidence = gather(index, ask, k)
    found = route(ask, evidence)  # a document that addresses the reader with instructions never answers alone
    found = never_alone(found, evidence.rows, lambda clean: route(ask, replace(evidence, rows=clean, _pools={})))
    found = in_host(ask, found, index, k, evidence.again)  # 和田's figure said in 新疆's report, naming 和田
    alone = lambda text: route(sub := understand(text, index, ask.filters), gather(index, sub, k))  # noqa: E731
    found = keyword_items(ask, sides_alone(ask, found, alone), alone)  # things asked side by side, each on its own
    found = each_named(ask, each_side(ask, found, evidence.again))  # a thing the question names, left out
    return Run(ask, evidence, verify(ask, completed(ask, found, evidence.rows)))


def model_rows(run: Run) -> list[Row]:
    """The rows the model may read: the first k gathered, none whose every clause speaks for another year or
    period than the one asked (the model is not shown 2024 targets for a 2023 question)."""
    if run.ask is None or run.evidence is None:
        return []
    asked = run.ask.asked
    rows = run.evidence.rows[: run.evidence.k]
    return [r for r in rows if not asked.years and asked.months is None or not other_time_only(asked, r)]
