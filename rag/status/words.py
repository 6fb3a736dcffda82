"""Owns the status rules that read words, not numbers: a row whose progress text gives no comparable figure
(completion, delay and no-data words; the year being over), and the deliverable a done row still lacks.
Word lists live in rag/data/status.json."""

from __future__ import annotations

import re

from rag.domain import Row
from rag.lexicons import status_words
from rag.status.match import CLAUSE, any_word, find_targets, has_word, overlap, usable
from rag.status.quantities import mentions, to_halfwidth
from rag.status.said import (
    all_shown,
    completion,
    deferred,
    done_word,
    names_clause,
    one_shown,
    pending,
    restated_done,
    sentences,
    started,
    terse,
    unnamed_projects,
)

MIN_CLAUSE = 4  # characters of a task clause that sets something (shorter ones are fragments)
SHOWN = 0.4  # overlap of a task clause with a progress sentence that says it is done, for the clause to count done

__all__ = ["by_words", "lasting", "named_delay", "other_part_done", "uncovered", "unmeasured", "unshown"]



def by_words(row: Row, text: str, elapsed: float, has_targets: bool) -> tuple[str, str]:
    lx = status_words()
    if not re.sub(r"[\s—\-。.]+", "", text):
        return "unknown", "进展情况为空，无法判断"
    delay = has_word(text, lx.delay_words, about_task=True)  # not "数源单位暂停公布"
    if delay and elapsed < 1 and _planned(text, delay):  # "未开工，预计11月底开工": not late before the year ends
        delay = ""
    met = re.search(lx.parts.met_claim, text)  # "预计下降2.3%，达到市级绩效目标要求": a fall the target wants
    if not delay and not met and not has_word(row.task, lx.decrease_task_words):  # "同比下降9.8%" against growth
        delay = next((w for w in lx.weak_delay_words if re.search(re.escape(w) + r"\D{0,2}\d", text)), "")
    if delay:
        return "behind", f"进展中有“{delay}”等滞后表述"
    task = to_halfwidth(row.task)
    done = completion(text, task, counted=not has_targets) or restated_done(task, text)
    nodata = has_word(text, lx.no_data_words)
    if nodata and not done:
        return "unknown", f"进展说明“{nodata}”，暂无可比数据"
    wait = pending(text)  # "评估资料已申报，预计年底前出考核结果": the outcome the task asks for is not out
    if wait and not done:
        return "unknown", f"进展称“{wait}”，结果未出，无法判断"
    unnamed = unnamed_projects(task, text)  # "推进甲、乙等项目" asked, "土建工程已竣工" said: which one?
    if unnamed:
        return "unknown", f"进展未指明对应任务所列哪个项目（{unnamed}）"
    if nodata or wait:  # "已完成…现场评审，结果待公布": the work is done, its outcome not yet published
        return "on_track", f"进展称“{done}”，但“{nodata or wait}”"
    partial = has_word(text, lx.partial_words)
    if elapsed >= 1:  # the year is over: unfinished work is late, the rest is done
        unfinished = has_word(text, [w for w in lx.unfinished_words if w not in lx.parts.awaiting_others])
        almost = has_word(text, lx.parts.almost_words)  # "平台建设已基本完成": what the task asks built is not yet
        if almost and done and _finishes(row.task):
            return "partial", f"全年已过，进展仍称“{almost}”；另有事项进展称“{done}”"
        later = deferred(task, text, row.period)  # "计划2024年年底前开工" of a start asked this year
        begun = started(text.replace(later, "")) if later else ""
        if later and (done or begun):
            return "partial", f"全年已过，进展称“{later}”，任务要求年内实施的事项推迟至下一年；另有事项进展称“{done or begun}”"
        if unfinished and done and not _finishes(row.task):  # "加快…推进": the year's share of lasting work is done
            return "done", f"全年进展称“{done}”（任务为持续推进类，“{unfinished}”为后续工作）"
        if unfinished:
            return ("on_track", f"全年已过，进展称“{done}”但仍“{unfinished}”") if done else \
                ("behind", f"全年已过，进展仍称“{unfinished}”")
        if done or not has_targets:
            return "done", f"全年进展称“{done}”" if done else "全年工作已按任务落实，未见滞后表述"
    if has_targets and met:  # "水质均满足考核要求": the text says the set figure is reached
        return ("done" if elapsed >= 1 else "on_track"), f"进展称“{met[0]}”，未报告具体数值"
    ranked = has_targets and not [t for t in find_targets(row.task) if t.m.q.value != 1]
    got = one_shown(task, text, SHOWN) if ranked and elapsed < 1 else ""
    if got:  # "排名进入全国前80，奋力夺取某奖": no rank is out mid-year; the prize is won
        return "on_track", f"排名类目标年内尚无结果；“{got}”进展称“{completion(text, task)}”"
    if has_targets:
        return "unknown", "目标有量化指标，但进展未报告可比数据"
    if done and not partial:
        return "done", f"进展称“{done}”"
    if done and all_shown(task, text, SHOWN):  # the rest is lasting work: "持续打好…", "争创…示范区" shown done
        return "done", f"进展称“{done}”，任务中其余为持续推进类工作"
    if not terse(text) or has_word(text, lx.unfinished_words):  # "正在施工中": terse, but work under way
        return "on_track", f"进展称“{done}”，但仍有“{partial}”等未完事项" if done else "有具体推进举措，未见滞后表述"
    return "unknown", "进展描述过简，无法判断"


def unmeasured(task: str, text: str) -> str:
    """Why a task measured by a figure cannot be judged from words: it is set against another figure the text does
    not give ("增速高于全省平均水平", "与经济增长基本同步"), or it is a direction ("双下降", "保持稳定") and the text
    reports no rate of it and no completion or delay; "" when the words may judge it."""
    lx, p = status_words(), status_words().parts
    said = re.search(lx.parts.met_claim, text)
    bench = has_word(task, p.benchmark_words) or (has_word(text, p.benchmark_words) if not re.search(r"\d", text) else "")
    if bench and not said:
        return f"目标以“{bench}”为参照，进展未给出可比的参照数据"
    way = has_word(task, p.direction_words)
    rates = [m for m in mentions(text) if m.q.unit == "%"]
    if way and not rates and not said and not has_word(text, lx.completion_words) \
            and not has_word(text, lx.delay_words, about_task=True):
        return f"目标要求“{way}”，进展未报告相关数据"
    return ""


def _finishes(task: str) -> bool:
    """Does the task ask to finish something this year (建成, 完成, 投用…), not only to push work on?"""
    verbs = tuple(status_words().deliverable_verbs)
    return any(x.strip().startswith(verbs) or any(v in x for v in verbs) for x in re.split(f"[{CLAUSE}]", task))


def lasting(task: str) -> bool:
    """Is the task lasting work only ("深化…建设，构筑…生态圈", "科学开展疫情防控"): no clause asks for one thing
    delivered (a finish or deliverable verb in it), and one opens with a verb of lasting work? Such a task is not
    done before the year is over."""
    lx = status_words()
    clauses = [x.strip() for x in re.split(f"[{CLAUSE}]", to_halfwidth(task))]
    return any(x.startswith(tuple(lx.parts.lasting_verbs)) for x in clauses) and not any(
        any_word(x, lx.parts.finish_verbs + lx.deliverable_verbs) for x in clauses)


def _planned(text: str, word: str) -> bool:
    """Does every sentence holding the delay word also plan the work within the year ("预计11月底开工", not
    "预计明年3月考古进场")?"""
    p = status_words().parts
    spans = [m.start() for m in re.finditer(re.escape(word), text)]
    return bool(spans) and all(any_word(text[a:b], p.plan_words) and not any_word(text[a:b], p.next_year_words) for a, b in (
        (max([text.rfind(c, 0, i) for c in "。；;\n"] + [-1]) + 1,
         min([j for j in (text.find(c, i) for c in "。；;\n") if j >= 0] + [len(text)])) for i in spans))


def uncovered(task: str, progress: str) -> str:
    """Why numbers that are all met do not finish the row: a deliverable ("投用金沙湖大剧院") the progress text
    does not mention, or work it still calls in progress; "" when none."""
    lx = status_words()
    for clause in re.split(f"[{CLAUSE}]", to_halfwidth(task)):
        clause = clause.strip()
        if clause.startswith(tuple(lx.deliverable_verbs)) and not any(usable(m) for m in mentions(clause)) \
                and overlap(clause, progress) < 0.3:
            return f"“{clause}”尚未见完成"
    partial = has_word(progress, lx.partial_words)
    return f"进展仍称“{partial}”" if partial and not has_word(progress, lx.completion_words) else ""


def unshown(task: str, progress: str) -> str:
    """Before the year is over a row is done only when every clause of its task that asks for one thing delivered
    ("上线农创客云服务平台", "启动妇女儿童活动中心项目": a finish verb at its head, no target figure) is shown done:
    a progress sentence about it (overlap >= SHOWN) holds a completion word. The first clause not shown done, or ""."""
    lx = status_words()
    done = [s for s in sentences(progress) if completion(s, task) or restated_done(task, s)]
    for clause in re.split(f"[{CLAUSE}]", to_halfwidth(task)):
        clause = clause.strip()
        verb = re.match("(?:" + "|".join(map(re.escape, lx.parts.finish_lead)) + ")?(?:"
                        + "|".join(map(re.escape, lx.parts.finish_verbs)) + ")", clause)
        if len(clause) < MIN_CLAUSE or not verb or any(usable(m) for m in mentions(clause)):
            continue
        if not any(overlap(clause, s) >= SHOWN or names_clause(clause, s) for s in done):
            return clause
    return ""


def named_delay(task: str, text: str) -> str:
    """"新区实验幼儿园进度滞后", "赤溪、灵溪偏慢": a delay the progress text pins on some of the task's several
    items (a count above one, or items listed with 、), so the rest are not said to lag; "" when none."""
    lx = status_words()
    several = "、" in task or any(usable(m) and m.q.kind == "count" and m.q.value > 1 for m in mentions(task))
    if not several:
        return ""
    words = sorted(lx.delay_words + lx.parts.slow_words, key=len, reverse=True)
    for m in re.finditer("|".join(map(re.escape, words)), text):
        lo = max([text.rfind(c, 0, m.start()) for c in CLAUSE + "（("] + [-1]) + 1
        subject = re.sub("(?:" + "|".join(map(re.escape, lx.parts.progress_nouns)) + ")$", "", text[lo : m.start()])
        if len(re.findall(r"[\u4e00-\u9fff]", subject)) >= 2 and not has_word(subject, lx.negations):
            return text[lo : m.end()].strip()
    return ""


def other_part_done(task: str, progress: str, status: str, reason: str) -> tuple[str, str]:
    """A row judged behind whose task sets several things (clauses) while the progress text reports one of
    them finished ("加速器五期项目已投用") is partly behind: 部分滞后, the finished one named."""
    if status != "behind" or len([x for x in re.split(r"[，,；;。]", task) if len(x.strip()) >= MIN_CLAUSE]) < 2:
        return status, reason
    # not "已完成项目申报工作" (an earlier stage of the lagging work), nor things already counted in the reason
    done = next((w for x in re.split(f"[{CLAUSE}]", progress) if (w := done_word(x))
                 and not (x[: x.find(w)].strip() and x[: x.find(w)].strip() in reason)), "")
    return ("partial", f"{reason}；另有事项进展称“{done}”") if done else (status, reason)
