"""Clause windows for the progress-table answerers (rag.ask.tables: who leads a task, one row's status): the
older window scorer, kept for matching a question to a table row. The general answerer is rag.ask.question +
rag.ask.evidence + rag.ask.extractive. Also owns question.json's word lists (words, question_data) and Term."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from rag.ask.retrieve import lexicon
from rag.domain import Row
from rag.index.keyword import words as segment
from rag.status.quantities import numbers_in

_SENT = re.compile(r"[。；;！？!?\n]+")
_COMMA = re.compile(r"[，,]")
_NUM = re.compile(r"\d")
_YEAR = re.compile(r"(20\d\d)年?")
_PARTIAL = re.compile(r"(半年|上半年|1-\d+月|1—\d+月|截至\d+月|截至目前|三季度|前三季度|\d+月底|1至\d+月)")
_FULLYEAR = re.compile(r"(全年|20\d\d年[,，]|年度)")


@lru_cache(maxsize=1)
def question_data() -> dict[str, Any]:
    return json.loads(resources.files("rag").joinpath("data/question.json").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def words() -> dict[str, list[str]]:
    return {k: v for k, v in question_data().items() if isinstance(v, list)}


def has_any(text: str, key: str) -> bool:
    return any(w in text for w in words()[key])


@dataclass(frozen=True)
class Term:
    """An indicator word with its synonyms. `main` is the name the question used: synonyms at least
    as specific count fully; a shorter, more generic one ('就业' for '城镇新增就业') only by half."""

    alts: tuple[str, ...]
    weight: float
    main: str = ""

    def factor(self, text: str) -> float:
        low = text.lower()
        best = 0.0
        for a in self.alts:
            if a.lower() in low:
                best = max(best, 1.0 if not self.main or len(a) >= len(self.main) - 1 else 0.5)
        return best

    def present(self, text: str) -> bool:
        return self.factor(text) > 0


@dataclass
class Query:
    text: str
    terms: list[Term]
    years: list[str]
    numeric: bool
    partial: bool
    wants_target: bool
    compare: bool = False
    full_year: bool = False
    want_kind: str = ""
    want_unit: str = ""
    progress: bool = False
    districts: list[str] = field(default_factory=list)


def terms_of(question: str, drop: list[str]) -> list[Term]:
    """Indicator words of a question: lexicon groups first, then jieba words that remain. Period
    expressions (1-8月, 上半年, 三季度) and years are not indicator words."""
    q = _YEAR.sub(" ", _PARTIAL.sub(" ", question))
    for d in sorted(drop, key=len, reverse=True):
        if d:
            q = q.replace(d, " ")
    out: list[Term] = []
    for group in lexicon():
        hit = next((t for t in sorted(group, key=len, reverse=True) if t.lower() in q.lower()), None)
        if hit:
            out.append(Term(tuple(group), 1.0, hit))
            q = re.sub(re.escape(hit), " ", q, flags=re.I)
    stop = set(words()["stopwords"])
    soft = set(words()["soft_terms"])
    for tok in segment(q):
        tok = tok.strip()
        if not tok or tok in stop or re.fullmatch(r"[\W_]+", tok) or _YEAR.fullmatch(tok):
            continue
        if len(tok) == 1 and not tok.isdigit():
            continue
        weight = 0.4 if tok in soft else 0.6 if tok.isdigit() else 1.0
        out.append(Term((tok,), weight))
    seen: set[tuple[str, ...]] = set()
    uniq = []
    for t in out:
        if t.alts not in seen:
            seen.add(t.alts)
            uniq.append(t)
    return uniq


_MEASURE = re.compile(r"多少\s*([个家所项人套条座场名宗件块亩元吨支辆])")


def expected_kind(question: str) -> tuple[str, str]:
    """What kind of number the question asks for: growth | ratio | level/count (with measure word)."""
    m = _MEASURE.search(question)
    if any(w in question for w in words()["growth_question"]):
        return "growth", ""
    if any(w in question for w in words()["ratio_question"]):
        return "ratio", ""
    if any(w in question for w in words()["level_question"]):
        return "level", ""
    return ("count", m.group(1)) if m else ("", "")


def analyze(question: str, districts: list[str], drop: list[str]) -> Query:
    years = sorted(set(_YEAR.findall(question)))
    want_kind, want_unit = expected_kind(question)
    return Query(
        text=question,
        terms=terms_of(question, drop),
        years=years,
        numeric=has_any(question, "numeric"),
        partial=bool(_PARTIAL.search(question)) or "半年" in question or "三季度" in question,
        wants_target=has_any(question, "target_question") and not has_any(question, "compare_question"),
        compare=has_any(question, "compare_question"),
        full_year="全年" in question and not has_any(question, "compare_question"),
        want_kind=want_kind,
        want_unit=want_unit,
        progress=has_any(question, "progress_question"),
        districts=districts,
    )


@dataclass(frozen=True)
class Pick:
    row: Row
    text: str
    score: float
    coverage: float
    in_task: bool = False

    @property
    def period_class(self) -> str:
        if self.in_task:
            return "target"
        return "partial" if partial_doc(self.row) or _PARTIAL.search(self.text) else "full"


def _windows(text: str) -> list[str]:
    out: list[str] = []
    for sent in _SENT.split(text):
        parts = [p.strip() for p in _COMMA.split(sent) if p.strip()]
        for i in range(len(parts)):
            out.append(parts[i])
            if i + 1 < len(parts):
                out.append(parts[i] + "，" + parts[i + 1])
    return out


def year_ok(q: Query, row: Row) -> bool:
    """The row can speak for the asked year: the year appears in it, its title or period, and the
    paragraph's own heading is not about another year (a 2024 plan section for a 2023 question)."""
    if not q.years:
        return True
    heading_years = set(_YEAR.findall(row.section))
    if heading_years and not heading_years & set(q.years):
        return False
    hay = row.text + row.title + row.period
    return all(y in hay for y in q.years)


def partial_doc(row: Row) -> bool:
    """A report whose figures cover part of the year (H1, Q3, 1-8月…)."""
    return bool(re.search(r"(H1|Q[1-3]|半年|季度|1-\d+月)", row.period + row.title))


def has_quantity(text: str) -> bool:
    return bool(numbers_in(text))


def score_window(q: Query, row: Row, window: str, in_task: bool, rank: int) -> tuple[float, float]:
    total = sum(t.weight for t in q.terms) or 1.0
    context = row.task if row.kind == "progress_row" else ""
    got = 0.0
    hard_in_window = False
    for t in q.terms:
        f = t.factor(window)
        if f:
            got += t.weight * f
            hard_in_window |= t.weight >= 1.0 and f >= 1.0
        elif context and t.present(context):
            got += 0.5 * t.weight * t.factor(context)
    if not hard_in_window and any(t.weight >= 1.0 for t in q.terms):
        got *= 0.6  # the window must itself name the indicator, not only its row's task
    own = sum(t.weight * t.factor(window) for t in q.terms if t.weight >= 1.0)
    hard = sum(t.weight for t in q.terms if t.weight >= 1.0)
    if hard and own / hard < 0.5:
        got *= 0.8  # most of what was asked about is only in the row's task, not in this clause
    other_years = set(_YEAR.findall(window)) - set(q.years)
    if q.years and other_years and not set(_YEAR.findall(window)) & set(q.years):
        got *= 0.7  # a clause about another year (a 2024 target in a 2023 question)
    coverage = got / total
    score = coverage
    if q.numeric:
        found = numbers_in(window)
        score += 0.2 if found else -0.3
        if found and q.want_kind:
            kinds = {f.kind for f in found}
            units = {f.unit for f in found}
            hit = (q.want_kind in kinds) if q.want_kind != "count" else (q.want_unit in units or "count" in kinds)
            score += 0.12 if hit else -0.08
    if row.kind == "progress_row":
        score += 0.08 if (in_task == q.wants_target) else -0.05
        if q.progress and not in_task:
            score += 0.06  # "开工了没": what the progress table reports beats a plan paragraph
    if not q.partial and (_PARTIAL.search(window) or (partial_doc(row) and not _FULLYEAR.search(window))):
        score -= 0.12
    if q.partial and _PARTIAL.search(window + row.period):
        score += 0.08
    if not q.partial and _FULLYEAR.search(window):
        score += 0.04
    score += 0.06 / (1 + rank)
    score -= len(window) / 4000
    return score, coverage


def best_windows(q: Query, rows: list[Row], limit: int = 3, per_class: bool = False) -> list[Pick]:
    """The best clause window of each row (of each row and period class when `per_class`)."""
    picks: list[Pick] = []
    for rank, row in enumerate(rows):
        if not year_ok(q, row):
            continue
        cands: list[tuple[str, bool]] = []
        if row.kind == "progress_row":
            cands += [(w, True) for w in _windows(row.task)]
            cands += [(w, False) for w in _windows(row.progress)]
        else:
            cands += [(w, False) for w in _windows(row.text)]
        best: dict[str, Pick] = {}
        for w, in_task in cands:
            if in_task and q.numeric and not (q.wants_target or q.compare):
                continue  # a target is not a result
            s, cov = score_window(q, row, w, in_task, rank)
            p = Pick(row, w, s, cov, in_task)
            key = p.period_class if per_class else ""
            if key not in best or s > best[key].score:
                best[key] = p
        picks.extend(best.values())
    picks.sort(key=lambda p: -p.score)
    return picks[:limit]


def answerable(q: Query, pick: Pick | None, min_coverage: float = 0.6) -> bool:
    if pick is None or pick.coverage < min_coverage:
        return False
    if q.numeric and not has_quantity(pick.text):
        return False
    # "全年…多少" answered only from a full-year figure
    return not (q.full_year and partial_doc(pick.row) and not _FULLYEAR.search(pick.text))
