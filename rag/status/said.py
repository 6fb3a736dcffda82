"""Owns what a progress text says is finished, or why its words leave it short or unjudged, beyond the listed
completion and delay words: a task clause's deliverable said again in the task's own verb ("高质量举办X节" ->
"5月19日，举办首届X节"), the task's document issued ("印发《…》"), a count of things finished ("完成2个") or things
named one by one ("甲中心、乙中心已完工"), a cell that says only that it is finished ("已建成投产。"), a completion
that is only an earlier stage ("已完成项目申报工作"), a risk cleared to zero; and on the other side an outcome not
yet out ("预计年底前出考核结果"), a fall asked that did not come ("零增长"), a share of works with only design done,
things to obtain still in process, a start put off to next year, a list of projects none of which the text names,
and a count that only names the things a lasting verb works on ("充分发挥222个…作用").
Word lists live in rag/data/status.json (`parts`)."""

from __future__ import annotations

import re

from rag.lexicons import status_words
from rag.status.match import CLAUSE, Target, any_word, find_targets, has_word, overlap

__all__ = ["all_shown", "completion", "counted_done", "deferred", "document_done", "done_word", "named_items",
           "names_clause", "none_obtained", "not_begun", "not_fallen", "one_shown", "only_done", "pending",
           "restated_done", "scope_count", "sentences", "started", "terse", "unnamed_projects"]

RESTATED = 0.5  # overlap of a clause's object with a progress sentence that holds its verb, to say it again
ONLY_DONE = 12  # word characters of a cell that says only that it is finished ("已建成投产")

_SENT = re.compile(r"[。；;\n]|(?:^|\s)\d{1,2}[.、](?!\d)")


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENT.split(text) if s and s.strip()]


def _words(text: str) -> int:
    return len(re.sub(r"\W", "", text))


def terse(text: str) -> bool:
    """Is the cell too short for anything but its words to judge it ("正在施工中", "完成2个")?"""
    return _words(text) < status_words().parts.terse


def _negated(text: str, at: int) -> bool:
    return text[max(0, at - 2) : at].endswith(tuple(status_words().negations))


def restated_done(task: str, text: str) -> str:
    """A task clause's deliverable said done in the task's own verb: a progress sentence holding the clause's verb
    (举办, 运行, 投用… `restated_verbs`), not negated, with most of the clause's object (overlap >= RESTATED) and
    no word of work not yet done (`not_yet`). The clause that says it, or ""."""
    p = status_words().parts
    said = [s for s in sentences(text) if not any_word(s, p.not_yet)]
    for clause in re.split(f"[{CLAUSE}]", task):
        for verb in p.restated_verbs:
            at = clause.find(verb)
            thing = clause[at + len(verb) :].strip("“”\"") if at >= 0 else ""
            if _words(thing) < 2:
                continue
            for s in said:
                k = s.find(verb)
                if k >= 0 and not _negated(s, k) and overlap(thing, s.replace(verb, "", 1)) >= RESTATED:
                    return _clause_at(s, k)
    return ""


def _clause_at(text: str, at: int) -> str:
    """The clause of `text` holding position `at`."""
    lo = max([text.rfind(c, 0, at) for c in CLAUSE] + [-1]) + 1
    hi = min([j for j in (text.find(c, at) for c in CLAUSE) if j >= 0] + [len(text)])
    return text[lo:hi].strip()


def counted_done(text: str) -> str:
    """"完成2个", "建成3处": a completion verb before a count reports things finished; not an earlier stage of
    them ("完成3个项目前期审批"). The phrase, or ""."""
    lx = status_words()
    units = "|".join(map(re.escape, sorted(lx.units.count, key=len, reverse=True)))
    verbs = "|".join(map(re.escape, sorted(lx.parts.counted_done, key=len, reverse=True)))
    for m in re.finditer(rf"(?:{verbs})\s*\d+\s*(?:{units})", text):
        rest = text[m.end() :]
        rest = rest[: min([rest.find(c) for c in CLAUSE if c in rest] + [len(rest)])]
        if not _negated(text, m.start()) and not any_word(rest, lx.stage_words):
            return m[0]
    return ""


def document_done(task: str, text: str) -> str:
    """A document the task asks for, issued: "印发《某某三年计划》" when most of the title's words are in a task
    clause ("启动实施某某三年行动计划"); not another policy issued on the way. The phrase, or ""."""
    issue = "|".join(map(re.escape, status_words().parts.document_done))
    clauses = [c for c in re.split(f"[{CLAUSE}]", task) if _words(c) >= 2]
    for m in re.finditer(rf"(?:{issue})([^》]{{2,60}})》", text):
        if not _negated(text, m.start()) and any(overlap(m[1], c) >= RESTATED for c in clauses):
            return m[0]
    return ""


def completion(text: str, task: str = "", counted: bool = False) -> str:
    """The completion the text states: a listed completion word, the task's document issued, or (`counted`: the
    task sets no figure of its own to compare) a count finished; else ""."""
    return done_word(text) or (document_done(task, text) if task else "") \
        or (counted_done(text) if counted else "")


def only_done(text: str) -> bool:
    """Does the cell say only that it is finished: one short sentence with a completion word and nothing under way
    ("已建成投产。")?"""
    lx = status_words()
    return len(sentences(text)) == 1 and _words(text) <= ONLY_DONE and bool(completion(text, counted=True)) \
        and not has_word(text, lx.partial_words) and not has_word(text, lx.unfinished_words)


def _core(word: str) -> str:
    """A completion word without its adverbs: 正式对外开放 -> 开放."""
    for a in sorted(status_words().parts.done_adverbs, key=len, reverse=True):
        word = word.removeprefix(a)
    return word


def names_clause(clause: str, sentence: str) -> bool:
    """Does a sentence that says something is finished name the clause's own deliverable verb ("正式对外开放" for
    "建成开放某公园"), or restate it ("举办首届某节" for "办好某节")?"""
    p = status_words().parts
    core = _core(has_word(sentence, status_words().completion_words))
    if len(core) >= 2 and core not in p.generic_done and core in clause:
        return True
    return bool(restated_done(clause, sentence))


def done_word(text: str) -> str:
    """The first completion word of the text that is not only an earlier stage of the work ("已完成项目申报工作" is a
    stage: `stage_words` in the rest of its clause); ""."""
    lx = status_words()
    for w in sorted(lx.completion_words, key=len, reverse=True):
        for m in re.finditer(re.escape(w), text):
            rest = text[m.end() :]
            rest = rest[: min([rest.find(c) for c in CLAUSE if c in rest] + [len(rest)])]
            if not _negated(text, m.start()) and not any_word(rest[:8], lx.stage_words):
                return w
    return ""


def not_fallen(task: str, text: str) -> str:
    """A task asking for a fall (负增长, 下降) whose progress says, without a figure, that it did not come ("实现
    “零增长”", "与上年持平"): why it lags, or ""."""
    p = status_words().parts
    want = has_word(task, p.fall_task)
    got = has_word(text, p.not_fallen) if want else ""
    if not got or any("%" in s for s in sentences(text) if got in s):  # a rate given: the figures decide
        return ""
    return f"目标要求“{want}”，进展称“{got}”，未实现下降"


def all_shown(task: str, text: str, shown: float) -> str:
    """Is every clause of the task that is not lasting work ("持续打好…保卫战") shown done by a progress sentence
    that says something finished and is about it (overlap >= `shown`, or naming its verb)? The first such clause
    when all are, else "" (also when the task is lasting work only)."""
    lx = status_words()
    done = [s for s in sentences(text) if completion(s, task)]
    clauses = [c.strip() for c in re.split(f"[{CLAUSE}]", task) if _words(c) >= 4]
    own = [c for c in clauses if not c.startswith(tuple(lx.parts.lasting_verbs))]
    ok = own and all(any(overlap(c.casefold(), s.casefold()) >= shown or names_clause(c, s) for s in done) for c in own)
    return own[0] if ok else ""


def pending(text: str) -> str:
    """The outcome of an assessment not yet out ("预计年底前出考核结果", "结果待公布"): the phrase, or ""."""
    m = re.search(status_words().parts.result_pending, text)
    return _clause_at(text, m.start()) if m else ""  # the whole clause: never a figure cut in two


def deferred(task: str, text: str, period: str) -> str:
    """When the year is over: a sentence that puts off to next year ("计划2024年年底前开工" in a 2023 report, "明年")
    the very act the task asks for this year (a start verb asked, a start put off; a finish asked, a finish put off).
    The clause, or ""."""
    p = status_words().parts
    year = re.search(r"(20\d\d)", period or "")
    later = [*p.next_year_words, *([f"{int(year[1]) + 1}年"] if year else [])]
    for kind in (p.start_verbs, status_words().deliverable_verbs):
        if not any_word(task, kind):
            continue
        for s in sentences(text):
            for at in (m.start() for w in later for m in re.finditer(re.escape(w), s)):
                if any_word(s[max(0, at - 6) : at], p.not_yet) and any_word(s[at : at + 14], kind):
                    return _clause_at(s, at)
    return ""


def started(text: str) -> str:
    """A start said done ("已开工建设"): the word, or ""."""
    return has_word(text, [f"已{v}" for v in status_words().parts.start_verbs])


def _head(noun: str) -> str:
    """The head of a part's noun, its verbs off: "道路建成通车" -> "路", "省级农事服务中心" -> "中心"."""
    lx = status_words()
    verbs = sorted({*lx.deliverable_verbs, *lx.parts.restated_verbs, *lx.parts.counted_done}, key=len, reverse=True)
    while (v := next((x for x in verbs if noun.endswith(x) and len(noun) > len(x)), "")):
        noun = noun[: -len(v)]
    noun = re.sub(r"\W", "", noun)
    return noun[-2:] if len(noun) >= 3 else noun[-1:]


def named_items(text: str, noun: str) -> tuple[int, str, str]:
    """Things of a counted part named one by one as finished, with no figure: "甲中心项目、乙中心项目已完工" -> (2,
    "甲中心项目、乙中心项目", "已完工"). Each named thing holds the noun's head; a list closed by 等 is not counted
    (it names some, not all). (0, "", "") when none."""
    lx = status_words()
    head, n, word = _head(noun), 0, ""
    names: list[str] = []
    if not head:
        return 0, "", ""
    for s in sentences(text):
        if any_word(s, lx.parts.not_yet):
            continue
        for clause in re.split(f"[{CLAUSE}]", s):
            w = done_word(clause)
            at = clause.find(w) if w else -1
            subject = re.sub(r"^\d{1,2}月(?:份|\d{1,2}日)?|(?:已|均已|全部|均)$", "", clause[:at].strip()) if at > 0 else ""
            items = [x for x in re.split(r"[、和及与]", subject) if x.strip()]
            if not items or "等" in subject or re.search(r"\d", clause) or not all(head in x for x in items) \
                    or any(_words(re.sub(f"[{re.escape(noun)}]", "", x)) < 2 for x in items):
                continue  # a figure in the clause, or the noun itself ("某类已完成71%"), not things named
            n, names, word = n + len(items), [*names, *items], word or w
    return n, "、".join(names), word



def unnamed_projects(task: str, text: str) -> str:
    """A task that lists named projects ("推进甲科技二期、乙电气等项目", "建设甲港、乙园") and a progress text that
    names none of them ("土建工程已竣工"): which project it reports cannot be told. The list, or "". A cell that
    says only that it is finished is about the whole list."""
    p = status_words().parts
    if only_done(text):
        return ""
    lead = "^(?:" + "|".join(map(re.escape, sorted({*p.finish_verbs, *p.lasting_verbs, *p.noun_verbs, *p.finish_lead,
                                                    *p.start_verbs}, key=len, reverse=True))) + ")+"
    for clause in re.split(f"[{CLAUSE}]", task):
        closed = re.search(r"等[^、]{0,4}项目", clause)
        listed = clause[: closed.start()] if closed else clause
        items = [re.sub(lead, "", x.strip()) for x in listed.split("、") if x.strip()]
        if len(items) < 2 or not (closed or all(x.endswith(tuple(p.project_suffixes)) for x in items)):
            continue
        if all(_words(x) >= 2 and not _bigram_in(x, text) for x in items):
            return "、".join(items)
    return ""


def _bigram_in(name: str, text: str) -> bool:
    """Does any two-character piece of the name stand in the text (甲科技 -> 甲科, 科技)?"""
    w = re.sub(r"\W", "", name)
    return any(w[i : i + 2] in text for i in range(len(w) - 1))


def one_shown(task: str, text: str, shown: float) -> str:
    """The first clause of the task without a figure ("奋力夺取某某奖") that a progress sentence saying something
    finished is about (overlap >= `shown`, or naming its verb); ""."""
    done = [s for s in sentences(text) if completion(s, task)]
    for c in (c.strip() for c in re.split(f"[{CLAUSE}]", task)):
        if _words(c) >= 4 and not re.search(r"\d", c) and any(overlap(c, s) >= shown or names_clause(c, s) for s in done):
            return c
    return ""


def not_begun(task: str, text: str) -> str:
    """A share of the works asked ("完成总工程量30%") and a progress text that reports only work before them
    ("完成初步设计": `stage_words`), no share and no works (`works_words`): why it lags, or ""."""
    lx = status_words()
    share = next((t for t in find_targets(task) if t.completion and t.m.q.unit == "%"), None)
    stage = has_word(text, lx.stage_words) if share is not None and "%" not in text else ""
    works = re.sub("|".join(map(re.escape, lx.parts.pre_works)), "", text)  # "施工图设计" is no works
    if not stage or any_word(works, lx.parts.works_words) or has_word(text, lx.delay_words):
        return ""
    return f"目标{share.m.q.raw}为工程量，进展仅报告“{stage}”等前期工作，未见施工进度" if share else ""


def scope_count(task: str, tg: Target) -> bool:
    """Is the number the things a lasting verb works on, right after it ("全面加强3家区级医院…建设", "充分发挥222个
    村社…作用"), not a target to reach?"""
    lo = max([task.rfind(c, 0, tg.m.start) for c in CLAUSE] + [-1]) + 1
    head = task[lo : tg.m.start].strip()
    verbs = sorted(status_words().parts.scope_verbs, key=len, reverse=True)
    return bool(head) and not re.sub("^(?:" + "|".join(map(re.escape, verbs)) + ")+$", "", head)


def none_obtained(task: str, text: str) -> str:
    """Things the task asks obtained ("取得某资质8本") that the progress reports only applied for or in process
    ("申办", "已在办理"), none obtained and no completion said: why it lags, or ""."""
    p = status_words().parts
    verbs = "|".join(map(re.escape, p.obtain_verbs))
    want = next((t for t in find_targets(task) if t.m.q.kind == "count"
                 and re.search(f"(?:{verbs})[^，。；,;]{{0,12}}$", task[: t.m.start])), None)
    if want is None or not any_word(text, p.in_process) or done_word(text) or has_word(text, p.obtain_verbs):
        return ""
    return f"目标{want.m.q.raw}须取得，进展仅称“{has_word(text, p.in_process)}”，尚未取得"
