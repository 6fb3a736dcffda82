"""A long status list in chat ("哪些目标滞后？", 48 rows over three districts) as a reader wants it (issue Q, item 8):
grouped by district, numbered 1..N in one run, each unit named with its district (余杭区商务局, not 区商务局), the
序号 and document on every line (two rows of the same task stay apart), extracts cut at clause boundaries and never
started mid-word; the citation chips follow the same numbering."""

from __future__ import annotations

import re

from rag.domain import Answer, Citation, Row
from rag.index.build import Index
from rag.status.rules import index_statuses
from rag.summary.export import md_escape

MIN_ITEMS = 4  # shorter lists read fine as the answerer wrote them
TASK_CHARS = 40
REASON_CHARS = 90
_STOPS = "，,；;。！？!?、"
_BOUNDARY = set(_STOPS + " \n\t“”\"（）()：:.．")


def clip(text: str, limit: int) -> str:
    """`text` up to `limit` characters, cut after the last clause mark (，；。、) inside the limit, else at the limit."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    head = text[:limit]
    cut = max(head.rfind(ch) for ch in _STOPS)
    return (head[:cut] if cut >= limit // 3 else head).rstrip(_STOPS) + "…"


def whole_start(extract: str, source: str) -> str:
    """An extract whose first clause begins inside a word of `source` ("兴产业增加值…" from "战略性新兴产业增加值…")
    extended back to the start of that clause."""
    first = re.split(f"[{_STOPS}]", extract, maxsplit=1)[0]
    probe = first[: min(len(first), 6)]
    flat = " ".join(source.split())
    at = flat.find(probe) if len(probe) >= 4 else -1
    if at <= 0 or flat[at - 1] in _BOUNDARY:
        return extract
    start = at
    while start > 0 and flat[start - 1] not in _BOUNDARY and at - start < 30:
        start -= 1
    return flat[start:at] + extract


def unit_name(row: Row) -> str:
    """The lead unit with its district: 区商务局 of 余杭区 -> 余杭区商务局; other names as written."""
    units = row.unit or "（未写牵头单位）"
    if row.district and units.startswith("区"):
        return row.district + units[1:]
    return units


def _line(n: int, row: Row, reason: str, name: str) -> str:
    reason = clip(whole_start(reason, row.progress), REASON_CHARS)
    text = f"{unit_name(row)}：{clip(row.task, TASK_CHARS)}——{reason}〔{name} · {row.anchor}〕"
    return f"{n}. {md_escape(text)}"


def grouped(index: Index, a: Answer, names: dict[str, str]) -> tuple[str, tuple[Citation, ...]] | None:
    """(Markdown of the list grouped by district, the citations in its numbering) for a status list of progress
    rows; None for any other answer."""
    if a.route != "status" or len(a.citations) < MIN_ITEMS:
        return None
    statuses = index_statuses(index)
    groups: dict[str, list[tuple[Citation, Row]]] = {}
    for c in a.citations:
        row = index.by_id.get(c.id)
        if row is None or row.kind != "progress_row" or c.id not in statuses:
            return None
        groups.setdefault(row.district or "未标明区", []).append((c, row))
    head = a.text.splitlines()[0] if a.text else ""
    head = re.sub(r"（按牵头单位）", "", head).rstrip("：:")
    out, order = [md_escape(f"{head}（按区分组）：") if head else ""], []
    for district, items in groups.items():
        out.append(f"\n**{md_escape(district)}**（{len(items)}项）\n")
        for c, row in items:
            order.append(c)
            out.append(_line(len(order), row, statuses[c.id].reason, names.get(row.doc, row.doc)))
    return "\n".join(out), tuple(order)
