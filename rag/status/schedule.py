"""Owns 序时进度: the share of the year a progress table is judged against, the gap of a row behind it in
percentage points, and the count of a district's rows behind schedule (for the 督查通报 and for chat).

A table's schedule comes from its title ("三季度进展情况表"), else the manifest's period, else the period
most of its progress texts name ("1-8月"), else the full year; `--period` or `--as-of` override it. Rows are
judged by rag.status.rules.assess with that schedule (the memoised labels when it is the one they used), so
counts here always equal the status labels. This module sits in the status stage so both rag.ask (chat) and
rag.summary (the bulletin) can use it."""

from __future__ import annotations

import calendar
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from rag.domain import Row, Status
from rag.errors import ConfigError
from rag.index.build import Index
from rag.ingest.names import period_zh
from rag.status.match import period_spans
from rag.status.quantities import to_halfwidth
from rag.status.rules import assess, elapsed_fraction, index_statuses

__all__ = [
    "BehindSummary", "Gap", "Schedule", "TableStatuses", "behind_schedule_summary", "district_tables",
    "document_schedule", "gap_of", "period_label", "resolve_district", "schedule_as_of", "schedule_from_text",
]

MONTHS = 12
MIN_CONTENT_MENTIONS = 3  # progress texts that must name one period before it speaks for a table with none
_NAMED = {3: "一季度", 6: "上半年", 9: "前三季度", 12: "全年"}
_YEAR = re.compile(r"(20\d{2})(?!\d)")
DEFAULT_SCHEDULE = "表中未注明期间，按全年计"  # the source of the schedule used when nothing names one
PERIOD_EXAMPLES = "1-8月、上半年、一季度、前三季度、1-11月、全年"


def period_label(fraction: float) -> str:
    """"1-8月" for 8/12, "上半年" for 1/2, "前三季度" for 3/4, "全年" for 1; else a percentage."""
    months = fraction * MONTHS
    if abs(months - round(months)) > 1e-6 or not 1 <= round(months) <= MONTHS:
        return f"全年的{fraction * 100:.1f}%"
    n = round(months)
    return _NAMED.get(n, f"1-{n}月")


@dataclass(frozen=True)
class Schedule:
    """The elapsed share of the year, how it reads (label) and where it was found (source)."""

    fraction: float
    label: str
    source: str

    @property
    def percent(self) -> float:
        return round(self.fraction * 100, 1)

    @property
    def rule(self) -> str:
        """"以1-8月计，序时进度为66.7%"."""
        return f"以{self.label}计，序时进度为{self.percent:.1f}%"


def schedule_from_text(text: str, source: str) -> Schedule | None:
    """The schedule the first period phrase of `text` names ("1-8月", "半年度", "Q3"), or None."""
    found = period_spans(to_halfwidth(text or ""))
    return Schedule(found[0][2], period_label(found[0][2]), source) if found else None


def schedule_as_of(day: date, report_year: int | None = None) -> Schedule:
    """The share of `day`'s year gone by the end of that day, in months (8月31日 -> 8/12); a day after the
    report's year is the whole year, a day before it none of it."""
    label = f"截至{day.year}年{day.month}月{day.day}日"
    if report_year and day.year != report_year:
        return Schedule(1.0 if day.year > report_year else 0.0, label, f"指定日期{day.isoformat()}（报告年度{report_year}年）")
    days = calendar.monthrange(day.year, day.month)[1]
    return Schedule((day.month - 1 + day.day / days) / MONTHS, label, f"指定日期{day.isoformat()}")


def report_year(rows: Sequence[Row]) -> int | None:
    """The year the table reports on, from its title ("2023年…进展情况表"), else from the manifest period."""
    for text in (rows[0].title, rows[0].period) if rows else ():
        m = _YEAR.search(to_halfwidth(text or ""))
        if m:
            return int(m.group(1))
    return None


def document_schedule(rows: Sequence[Row]) -> Schedule:
    """One table's schedule: its title, else the manifest period, else the period most progress texts name
    (at least MIN_CONTENT_MENTIONS of them), else the full year. The source names the manifest period in
    Chinese ("2023 full year" -> "2023年全年"): it is shown on the page and in bulletins."""
    first = rows[0] if rows else None
    if first is not None:
        found = schedule_from_text(first.title, f"标题“{first.title}”") or \
            schedule_from_text(first.period, f"文档清单期间“{period_zh(first.period)}”")
        if found:
            return found
    named = Counter(spans[0][2] for r in rows if (spans := period_spans(to_halfwidth(r.progress))))
    if named:
        frac, n = named.most_common(1)[0]
        if n >= MIN_CONTENT_MENTIONS:
            return Schedule(frac, period_label(frac), f"进展情况中{n}项注明{period_label(frac)}")
    return Schedule(1.0, "全年", DEFAULT_SCHEDULE)


# ---------------------------------------------------------------- statuses under a schedule


@dataclass(frozen=True)
class TableStatuses:
    """One progress table (document) of a district: its schedule and the status of every row."""

    doc: str
    title: str
    schedule: Schedule
    statuses: tuple[Status, ...]


def resolve_district(name: str | None, districts: Sequence[str]) -> str:
    """'钱塘' / '钱塘区' -> '钱塘区'; None is fine when only one district has a table."""
    if not districts:
        raise ConfigError("no progress table is indexed — add one to the corpus and run `rag ingest`")
    if not name:
        if len(districts) == 1:
            return districts[0]
        raise ConfigError(f"several districts have progress tables — pass a district: {'、'.join(districts)}")
    bare = name.strip().removesuffix("区")
    for d in sorted(districts, key=len, reverse=True):
        if name.strip() == d or (bare and (d.removesuffix("区") == bare or d in name)):
            return d
    raise ConfigError(f"district {name!r} has no progress table — choose one of: {'、'.join(districts)}")


def table_districts(source: Index | Sequence[Row]) -> list[str]:
    """Districts with at least one progress-table row."""
    rows = source.rows if isinstance(source, Index) else source
    return sorted({r.district for r in rows if r.kind == "progress_row" and r.district})


def district_tables(source: Index | Sequence[Row], district: str | None, period: str | None = None,
                    as_of: date | None = None) -> list[TableStatuses]:
    """Every progress table of the district with its rows' statuses, judged against the table's schedule,
    or the one `period` ("1-8月") or `as_of` names. `source`: a loaded index (whose memoised labels are
    reused where the schedule is the one they used) or parsed rows (no index needed)."""
    if period and as_of:
        raise ConfigError("give --period or --as-of, not both")
    forced = schedule_from_text(period, f"指定期间“{period}”") if period else None
    if period and forced is None:
        raise ConfigError(f"period {period!r} names no period — use e.g. {PERIOD_EXAMPLES}")
    all_rows = source.rows if isinstance(source, Index) else source
    d = resolve_district(district, table_districts(all_rows))
    memo = index_statuses(source) if isinstance(source, Index) else {}
    out = []
    for doc in dict.fromkeys(r.doc for r in all_rows if r.district == d and r.kind == "progress_row"):
        rows = [r for r in all_rows if r.doc == doc and r.kind == "progress_row"]
        sched = schedule_as_of(as_of, report_year(rows)) if as_of else forced or document_schedule(rows)
        sts = tuple(memo[r.id] if abs(elapsed_fraction(r.period) - sched.fraction) < 1e-9 and r.id in memo
                    else assess(r, sched.fraction) for r in rows)
        out.append(TableStatuses(doc, rows[0].title or doc, sched, sts))
    return out


# ---------------------------------------------------------------- gaps


@dataclass(frozen=True)
class Gap:
    """How far a behind row is. kind: schedule (an amount or share of the work against 序时进度), rate (a
    growth or ratio below its target), limit (above a cap), slow (no two comparable numbers)."""

    kind: str
    points: float | None = None  # percentage points, one decimal
    share: float | None = None  # completion share in percent (kind schedule)
    elapsed: float = 1.0  # the schedule this row's figures were judged against

    @property
    def text(self) -> str:
        if self.kind == "schedule":
            return f"完成{self.share:.1f}%，滞后序时进度{self.points:.1f}个百分点"
        if self.kind == "rate":
            return f"低于目标{self.points:.1f}个百分点"
        if self.kind == "limit":
            return f"高于目标上限{self.points:.1f}个百分点"
        return "进展缓慢"


def gap_of(st: Status) -> Gap:
    """The gap of a behind row, from the numbers its status compared (rag.status.rules writes
    "a / b = x%，时间进度y%" for amounts, "q vs 时间进度y%" for shares of work, "a < b" / "a > b" for rates)."""
    t, p, c, e = st.target, st.progress, st.comparison, st.elapsed
    if t is not None and p is not None and " = " in c and "时间进度" in c and t.value:
        share = p.value / t.value * 100
        return Gap("schedule", round(e * 100 - share, 1), round(share, 1), e)
    if t is None and p is not None and " vs 时间进度" in c:
        return Gap("schedule", round(e * 100 - p.value, 1), round(p.value, 1), e)
    if t is not None and p is not None and t.unit == p.unit == "%":
        if " < " in c:
            return Gap("rate", round(t.value - p.value, 1), None, e)
        if " > " in c:
            return Gap("limit", round(p.value - t.value, 1), None, e)
    return Gap("slow", None, None, e)


# ---------------------------------------------------------------- for chat


@dataclass(frozen=True)
class BehindSummary:
    """"钱塘有多少项目标滞后序时进度？占比多少？": count of rows behind, of total, share in percent (one
    decimal), the behind statuses (cite their rows) and the schedules used."""

    district: str
    count: int
    total: int
    share: float
    statuses: tuple[Status, ...]
    schedules: tuple[Schedule, ...]
    partial: tuple[Status, ...] = ()  # 部分滞后: some parts short, others met (not in `count`)

    @property
    def sentence(self) -> str:
        rule = "；".join(dict.fromkeys(s.rule for s in self.schedules))
        more = f"另有{len(self.partial)}项部分分目标未达到（部分滞后）。" if self.partial else ""
        return (f"{self.district}进展表共{self.total}项目标任务，{rule}，未达到序时进度的{self.count}项，"
                f"占{self.share:.1f}%。{more}")


def behind_schedule_summary(index: Index, district: str | None, period: str | None = None,
                            as_of: date | None = None) -> BehindSummary:
    """Rows behind schedule in a district's progress tables, with the total and the share (the same
    statuses and schedule the bulletin uses)."""
    tables = district_tables(index, district, period, as_of)
    sts = [s for t in tables for s in t.statuses]
    behind = tuple(s for s in sts if s.status == "behind")
    share = round(100 * len(behind) / len(sts), 1) if sts else 0.0
    name = tables[0].statuses[0].row.district if tables and tables[0].statuses else (district or "")
    partial = tuple(s for s in sts if s.status == "partial")
    return BehindSummary(name, len(behind), len(sts), share, behind, tuple(t.schedule for t in tables), partial)
