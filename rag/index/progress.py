"""Ingest progress for long runs: documents and chunks done, rate and time left.

`ingest` calls its progress callback as (stage, done, total): "embed" counts chunks (cached ones
included), "docs" counts documents whose every new chunk is embedded, "done" closes. `Meter` turns
those calls into one line for the CLI and the page; the rate counts chunks since the first tick."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from rag.domain import Chunk


def _clock(seconds: float) -> str:
    s = int(round(seconds))
    return f"{s // 3600}:{s % 3600 // 60:02d}:{s % 60:02d}" if s >= 3600 else f"{s // 60}:{s % 60:02d}"


@dataclass
class Meter:
    """Keeps the latest counts; `line()` and `fraction()` for whoever displays them."""

    zh: bool = False  # the page's wording
    now: Callable[[], float] = time.monotonic
    docs: tuple[int, int] = (0, 0)
    chunks: tuple[int, int] = (0, 0)
    finished: bool = False
    _start: tuple[float, int] | None = field(default=None, repr=False)

    def __call__(self, stage: str, done: int, total: int) -> None:
        if stage == "docs":
            self.docs = (done, total)
        elif stage == "embed":
            if self._start is None:
                self._start = (self.now(), done)
            self.chunks = (done, total)
        elif stage == "done":
            self.finished = True

    def rate(self) -> float | None:
        """Chunks per second since the first tick (None until measurable)."""
        if self._start is None:
            return None
        secs = self.now() - self._start[0]
        return (self.chunks[0] - self._start[1]) / secs if secs > 0 and self.chunks[0] > self._start[1] else None

    def left_s(self) -> float | None:
        r = self.rate()
        return (self.chunks[1] - self.chunks[0]) / r if r else None

    def fraction(self) -> float:
        done, total = self.chunks
        return 1.0 if self.finished else min(1.0, done / total) if total else 0.0

    def line(self) -> str:
        (dd, dt), (cd, ct), r, left = self.docs, self.chunks, self.rate(), self.left_s()
        if self.zh:
            parts = [f"文档 {dd}/{dt}", f"分块 {cd}/{ct}"]
            parts += [f"{r:.1f} 块/秒"] if r else []
            parts += [f"剩余约 {_clock(left)}"] if left is not None else []
            return "正在向量化：" + " · ".join(parts)
        parts = [f"documents {dd}/{dt}", f"chunks {cd}/{ct}"]
        parts += [f"{r:.1f} chunks/s"] if r else []
        parts += [f"{_clock(left)} left"] if left is not None else []
        return ", ".join(parts)


def doc_ticks(new: list[Chunk], todo: list[int], docs: int) -> Callable[[int], int]:
    """Documents done once `m` of the model's texts are embedded (they go in `todo` order, after the cached)."""
    last: dict[str, int] = {}
    pos = {i: n for n, i in enumerate(todo)}
    for i, c in enumerate(new):
        doc = str(c.metadata.get("doc", ""))
        last[doc] = max(last.get(doc, -1), pos.get(i, -1))
    waiting = sorted(v for v in last.values() if v >= 0)
    return lambda m: docs - sum(1 for v in waiting if v >= m)
