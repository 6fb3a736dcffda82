"""Understand a question once, into a typed Ask that every answerer reads: the places it names with their
level and the library places that contain them, the people and units it names, its time (years, period,
as-of), stance, measure and weighted subject terms. Nothing downstream analyses the question again."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import cached_property

from rag.ask.asked_places import Library, PlaceRef, left_out, library, only, placed, places_named, quoted_place
from rag.ask.indicator import named_indicators
from rag.ask.kinds import WHICH_PLACE
from rag.ask.nesting import one_per_place
from rag.ask.present import last_year, says_last
from rag.ask.question import Asked, analyze, figure_wants
from rag.ask.question_time import this_year_said
from rag.ask.retrieve import (
    UNPLACED,
    Filters,
    abbreviation_in,
    match_unit,
    short_district,
    unit_names,
    units_named,
)
from rag.ask.subjects import asked_joined
from rag.ask.terms import Term, has_any
from rag.ask.wording import (
    anchored,
    asks_how_far,
    digit_months,
    full_years,
    how_far_piece,
    how_far_word,
    names_mark,
    status_word,
    written,
)
from rag.ask.wording import report_year as named_report_year
from rag.index.build import Index
from rag.ingest.periods import period_fraction
from rag.ingest.places import parse_place
from rag.status.rules import is_status_question, status_filter

_LEADS = re.compile(r"牵头|牵的头|负责|归|主管|承办|责任")  # "是哪个街道牵头的": a 街道 leading a task is who leads


@dataclass(frozen=True)
class Period:
    label: str  # the words (上半年, 1-8月, 全年)
    fraction: float | None  # share of the year covered (0.5, 0.667, 1.0)
    as_of: str = ""  # the month-end the figures reach ("08-31"), when the period says


# the document is the subject: "报告是谁作的", "公报，落款是哪天", "通报由哪个机构印发"
_DOCUMENT_WORD = re.compile(r"(?:政府工作报告|统计公报|公报|通报|报告)[，,]?(?:是|由|在|是在|于|落款|署名|印发|发布)")


def about_document(question: str, asked: Asked) -> bool:
    """Asks who delivered, when, or under which number a document was issued ("22年的政府工作报告是谁作的")."""
    return asked.want in ("person", "date", "docnum", "entity") and bool(_DOCUMENT_WORD.search(question))


@dataclass(frozen=True)
class Ask:
    question: str
    places: tuple[PlaceRef, ...]
    place: str | None  # the library place to answer from (None: any; UNPLACED: documents without one)
    years: tuple[int, ...]
    period: Period | None
    stance: str | None  # target | actual | both | None
    measure: str | None  # growth ratio amount count number rank date person unit list status stage docnum…
    terms: tuple[Term, ...]
    people: tuple[str, ...]  # officials named (牵头区领导 names)
    units: tuple[str, ...]  # responsible units named
    asked: Asked  # the same analysis as the evidence scorer reads it
    unit: str | None = None  # the unit filter (explicit or named)
    doc: str | None = None
    compare: tuple[str, ...] = ()  # two or more library places, answered side by side
    missing_place: str = ""  # a named place that no library place is or contains
    status: str | None = None  # the one status asked for (behind, done, on_track, unknown), if any
    status_asked: bool = False  # the question asks how a target stands, in any phrasing
    listing: bool = False  # asks for every task of a unit or official (负责哪些, 牵头哪些)
    who: str = ""  # "unit" | "leader": asks who leads a task
    aliases: tuple[str, ...] = ()  # library places that are the same place as `place` under another name
    whole: str = ""  # the whole question a piece of it was split from ("": the question is whole)

    @property
    def filters(self) -> Filters:
        return Filters(self.place, self.unit, self.doc)

    @cached_property
    def measures(self) -> tuple[str, ...]:
        return self.asked.wants

    @property
    def about_document(self) -> bool:
        return about_document(self.question, self.asked)


def _in_library(lib: Library, place: str | None) -> Callable[[str], bool]:
    """Whether the library (the place's documents, when one is asked) writes a text."""
    return lambda s: any(s in t for t in _texts(lib, place)())


def _texts(lib: Library, place: str | None) -> Callable[[], list[str]]:
    """The library texts a question's words are looked up in (the place's, when one is asked)."""
    return (lambda: [lib.texts.get(place, "")]) if place and place != UNPLACED else (lambda: list(lib.texts.values()))


def _period(asked: Asked) -> Period | None:
    if asked.months is None:
        return None
    share = period_fraction(asked.period_label) if asked.period_label else None
    fraction = share or asked.months / 12
    month_end = {2: 28, 4: 30, 6: 30, 9: 30, 11: 30}.get(asked.months, 31)
    return Period(asked.period_label, fraction, f"{asked.months:02d}-{month_end:02d}")


def _who(question: str, named: tuple[str, ...]) -> str:
    """"leader" or "unit" when the question asks who leads; a role word followed by the name it labels
    ("（牵头区领导施峰）", "牵头单位区商务局的…") names the row, it does not ask who."""
    labelled = question
    for name in sorted(filter(None, named), key=len, reverse=True):
        labelled = re.sub(rf"[：:为是]?\s*{re.escape(name)}", "\x00", labelled)
    for who, words in (("leader", "leader_question"), ("unit", "unit_question")):
        if has_any(re.sub(r"[\u4e00-\u9fff]+\x00", lambda m: m.group(0) if not _labels(m.group(0)) else "\x00",
                          labelled), words):
            return who
    return ""


def _labels(run: str) -> bool:
    """A run of characters before a name ends with a role word that labels it ("牵头区领导" before 施峰)."""
    return has_any(run[-6:], "leader_question") or has_any(run[-6:], "unit_question")


def understand(question: str, index: Index, explicit: Filters | None = None) -> Ask:
    question, report_year = anchored(this_year_said(written(digit_months(full_years(left_out(question))))))
    explicit = explicit or Filters()
    lib = library(index)
    refs, missing = places_named(question, lib)
    named, aliases = one_per_place(question, [r.name for r in refs if r.library])
    place, compare = (explicit.district, ()) if explicit.district else placed(question, named, refs, lib)
    if named:
        missing = ""  # a library place is named: any other name is context (its city, a slip of the tokenizer)
    if missing and not explicit.district:
        place = UNPLACED if lib.unplaced else None
    if place is None and not compare and not missing:  # "床位370张的目标": a figure quoted from one place's text
        place = quoted_place(question, lib)
    unit = explicit.unit
    if unit is None and not missing:
        unit = match_unit(question, index.units(place if place != UNPLACED else None))
        if unit and place is None and not compare:  # 城投集团 may be 区城投集团 of one place and 城投集团 of another
            said = set(units_named(question, index.units()))
            place = only({r.district for r in index.rows if said & set(r.units)})
            unit = unit if place else None
    named_units = units_named(question, index.units(place if place and place != UNPLACED else None))
    people = tuple(p for p in lib.people if p in question)
    if people and place is None and not compare and not missing:  # "胡某牵头的…": the official's own place
        place = only({r.district for r in index.rows if r.district and any(p in (r.leader or "") for p in people)})
    if place is None and not compare and not missing:  # "闫继红市长22年那份报告里说…": the report's place
        place = only({d for p, d in lib.speakers.items() if p in question})
    drop = [*lib.places, *(short_district(d) for d in lib.places), *people, *(p for p in lib.speakers if p in question),
            *(n for u in ([unit] if unit else named_units) for n in (*unit_names(u), abbreviation_in(question, u)) if n)]
    drop += [r.name for r in refs if not r.library and r.within]  # a sub-place is a filter, not a subject word
    drop += [r.name for r in refs if r.around]  # the city of the library's districts: context, or refused below
    here = [place] if place and place != UNPLACED else []
    asked = _figure_named(question, asked_joined(analyze(question, here, drop), _in_library(lib, place),
                                                 texts=_texts(lib, place)))
    whole = next((r.name for r in refs if r.around), "") if not (named or place or missing or unit) else ""
    if whole and asked.numeric:  # "杭州全市GDP": the figure of a place the library holds only parts of
        missing, place = whole, UNPLACED if lib.unplaced else None
    asked, doc = _timed(question, index, place, asked, report_year, explicit.doc)
    asked = _with_sub_places(asked, refs, unit)
    how_far = asks_how_far(question)
    status_asked = asked.want == "status" or is_status_question(question) or (
        how_far and (not asked.numeric or names_mark(question) or how_far_piece(question)))
    if status_asked or how_far:  # 够数没, 过半了吗: how the question asks for a status, not what it is about
        asked = _without_how_far(asked)
    who = _who(question, (*people, *(n for u in named_units for n in unit_names(u))))
    if WHICH_PLACE.search(question) and not _LEADS.search(question):  # "评上样板的是哪个村": a place, not who leads
        who = ""
        asked = asked if asked.want else replace(asked, want="entity", wants=("entity",))
    elif WHICH_PLACE.search(question) and not who:  # "哪个街道牵的头": the 街道 leading the task is its unit
        who = "unit"
    return Ask(
        question=question, places=tuple(refs), place=place, years=asked.years, period=_period(asked),
        stance=asked.stance or None, measure=asked.want or ("status" if status_asked else None),
        terms=asked.terms, people=people, units=(unit,) if unit else (), asked=asked, unit=unit,
        doc=doc, compare=compare, missing_place=missing, status=status_filter(question),
        status_asked=status_asked, listing=has_any(re.sub(r"\s+", "", question), "list_question"), who=who,
        aliases=aliases.get(place or "", ()))


def _with_sub_places(asked: Asked, refs: Sequence[PlaceRef], unit: str | None) -> Asked:
    """A place inside the library place is what the question is about: it must be found, its stem (下沙) whole; named
    as the unit column ("清凉峰镇负责的"), only when its own figure is asked (白杨街道's GDP is not 钱塘区's, which
    is then no answer: required)."""
    subs = [r for r in refs if not r.library and r.within and (r.name != unit or asked.numeric)]
    if not subs:
        return asked
    pieces = tuple(_with_sub_places(p, refs, unit) for p in asked.pieces)  # each piece is of the sub-place too
    return replace(asked, terms=asked.terms + tuple(Term(_sub_names(r), 1.0) for r in subs), pieces=pieces,
                   required=(*asked.required, *(r.name for r in subs if asked.numeric and len(r.within) == 1)))


def _sub_names(ref: PlaceRef) -> tuple[str, ...]:
    """下沙街道 and its stem 下沙; 成都高新区 alone (its stem 成都 is the place around it)."""
    stem = parse_place(ref.name).stem
    around = {n for w in ref.within for n in (w, *parse_place(w).names())}
    return (ref.name,) if not stem or stem in around else (ref.name, stem)


def _timed(question: str, index: Index, place: str | None, asked: Asked, report_year: int | None,
           doc: str | None) -> tuple[Asked, str | None]:
    """The years asked, read against the documents: a report's year names the document, not the figures."""
    if report_year is not None:
        return replace(asked, years=tuple(y for y in asked.years if y != report_year) or asked.years), doc
    if about_document(question, asked) and (doc_year := named_report_year(question)):
        return replace(asked, years=(doc_year,)), doc  # the document itself asked: its year is the one asked
    if not asked.years and (last := last_year(question, index, place if place != UNPLACED else None)):
        return _in_year(asked, last), doc  # 去年: the year before the one the place's documents speak from
    if doc is None and not asked.numeric and (report := _work_report(question, index, place, asked)):
        return replace(asked, years=()), report  # "2026年政府工作报告点名的…有哪些": that report, any section
    return asked, doc


def _in_year(asked: Asked, year: int) -> Asked:
    """The question's 去年 as a year: of each piece that says it ("去年就业多少？今年目标多少？": the first only), and of
    the whole when every piece does."""
    if not asked.pieces:
        return replace(asked, years=(year,))
    pieces = tuple(replace(p, years=(year,)) if says_last(p.text) and not p.years else p for p in asked.pieces)
    every = all(says_last(p.text) for p in asked.pieces)
    return replace(asked, pieces=pieces, years=(year,) if every else asked.years)


_WORK_REPORT = re.compile(r"(?:19|20)\d\d\s*年(?:的)?[^，,。？?；;]{0,6}?政府工作报告")


def _work_report(question: str, index: Index, place: str | None, asked: Asked) -> str | None:
    """The work report a question names by its year, as its only year ("湖南2026年政府工作报告点名的…"): the report is
    named by the year it was delivered, and what it says reviews the year before as well; None unless the place has
    exactly one document of that year."""
    year = named_report_year(question)
    if year is None or not _WORK_REPORT.search(question) or asked.years != (year,) or not place or place == UNPLACED:
        return None
    docs = {r.doc for r in index.rows if r.year == year and r.district == place and r.kind != "progress_row"}
    return next(iter(docs)) if len(docs) == 1 else None


_ASKED = re.compile(r"[吗没呢否？?]|完成|达到|实现")  # a question written as one (完成否), not as keywords


def _figure_named(question: str, asked: Asked) -> Asked:
    """A listed indicator named with no word of what is asked ("钱塘1-8月到位外资", a keyword query): its figure."""
    listed = any(t.main and len(t.alts) >= 3 for t in asked.terms)  # a group of rag/data/lexicon.json (外资)
    if asked.want or asked.pieces or _ASKED.search(question) or not (listed or named_indicators(question)):
        return asked  # a yes/no ("兑现了没有") is a status, not a figure
    rate = any((t.main or t.alts[0]).endswith("率") for t in asked.terms if t.weight >= 1.0)  # 失业率: a figure in %
    wants = figure_wants("率" if rate else "")
    return replace(asked, want=wants[0], wants=wants)


def _without_how_far(asked: Asked) -> Asked:
    """The Asked, and each of its pieces, without the words that only say how a status is asked (够数, 过半, 落后; a
    status word that picks the items of a list or count stays)."""
    picks = asked.want in ("list", "count")  # "哪几项滞后", "提前完成的有多少个": the status word picks the items
    terms = tuple(t for t in asked.terms if not how_far_word(t.main or t.alts[0])
                  and (picks or not status_word(t.main or t.alts[0])))
    return replace(asked, terms=terms, pieces=tuple(_without_how_far(p) for p in asked.pieces))


def for_piece(ask: Ask, piece: Asked) -> Ask:
    """One piece of a question that asks several things, asked on its own: its words, kind and time (a later piece's
    inherited subject words lead its text, as said: "GDP 2026年目标又定了多少"), the question's place and filters."""
    inherited = sorted((t.main if t.main and t.main in ask.question else t.alts[0] for t in piece.terms  # as said
                        if t.weight >= 1.0 and not any(a in piece.text for a in t.alts)), key=lambda w: ask.question.find(w))
    inherited += ["增速"] if piece.want == "growth" and not re.search(r"增|涨|降|跌|速|幅|百分点", piece.text) else []
    text = f"{''.join(inherited)} {piece.text}" if inherited else piece.text  # "GDP增速 2023年是多少": the ask too
    return replace(ask, question=text, asked=replace(piece, pieces=(), text=text), years=piece.years or ask.years,
                   whole=ask.whole or ask.question, measure=piece.want or None, terms=piece.terms, stance=piece.stance or None,
                   period=_period(piece) or ask.period, status_asked=piece.want == "status", listing=False,
                   who=ask.who if piece.want in ("unit", "person", "") else "")  # "哪个社区…？归哪个部门管？"


def for_place(ask: Ask, place: str) -> Ask:
    """The same question asked of one of the compared places: the others' names taken out of its words, so
    that nothing downstream reads it as a comparison again ("陕西全省和西安市…各多少" asks 陕西 "陕西全省…多少")."""
    question = ask.question
    others = [n for d in ask.compare if d != place for n in (d, *parse_place(d).names()) if n]
    for name in sorted(set(others), key=len, reverse=True):
        if not any(name in n for n in parse_place(place).names()):
            n = re.escape(name)  # "苏州和乌鲁木齐…": the other place with the word joining it, not a bare 和
            question = re.sub(rf"[和与跟同及、]{n}|{n}[和与跟同及、]?", "", question)
    return replace(ask, question=question, place=place, compare=(),
                   asked=replace(ask.asked, places=(place,), text=question))
