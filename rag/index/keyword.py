"""The keyword index: jieba tokens scored with BM25 (bm25s), persisted beside Chroma and
versioned with the same chunk content hashes. Numbers, unit names and 序号 are findable.
Owns the jieba and bm25s imports."""

from __future__ import annotations

import json
import logging
import re
import threading
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

_DROP = re.compile(r"^[\s\W_]+$")
_lock = threading.Lock()
VERSION = 1


@lru_cache(maxsize=1)
def _jieba():  # type: ignore[no-untyped-def]
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba


def add_words(words: Iterable[str]) -> None:
    """Teach the tokenizer whole names (units, indicators) so they are single tokens too."""
    j = _jieba()
    with _lock:
        for w in words:
            if w and len(w) <= 20:
                j.add_word(w, freq=2000)


def words(text: str) -> list[str]:
    """jieba's precise segmentation (question analysis uses it; the index uses `tokenize`). A word jieba's guesser
    made across a joining character (保障|房和公|租房) is cut again by the dictionary alone (房|和|公)."""
    j = _jieba()
    out: list[str] = []
    for tok in j.lcut(text):
        glued = len(tok) >= 3 and re.search(r".[和与及跟].", tok) and not j.get_FREQ(tok)
        dated = len(tok) >= 2 and tok[0] in "年月日" and out and out[-1].isdigit() and not j.get_FREQ(tok)
        out += j.lcut(tok, HMM=False) if glued else [tok[0], *j.lcut(tok[1:])] if dated else [tok]
    return out  # (24|年保|租房: a date's unit glued to the next word is cut off it too)


def tokenize(text: str) -> list[str]:
    j = _jieba()
    out: list[str] = []
    for tok in j.cut_for_search(text.lower()):
        tok = tok.strip()
        if tok and not _DROP.match(tok):
            out.append(tok)
    # numbers with their decimal point kept whole ("4.2", "8.89") and 序号 anchors
    out.extend(re.findall(r"\d+(?:\.\d+)?", text))
    out.extend(f"序号{n}" for n in re.findall(r"序号\s*(\d+)", text))
    return out


class KeywordIndex:
    def __init__(self, ids: Sequence[str], tokens: Sequence[list[str]]) -> None:
        import bm25s

        self.ids = list(ids)
        self.pos = {cid: i for i, cid in enumerate(self.ids)}
        self.bm25 = bm25s.BM25()
        if self.ids:
            self.bm25.index([t or ["∅"] for t in tokens], show_progress=False)

    @classmethod
    def build(cls, ids: Sequence[str], texts: Sequence[str]) -> KeywordIndex:
        return cls(ids, [tokenize(t) for t in texts])

    def scores(self, query: str) -> np.ndarray:
        if not self.ids:
            return np.zeros(0, dtype=np.float32)
        q = [t for t in tokenize(query) if t]
        if not q:
            return np.zeros(len(self.ids), dtype=np.float32)
        with _lock:
            return np.asarray(self.bm25.get_scores(q), dtype=np.float32)

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        if self.ids:
            self.bm25.save(str(folder / "bm25"))
        (folder / "ids.json").write_text(json.dumps({"version": VERSION, "ids": self.ids}), encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> KeywordIndex:
        import bm25s

        meta = json.loads((folder / "ids.json").read_text(encoding="utf-8"))
        if meta.get("version") != VERSION:
            raise ValueError(f"keyword index version {meta.get('version')} != {VERSION}")
        obj = cls.__new__(cls)
        obj.ids = list(meta["ids"])
        obj.pos = {cid: i for i, cid in enumerate(obj.ids)}
        obj.bm25 = bm25s.BM25.load(str(folder / "bm25")) if obj.ids else bm25s.BM25()
        return obj
