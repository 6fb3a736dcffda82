"""Owns the LangChain-free text around a model call: rows -> sources and history, replies -> citations.

Rows become numbered sources ("[1] 《title》 序号N: text", packed to a tiktoken budget); recent turns become
a compact history; a reply's [n] citations are parsed back to rows (out-of-range numbers are reported in
LLMReply.bad_refs, never trusted); a status-review reply's JSON objects are found and validated by
StatusReview. Pure functions; rag/llm.py makes the calls and re-exports these names."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from rag.domain import STATUS_ZH, Row
from rag.index import tokens

History = Sequence[tuple[str, str]] | None  # (question, answer) turns, oldest first

NOT_FOUND = "资料中未找到相关信息"
MIN_SOURCE_TOKENS = 16  # a truncated source shorter than this is dropped instead
HISTORY_TURNS, HISTORY_ANSWER_TOKENS = 3, 120
MAX_RANGE = 50  # [1-3] expands; a wider range keeps only its ends
_OPEN, _CLOSE, _SEP, _DASH = r"[\[【［〔]", r"[\]】］〕]", r"[,，、;；]", r"[-–—~～至]"
CITE_RE = re.compile(rf"{_OPEN}\s*(\d{{1,6}}(?:\s*(?:{_SEP}|{_DASH})\s*\d{{1,6}})*)\s*{_CLOSE}")
_PART_RE = re.compile(rf"(\d+)\s*{_DASH}\s*(\d+)|(\d+)")


@dataclass(frozen=True)
class LLMReply:
    """The model's text, the sources it was shown (source [n] is sources[n-1]), and the [n] it cites:
    `cited` are in range (first-use order), `bad_refs` are numbers with no such source."""

    text: str
    sources: tuple[Row, ...]
    cited: tuple[int, ...]
    bad_refs: tuple[int, ...] = ()

    @property
    def cited_rows(self) -> tuple[Row, ...]:
        return tuple(self.sources[n - 1] for n in self.cited)

    @property
    def abstained(self) -> bool:
        """The model said the sources do not hold the answer (and cited nothing)."""
        return self.text.strip().startswith(NOT_FOUND) and not self.cited


class StatusReview(BaseModel):
    """The model's structured status verdict for one progress row (untrusted until validated)."""

    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)
    status: Literal["done", "on_track", "behind", "unknown"]
    reason: str = Field(min_length=1, max_length=500)

    @field_validator("status", mode="before")
    @classmethod
    def _normalize_status(cls, v: object) -> object:
        if not isinstance(v, str):
            return v
        s = v.strip().lower().replace("-", "_").replace(" ", "_")
        return {zh: en for en, zh in STATUS_ZH.items()}.get(v.strip(), s)


def parse_citations(text: str, n_sources: int) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """(valid, bad) source numbers cited in `text`: [1], [1,2], [1][3], 【1】, [1-3], [1、2]."""
    valid: list[int] = []
    bad: list[int] = []
    for m in CITE_RE.finditer(text):
        for part in _PART_RE.finditer(m.group(1)):
            if part.group(3):
                nums = [int(part.group(3))]
            else:
                a, b = int(part.group(1)), int(part.group(2))
                nums = list(range(a, b + 1)) if a <= b and b - a <= MAX_RANGE else [a, b]
            for n in nums:
                target = valid if 1 <= n <= n_sources else bad
                if n not in target:
                    target.append(n)
    return tuple(valid), tuple(bad)


def sanitize(text: str) -> str:
    """One line, and no way to fake the <<<SOURCES ... SOURCES>>> delimiters."""
    return " ".join(text.split()).replace("<<<", "‹‹‹").replace(">>>", "›››")


def format_sources(rows: Sequence[Row], budget_tokens: int, *, start: int = 1) -> tuple[str, list[Row]]:
    """Numbered sources packed into `budget_tokens` (tiktoken): the first that does not fit is
    truncated (or dropped if under MIN_SOURCE_TOKENS would remain), the rest are dropped.
    Returns the block and the rows included; rows[i] is source [start + i]."""
    lines: list[str] = []
    used: list[Row] = []
    for i, row in enumerate(rows):
        head = f"[{start + i}] 《{sanitize(row.title) or row.doc}》 {row.anchor}: "
        body = sanitize(row.text)
        if tokens.count("\n".join([*lines, head + body])) <= budget_tokens:
            lines.append(head + body)
            used.append(row)
            continue
        room = budget_tokens - tokens.count("\n".join([*lines, head + "…"])) - 1
        while room >= MIN_SOURCE_TOKENS:
            line = head + tokens.truncate(body, room).rstrip("\ufffd") + "…"
            over = tokens.count("\n".join([*lines, line])) - budget_tokens
            if over <= 0:
                lines.append(line)
                used.append(row)
                break
            room -= over
        break
    return "\n".join(lines), used


def format_history(history: History) -> str:
    """The last few (question, answer) turns, compact; old [n] refs are removed (they numbered
    other sources)."""
    if not history:
        return "（无）"
    turns = []
    for q, a in list(history)[-HISTORY_TURNS:]:
        a = tokens.truncate(sanitize(CITE_RE.sub("", a)), HISTORY_ANSWER_TOKENS)
        turns.append(f"用户：{tokens.truncate(sanitize(q), HISTORY_ANSWER_TOKENS // 2)}\n助手：{a}")
    return "\n".join(turns)


def reply_from_text(text: str, sources: Sequence[Row]) -> LLMReply:
    """The LLMReply for a finished text (e.g. a stream's concatenated deltas)."""
    cited, bad = parse_citations(text, len(sources))
    return LLMReply(text.strip(), tuple(sources), cited, bad)


def json_objects(text: str, limit: int = 20) -> Iterator[dict[str, Any]]:
    """The top-level JSON objects embedded in `text`, in order (code fences and chatter skipped)."""
    decoder, pos = json.JSONDecoder(), text.find("{")
    while pos != -1 and limit > 0:
        try:
            obj, end = decoder.raw_decode(text, pos)
        except json.JSONDecodeError:
            pos = text.find("{", pos + 1)
            continue
        limit -= 1
        if isinstance(obj, dict):
            yield obj
        pos = text.find("{", end)
