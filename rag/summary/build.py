"""Staff-ready cited summaries of a district / unit / topic: 概况, 主要进展, 滞后事项, 下一步关注.

Extractive and deterministic by default: every sentence is built from the rows it cites (status
reasons from rag/status.py, key clauses from the progress text) and every number in it is checked
with rag.ask.verify.check against those rows; a sentence that fails is dropped (or shortened to its
verified clauses) and the drop is recorded in `Summary.warnings`. 概况 counts are computed from the
cited rows (`Sentence.computed`), not quoted. With the openai backend the 主要进展 section may come
from rag.ask.llm.summarize_map / summarize_reduce, verified the same way, with an extractive fallback.
Rendered by `to_markdown` and `to_docx` (rag/summary_export.py, re-exported here), each with a
来源 appendix listing every cited row."""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from rag.ask.context import CITE_RE
from rag.ask.retrieve import Filters, expand, match_district, match_unit, rows_where
from rag.ask.verify import check
from rag.domain import STATUS_ZH, Row, Status
from rag.errors import ConfigError
from rag.index.build import Index
from rag.ingest.names import period_zh
from rag.settings import Settings
from rag.status.quantities import numbers_in
from rag.status.rules import index_statuses
from rag.summary.export import to_docx, to_markdown

__all__ = ["Sentence", "Summary", "notices", "summarize", "to_docx", "to_markdown"]
SECTIONS = ("概况", "主要进展", "滞后事项", "下一步关注")
MAX_PROGRESS = 12
MAX_CLAUSE = 120
_SENT = re.compile(r"[。；;！？!?\n]+|(?:^|\s)\d{1,2}[.、](?!\d)")
_FOLLOW_UP = ("尚未", "正在", "后续", "下一步", "跟进", "有待", "仍需")  # open work even in a done row
_PLAN = (*_FOLLOW_UP, "预计", "计划", "拟")  # on_track / unknown rows
_TITLE = re.compile(r"《[^》]*》")
_REF_SPLIT = re.compile(r"(?<=[。；;！？!?\n])")
_MARKER = re.compile(r"^\d{1,2}[.、．]\s*(?!\d)")


@dataclass(frozen=True)
class Sentence:
    """One summary sentence and the rows it cites. `computed`: counts derived from the cited rows
    (概况), so its numbers are verified by recounting, not by rag.ask.verify.check."""

    text: str
    rows: tuple[Row, ...]
    computed: bool = False


@dataclass(frozen=True)
class Summary:
    title: str
    scope: str
    sections: tuple[tuple[str, tuple[Sentence, ...]], ...]
    warnings: tuple[str, ...] = ()

    @property
    def notices(self) -> tuple[str, ...]:
        """What a reader needs from `warnings` ("2 处数字无法在原文中核实，已删去"); the details stay in `warnings`."""
        return notices(self.warnings)

    @property
    def citations(self) -> tuple[Row, ...]:
        """Every cited row, in order of first citation, once."""
        return tuple(dict.fromkeys(r for _, sents in self.sections for s in sents for r in s.rows))

    def section(self, name: str) -> tuple[Sentence, ...]:
        return next((s for n, s in self.sections if n == name), ())


def _close(name: str, choices: Sequence[str]) -> str:
    near = [c for c in choices if name and (name in c or c in name)]
    near += [c for c in difflib.get_close_matches(name, choices, n=5, cutoff=0.3) if c not in near]
    return "、".join((near or list(choices))[:5])


def _scope(index: Index, district: str | None, unit: str | None) -> tuple[str | None, str | None]:
    d = match_district(district, index.districts()) if district else None
    if district and d is None:
        raise ConfigError(f"district {district!r} is not in the corpus — choose one of: "
                          f"{_close(district, index.districts())}")
    choices = index.units(d)
    u = next((c for c in (unit, f"区{unit}") if c in choices), None) or match_unit(unit, choices) if unit else None
    if unit and u is None:
        where = f" in {d}" if d else ""
        raise ConfigError(f"unit {unit!r} is not a responsible unit{where} — close choices: {_close(unit, choices)}")
    return d, u


def _topic_terms(topic: str) -> list[str]:
    return [t for t in re.split(r"[\s,，、;；]+", expand(topic)) if t]


def _matches(row: Row, terms: Sequence[str]) -> bool:
    hay = f"{row.task} {row.progress} {row.text}".lower()
    return any(t.lower() in hay for t in terms)


def _sentences(text: str) -> list[str]:  # without list markers ("5. 全力保障…"): they are not figures
    return [_MARKER.sub("", s.strip(" ，,：:")) for s in _SENT.split(text or "") if s and s.strip(" ，,：:")]


def _shorten(text: str, limit: int = MAX_CLAUSE) -> str:
    """Cut at the last comma before `limit` (never inside a number)."""
    if len(text) <= limit:
        return text
    cut = max(text.rfind(c, 0, limit) for c in "，,、")
    return text[:cut] if cut > 10 else text[:limit].rstrip("0123456789.．") + "…"


def _key_clause(text: str) -> tuple[str, int]:
    """The sentence with the most quantities (else the first) and its quantity count."""
    sents = _sentences(text)
    if not sents:
        return "", 0
    scored = [(len(numbers_in(s)), -i, s) for i, s in enumerate(sents)]
    n, neg, best = max(scored)
    if n and best.startswith("其中") and -neg > 0 and len(sents[-neg - 1]) + len(best) < MAX_CLAUSE:
        best = sents[-neg - 1] + "，" + best  # "其中…" needs the sentence it details
    return _shorten(best if n else sents[0]), n


def _task_head(row: Row) -> str:
    sents = _sentences(row.task)
    return _shorten(sents[0], 60) if sents else (row.heading or row.section or row.anchor)


def _group(row: Row) -> str:
    theme = (row.heading or row.section).split(">")[-1].strip()
    theme = re.split(r"[，,：:]", re.sub(r"^[（(]?[一二三四五六七八九十\d]+[)）、.]\s*", "", theme))[0]
    return row.unit or (row.units[0] if row.units else "") or theme[:20] or "综合"


_DROPPED = "不在引用原文中，已删去所在表述"
_UNSOURCED = "已删去无来源的模型表述"
_FALLBACK = "模型摘要不可用，已改用抽取式摘要"
_CLAUSE = re.compile(r"[^，,；;（(]*(?:[（(][^）)]*[）)][^，,；;（(]*)*[，,；;]?")  # "…89%（8.89÷10，系计算），" is one


def notices(warnings: Sequence[str]) -> tuple[str, ...]:
    """The verification warnings as readers need them: how many numbers were removed, how many model
    statements had no source, whether the model was unavailable; anything else as it is."""
    dropped = sum(len(w.split(_DROPPED)[0].rsplit("：数字 ", 1)[-1].split("；")) for w in warnings if _DROPPED in w)
    unsourced = sum(1 for w in warnings if w.startswith(_UNSOURCED))
    out = [f"{dropped} 处数字无法在原文中核实，已删去"] if dropped else []
    out += [f"{unsourced} 处模型表述没有标注来源，已删去"] if unsourced else []
    out += [_FALLBACK] if any(w.startswith(_FALLBACK) for w in warnings) else []
    return (*out, *(w for w in warnings if not (_DROPPED in w or w.startswith((_UNSOURCED, _FALLBACK)))))


def _verified(text: str, rows: tuple[Row, ...], warnings: list[str], fallback: str = "") -> Sentence | None:
    """The sentence if every number is in its rows (or recomputes from them, when marked 系计算); else its
    verified clauses, else `fallback`."""
    bad = check(text, rows)
    if not bad:
        return Sentence(text, rows)
    where = "、".join(f"{r.doc} {r.anchor}" for r in rows[:3])
    nums = "；".join(b.split("：", 1)[-1] for b in bad)
    warnings.append(f"{where}：数字 {nums} {_DROPPED}（{text[:30]}…）")
    parts = [p for p in _CLAUSE.findall(text) if p]
    kept = "".join(p for p in parts if not check(p, rows)).rstrip("，,；;")
    if kept and kept != text and len(kept) >= 6:
        return Sentence(kept + ("" if kept.endswith("。") else "。"), rows)
    return Sentence(fallback, rows) if fallback and not check(fallback, rows) else None


def _overview(rows: list[Row], statuses: dict[str, Status], index: Index) -> list[Sentence]:
    prog = [r for r in rows if r.kind == "progress_row"]
    paras = len(rows) - len(prog)
    out = [Sentence(f"范围内共{len(rows)}条：进展表{len(prog)}项" + (f"、报告段落{paras}段" if paras else "") + "。",
                    tuple(rows), True)]
    if prog:
        c: Counter[str] = Counter(statuses[r.id].status for r in prog)
        parts = [f"{STATUS_ZH[k]}{c[k]}项" for k in STATUS_ZH if c[k]]
        out.append(Sentence("按状态：" + "、".join(parts) + "。", tuple(prog), True))
        units = Counter(u for r in prog for u in (r.units or ("未注明",)))
        top = "、".join(f"{u}{n}项" for u, n in units.most_common(8))
        more = f"等{len(units)}个单位" if len(units) > 8 else ""
        out.append(Sentence(f"按责任单位：{top}{more}。", tuple(prog), True))
    for doc in dict.fromkeys(r.doc for r in rows):
        meta = index.docs.get(doc, {})
        mine = tuple(r for r in rows if r.doc == doc)
        title = meta.get("title") or mine[0].title or doc
        period = period_zh(meta.get("period") or mine[0].period)
        out.append(Sentence(f"来源《{title}》" + (f"（{period}）" if period else "") + f"：{len(mine)}条。", mine, True))
    return out


def _progress(rows: list[Row], statuses: dict[str, Status], warnings: list[str]) -> list[Sentence]:
    picks: list[tuple[int, int, Row, str]] = []
    for i, r in enumerate(rows):
        if r.kind == "progress_row" and statuses[r.id].status not in ("done", "on_track"):
            continue
        clause, n = _key_clause(r.progress if r.kind == "progress_row" else r.text)
        if clause and (n or r.kind == "progress_row"):
            picks.append((n, -i, r, clause))
    picks.sort(key=lambda p: (-p[0], -p[1]))
    picks = picks[:MAX_PROGRESS]
    rank = {g: k for k, g in enumerate(dict.fromkeys(_group(p[2]) for p in picks))}
    picks.sort(key=lambda p: (rank[_group(p[2])], -p[0], -p[1]))
    sents = [_verified(f"{_group(r)}：{clause}。", (r,), warnings) for _, _, r, clause in picks]
    return [x for x in sents if x]


def _behind(rows: list[Row], statuses: dict[str, Status], warnings: list[str]) -> list[Sentence]:
    out = []
    for r in rows:
        st = statuses.get(r.id)
        if st is None or not st.lagging:
            continue
        reason = re.sub(r"（共比对\d+项指标）", "", st.reason)
        head = _task_head(r)
        s = _verified(f"{head}——{st.label_zh}：{reason}。", (r,), warnings,
                      fallback=f"{head}——{st.label_zh}。")
        out.append(s or Sentence(f"{_group(r)}有一项任务{st.label_zh}。", (r,)))
    return out


def _watch(rows: list[Row], statuses: dict[str, Status], warnings: list[str]) -> list[Sentence]:
    out: list[Sentence | None] = []
    for r in rows:
        st = statuses.get(r.id)
        if st is None or st.lagging:
            continue
        words = _PLAN if st.status != "done" else _FOLLOW_UP
        plan = next((s for s in _sentences(r.progress) if any(w in _TITLE.sub("", s) for w in words)), "")
        if st.status == "unknown":
            text = f"关注：{_task_head(r)}——{st.reason}" + (f"；{_shorten(plan, 80)}" if plan else "") + "。"
        elif plan:
            text = f"关注：{_task_head(r)}——{_shorten(plan, 80)}。"
        else:
            continue
        out.append(_verified(text, (r,), warnings, fallback=f"关注：{_task_head(r)}。"))
    return [x for x in out if x]


def _llm_progress(rows: list[Row], settings: Settings, topic: str | None, warnings: list[str]) -> list[Sentence] | None:
    try:
        from rag.ask import llm

        smap, sreduce = llm.summarize_map, llm.summarize_reduce
    except (ImportError, AttributeError):
        return None
    try:
        batch, parts = 20, []
        for start in range(0, len(rows), batch):
            parts.append(smap(rows[start : start + batch], settings, topic or "主要进展", start=start + 1))
        text = sreduce(parts, settings, topic or "主要进展")
        out = []
        for sent in _REF_SPLIT.split(text):
            cited = tuple(dict.fromkeys(rows[n - 1] for n in llm.parse_citations(sent, len(rows))[0]))
            body = CITE_RE.sub("", sent).strip(" -*•\n")
            if len(body) < 4 or body.startswith("#"):
                continue
            if not cited:
                warnings.append(f"{_UNSOURCED}：{body[:60]}")
                continue
            s = _verified(body, cited, warnings)
            if s:
                out.append(s)
        if not out:
            raise ValueError("no verified sentence")
        return out
    except Exception as e:  # any model failure: extractive fallback
        warnings.append(f"{_FALLBACK}（{type(e).__name__}: {str(e)[:80]}）")
        return None


def summarize(index: Index, settings: Settings, district: str | None = None, unit: str | None = None,
              topic: str | None = None, backend: str | None = None, doc: str | None = None) -> Summary:
    """A cited summary of the progress rows (plus report paragraphs when `topic` is given) in scope,
    optionally of one document (`doc`, a file name)."""
    d, u = _scope(index, district, unit)
    topic = (topic or "").strip() or None
    rows = [r for r in rows_where(index, Filters(d, u, doc)) if r.kind == "progress_row" or topic]
    if topic:
        terms = _topic_terms(topic)
        rows = [r for r in rows if _matches(r, terms)]
    all_statuses = index_statuses(index)
    statuses = {r.id: all_statuses[r.id] for r in rows if r.kind == "progress_row"}
    warnings: list[str] = []
    if not rows:
        warnings.append(f"范围内没有匹配的条目（地区：{d or '全部'}；单位：{u or '全部'}；主题：{topic or '无'}）")
    main = None
    if (backend or settings.effective_backend) == "openai" and rows:
        cands = [r for r in rows if r.id not in statuses or statuses[r.id].status in ("done", "on_track")]
        main = _llm_progress(cands, settings, topic, warnings) if cands else None
    sections = (
        ("概况", tuple(_overview(rows, statuses, index))),
        ("主要进展", tuple(main if main is not None else _progress(rows, statuses, warnings))),
        ("滞后事项", tuple(_behind(rows, statuses, warnings))),
        ("下一步关注", tuple(_watch(rows, statuses, warnings))),
    )
    scope = " · ".join(x for x in (d or "全部地区", u or "", f"主题：{topic}" if topic else "", doc or "") if x)
    title = f"{d or ''}{(u[1:] if d and u and u[0] == d[-1] == '区' else u) or ''}{topic or ''}工作进展摘要"
    return Summary(title, scope, sections, tuple(warnings))
