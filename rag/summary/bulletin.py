"""Owns the 督查通报 draft: a supervision bulletin for one district's progress tables, built from the
status labels (rag.status.schedule / rag.status.rules), in the shape staff write by hand.

一、总体情况: counts and computed shares (the four classes add up to the total) and the 序时进度 rule used;
二、未达到序时进度的任务, grouped by lead unit: target, progress, the gap in percentage points where both
are numbers ("滞后序时进度5.7个百分点"), else "进展缓慢", with the table's own words and the citation
(file + 序号); 三、已提前完成的任务; 四、无法判断的任务 (what data to chase); 附件: every row. The 总体评价
paragraph is assembled from the counts; with a model configured it may be written by the model and is kept
only when every number in it is in the bulletin (rag.summary.bulletin_llm). Rendered by
rag.summary.bulletin_export (Markdown pipe tables, Word tables)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from rag.domain import LAGGING, Row, Status
from rag.errors import DataDirError
from rag.index.build import Index, parse_corpus
from rag.ingest.corpus import read_corpus
from rag.ingest.names import short_name
from rag.settings import Settings
from rag.status.match import find_targets
from rag.status.quantities import to_halfwidth
from rag.status.schedule import Gap, TableStatuses, district_tables, gap_of, period_label

__all__ = ["CLASSES", "Bulletin", "Item", "build_bulletin", "index_or_rows", "offline_evaluation"]

CLASSES = ("done", "on_track", "partial", "behind", "unknown")  # disjoint: their counts add up to the total
MAX_WORDS = 90  # characters of the table's own words quoted per item
MAX_TASK = 40  # characters of the task shown as an item's name
TOP_UNITS = 3  # lead units named in the overview and the 总体评价
GOOD_SHARE, FAIR_SHARE = 80.0, 60.0  # % on schedule for "总体进展顺利" / "总体推进平稳" (else "整体进度偏慢")
_SENT = re.compile(r"[^。；;！？!?]+[。；;！？!?]?")


@dataclass(frozen=True)
class Item:
    """One listed row: its status, lead unit, short task name, target / progress as written, the table's
    own words (or, for unknown rows, the data to chase) and, for behind rows, the gap."""

    status: Status
    unit: str
    task: str
    target: str = ""
    progress: str = ""
    words: str = ""
    gap: Gap | None = None

    @property
    def row(self) -> Row:
        return self.status.row

    @property
    def citation(self) -> str:
        """"余杭2023全年 · 序号15": the document's short name, never its hash file name."""
        r = self.row
        return f"{short_name(r.district, r.title, r.period, r.doc)} · {r.anchor}"


@dataclass(frozen=True)
class Bulletin:
    district: str
    tables: tuple[TableStatuses, ...]
    items: tuple[Item, ...]  # every row, in table order (the 附件)
    evaluation: str
    evaluation_by_model: bool = False
    warnings: tuple[str, ...] = ()

    @property
    def year(self) -> str:
        m = re.search(r"20\d{2}", " ".join(t.title for t in self.tables))
        return f"{m.group(0)}年" if m else ""

    @property
    def title(self) -> str:
        return f"关于{self.district}{self.year}《政府工作报告》目标任务进展情况的通报（初稿）"

    @property
    def full_year(self) -> bool:
        return all(t.schedule.fraction >= 1 for t in self.tables)

    @property
    def class_names(self) -> dict[str, str]:
        return {"done": "已完成" if self.full_year else "已提前完成", "on_track": "按序时推进",
                "partial": "部分滞后", "behind": "未达到序时进度", "unknown": "无法判断"}

    @property
    def sections(self) -> tuple[str, ...]:
        return ("一、总体情况", "二、未达到序时进度的任务", f"三、{self.class_names['done']}的任务",
                "四、无法判断的任务", "附件：逐项进展情况表")

    @property
    def total(self) -> int:
        return len(self.items)

    @property
    def counts(self) -> dict[str, int]:
        c: Counter[str] = Counter(i.status.status for i in self.items)
        return {k: c[k] for k in CLASSES}

    def share(self, *classes: str) -> float:
        """Share of the total in percent, one decimal, computed from the counts."""
        return round(100 * sum(self.counts[k] for k in classes) / self.total, 1) if self.total else 0.0

    def listed(self, *statuses: str) -> tuple[Item, ...]:
        return tuple(i for i in self.items if i.status.status in statuses)

    @property
    def rule(self) -> str:
        if len(self.tables) == 1:
            return self.tables[0].schedule.rule
        return "；".join(f"《{t.title}》{t.schedule.rule}" for t in self.tables)

    def by_unit(self, *statuses: str) -> list[tuple[str, tuple[Item, ...]]]:
        """Items of the statuses (default: 滞后 and 部分滞后) grouped by lead unit, most items first."""
        groups: dict[str, list[Item]] = {}
        for i in self.listed(*(statuses or LAGGING)):
            groups.setdefault(i.unit, []).append(i)
        return sorted(((u, tuple(v)) for u, v in groups.items()), key=lambda g: -len(g[1]))

    def overview(self) -> list[str]:
        """The 一、总体情况 sentences; every count and share computed here."""
        c, quant = self.counts, sum(1 for i in self.items if i.status.comparison)
        src = "；".join(f"《{t.title}》" for t in self.tables)
        basis = "；".join(f"期间取自{t.schedule.source}" for t in self.tables)
        out = [f"本次对{src}所列{self.total}项重点工作任务逐项进行了梳理，其中有可比数字的量化指标{quant}项、"
               f"其他工作任务{self.total - quant}项。{self.rule}（{basis}）。",
               f"达到序时进度的{c['done'] + c['on_track']}项，占{self.share('done', 'on_track'):.1f}%，其中"
               f"{self.class_names['done']}{c['done']}项，占{self.share('done'):.1f}%；未达到序时进度的{c['behind']}项，"
               f"占{self.share('behind'):.1f}%；部分分目标未达到序时进度（部分滞后）的{c['partial']}项，"
               f"占{self.share('partial'):.1f}%；因缺少可比数据无法判断的{c['unknown']}项，占{self.share('unknown'):.1f}%。"]
        groups = self.by_unit()
        if groups:
            top = "、".join(f"{u}{len(v)}项" for u, v in groups[:TOP_UNITS])
            out.append(f"未达到或部分未达到序时进度的任务涉及{len(groups)}个牵头单位，其中{top}" +
                       ("等。" if len(groups) > TOP_UNITS else "。"))
        return out

    def overview_table(self) -> list[tuple[str, int, str]]:
        names = self.class_names
        rows = [(names[k], self.counts[k], f"{self.share(k):.1f}%") for k in CLASSES]
        return [*rows, ("合计", self.total, "100.0%" if self.total else "0.0%")]


# ---------------------------------------------------------------- items


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split()).strip(" ，,；;")
    return text if len(text) <= limit else text[:limit].rstrip("0123456789.．，,") + "…"


def lead_unit(row: Row) -> str:
    return (row.units[0] if row.units else "") or row.unit or "未注明单位"


def task_name(row: Row) -> str:
    first = next((s for s in _SENT.findall(row.task or row.text) if s.strip(" 。；;")), row.anchor)
    return _clip(re.sub(r"^\s*\d{1,2}[.、]\s*", "", first).rstrip("。；;"), MAX_TASK)


def _around(text: str, start: int, end: int, limit: int) -> str:
    """The clauses of `text` around [start, end), as many as fit in `limit` characters."""
    cuts = [0] + [m.end() for m in re.finditer(r"[，,：:]", text)] + [len(text)]
    a = max(c for c in cuts if c <= start)
    b = min(c for c in cuts if c >= end)
    while True:
        left = max((c for c in cuts if c < a), default=None)
        right = min((c for c in cuts if c > b), default=None)
        if right is not None and right - a <= limit:
            b = right
        elif left is not None and b - left <= limit:
            a = left
        else:
            return _clip(text[a:b], limit)


def table_words(st: Status, limit: int = MAX_WORDS) -> str:
    """The clauses of the progress text around the compared figure or the quoted word, else its first
    sentence: the table's own words."""
    text = " ".join((st.row.progress or "").split())
    half = to_halfwidth(text)  # same length: positions carry over to the table's own characters
    spans = [(m.start(), m.end()) for m in _SENT.finditer(half) if m.group(0).strip()]
    keys = ([st.progress.raw] if st.progress else []) + re.findall(r"“([^”]+)”", st.reason)
    for key in filter(None, keys):
        m = re.search(r"(?<![\d.])" + re.escape(key), half)
        if m:
            a, b = next((a, b) for a, b in spans if a <= m.start() < b)
            return _around(text[a:b], m.start() - a, min(m.end(), b) - a, limit)
    return _clip(text[spans[0][0] : spans[0][1]], limit) if spans else ""


def _progress_value(st: Status) -> str:
    p = st.progress
    if p is None:
        return ""
    return (("增长" if p.value >= 0 else "下降") + p.raw.lstrip("-")) if p.kind == "growth" else p.raw


def _missing(st: Status) -> str:
    """What to chase for an unknown row: the rule's reason plus the target figures with no progress figure."""
    figures = list(dict.fromkeys(t.m.q.raw for t in find_targets(st.row.task)))[:4]
    need = f"；待补报目标{'、'.join(figures)}对应的进展数据" if figures else "；待补报具体进展及数据"
    return st.reason + need


def make_item(st: Status) -> Item:
    base = Item(st, lead_unit(st.row), task_name(st.row))
    if st.status in LAGGING:
        target = st.target.raw if st.target else ("年度任务" if st.progress is not None else "")
        return replace(base, target=target, progress=_progress_value(st), words=table_words(st), gap=gap_of(st))
    if st.status == "unknown":
        return replace(base, words=_missing(st))
    return replace(base, progress=_progress_value(st), words=table_words(st))


def item_line(item: Item, schedule: float) -> str:
    """One 二、 item as prose: target, progress, gap (and the period its figures cover, when not the table's)."""
    g, st = item.gap, item.status
    said = f"表中称：“{item.words.replace('“', '‘').replace('”', '’')}”（{item.citation}）"
    if st.status == "partial":  # the parts compared, each with its arithmetic
        return f"{item.task}。部分滞后：{st.reason}。{said}"
    if g is None or g.kind == "slow":
        return f"{item.task}。进展缓慢：{st.reason}。{said}"
    own = f"（该项为{period_label(g.elapsed)}数据，序时进度{g.elapsed * 100:.1f}%）" \
        if g.kind == "schedule" and abs(g.elapsed - schedule) > 1e-9 else ""
    return f"{item.task}。目标：{item.target}；进展：{item.progress}；{g.text}{own}。{said}"


# ---------------------------------------------------------------- the bulletin


def offline_evaluation(b: Bulletin) -> str:
    """The 总体评价 paragraph from the counts alone."""
    c, on = b.counts, b.share("done", "on_track")
    tone = "总体进展顺利" if on >= GOOD_SHARE else "总体推进平稳" if on >= FAIR_SHARE else "整体进度偏慢"
    text = f"总体评价：{b.district}{b.total}项任务中，{c['done'] + c['on_track']}项达到序时进度，占{on:.1f}%，{tone}"
    groups = b.by_unit()
    if groups:
        top = "、".join(f"{u}（{len(v)}项）" for u, v in groups[:TOP_UNITS])
        lag = f"{c['behind']}项未达到序时进度" + (f"、{c['partial']}项部分滞后" if c["partial"] else "")
        text += f"；{lag}，主要涉及{top}等单位，需加快推进"
    if c["unknown"]:
        text += f"；{c['unknown']}项缺少可比数据，请相关单位补报进展"
    return text + "。"


def build_bulletin(index: Index | Sequence[Row], settings: Settings, district: str | None = None, period: str | None = None,
                   as_of: date | None = None, backend: str | None = None, model: object = None) -> Bulletin:
    """The bulletin of one district's progress tables (from a loaded index, or parsed rows when there is
    none); `period` ("1-8月") or `as_of` override 序时进度.
    With the openai backend the 总体评价 may come from the model, verified (rag.summary.bulletin_llm)."""
    tables = district_tables(index, district, period=period, as_of=as_of)
    items = tuple(make_item(st) for t in tables for st in t.statuses)
    name = items[0].row.district if items else (district or "")
    draft = Bulletin(name, tuple(tables), items, "")
    b = replace(draft, evaluation=offline_evaluation(draft))
    if (backend or settings.effective_backend) == "openai":
        from rag.summary.bulletin_llm import model_evaluation

        text, warnings = model_evaluation(b, settings, model=model)
        b = replace(b, evaluation=text or b.evaluation, evaluation_by_model=bool(text), warnings=tuple(warnings))
    return b


def index_or_rows(settings: Settings) -> tuple[Index | list[Row], list[str]]:
    """The published index; without one (a fresh clone), the corpus parsed directly (no embeddings
    needed), with a note saying so and naming any file that could not be read."""
    try:
        return Index(settings), []
    except DataDirError:
        docs, problems = read_corpus(settings.corpus_dir, settings.max_bytes)
        notes = [f"no index in {settings.data_dir}; read {settings.corpus_dir} directly"]
        return parse_corpus(docs)[0], notes + [f"skipped {p}" for p in problems]


def schedule_of(b: Bulletin, item: Item) -> float:
    return next(t.schedule.fraction for t in b.tables if t.doc == item.row.doc)


def lines_for(b: Bulletin, items: Sequence[Item]) -> list[str]:
    """Item lines of 三 / 四 (reason or data to chase, then the citation)."""
    return [f"{i.task}：{i.words if i.status.status == 'unknown' else i.status.reason}（{i.citation}）" for i in items]
