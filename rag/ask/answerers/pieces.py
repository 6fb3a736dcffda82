"""A question that asks several things at once, each piece routed through the table on its own and the answers
joined: a list (or a name) and a figure ("“新三样”指哪三样？去年出口增长多少？"); two questions written one after the
other, each with a subject of its own ("规上工业增加值涨了几个点？规上工业总产值多少？"); two names of one thing
("哪个社区通过了验收？这事归哪个部门管？", the second answered from the rows the first cited). Pieces of one family
(two figures of one subject, two periods, a target and its result, A和B各…) stay with the answerers that pair them."""

from __future__ import annotations

import re
from dataclasses import replace

from rag.ask.answerers import Gathered
from rag.ask.answerers.tasks import lists_tasks
from rag.ask.compose import SOURCE_TAG as _TAG
from rag.ask.compose import citations_of
from rag.ask.indicator_multi import qualifies
from rag.ask.kinds import WHICH_PLACE
from rag.ask.question import SOFT_WEIGHT, Asked
from rag.ask.sides import keyword_times
from rag.ask.terms import Term, tags
from rag.ask.understand import Ask, for_piece
from rag.domain import Answer

_FIGURE = re.compile(r"(?<![\d.])(?<![-—~～至到]\s)(?<![-—~～至到])\d+(?:\.\d+)?(?![\d.]|\s*年|\s*月|\s*[-—~～至到]\s*\d+\s*月)")  # a figure,
# not a year or a month ("1-9月" dates both pieces' clauses: it is no figure either states)
_SENTENCES = re.compile(r"[？?；;。]")  # two questions written one after the other
WORDED = ("list", "entity", "person", "unit", "date", "stage")  # the pieces that are not a figure


class Pieces:
    name = "pieces"

    def applies(self, ask: Ask) -> bool:
        pieces = ask.asked.pieces
        if len(pieces) < 2 or ask.compare or ask.people or (lists_tasks(ask) and ask.unit) or qualifies(ask.question):
            return False  # "…多少？城镇、农村分别多少？": the indicator answerer's parts; a unit's tasks: Tasks
        worded_and_figure = any(p.want in WORDED for p in pieces) and any(p.numeric for p in pieces)
        questions = bool(_SENTENCES.search(ask.question.rstrip("？?。；; "))) \
            or bool(keyword_times(ask.question))  # not "A和B各…" (side by side); keywords of two times are two asks
        return worded_and_figure or questions and (_own_subjects(pieces) or _two_kinds_of_name(pieces)
                                                   or _own_years(pieces) or _a_part_after(pieces))

    def answer(self, ask: Ask, evidence: Gathered) -> Answer | None:
        assert evidence.again is not None
        pieces = _alone(ask.asked.pieces)
        first = evidence.again(for_piece(ask, pieces[0]))
        if _a_part_after(pieces) and re.search(r"增长|下降", first.text):
            pieces = (pieces[0], pieces[-1])  # the whole's answer gave its growth: then the part (其中公路)
        parts = [first, *(_follow(ask, p, first, evidence) for p in pieces[1:])]
        good = [a for a in parts if not a.abstained]
        if len(good) < len(parts):
            return None  # a piece the table cannot answer alone: the whole question goes on as one
        shown: list[Answer] = []
        for a in good:
            if not shown or _adds(a, shown):
                shown.append(a)
        good = shown
        cites = citations_of(good)
        said: list[str] = []
        for a in good:  # no clause twice: a later piece's quote of a clause already said is left out
            said += [c for c in a.text.rstrip("。").split("；") if c and c not in said]
        text = "；".join(said) + "。"
        return replace(good[0], question=ask.question, text=text, citations=cites, route="ask",
                       warnings=tuple(dict.fromkeys(w for a in good for w in a.warnings)))


def _gating(piece: Asked) -> frozenset[tuple[str, ...]]:
    """The things a piece names: its gating words, less the verbs that pick what is counted (新增的有几家)."""
    return frozenset(t.alts for t in piece.terms if t.weight >= 1.0 and not all(x.startswith("v") for x in tags(t.alts[0])))


def _own_subjects(pieces: tuple[Asked, ...]) -> bool:
    """Every later piece names a thing of its own beside what it inherits from the first ("规上工业增加值涨了几个点？
    规上工业总产值多少？", "每千人托位数是多少？普惠托位占了几成？"): separate questions, not one subject's two figures
    (总量和增速, 目标和实际, two periods), which the answerers pair."""
    head = _gating(pieces[0])
    return bool(head) and all(_gating(p) - head for p in pieces[1:])


def _a_part_after(pieces: tuple[Asked, ...]) -> bool:
    """"旅客运输总量多少人次？增长多少？其中公路是多少？": the last piece names a part of the whole (其中…), the ones
    between only continue the first: the whole's figures, then the part's."""
    head = _gating(pieces[0])
    return len(pieces) >= 3 and pieces[-1].text.lstrip().startswith("其中") and bool(_gating(pieces[-1]) - head) \
        and not any(_gating(p) - head for p in pieces[1:-1])


def _own_years(pieces: tuple[Asked, ...]) -> bool:
    """Each piece names a year of its own ("25年实际增长多少？26年目标又定了多少？", "去年涨了多少？今年定的目标呢"): one
    subject asked of two years, each with its own stance, answered one by one."""
    years = [p.years if len(p.years) == 1 else p.relative for p in pieces]  # 去年…？今年…？: relative years, each
    return all(years) and len(set(years)) == len(years)


def _named(piece: Asked) -> Asked:
    """A piece asking which place ("哪个社区通过了验收") asks for a name, like the whole question would."""
    return piece if piece.want or not WHICH_PLACE.search(piece.text) else replace(piece, want="entity", wants=("entity",))


def _two_kinds_of_name(pieces: tuple[Asked, ...]) -> bool:
    """Two different names asked of one thing ("哪个社区通过了验收？归哪个部门管？", "哪个部门牵头？哪天起实施？")."""
    wants = [_named(p).want for p in pieces]
    return all(w in WORDED for w in wants) and len(set(wants)) == len(wants)


def _alone(pieces: tuple[Asked, ...]) -> tuple[Asked, ...]:
    """Each piece with its own subject: what a later piece inherits from the first only ranks its evidence."""
    if not _own_subjects(pieces):
        return tuple(_named(p) for p in pieces)
    head = _gating(pieces[0])
    later = [replace(p, terms=tuple(Term(t.alts, min(t.weight, SOFT_WEIGHT), t.main)
                                    if t.alts in head and t.alts[0] not in p.text else t for t in p.terms))
             for p in pieces[1:]]
    return (pieces[0], *later)


def _follow(ask: Ask, piece: Asked, first: Answer, evidence: Gathered) -> Answer:
    """A later piece with no subject of its own ("这事归哪个部门管", "现在并了多少了") asks about what the first piece
    found: answered from the rows the first cited, else as a question of its own."""
    assert evidence.again is not None and evidence.again_in is not None
    sub = for_piece(ask, piece)
    head = _gating(ask.asked.pieces[0])
    if first.abstained or _gating(piece) - head:
        return evidence.again(sub)
    rows = [evidence.index.by_id[c.id] for c in first.citations if c.id in evidence.index.by_id]
    found = evidence.again_in(sub, rows) if rows else None
    return found if found is not None and not found.abstained else evidence.again(sub)


def _figures(a: Answer) -> set[str]:
    return set(_FIGURE.findall(_TAG.sub("", a.text)))


def _adds(a: Answer, shown: list[Answer]) -> bool:
    """A piece whose figures an earlier piece already quoted adds nothing (no clause twice): "新三样…出口增长69.4%"
    answers the list and the growth at once."""
    figures = _figures(a)
    if not figures:  # a name or a unit: new when no earlier piece said it
        return all(_TAG.sub("", a.text).rstrip("。") not in _TAG.sub("", b.text) for b in shown)
    cited = {(c.doc, c.row, c.paragraph) for b in shown for c in b.citations}  # the same figure from another source
    return not figures <= set().union(*(_figures(b) for b in shown)) or any(  # (23年 5.5%, beside 24年's 目标5.5%)
        (c.doc, c.row, c.paragraph) not in cited for c in a.citations)
