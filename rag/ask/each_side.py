"""Every thing a question names is answered: "原煤和原油产量各多少", "拆违和渣土消纳各完成多少", "A和B两块进度怎么样"
ask of two things, and an answerer that pairs them may find one (a table row of 原煤, one progress row). After the
route, a piece (rag.ask.sides) whose own words the answer never says is asked on its own through the table and its
answer is said after the first, with its citations. Part of the pipeline's route step (rag.ask.pipeline)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from rag.ask.compose import SOURCE_TAG, citations_of
from rag.ask.question import Asked
from rag.ask.sides import TIME_WORD
from rag.ask.understand import Ask, for_piece
from rag.domain import Answer

_FIGURE = re.compile(r"\d+(?:\.\d+)?")
_EACH = re.compile(r"各|分别")
MAX_SIDES = 4  # pieces asked alone after the first answer: a longer list is the list answerers' (tasks, targets)


def _own(piece: Asked, others: list[Asked]) -> list[tuple[str, ...]]:
    """The words a piece names that no other piece does (its thing: 原油, 拆违), less years and figures."""
    theirs = {t.alts for o in others for t in o.terms}
    return [t.alts for t in piece.terms if t.alts not in theirs and not _FIGURE.fullmatch(t.alts[0])]


def _named(words: list[tuple[str, ...]], text: str) -> bool:
    """The answer names the thing: one of its words (or of their names) is in the answer's text."""
    return any(a in text for alts in words for a in alts)


def _figures(text: str) -> set[str]:
    return set(_FIGURE.findall(SOURCE_TAG.sub("", text)))


def each_side(ask: Ask, found: Answer, again: Callable[[Ask], Answer] | None) -> Answer:
    """The found answer with the pieces it left out, each answered alone and said after it."""
    pieces = list(ask.asked.pieces)
    if found.abstained or again is None or ask.compare or not 2 <= len(pieces) <= MAX_SIDES \
            or not _EACH.search(ask.question):
        return found  # things named side by side (A和B各…, 分别): not a second question that follows the first
    missing = [p for p in pieces if (own := _own(p, [o for o in pieces if o is not p])) and not _named(own, found.text)]
    if not missing or len(missing) == len(pieces):
        return found  # every piece said, or none: the answer is about something else, not short of one thing
    added: list[Answer] = []
    cited = {c.id for c in found.citations}
    for piece in missing:
        more = again(for_piece(ask, piece))
        new = _figures(more.text) - _figures(found.text) - {f for a in added for f in _figures(a.text)}
        about = _named(_own(piece, [o for o in pieces if o is not piece]), more.text) \
            or any(c.id in cited for c in more.citations)  # its own words, or the row the first answer quoted
        if not more.abstained and more.citations and new and about:
            added.append(more)
    if not added:
        return found
    said = [c for c in found.text.rstrip("。").split("；") if c]
    for a in added:  # no clause twice: a quote the first answer gave already (the row's target) is left out
        said += [c for c in re.split(r"(?<=〕)[。；]", a.text.rstrip("。")) if c and c.lstrip("；。") not in found.text]
    text = "；".join(c.lstrip("；。") for c in said) + "。"
    return replace(found, text=text, citations=citations_of([found, *added]),
                   warnings=tuple(dict.fromkeys(w for a in (found, *added) for w in a.warnings)))


_CLAUSES = re.compile(r"[^，,。；;：:]+")


def each_named(ask: Ask, found: Answer) -> Answer:
    """"GDP、服务业、实际利用外资、研发投入强度这几个预期目标分别定的多少": a named thing the quote left out whose
    clause, with its figure, is in the sentence of a cited row that holds what the quote gave, is said too."""
    words = [t for t in ask.terms if t.weight >= 1.0]
    if found.abstained or len(words) < 2 or not any(t.present(found.text) for t in words):
        return found
    body = SOURCE_TAG.sub("", found.text).rstrip("。")
    with_figure = [m.group(0) for m in _CLAUSES.finditer(body) if _FIGURE.search(m.group(0))]
    added: list[str] = []  # a thing named beside no figure ("推进城中村改造和…建设") is not said
    for t in (t for t in words if not any(t.present(c) for c in with_figure) and _listed(t.alts, ask.question)):
        for c in found.citations:
            sentence = next((s for s in re.split(r"[。]", c.text) if body.split("；")[0][:12] in s), "")
            clause = next((m.group(0) for m in _CLAUSES.finditer(sentence) if t.present(m.group(0))
                           and _FIGURE.search(m.group(0))), "")
            if clause and clause not in body and clause not in added:
                added.append(clause)
                break
    if not added:
        return found
    return replace(found, text=f"{'，'.join(added)}；{found.text}")


def _listed(alts: tuple[str, ...], question: str) -> bool:
    """The word is an item of a list the question writes (…、X、…, X和Y, keywords: X Y)."""
    return any(re.search(rf"[、和及与 ]{re.escape(a)}|{re.escape(a)}[、和及与 ]", question) for a in alts)


def listed_each(ask: Ask) -> list[Ask]:
    """"GDP、服务业增加值、固投这几项…哪位区领导牵头": subject words the question lists with only 、/和/及/与 between them,
    each asked on its own (each its own row); [] when fewer than two are listed so."""
    words = [t for t in ask.terms if t.weight >= 1.0]
    at = sorted(((ask.question.find(w), w, t) for t in words for w in [t.main or t.alts[0]] if w in ask.question),
                key=lambda x: (x[0], -len(x[1])))
    listed = [at[0]] if at else []
    for prev, cur in zip(at, at[1:]):
        if re.fullmatch(r"\s*[、和及与]\s*", ask.question[prev[0] + len(prev[1]) : cur[0]]):
            listed.append(cur)
        elif len(listed) < 2:
            listed = [cur]
    if len(listed) < 2:
        return []
    return [replace(ask, terms=(t,), asked=replace(ask.asked, terms=(t,))) for _, _, t in listed]


_ASKS = re.compile(r"多少|几|是否|吗|没有|如何|怎么样|差")


def sides_alone(ask: Ask, found: Answer, again: Callable[[str], Answer]) -> Answer:
    """"新增就业和F类人才分别完成多少？离年度目标还差多少？": things named side by side, each asked several things (its
    result, then its gap to the target), are each asked as a question of their own (`again`: the text through the
    whole pipeline) and the answers joined; the found answer stands when any side is not answered."""
    pieces = list(ask.asked.pieces)
    several = [p for p in pieces if len([s for s in re.split(r"[？?]", p.text) if _ASKS.search(s)]) >= 2]
    if found.abstained or ask.compare or not 2 <= len(pieces) <= MAX_SIDES or not _EACH.search(ask.question) \
            or len(several) < len(pieces):
        return found
    parts = [again(p.text) for p in pieces]
    return found if any(a.abstained or not a.citations for a in parts) else _joined(found, parts)


_EXTREME = re.compile(r"最[高低快慢大小多少猛]")  # the item at an extreme of a set: the set's words are no items


def keyword_items(ask: Ask, found: Answer, again: Callable[[str], Answer]) -> Answer:
    """"临安区 半年进展表 新增就业 F类以上高层次人才引育 完成情况": keywords naming two or more things, each of which some
    rows answer but no one clause holds both: each thing asked with the other keywords (place, time, what is asked),
    alone, and the answers joined; the found answer stands unless two or more things are answered so."""
    words = ask.question.split()
    strong = [t for t in ask.terms if t.weight >= 1.0]
    items = [w for w in words if not TIME_WORD.match(w) and any(t.present(w) for t in strong)
             and not (ask.place and (w in ask.place or ask.place in w))]
    if len(words) < 4 or not 2 <= len(items) <= MAX_SIDES or ask.compare or _EXTREME.search(ask.question) \
            or not found.abstained and all(any(t.present(found.text) for t in strong if t.present(w)) for w in items):
        return found  # not keywords of several things, or the answer names each
    parts = [again(" ".join(w for w in words if w == item or w not in items)) for item in items]
    good = [a for a in parts if not a.abstained and a.citations and _FIGURE.search(SOURCE_TAG.sub("", a.text))]
    # a keyword that qualifies the others (十四五时期) answers nothing with a figure of its own
    return found if len(good) < 2 else _joined(replace(good[0], question=ask.question), good)


def _joined(base: Answer, parts: list[Answer]) -> Answer:
    """`base` saying each part's clauses once, in order, with every part's citations and warnings."""
    said = list(dict.fromkeys(c for a in parts for c in a.text.rstrip("。").split("；") if c))
    return replace(base, text="；".join(said) + "。", citations=citations_of(parts),
                   warnings=tuple(dict.fromkeys(w for a in parts for w in a.warnings)))
