"""What jieba's dictionary says of a candidate place name (rag.ingest.places): one place word, a verb or preposition
before a bare suffix, or a suffix that starts a longer word."""

from __future__ import annotations

from functools import lru_cache

PROPER = ("ns", "nr", "nt")  # jieba tags for place, person and organisation names


@lru_cache(maxsize=4096)
def inside_word(span: str, end: int) -> bool:
    """jieba, cutting the name with what follows, reads its suffix as the start of a longer word (新设|市场主体)
    and its stem as no place (高阳|县城 stays 高阳县: 高阳 is one)."""
    import jieba.posseg

    toks, at = [], 0
    for w, t in jieba.posseg.cut(span):
        toks.append((at, w, t))
        at += len(w)
    return not any(a + len(w) == end for a, w, _ in toks) and not (toks[0][1] != span[:end] and toks[0][2] in PROPER)


@lru_cache(maxsize=4096)
def one_place_word(name: str) -> bool:
    import jieba.posseg

    toks = list(jieba.posseg.cut(name))
    return len(toks) == 1 and toks[0].flag == "ns" and all("\u4e00" <= ch <= "\u9fff" for ch in name)


@lru_cache(maxsize=4096)
def is_function_word(stem: str) -> bool:
    """通过, 按照, 根据: a verb or preposition before a bare suffix (通过区审定), not a name."""
    import jieba.posseg

    tags = [t for _, t in jieba.posseg.cut(stem)]
    return len(tags) == 1 and tags[0][:1] in ("v", "p", "c", "d")


@lru_cache(maxsize=4096)
def word_start(span: str, at: int) -> int:
    """Where a name found from position `at` should start, as jieba cuts the span: never inside a word. Inside a
    place's word (钱塘|河庄|街道: 塘河庄街道 starts inside 钱塘, the parent) it starts after that word (河庄街道);
    inside another word (临安|清凉|峰镇: 凉峰镇) at that word's start (清凉峰镇)."""
    import jieba.posseg

    start = 0
    for w, flag in jieba.posseg.cut(span):
        if start < at < start + len(w):
            return start + len(w) if flag == "ns" else start
        start += len(w)
    return at


@lru_cache(maxsize=4096)
def last_place_word(name: str) -> int:
    """The length of the name's own part: jieba reads its last word, suffix included, as a whole place name after
    another name (保定|蠡县, 北京|朝阳区): that word is the place, the words before it its parent; else the whole."""
    import jieba.posseg

    toks = list(jieba.posseg.cut(name))
    last = toks[-1] if toks else None
    return len(last.word) if last is not None and len(toks) > 1 and last.flag == "ns" and len(last.word) >= 2 \
        else len(name)
