"""Answerers read off progress tables: the behind-schedule count (the 督查通报's engine), status (the
status rules, in any phrasing) and who leads a task; a unit's or an official's tasks are rag.ask.answerers.tasks."""

from __future__ import annotations

import re
from dataclasses import replace

from rag.ask.answerers import Gathered
from rag.ask.answerers.next_report import judged_by_next_report
from rag.ask.answerers.progress_quote import judged_progress, task_named
from rag.ask.answerers.quote import Quote, for_period
from rag.ask.compose import abstain, answered, citations_of, cite, source_tag
from rag.ask.each_side import listed_each
from rag.ask.evidence import Evidence, clauses_of, gather
from rag.ask.extractive import MISSING_PART, answer_extractive
from rag.ask.question import NUMERIC_WANTS, wants_of
from rag.ask.terms import has_any
from rag.ask.understand import Ask, for_piece
from rag.ask.wording import asks_how_far
from rag.domain import STATUS_ZH, Answer, Citation, Row
from rag.domain import Status as StatusResult
from rag.errors import ConfigError
from rag.status.rules import assess, index_statuses, left_out_note, status_filter
from rag.status.schedule import behind_schedule_summary

STATUS_CANDIDATES = 8  # retrieved progress rows a one-row status question is matched against
ROW_COVERAGE = 0.6  # share of the subject terms a row must hold to be the row asked about (as before G)
WHO_COVERAGE = 0.5  # the same for "who leads" (a task is often named loosely)
# the verdict answers the yes/no asked ("都做到了吗", "够一半了没") in plain words, then the status's name
_VERDICT = {"done": "已完成", "behind": "未完成（滞后）", "partial": "尚未全部完成（部分滞后）",
            "on_track": "尚未完成，达到序时进度（进度正常）", "unknown": "无法判断"}


def best_row(ask: Ask, rows: list[Row], least: float) -> Evidence | None:
    """The progress row the question is about: its clauses (task and progress) scored on the subject terms
    only, whatever kind of answer is asked."""
    subject = replace(ask.asked, want="", wants=(), stance="", pieces=(), required=())
    pool = [e for e in gather(subject, rows) if e.coverage >= least and e.own > 0]
    named = [e for e in pool if e.clause.in_task]  # a row whose task names the subject, before one that mentions it
    return (named or pool)[0] if pool else None


def place_table(ask: Ask, evidence: Gathered) -> list[Row]:
    f = ask.filters
    return [r for r in evidence.index.rows if r.kind == "progress_row" and (not f.district or r.district == f.district)
            and (not f.doc or r.doc == f.doc)]


_ONE_TASK = re.compile(r"(?:那|这)(?:条|项|个)?(?:任务|事)|的任务[，,的]|那条[^，,。？?]{1,30}?任务")


class Count:
    """"钱塘有多少项目标滞后序时进度？占比多少？": count and share of the rows behind, every one cited."""

    name = "count"

    def applies(self, ask: Ask) -> bool:  # not of one task the question names ("那条…的任务，堵点还有几个没弄完")
        return ask.status == "behind" and bool(re.search(r"(多少|几)(项|个|条|件)", ask.question)) \
            and not _ONE_TASK.search(ask.question)

    def answer(self, ask: Ask, evidence: Gathered) -> Answer | None:
        try:
            summary = behind_schedule_summary(evidence.index, ask.place)
        except ConfigError:  # no progress table for that place (or several places and none named)
            return None
        if not summary.total:
            return None
        text = summary.sentence.replace(
            f"占{summary.share:.1f}%", f"占{summary.share:.1f}%（{summary.count}÷{summary.total}，系计算）")
        cites = tuple(Citation.of(s.row, 0.0) for s in summary.statuses)
        if re.search(r"(是哪|有哪|哪些|哪几|分别是)", ask.question):  # "有几项滞后，是哪些": the items as well
            text += "\n" + "\n".join(f"- {s.row.unit or '—'}：{s.row.task[:50]}{source_tag(s.row)}"
                                      for s in summary.statuses)
        return Answer(question=ask.question, text=text, citations=cites, route="status")


def _by_report(ask: Ask) -> bool:
    """"到三季度报的时候": the period names the report, whose figures (1-8月) are that period's."""
    return ask.asked.by_report or any(p.by_report for p in ask.asked.pieces)


def _longer_period(ask: Ask, row: Row) -> bool:
    """"年初目标多少，全年实际完成没" on a 三季度 table: the year's result is in another report, so the target
    and the result are quoted side by side (the quote answerer), not the row's part-year status. A year asked with
    no period ("23年…目标多少，最后实际增长多少") asks the whole year's result."""
    if _by_report(ask):
        return False
    asked = ask.period.fraction if ask.period else 1.0 if ask.years or ask.asked.relative == "last" else None
    return ask.stance == "both" and bool(asked and row.period_fraction and row.period_fraction < asked)


def _an_item(ask: Ask, pick: Evidence) -> bool:
    """"西险大塘现在啥进度" where the row's cell reports several labelled items ("西险大塘：…；城西南排：…") and the
    task names more than the one asked: the item's own progress words answer (the quote answerer), not the row's
    status. A yes/no asked of an item with a figure ("打通断头路任务3条：…", "打通了没有") is a verdict, which the
    status rules give for the target's parts; an item without one ("建成投用下沙港：已投用") is answered in its own words."""
    strong = [t for t in ask.terms if t.weight >= 1.0]
    if ask.asked.want == "status":  # "滞后了吗", "完成了吗": a verdict, which the rules give part by part
        return False
    leads = {c.lead for c in clauses_of(pick.row, 0) if c.lead and not c.in_task}
    mine = [lead for lead in leads if strong and all(any(a in lead for a in t.alts) for t in strong)]
    return bool(mine) and not (asks_how_far(ask.question) and any(ch.isdigit() for lead in mine for ch in lead))


def _with_later_period(ask: Ask, evidence: Gathered, row: Row, found: Answer) -> Answer:
    """"截至8月完成多少，年底能完成吗": the table's status answers the first period; a period asked that ends after
    the table's (the whole year) is a second part, the figure another report gives for it, cited, or 资料未载明."""
    later = [(m, label) for m, label in ask.asked.periods if row.period_fraction and m / 12 > row.period_fraction
             and not (_by_report(ask) and m < 12)]
    if not later:
        return found
    months, label = later[-1]
    part = for_period(ask, evidence, months, label)
    met = found.text.startswith(STATUS_ZH["done"])  # a part-year figure already past the year's target answers it
    if part.abstained and len(ask.asked.periods) == 1 and months == 12 and not met:  # only the year asked ("全年…最终")
        return abstain(ask.question, f"资料中没有{label}的数据。资料中只有{row.period_label}数据：{found.text}",
                       citations=found.citations)
    judged = judged_by_next_report(ask, evidence, row) if months == 12 else None  # the year's result, judged
    part = judged or part
    text = part.text.rstrip("。") if not part.abstained else MISSING_PART
    return replace(found, text=f"{row.period_label}：{found.text}\n{label}：{text}。",
                   citations=citations_of((found, part)))


def _half(question: str, st: StatusResult) -> str:
    """"过半了吗": the yes/no answered in its own word, from the share of the target the status computed."""
    t, p = st.target, st.progress
    if not re.search(r"过半|一半|过了半", question) or t is None or p is None or not t.value or t.kind != p.kind:
        return ""
    share = p.value / t.value
    return "，已过半" if share > 0.5 else ("，刚好一半" if share == 0.5 else "，未过半")


def _lists_a_status(ask: Ask) -> bool:
    """"哪几项达标了": the items of a status, asked in one breath; "3个断面是哪几个？水质达标了没？" asks a list, then a
    status of it, in two pieces: not every 达标 row of the table."""
    texts = [t for t in re.split(r"[？?。；;！!]", ask.question) if t.strip()] or [ask.question]
    return any(has_any(t, "status_list_question") and status_filter(t) for t in texts)


def _several_things(ask: Ask) -> bool:
    """"A和B的形象进度分别多少", "X做到几成了？Y呢": parts about different things, each answered on its own (the quote
    answerer), not one row's status."""
    subjects = [{t.alts for t in p.terms if t.weight >= 1.0} for p in ask.asked.pieces]
    return len(subjects) > 1 and all(s - o for s in subjects for o in subjects if o is not s)


def _judged_another(ask: Ask, reason: str) -> str:
    """The thing asked, when the status judged a listed indicator the question does not name (nor writes in other
    order: 新增城镇就业) and names nothing asked."""
    from rag.ask.indicator import named_indicators

    judged, asked = {i for _, _, i in named_indicators(reason)}, {i for _, _, i in named_indicators(ask.question)}
    words = [t for t in ask.terms if t.weight >= 1.0]
    other = [t for t in words if not set(t.alts[0]) <= set("".join(judged))]
    return "".join(t.alts[0] for t in words) if judged and not judged & asked and other and not any(
        t.present(reason) for t in words) else ""


class Status:
    """How a target stands, asked in any words (完成了吗, 够数没, 过半了吗, 跟得上吗): a list of the rows with
    the status asked, or one row's status judged by the status rules against its period's 序时进度."""

    name = "status"

    def applies(self, ask: Ask) -> bool:  # "牵头单位是谁、进度多少": who leads, with its progress
        return ask.status_asked and not ask.who

    def answer(self, ask: Ask, evidence: Gathered) -> Answer | None:
        table = place_table(ask, evidence)
        if not table:
            return None  # no progress table for this place: prose statements answer (the quote answerer)
        if _several_things(ask):  # "A和B两块进度怎么样？过半了没？": each thing's own row judged, one after the other
            done = [evidence.again(for_piece(ask, p)) for p in ask.asked.pieces] if evidence.again else []
            if not done or any(a.abstained or a.route != "status" for a in done):
                return None
            return replace(done[0], text="\n".join(a.text for a in done), citations=citations_of(done))
        if ask.status and _lists_a_status(ask):
            return self._list(ask, evidence, table)
        rows = [r for r in evidence.rows if r.kind == "progress_row"]
        theirs = [r for r in rows if any(p in r.leader for p in ask.people)]  # an official's rows: every one
        pick = best_row(ask, theirs or rows[:STATUS_CANDIDATES], ROW_COVERAGE)
        if pick is not None and _an_item(ask, pick):  # the item's own progress words, read as a stage question
            stage = replace(ask, asked=replace(ask.asked, want="stage", wants=("stage",)))
            return Quote().answer(stage, replace(evidence, rows=[pick.row], _pools={}))
        if pick is None:
            return None
        if _longer_period(ask, pick.row):  # the year's result is in another report: judged on it, or quoted beside
            judged = judged_by_next_report(ask, evidence, pick.row) or Quote().answer(ask, evidence)
            other_doc = judged is not None and any(c.doc != pick.row.doc for c in judged.citations)
            other_year = bool(ask.asked.years) and pick.row.year not in ask.asked.years  # 2024 asked of a 2023 table
            if judged is not None and (other_doc and not judged.abstained
                                       or judged.abstained and (other_year or assess(pick.row).status == "unknown")):
                return judged  # else the row's own part-year status, and the year found or 资料未载明 beside it
        st = assess(pick.row)
        progress = judged_progress(st, pick.row.progress_normalized or pick.row.progress)
        part = next((p for p in st.parts if p.name and p.name in ask.question), None) if len(st.parts) > 1 else None
        figure = ask.asked.numeric or any(p.numeric for p in ask.asked.pieces)  # its figure asked, not which item
        if other := _judged_another(ask, st.reason):  # 网络零售额 asked; the row judges only 社会消费品零售总额
            return abstain(ask.question, f"进展中没有{other}的实际数据，只有该项其他指标的进展：{st.reason}", "status",
                           citations=cite([pick.row]))
        if part is not None and part.status == "unknown" and figure:  # 文化产业增加值, of a row counting 规上文化企业
            return abstain(ask.question, f"进展中没有{part.name}的实际数据（{part.reason}），只有该项其他目标的进展",
                           "status", citations=cite([pick.row]))
        text = f"{_VERDICT[st.status]}{_half(ask.question, st)}：{st.reason}。进展：{progress}{source_tag(pick.row)}"
        found = answered(ask.question, text, [pick.row], route="status")
        return _with_later_period(ask, evidence, pick.row, found)

    def _list(self, ask: Ask, evidence: Gathered, table: list[Row]) -> Answer:
        want, where = ask.status or "", ask.place or "各区"
        by_id = index_statuses(evidence.index)
        sts = [by_id[r.id] for r in table if by_id[r.id].status == want]
        if ask.people:
            sts = [s for s in sts if any(p in s.row.leader for p in ask.people)]
        if not sts:  # no row to cite: the rules found none, which is not a figure the documents state
            return abstain(ask.question, f"按现有规则，{where}的进展表中没有判为{STATUS_ZH[want]}的目标", "status")
        lines = [f"{where}{STATUS_ZH[want]}的目标共{len(sts)}项（按牵头单位）："]
        for s in sorted(sts, key=lambda s: (s.row.district, s.row.unit, s.row.row or 0)):
            lines.append(f"- {s.row.unit or '—'}：{s.row.task[:50]}——{s.reason}{source_tag(s.row)}")
        note = left_out_note([by_id[r.id] for r in table], want)
        if note:
            lines.append(note)
        return answered(ask.question, "\n".join(lines), [s.row for s in sts], route="status")


class Who:
    """Who leads a task (牵头单位, 牵头区领导), with its progress when asked."""

    name = "who"

    def applies(self, ask: Ask) -> bool:
        return ask.who != ""

    def answer(self, ask: Ask, evidence: Gathered) -> Answer | None:
        parts = [replace(ask, asked=p) for p in ask.asked.pieces] if _several_things(ask) else listed_each(ask)
        if parts:  # "A和B，分别哪个单位负责", "GDP、服务业增加值、固投…哪位区领导牵头": each named thing's row, each cited
            found = [self._one(part, evidence, None) for part in parts]
            done = [a for a in found if a is not None]
            if len(done) < len(found):
                return None
            return replace(done[0], text="".join(dict.fromkeys(a.text for a in done)), citations=citations_of(done))
        return self._one(ask, evidence)

    def _one(self, ask: Ask, evidence: Gathered, top: int | None = 5) -> Answer | None:
        """One task's row (among the first `top` retrieved; any, for one of several things named)."""
        rows = [r for r in evidence.rows if r.kind == "progress_row"]
        if ask.unit:
            rows = sorted(rows, key=lambda r: ask.unit not in r.units)
        led = [r for r in rows if any(p in (r.leader or "") for p in ask.people)]
        if led:  # "施峰牵头的实际利用外资": any of the official's rows retrieved (they all rank high on the name)
            rows, top = led, None
        pick = best_row(ask, rows[:top] if top and not ask.unit else rows, WHO_COVERAGE)
        if pick is None:
            return None
        row, score = pick.row, evidence.scores.get(pick.row.id, 0.0)
        if ask.who == "leader":
            who = row.leader or "（表中未列牵头区领导）"
            text = f"「{task_named(row.task, ask.terms)}」的牵头区领导是{who}，牵头单位是{row.unit or '—'}{source_tag(row)}。"
        else:
            extra = f"（牵头区领导：{row.leader}）" if row.leader else ""
            text = f"「{task_named(row.task, ask.terms)}」由{row.unit or '（未列明）'}负责{extra}{source_tag(row)}。"
        figure = _figure_asked(ask, row)
        if figure is not None:  # "哪个单位牵头的，勘探做了多少亩": the figure from the same row
            text += figure
        elif row.progress and (re.search(r"(进度|进展|完成|情况|推进|哪一步|到哪|怎么样|如何)", ask.question)
                               or _figure_clauses(ask)):
            # "牵头单位是谁、进度多少", "归哪个单位管？装修弄到多少了": the row's progress cell holds what was done
            text += f"进展：{(row.progress_normalized or row.progress)[:200]}{source_tag(row)}"
        return answered(ask.question, text, [row], scores={row.id: score})


_CLAUSE = re.compile(r"[，,？?；;。]")


def _figure_clauses(ask: Ask) -> list[str]:
    """The clauses of a who-question that ask a figure ("…，勘探做了多少亩", "现在并了多少了")."""
    keywords = not _CLAUSE.search(ask.question.rstrip("？?。")) and len(ask.question.split()) >= 3
    clauses = ask.question.split() if keywords else _CLAUSE.split(ask.question)  # "… 责任部门 上半年 出让亩数"
    return [c for c in clauses if c.strip() and not has_any(c, "unit_question")
            and not has_any(c, "leader_question") and set(wants_of(c)) & set(NUMERIC_WANTS)]


def _figure_asked(ask: Ask, row: Row) -> str | None:
    """A clause of a who-question that asks a figure ("…，勘探做了多少亩"), answered from the row's own cells (the
    quote answerer on that row alone); None when no clause asks one or the row does not state it."""
    asks = _figure_clauses(ask)
    if not asks:
        return None
    wants = tuple(w for w in wants_of(asks[0]) if w in NUMERIC_WANTS)
    part = replace(ask.asked, want=wants[0], wants=wants, pieces=(), periods=(), stance="actual")
    found = answer_extractive(ask.question, part, [row], {})
    return None if found.abstained else found.text

