"""The models of rag/data/status.json (and the period patterns it shares with rag/data/periods.json): split from
rag.lexicons.models to keep each module small; the same strict, closed, frozen rules apply."""

from __future__ import annotations

from collections.abc import Mapping

from pydantic import model_validator

from rag.lexicons.models import File, Regex, Word, Words, _Model


class PeriodPattern(_Model):
    """A period phrase: its share of the year is `fraction`, or the month in capture group `month_group` / 12."""

    pattern: Regex
    fraction: float | None = None
    month_group: int = 0

    @model_validator(mode="after")
    def _one_share(self) -> PeriodPattern:
        if (self.fraction is None) == (self.month_group == 0):
            raise ValueError("give exactly one of fraction (0.5 for 上半年) or month_group (the capture group of the "
                             "month, 1 for 1-(\\d{1,2})月)")
        return self


class StatusUnits(_Model):
    level: Words
    count: Words
    growth: Words


class TargetMarkers(_Model):
    high: Words
    low: Words
    min_after: Words
    max_after: Words
    max_before: Words


class StatusQuestion(_Model):
    any: Words
    behind: Words
    done: Words
    on_track: Words
    schedule: Words = ()  # the reference a status is judged against (序时进度, 时序, 时间): never its subject
    unknown: Words


class DelayNotTask(_Model):
    about: str = ""
    after: Words
    subjects: Words


class PartWords(_Model):
    about: str = ""
    noun_verbs: Words
    after_cut: Words
    met_claim: Regex
    slow_words: Words
    progress_verbs: Words
    verb_adverbs: str  # characters before a progress verb that belong to the progress ("已提前完成")
    plan_words: Words
    next_year_words: Words
    awaiting_others: Words
    spend_words: Words
    stock_words: Words
    flow_words: Words
    progress_nouns: Words
    whole_work: Words
    benchmark_words: Words  # a target set against another figure (全省平均水平, 与经济增长同步)
    direction_words: Words  # a target that is a direction without a number (双下降, 保持稳定)
    finish_lead: Words  # words that may stand before a finish verb at a clause's head (力争建成)
    finish_verbs: Words  # verbs opening a task clause that asks for one thing delivered this year (unshown clauses)
    lasting_verbs: Words  # verbs opening a clause of lasting work (深化, 推进): such a task is not done mid-year
    unfinished: Words
    restated_verbs: Words  # a task clause's verb that, said again of its object in the progress, says it is done
    not_yet: Words  # words of a progress sentence that is about work not yet done (plan, under way, pending)
    done_adverbs: Words  # stripped from a completion word to find its verb (正式对外开放 -> 开放)
    generic_done: Words  # completion verbs too generic to show which clause is done (完成)
    counted_done: Words  # verbs that, before a count, report things finished (完成2个)
    document_done: Words  # a document issued (印发《…》) is a completion
    fall_task: Words  # a task asking for a fall (负增长)
    not_fallen: Words  # progress words saying it did not fall (零增长, 持平)
    result_pending: Regex  # an assessment's outcome not yet out (预计年底前出考核结果, 结果待公布)
    almost_words: Words  # almost finished (基本完成): when the year is over, not finished
    start_verbs: Words  # verbs of starting work (启动, 开工): a start asked this year and put off is late
    project_suffixes: Words  # endings of a project's name (某某港, 某某园) in a task's list of projects
    works_words: Words  # words of the works themselves under way (施工, 开工), not the work before them
    pre_works: Words  # names of work before the works that hold a works word (施工图设计)
    scope_verbs: Words  # verbs whose count right after them is the things worked on (充分发挥222个…作用), no target
    obtain_verbs: Words  # verbs of things to obtain (取得某资质)
    in_process: Words  # words of an application still in process (已在办理): nothing obtained yet
    terse: int  # word characters below which a progress cell is terse: only its words can judge it


class StatusWords(File):
    """rag/data/status.json: units, multipliers and the words of the number parser and the status rules."""

    FILE = "status.json"
    multipliers: Mapping[str, float]
    unit_aliases: Mapping[str, Word]
    units: StatusUnits
    unit_groups: tuple[Words, ...]
    cn_units_excluded: Words
    growth_words: Words
    negative_words: Words
    ratio_words: Words
    rank_scope: Words
    rank_verbs: Words
    ordinal_nouns: Words
    approx_words: Words
    lone_magnitude_prefix: Words
    qualifier_after: Regex
    completion_words: Words
    partial_words: Words
    delay_words: Words
    rise_task_words: Words
    weak_delay_words: Words
    decrease_task_words: Words
    no_data_words: Words
    target_markers: TargetMarkers
    restated_target_words: Words
    indicator_stopwords: Words
    period_patterns: tuple[PeriodPattern, ...]
    status_question: StatusQuestion
    forecast_words: Words
    total_words: Words
    unfinished_words: Words
    head_strip: Words
    time_units: Words
    name_prefix_strip: Words
    deliverable_verbs: Words
    stage_words: Words
    approx_before: Words
    share_words: Words
    completion_target_words: Words
    rate_words: Words
    claim_words: Words
    completion_progress_words: Words
    annual_words: Words
    negations: Words
    delay_not_task: DelayNotTask
    list_adverbs: Words
    parts: PartWords
