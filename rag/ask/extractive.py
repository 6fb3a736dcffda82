"""The offline extractive answerer: quote the clause(s) that answer, verbatim, with citations, or
refuse and say why. Works from principles, not from known questions:

- the evidence must cover the question's content terms (rag.ask.evidence), else the refusal names
  the terms that were not found;
- the clause must hold the kind of answer asked for: a growth rate is not an amount, a total is not
  a growth rate;
- asked for a period or year the library does not hold, it says which period it does hold
  ("资料中只有上半年数据：…") and refuses rather than presenting it as the answer;
- "建得怎么样 / 推进到哪一步 / 为什么没开工" about a named project quotes that project's progress text;
- when the question names no place, the place of every figure is written before it."""

from __future__ import annotations

import re
from dataclasses import replace

from rag.ask.compose import SOURCE_TAG as _TAG
from rag.ask.compose import abstain, answered, citations_of, source_tag
from rag.ask.evidence import Evidence, answers, gather
from rag.ask.judge import judge
from rag.ask.kinds import clause_numbers
from rag.ask.lists import SENTENCE_ENDS, after_colon, as_many, breakdown, cell_text, each_of, parallel, rest_of_sentence
from rag.ask.question import Asked
from rag.ask.quote_extend import merged, with_growth, with_items, with_year
from rag.ask.stage import stage_text
from rag.domain import Answer, Row

SENTENCE_CHARS = 90  # a clause is quoted with its whole sentence when the sentence is at most this long
SECOND_MARGIN = 0.15
CONFLICT_MARGIN = 0.1  # another report's figure is shown as a conflict only when it answers about as well  # a second clause of the same row is shown when it scores within this of the first


def _where(row: Row, asked: Asked) -> str:
    return f"{row.district}：" if row.district and not asked.places else ""


def _quote(ev: Evidence) -> str:
    """The clause with its sentence when that is short (both figures of "1900亿元，同比增长15%")."""
    for sent in SENTENCE_ENDS.split(cell_text(ev.clause)):
        sent = sent.strip().rstrip("。；;")
        if ev.text in sent:
            return sent if len(sent) <= SENTENCE_CHARS else ev.text
    return ev.text


_UNIT_ASKED = re.compile(r"(?:多少|几)\s*[万亿千]?(平方公里|平方米|公里|公顷|千米|千瓦|[个支人家项件套条所座台户亩次辆名吨处])")


def _units_asked(question: str) -> tuple[str, ...]:
    """"建了多少支、多少人": the measure words of each count asked."""
    return tuple(dict.fromkeys(_UNIT_ASKED.findall(question)))


def _to_units(quote: str, ev: Evidence, units: tuple[str, ...]) -> str:
    """A clause quoted on until it holds every count asked ("多少支、多少人": "378支" then "人员52881人"), within its
    sentence; as it was when the sentence does not hold them."""
    missing = [u for u in units if not re.search(rf"\d\s*[万亿千]?{u}", quote)]
    if not missing:
        return quote
    rest = rest_of_sentence(quote, cell_text(ev.clause))
    if rest is None:
        return quote
    out = quote
    for clause in re.split(r"(?<=[，,])", rest.lstrip("，,")):
        if not missing or len(out) > 2 * SENTENCE_CHARS:
            break
        out = f"{out}，{clause.rstrip('，,。；;')}"
        missing = [u for u in missing if not re.search(rf"\d\s*[万亿千]?{u}", clause)]
    return out if not missing else quote


def _second(best: Evidence, pool: list[Evidence], asked: Asked) -> Evidence | None:
    for ev in pool:
        if ev.row.id != best.row.id or ev.text in best.text or best.text in ev.text:
            continue
        if ev.score >= best.score - SECOND_MARGIN and answers(ev, asked):
            return ev
    return None


def _period_refusal(question: str, asked: Asked, pool: list[Evidence]) -> Answer | None:
    """Asked for a period or year the library lacks, while another one answers: say so, refuse."""
    near = [e for e in pool if answers(e, asked, any_time=True) and (e.period == "other" or e.year == "other")]
    if not near:
        return None
    ev = near[0]
    asked_what = asked.period_label or "、".join(f"{y}年" for y in asked.years) or "所问时期"
    if ev.year == "other" and ev.clause.year:
        have = f"{ev.clause.year}年"
    else:
        have = ev.clause.label or "其他时期"
    why = f"资料中没有{asked_what}的数据。资料中只有{have}数据：{ev.text}{source_tag(ev.row)}"
    return abstain(question, why, citations=answered(question, "", [ev.row]).citations)


_TWO_YEARS = re.compile(r"20\d\d\s*年?\s*(?:和|与|跟|及|、|同)\s*20\d\d")


def _parts(asked: Asked) -> list[tuple[str, Asked]]:
    """A question asking two things at once: two periods ("1-8月和全年各完成多少"), or the target and
    the result ("目标是多少，实际达到多少"). Each part is answered on its own."""
    if asked.pieces and asked.stance == "both" and len(asked.pieces) == 2 and asked.pieces[0].stance == "target" \
            and asked.pieces[1].stance != "target":  # "目标是多少？全年实际增长多少，是否完成": a target, its result
        return [("目标", asked.pieces[0]), ("实际", replace(asked.pieces[1], stance="actual"))]
    if asked.pieces:
        return [("", piece) for piece in asked.pieces]
    if len(asked.periods) >= 2:
        return [(label, replace(asked, months=m, period_label=label, periods=())) for m, label in asked.periods]
    if len(asked.years) >= 2 and _TWO_YEARS.search(asked.text):  # "2021年和2024年各是多少": one place, each year
        return [(f"{y}年", replace(asked, years=(y,))) for y in asked.years]
    if asked.stance == "both":
        # "达到没有": the two figures answer it, a count or amount or a growth rate ("社零增长目标完成了没")
        kind = ("number", "growth") if asked.want == "status" or not asked.wants else asked.wants
        whole = asked.months is None and bool(asked.years)  # "2023年目标…最后实现没有": the year's result, not a part
        result = replace(asked, stance="actual", want=kind[0], wants=kind, months=12 if whole else asked.months,
                         period_label="全年" if whole else asked.period_label,  # the target's figure is not the result's
                         terms=tuple(t for t in asked.terms if not t.alts[0][:1].isdigit()))
        stated = re.sub(r"\d+(?:\.\d+)?", " ", asked.text)  # "说要新增3.75万人": the figure stated is the target's
        return [("目标", replace(asked, stance="target", want=kind[0], wants=kind, text=stated)), ("实际", result)]
    return []


MISSING_PART = "资料未载明"  # a part of a two-part question that the rows do not answer


def _answer_parts(question: str, parts: list[tuple[str, Asked]], rows: list[Row],
                  scores: dict[str, float]) -> list[tuple[str, Answer]]:
    """Each part on its own; a target asked with its result and no year is the target for the result's year
    (the 2023 result against the 2023 target, not the next year's target set in the same report)."""
    if [label for label, _ in parts] != ["目标", "实际"] or parts[0][1].years:
        first = _answer_one(question, parts[0][1], rows, scores)
        year = _cited_year(first, rows) if all(p.months for _, p in parts) and not parts[0][1].years else None
        # "三季度时出让了多少？全年最后出让了多少": a later period of the same task is of the first one's year
        done = [(parts[0][0], first), *((label, _answer_one(question, replace(part, years=part.years or
                                                                            ((year,) if year else ())), rows, scores))
                                        for label, part in parts[1:])]
        return [(label, _so_far(question, part, a, rows, scores) if label == "实际" else a)
                for (label, a), (_, part) in zip(done, parts)]
    result = _answer_one(question, parts[1][1], rows, scores)
    by_id = {r.id: r for r in rows}
    year = next((by_id[c.id].year for c in result.citations if c.id in by_id and by_id[c.id].year), None)
    target = _answer_one(question, replace(parts[0][1], years=(year,)), rows, scores) if year else None
    if target is None or target.abstained:  # no target set for that year: the one found, not judged
        return [("目标", _answer_one(question, parts[0][1], rows, scores)), ("实际", result)]
    return [("目标", target), ("实际", result)]


_YEAR_SAID = re.compile(r"全年|年底|年末|一整年|最终|最后")


def _so_far(question: str, part: Asked, found: Answer, rows: list[Row], scores: dict[str, float]) -> Answer:
    """"23年定了多少、做到多少" where the library has no year's result but a progress table's figure so far: that
    figure, said with its period (截至前三季度), when the question did not ask for the year's end itself."""
    if not found.abstained or part.months != 12 or _YEAR_SAID.search(question):
        return found
    latest = _answer_one(question, replace(part, months=None, period_label=""), rows, scores)
    by_id = {r.id: r for r in rows}
    cited = [by_id[c.id] for c in latest.citations if c.id in by_id]
    label = next((r.period_label for r in cited if r.kind == "progress_row" and r.period_label not in ("", "全年")), "")
    said = label if label.startswith("截至") else f"截至{label}"
    return replace(latest, text=f"{said}：{latest.text}") if label and not latest.abstained else found


def _cited_year(a: Answer, rows: list[Row]) -> int | None:
    """The year of the first cited row that has one."""
    by_id = {r.id: r for r in rows}
    return None if a.abstained else next((by_id[c.id].year for c in a.citations if c.id in by_id and by_id[c.id].year), None)


def _same_year(done: list[tuple[str, Answer]], rows: list[Row]) -> bool:
    """The target and the result speak for the same year (a rows' year unknown does not stop the judgement)."""
    by_id = {r.id: r for r in rows}
    years = [{by_id[c.id].year for c in a.citations if c.id in by_id and by_id[c.id].year} for _, a in done]
    return not (years[0] and years[1]) or bool(years[0] & years[1])


def answer_extractive(question: str, asked: Asked, rows: list[Row], scores: dict[str, float]) -> Answer:
    parts = _parts(asked)
    if parts:
        done = _answer_parts(question, parts, rows, scores)
        held = "；".join(a.text for _, a in done if not a.abstained)  # "多少钱？完成率多少": one sentence holds both
        done = [(label, a) for (label, a), (_, part) in zip(done, parts) if label or not a.abstained
                or not _holds(part, held)]
        done = [(label, a) for i, (label, a) in enumerate(done)  # two unlabelled parts answered by one clause: once
                if label or a.abstained or all(b.text != a.text for _, b in done[:i])]
        done = [(label, a) for label, a in done if label or a.abstained or not _within(a, done)]
        good = [(label, a) for label, a in done if not a.abstained]
        if [label for label, _ in done] == ["目标", "实际"] and [label for label, _ in good] == ["目标"] \
                and (asked.want == "status" or _states_target(question, good[0][1].text)):
            target = good[0][1]  # "目标完成没有" with no result in the library: not answered, the target shown
            return abstain(question, f"资料中没有实际完成的数据。资料中只有目标：{target.text.rstrip('。')}",
                           citations=target.citations)
        if good:
            shown: set[str] = set()
            said = [(label, _unseen(a.text.rstrip("。"), shown) if not a.abstained else MISSING_PART) for label, a in done]
            text = "；".join((f"{label}：" if label else "") + t for label, t in said if t) + "。"  # once, never empty
            text = re.sub(r"(^|；)；+|；+(?=。$)", r"\1", text)  # a part whose every quote was shown already
            if len(good) == 2 and [label for label, _ in good] == ["目标", "实际"] and _same_year(good, rows):
                text += judge(good[0][1].text, good[1][1].text, question, asked.months)
            cites = citations_of(a for _, a in good)
            return replace(good[0][1], text=text, citations=cites)
    return _answer_one(question, asked, rows, scores)


_HOLDS = {"growth": lambda q: q.kind == "growth", "ratio": lambda q: q.kind in ("ratio", "growth") or q.unit == "%",
          "amount": lambda q: q.kind == "level" and bool(re.search(r"(亿|万元|元)", q.raw)),
          "count": lambda q: q.kind in ("count", "level") and q.unit not in ("%", "个百分点")}


def _states_target(question: str, target: str) -> bool:
    """"8%的目标实现没": the question states the target's figure itself, so the result is all it asks."""
    asked = {q.value for q in clause_numbers(question) if q.unit != "年"}
    return bool(asked) and bool(asked & {q.value for q in clause_numbers(_TAG.sub("", target))})


def _holds(part: Asked, text: str) -> bool:
    """The quotes already given hold a figure of every kind the part asks for (its refusal would contradict them)."""
    qs = clause_numbers(_TAG.sub("", text))
    return bool(part.wants) and all(any(_HOLDS[w](q) for q in qs) if w in _HOLDS else False for w in part.wants)


def _within(a: Answer, done: list[tuple[str, Answer]]) -> bool:
    """An unlabelled part's quote that another part's quote holds whole ("378支" inside "378支，人员52881人")."""
    mine = _TAG.sub("", a.text).rstrip("。")
    return any(b is not a and not label and not b.abstained and mine in _TAG.sub("", b.text) and b.text != a.text
               for label, b in done)


def _unseen(text: str, shown: set[str]) -> str:
    """A part's quotes less those an earlier part already showed (two parts answered in part by one clause)."""
    quotes = [q for q in text.split("；") if q not in shown]
    shown.update(quotes)
    return "；".join(quotes)


def _answer_one(question: str, asked: Asked, rows: list[Row], scores: dict[str, float]) -> Answer:
    pool = gather(asked, rows)
    good = [e for e in pool if answers(e, asked)]
    if not good:
        refusal = _period_refusal(question, asked, pool)
        if refusal is not None:
            return refusal
        best = max(pool, key=lambda e: e.coverage, default=None)
        if best is not None and best.missing:
            return abstain(question, f"资料中没有提到“{'、'.join(best.missing[:4])}”的内容")
        if best is not None and best.coverage >= 0.75 and not best.type_ok:
            return abstain(question, f"资料中有相关内容，但没有所问的{_WANT_ZH.get(asked.want, '数据')}")
        return abstain(question, "检索到的资料中没有与问题对应的指标或事项")
    best = as_many(good, asked)
    if asked.want == "stage":  # "建到什么程度了": a progress table's row states the stage; a report states plans
        best = next((e for e in good if e.row.kind == "progress_row" and e.row.progress and e.coverage >= best.coverage
                     and e.row.district == best.row.district), best)
    if asked.want == "stage" or (asked.want == "status" and best.row.kind == "progress_row"):
        text = f"{_where(best.row, asked)}{stage_text(best, asked.terms)}{source_tag(best.row)}"
        return answered(question, text, [best.row], scores=scores)
    items = (parallel(best) or after_colon(best) or breakdown(best)) if asked.want == "list" else each_of(best, asked)
    if items:  # "聚焦未来制造，…。聚焦未来信息，…": the items are the sentences that open as the answer's does
        text = f"{_where(best.row, asked)}{'；'.join(items)}{source_tag(best.row)}。"
        return answered(question, text, [best.row], scores=scores)
    wider = [e for e in good if e.row.id == best.row.id and best.text in e.text and e.type_share > best.type_share]
    if wider:  # "已完成多少件、完成率多少": the window that also holds the second figure
        best = max(wider, key=lambda e: e.type_share)
    chosen = [best]
    if asked.numeric:
        second = _second(best, good[1:], asked)
        if second is not None:
            chosen.append(second)
    quotes = list(dict.fromkeys(with_items(with_year(with_growth(_to_units(_quote(e), e, _units_asked(asked.text)), e),
                                                     e, asked), e, asked) for e in chosen))
    quotes = merged(quotes)  # a clause said once
    text = "；".join(f"{_where(best.row, asked)}{q}{source_tag(best.row)}" for q in quotes) + "。"
    other = _conflict(best, good, asked) if asked.numeric else None
    if other is not None:  # two reports give different figures for the same thing: show both, cited
        text += f"另一份资料的数字不同：{_where(other.row, asked)}{_quote(other)}{source_tag(other.row)}。"
        chosen.append(other)
    return answered(question, text, [e.row for e in chosen], scores=scores)


def _conflict(best: Evidence, good: list[Evidence], asked: Asked) -> Evidence | None:
    """Another document of the same place that answers the same question for the same period with a different
    figure of the same kind (1392套 in the work report, 1358套 in the plan report)."""
    mine = {(q.kind, q.unit, q.value) for q in clause_numbers(best.text)}
    for ev in good:
        if ev.row.doc == best.row.doc or ev.row.district != best.row.district:
            continue
        if ev.coverage < best.coverage or ev.own < best.own or ev.clause.months != best.clause.months \
                or ev.clause.year != best.clause.year:  # another year's figure is never a conflict
            continue
        theirs = {(q.kind, q.unit, q.value) for q in clause_numbers(ev.text)}
        same_kind = {(k, u) for k, u, _ in mine} & {(k, u) for k, u, _ in theirs}
        if same_kind and not mine & theirs and ev.score >= best.score - CONFLICT_MARGIN:
            return ev
    return None


_WANT_ZH = {"growth": "增速", "ratio": "比率", "amount": "金额或总量", "count": "数量", "number": "数字",
            "date": "时间"}
