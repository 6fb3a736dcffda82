"""One pydantic model per rag/data/ file: strict, closed (extra="forbid"), frozen; regular expressions must compile."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Annotated, ClassVar

from pydantic import AfterValidator, BaseModel, ConfigDict, StringConstraints


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
    about_demonstratives: str = ""
    demonstratives: Words = ()
    deictic_times: Words = ()  # 那阵子, 那会儿: a demonstrative and a time word point at a time named elsewhere
    about_time_adverbs: str = ""
    time_adverbs: Words = ()  # 原本, 当初: when a target was set, never a subject
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
    colloquial: Mapping[str, str] = {}  # spoken question words -> written (啥 -> 什么), with an "about" note
    about_measure_units: str = ""
    measure_units: Mapping[str, Words] = {}  # a measure's noun -> the units its figures are written in (面积 -> 亩)
    about_measure_names: str = ""
    measure_names: Mapping[str, Words] = {}  # a measure's noun -> its other names in the documents (产量 -> 总产)


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
    results_with_target_words: Words = ()  # 争取到 (obtained): a result, though 争取 opens a target
    # 争取 with a sum of money as its object ("争取增发国债项目资金1221.9亿元"): money obtained, a result; a sum with
    # a bound (争取…100亿元以上) stays a target
    obtained_sum: Regex = "(?!)"
    actual_strong: Words
    actual_weak: Words
    vs_target: Regex
    not_the_year_after: Words
    not_a_period_after: Words
    ends: tuple[PeriodSpanPattern, ...] = ()


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


from rag.lexicons.status_models import (  # noqa: E402  (they build on the bases above)
    DelayNotTask,
    PartWords,
    PeriodPattern,
    StatusQuestion,
    StatusUnits,
    StatusWords,
    TargetMarkers,
)

__all__ = ["DelayNotTask", "File", "PartWords", "PeriodPattern", "StatusQuestion", "StatusUnits", "StatusWords",
           "TargetMarkers"]
