"""One pydantic model per rag/data/ file: strict, closed (extra="forbid"), frozen; regular expressions must compile."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Annotated, ClassVar

from pydantic import AfterValidator, BaseModel, ConfigDict, StringConstraints, model_validator


def _compiles(pattern: str) -> str:
    try:
        return re.compile(pattern).pattern
    except re.error as e:
        raise ValueError(f"not a valid regular expression ({e})") from None


Word = Annotated[str, StringConstraints(min_length=1)]  # "" would be found in every text
Words = tuple[Word, ...]
Pair = tuple[Word, Word]
Regex = Annotated[str, AfterValidator(_compiles)]


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)


class File(_Model):
    """A data file's model: FILE is its name under rag/data/; `about` notes are allowed."""

    FILE: ClassVar[str]
    about: str = ""


class QueryLexicon(File):
    """rag/data/lexicon.json: groups of names for one indicator, expanded both ways when searching."""

    FILE = "lexicon.json"
    groups: tuple[Words, ...]
    district_aliases: Mapping[str, str] = {}


class ParseWords(File):
    """rag/data/parse.json: organisation suffixes, web spam, boilerplate lines and table header roles."""

    FILE = "parse.json"
    unit_suffixes: Words
    spam: Words
    spam_patterns: tuple[Regex, ...]
    boilerplate: tuple[Regex, ...]
    header_roles: Mapping[str, Word]
    unit_aliases: Mapping[str, Word]
    header_about: str = ""
    header_max_chars: int  # a cell longer than this is content, never a column name
    progress_cues: Words
    progress_openers: tuple[Regex, ...]
    list_leads: Words
    indicator_verbs: Words
    deadline_openers: tuple[Regex, ...]
    list_leads_about: str = ""


class QuestionWords(File):
    """rag/data/question.json: words that classify a question, and words ignored when matching it."""

    FILE = "question.json"
    about_not_district: str = ""
    stopwords: Words
    soft_terms: Words
    numeric: Words
    unit_question: Words
    leader_question: Words
    progress_question: Words
    list_question: Words
    compare_question: Words
    target_question: Words
    followup_prefix: Words
    growth_question: Words
    ratio_question: Words
    level_question: Words
    not_district: Words
    status_list_question: Words
    # the answerer's question analysis (rag.ask.question); each map carries its own "about" note
    ask_words: Mapping[str, Words | str]  # kind -> phrases, in precedence order
    period_words: Mapping[str, int | str]  # phrase -> months of the year covered
    relative_years: Mapping[str, str]  # 去年 -> last, 今年 -> this
    target_words: Words
    result_words: Words
    stance_markers: Words  # words that say target or result and are never what a question is about
    doc_words: Words


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
    unfinished: Words


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


class PlaceWords(File):
    """rag/data/places.json: place-name suffixes and the stems, characters and words that rule a name out."""

    FILE = "places.json"
    suffixes: Words
    not_place_stems: Words
    not_place_chars: str
    boundary: str
    self_words: Mapping[Word, Word]
    generic_after: str
    common_endings: Words
    official_names: Mapping[Word, Word]


class NameWords(File):
    """rag/data/names.json: English period phrases in Chinese, period words and title kinds of documents."""

    FILE = "names.json"
    period_phrases: tuple[Pair, ...]
    months: Words
    period_words: Words
    title_kinds: tuple[Pair, ...]
    place_suffixes: Words


class HtmlChrome(File):
    """rag/data/html.json: the site chrome of government portals, dropped when a saved web page is read."""

    FILE = "html.json"
    drop_tags: Words
    chrome_names: Regex
    chrome_words: Words
    chrome_patterns: tuple[Regex, ...]
    chrome_line_max: int


class Radicals(File):
    """rag/data/radicals.json: CJK radical supplement code points -> the unified ideograph."""

    FILE = "radicals.json"
    map: Mapping[Word, Word]


class LibraryWords(File):
    """rag/data/library.json: the words that label a report's years (回顾, 计划) and parts of the year."""

    FILE = "library.json"
    review_words: Words
    plan_words: Words
    part_of_year: Words


class PeriodSpanPattern(_Model):
    """A period phrase pattern and how to read it (rag.ingest.periods)."""

    pattern: Regex
    kind: str = "named"
    label: str = ""


class PeriodWords(File):
    """rag/data/periods.json: period phrases, section words and stance words (rag.ingest.periods)."""

    FILE = "periods.json"
    spans: tuple[PeriodSpanPattern, ...]
    month_in_title: Regex
    named_months: Mapping[str, Word]
    review_words: Words
    plan_words: Words
    progress_title_words: Words
    relative_years: Mapping[Word, int]
    not_the_year_before: Words
    target_strong: Words
    actual_strong: Words
    actual_weak: Words
    vs_target: Regex
    not_the_year_after: Words
    not_a_period_after: Words


class NotesZh(File):
    """rag/data/notes_zh.json: the parser's English notes as the 资料库 page shows them in Chinese."""

    FILE = "notes_zh.json"
    fields: Mapping[Word, Word]
    layouts: Mapping[Word, Word]
    notes: tuple[tuple[Regex, Word], ...]


class TrustWords(File):
    """rag/data/trust.json: what a report never says to its reader (instructions to a person or model)."""

    FILE = "trust.json"
    instructions: tuple[Regex, ...]
