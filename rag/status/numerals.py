"""Numerals: full-width to half-width and Chinese numerals to numbers (multipliers from rag/data/status.json)."""

from __future__ import annotations

import re

from rag.lexicons import status_words

_FULL = {i: i - 0xFEE0 for i in [*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B)]}
_FULL.update({0xFF05: 0x25, 0xFF0E: 0x2E, 0xFF0B: 0x2B, 0xFF0D: 0x2D, 0xFF5E: 0x7E, 0xFF03: 0x23, 0xFF0F: 0x2F})
_FULL.update({0x3000: 0x20, 0x2212: 0x2D})
CN_DIGIT = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_SMALL = {"十": 10, "百": 100, "千": 1000}
_CN_BIG = {"万": 10**4, "亿": 10**8}
CN_CHARS = "零〇一二两三四五六七八九十百千万亿"


def to_halfwidth(text: str) -> str:
    """Full-width digits, letters and ％．＋－～＃／ -> half-width; same length, so spans carry over.
    Chinese punctuation (，。：；（）) is kept: it separates clauses."""
    return text.translate(_FULL)


def cn_to_number(s: str) -> float | None:
    """'一百二十' -> 120, '两' -> 2, '三千' -> 3000, '十' -> 10, '1.2万' -> 12000; None if not a number."""
    s = s.strip()
    if not s:
        return None
    m = re.fullmatch(r"(\d+(?:\.\d+)?)(万亿|千万|百万|亿|万|千|百)?", s)
    if m:
        mult = {"千": 1e3, "百": 1e2}.get(m[2] or "", None) or status_words().multipliers.get(m[2] or "", 1.0)
        return float(m[1]) * mult
    if any(ch not in CN_CHARS for ch in s):
        return None
    total, section, digit = 0, 0, -1
    for ch in s:
        if ch in CN_DIGIT:
            digit = CN_DIGIT[ch] if digit < 0 else digit * 10 + CN_DIGIT[ch]
        elif ch in _CN_SMALL:
            section += (digit if digit >= 0 else 1) * _CN_SMALL[ch]
            digit = -1
        else:
            section += max(digit, 0)
            total = (total + section) * _CN_BIG[ch] if ch == "亿" else total + (section or 1) * _CN_BIG[ch]
            section, digit = 0, -1
    return float(total + section + max(digit, 0))
