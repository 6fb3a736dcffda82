"""Chunking: a table row is one chunk unless it is over the token budget (counted with real
tiktoken); long rows and paragraphs split at sentence boundaries (。；) into pieces that each keep
the row's header, so every chunk stays citable to its row."""

from __future__ import annotations

import re
from typing import Any

from rag.domain import Chunk, Row, content_hash
from rag.index import tokens

_SENT = re.compile(r"(?<=[。；;！？!?])")


def _sentences(text: str) -> list[str]:
    return [s for s in _SENT.split(text) if s.strip()]


def _pack(header: str, body: str, budget: int) -> list[str]:
    head_cost = tokens.count(header) if header else 0
    room = max(budget - head_cost, 32)
    pieces: list[str] = []
    cur = ""
    for s in _sentences(body):
        if tokens.count(s) > room:  # one enormous sentence: hard-cut by tokens
            if cur:
                pieces.append(cur)
                cur = ""
            rest = s
            while rest:
                lo, hi = 1, len(rest)  # the longest prefix (whole characters) within the budget
                while lo < hi:
                    mid = (lo + hi + 1) // 2
                    lo, hi = (mid, hi) if tokens.count(rest[:mid]) <= room else (lo, mid - 1)
                pieces.append(rest[:lo])
                rest = rest[lo:]
            continue
        if cur and tokens.count(cur + s) > room:
            pieces.append(cur)
            cur = s
        else:
            cur += s
    if cur:
        pieces.append(cur)
    return [header + p for p in pieces] or [header]


def metadata(row: Row) -> dict[str, Any]:
    return {
        "row_id": row.id,
        "doc": row.doc,
        "row": row.row if row.row is not None else -1,
        "paragraph": row.paragraph if row.paragraph is not None else -1,
        "district": row.district,
        "unit": row.unit,
        "kind": row.kind,
        "period": row.period,
        "year": row.year if row.year is not None else -1,  # what the row's figures describe (rag.ingest.periods)
        "period_label": row.period_label,
        "stance": row.stance,
    }


def chunk_row(row: Row, budget: int) -> list[Chunk]:
    if tokens.count(row.text) <= budget:
        texts = [row.text]
    elif row.kind == "progress_row":
        header = f"序号{row.row}｜目标任务：{row.task}｜牵头单位：{row.unit or '—'}｜进展情况："
        texts = _pack(header, row.progress, budget)
    else:
        texts = _pack(f"[{row.section}] " if row.section else "", row.text, budget)
    meta = metadata(row)
    return [Chunk(content_hash(row.id, i, t), row.id, t, {**meta, "part": i}) for i, t in enumerate(texts)]


def dense_text(text: str, budget: int, kind: str = "progress_row", paragraph_budget: int = 0) -> str:
    """What the dense model embeds for a chunk: a table row's first `budget` tokens, a paragraph's first
    `paragraph_budget` (0: the whole text). A row's text opens with 序号, task and target, so its head carries
    what questions name; a paragraph does not put its subject first (a 2023 review names GDP growth anywhere in
    its 300 tokens), so its budget is its own (RAG_DENSE_PARAGRAPH_TOKENS). BM25 indexes the whole chunk either
    way. Texts within the budget are unchanged, so they share cached vectors (the cache is keyed by the text)."""
    limit = budget if kind == "progress_row" else paragraph_budget
    return text if limit <= 0 else tokens.truncate(text, limit)
