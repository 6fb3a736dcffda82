"""Owns number parsing: Chinese report text -> Quantity values (value in base units, unit, kind).

Handles full-width digits and ％, thousands separators, 万/亿 multipliers, %, ‰, 个百分点, Chinese
numerals (一百二十, 两, 三千), ranks (全市第一, 全国前80) and skips what is not a quantity: dates
(2023年, 1-8月, 7月1日), list markers (1. 2、), codes (104国道, 5G, "1+7+N", PM2.5). Pure functions;
word lists live in rag/data/status.json. Reused by status rules and by answer verification."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from rag.domain import Quantity
from rag.lexicons import status_words
from rag.status.numerals import CN_CHARS, CN_DIGIT, cn_to_number, to_halfwidth

__all__ = [
    "Mention", "canonical_unit", "cn_to_number", "mentions", "normalize_number", "numbers_in", "same_number",
    "to_halfwidth", "unit_kind",
]

_DASH = r"[-—–~至到]"


@dataclass(frozen=True)
class Mention:
    """A Quantity with where it sits in the text and how it is qualified there."""

    q: Quantity
    start: int
    end: int
    bound: str = ""  # "min" (以上), "max" (以下/以内) or ""
    approx: bool = False  # 约/近/余/多
    qualifier: bool = False  # "10亿元以上项目": describes what is counted, not an amount


def _alt(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    lx = status_words()
    units = [*lx.units.level, *lx.units.count, *lx.units.growth, *lx.unit_aliases]
    cn_units = [u for u in units if u not in lx.cn_units_excluded and not u.isascii()]
    mult = r"(?P<mult>万亿|千万|百万|亿|万)?"
    tail = rf"\s*{mult}(?P<approx>{_alt(lx.approx_words)})?\s*(?P<unit>%|‰|个百分点|百分点|{_alt(units)})?"
    scope, verbs = _alt(lx.rank_scope), _alt(lx.rank_verbs)
    n = rf"(?:\d+|[{CN_CHARS[:-4]}十]+)"
    return {
        "num": re.compile(rf"(?P<sign>(?<![0-9A-Za-z.\x00])-)?(?P<num>\d+(?:,\d{{3}})+(?!\d)|\d+(?:\.\d+)?)"
                          rf"(?:\s*{_DASH}\s*(?P<num2>\d+(?:\.\d+)?)(?=\s*(?:万亿|千万|百万|亿|万)?\s*(?:%|{_alt(units)})))?{tail}"),
        "cn": re.compile(rf"(?P<num>[{CN_CHARS}]+){tail[:tail.index('(?P<unit>')]}(?P<unit>个百分点|{_alt(cn_units)})"),
        "pct_cn": re.compile(rf"百分之(?P<num>[\d.]+|[{CN_CHARS}]+(?:点[{CN_CHARS[:12]}]+)?)"),
        "ordinal": re.compile(rf"第\s*(?P<n>{n})\s*(?P<suf>位|名)?"),
        "top": re.compile(rf"(?P<pre>{scope}|{verbs})\s*前\s*(?P<n>{n})\s*(?P<suf>名|位|强|%)?"),
        "first": re.compile(rf"(?:{verbs})[^，。；,;]{{0,14}}?首位"),
        "scope_tail": re.compile(rf"(?:{scope}|{verbs})[^，。；,;\d]{{0,6}}$"),
        "ordinal_noun": re.compile(rf"^(?:{_alt(lx.ordinal_nouns)})"),
        "qualifier": re.compile(lx.qualifier_after),
        "bare_year": re.compile(rf"(?<![\d.])(?:19|20)\d{{2}}(?![\d.]|\s*(?:万|亿|%|余|多|{_alt(units)}))"),
    }


_SKIP = [
    re.compile(r"(?:^|(?<=[\s。；;:：！!？?）)]))\d{1,2}(?:\.{1,2}(?!\d)|[、](?!\d)|\.(?=(?:19|20)\d\d年|\d{1,2}\s*(?:[-—–~至]\s*\d{1,2}\s*)?月))"),
    re.compile(r"[(（]\s*\d{1,2}\s*[)）]|[①-⑳]"),
    re.compile(r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}:\d{2}"),
    re.compile(r"(?<!\d)(?:19|20)\d{2}\s*" + _DASH + r"\s*(?:(?:19|20)\d{2}|\d{2})(?!\d)\s*年?"),
    re.compile(r"(?<![\d.])(?:19|20)\d{2}\s*年(?:度)?"),
    re.compile(r"(?<![\d.])\d{1,2}\s*" + _DASH + r"\s*\d{1,2}\s*月[份底初末间]?"),
    re.compile(r"(?<![\d.个])\d{1,2}\s*月(?:份|底|初|末|中旬|上旬|下旬)?(?:\s*\d{1,2}\s*日)?"),
    re.compile(r"(?<![\d.])\d{1,2}\s*(?:[-—–~至]+\s*\d{1,2}\s*)?日"),
    re.compile(r"〔\s*\d+\s*〕|\d+\s*(?:号线|号|国道|省道|县道|#|路公交|版)"),
    re.compile(r"[A-Za-z]+\d+(?:\.\d+)?|\d+(?:\.\d+)?(?=[A-Za-z])(?!km|KM|kg|MW|kW|KW|m2|m²|t\b)"),
    re.compile(r"\d+(?:\s*[+×*xX＋]\s*(?:\d+|[A-Za-z]))+|(?:[A-Za-z]\s*[+×*])\s*\d+"),
    re.compile(r"“\s*\d+[A-Za-z]?\s*”"),
]


def _mask(text: str) -> str:
    out = text
    for rx in (*_SKIP, _patterns()["bare_year"]):
        out = rx.sub(lambda m: "\x00" * len(m.group(0)), out)
    return out


def _kind_of_percent(ctx: str, unit: str) -> tuple[str, bool]:
    """growth or ratio for a % / 个百分点 from the words just before it; and whether it is a decline."""
    lx = status_words()
    best: tuple[int, int, str] = (-1, 0, "")
    for w in lx.growth_words + lx.ratio_words:
        i = ctx.rfind(w)
        if i >= 0 and (i + len(w), len(w)) > best[:2]:
            best = (i + len(w), len(w), w)
    word = best[2]
    growth = word in lx.growth_words
    if unit == "个百分点":
        growth = not any(w in ctx for w in lx.share_words) and (growth or not word or "率" not in word)
    elif not word:
        growth = False
    return ("growth" if growth else "ratio"), growth and word in lx.negative_words


def canonical_unit(unit: str) -> str:
    """The one spelling of a unit: km -> 公里, 方 -> 平方米, 吨标煤 -> 吨标准煤."""
    return str(status_words().unit_aliases.get(unit, unit))


def unit_kind(unit: str) -> str:
    """'level' (amounts: 元, 亩, 吨…), 'count' (个, 家, 人…) or 'growth' (倍) for a unit word."""
    units = status_words().units
    for kind, words in (("level", units.level), ("count", units.count), ("growth", units.growth)):
        if unit in words:
            return kind
    return "level" if unit in status_words().unit_aliases else "count"


def _context_before(text: str, start: int, n: int = 20) -> str:
    ctx = text[max(0, start - n) : start]
    cut = max(ctx.rfind(c) for c in "。；;，,！？\n")
    return ctx[cut + 1 :]


def _ranks(text: str, masked: list[str]) -> list[Mention]:
    """全国前80, 居全市第一, 位居全省首位; other 第N (第一批, 第19届) are ordinals. Both are blanked in `masked`."""
    p = _patterns()
    out: list[Mention] = []
    for m in p["top"].finditer(text):
        val = cn_to_number(m["n"])
        if val is not None:
            out.append(Mention(Quantity(val, "%" if m["suf"] == "%" else "前", "rank", m[0]), m.start(), m.end()))
            masked[m.start() : m.end()] = ["\x00"] * (m.end() - m.start())
    for m in p["ordinal"].finditer(text):
        if "\x00" in masked[m.start() : m.end()]:
            continue
        val, scope = cn_to_number(m["n"]), p["scope_tail"].search(text[max(0, m.start() - 10) : m.start()])
        if val is not None and (m["suf"] or scope) and not p["ordinal_noun"].match(text[m.end() : m.end() + 6]):
            start = m.start() - len(scope[0]) if scope else m.start()
            out.append(Mention(Quantity(val, "第", "rank", text[start : m.end()]), start, m.end()))
        masked[m.start() : m.end()] = ["\x00"] * (m.end() - m.start())
    for m in p["first"].finditer(text):
        out.append(Mention(Quantity(1.0, "第", "rank", m[0]), m.start(), m.end()))
        masked[m.start() : m.end()] = ["\x00"] * (m.end() - m.start())
    return out


def _tail_info(text: str, end: int) -> tuple[str, int]:
    """("min" for 以上, "max" for 以下/以内, else ""; where the number's phrase ends)."""
    marks = status_words().target_markers
    m = re.match(rf"\s*({_alt([*marks.min_after, *marks.max_after, '左右'])})", text[end:])
    if not m:
        return "", end
    return ("max" if m[1] in marks.max_after else "min" if m[1] in marks.min_after else ""), end + m.end()


def mentions(text: str) -> list[Mention]:
    """Every quantity in the text with its span, in reading order (see module docstring)."""
    if not text:
        return []
    t = to_halfwidth(text)
    chars = list(_mask(t))
    found = _ranks(t, chars)
    masked = "".join(chars)
    p = _patterns()
    taken = [False] * len(t)
    for name in ("pct_cn", "num", "cn"):
        for m in p[name].finditer(masked):
            if any(taken[m.start() : m.end()]):
                continue
            built = _build(t, m, name)
            found.extend(built)
            if built:
                taken[m.start() : m.end()] = [True] * (m.end() - m.start())
    return sorted(found, key=lambda x: (x.start, x.q.value))


def _cn_allowed(t: str, start: int, num: str) -> bool:
    before = t[max(0, start - 2) : start]
    if before.endswith("第"):
        return False
    lone = all(c in "十百千万亿" for c in num) and num != "十"
    if num in ("一", "二") or lone or num[0] in "百千万亿":
        return any(before.endswith(w) for w in status_words().lone_magnitude_prefix)
    return True


def _value(num: str, name: str) -> float | None:
    if name == "pct_cn":
        a, _, b = num.partition("点")
        whole = float(a) if re.fullmatch(r"\d+(?:\.\d+)?", a) else cn_to_number(a)
        if whole is None or (b and not all(c in CN_DIGIT for c in b)):
            return None
        return float(f"{int(whole)}.{''.join(str(CN_DIGIT[c]) for c in b)}") if b else whole
    if name == "cn":
        return cn_to_number(num)
    return float(num.replace(",", ""))


def _build(t: str, m: re.Match[str], name: str) -> list[Mention]:
    """One Mention (two for a range such as 20-50亿元) from a regex match."""
    lx = status_words()
    groups = m.groupdict()
    if name == "cn" and not _cn_allowed(t, m.start(), m["num"]):
        return []
    unit = "%" if name == "pct_cn" else canonical_unit(groups.get("unit") or "")
    ctx = _context_before(t, m.start())
    negative = bool(groups.get("sign"))
    if unit in ("%", "‰", "个百分点"):
        kind, neg = _kind_of_percent(ctx, unit)
        kind, negative, mult = ("ratio" if unit == "‰" else kind), negative or neg, 1.0
    else:
        kind, mult = (unit_kind(unit) if unit else "count"), lx.multipliers.get(groups.get("mult") or "", 1.0)
    bound, end = _tail_info(t, m.end())
    before = t[max(0, m.start() - 2) : m.start()]
    approx = bool(groups.get("approx")) or before.endswith(tuple(lx.approx_before))
    qualifier = kind == "level" and bool(_patterns()["qualifier"].match(t[end : end + 12]))
    out = []
    for num in filter(None, (m["num"], groups.get("num2"))):
        value = _value(num, name)
        if value is None:
            return []
        value = float(Decimal(str(value)) * Decimal(str(mult)))
        q = Quantity(-abs(value) if negative else value, unit, kind, m[0].strip())
        out.append(Mention(q, m.start(), m.end(), bound, approx, qualifier))
    return out


def numbers_in(text: str) -> list[Quantity]:
    """All quantities in the text (dates, list markers and codes are not quantities)."""
    return [m.q for m in mentions(text)]


def normalize_number(s: str) -> float | None:
    """The value of one written number: '1.2万' -> 12000, '１２％' -> 12, '一百二十' -> 120; None if none."""
    t = re.sub(r"(?<=\d),(?=\d{3}(?!\d))", "", to_halfwidth(s).strip())
    direct = cn_to_number(t)
    if direct is not None:
        return direct
    found = [m for m in mentions(t) if m.q.kind != "rank"] or mentions(t)
    return found[0].q.value if len(found) == 1 else None


def _precision(q: Quantity) -> tuple[float, int]:
    """(half a unit in the last written digit, in base units; significant digits written). 0 when not digits."""
    m = re.search(r"\d+(?:\.\d+)?", to_halfwidth(q.raw).replace(",", ""))
    if not m or not float(m[0]):
        return 0.0, 0
    decimals = len(m[0].split(".")[1]) if "." in m[0] else 0
    scale = abs(q.value) / float(m[0])
    return 0.5 * 10**-decimals * scale, len(m[0].replace(".", "").lstrip("0"))


def same_number(a: Quantity, b: Quantity) -> bool:
    """Same written number, tolerantly: 4.2% == 4.2％; 1.2万 == 12000; 100亿元 == 1000000万元; a figure rounded
    to fewer digits matches (4.9万 vs 4.895万, when the rounded one keeps ≥ 2 significant digits); the sign is
    ignored (下降9.8% and -9.8% are one figure). Units must agree (or be related, 家/户) unless one side has none."""
    ua, ub = canonical_unit(a.unit), canonical_unit(b.unit)
    if ua and ub and ua != ub and not any(ua in g and ub in g for g in status_words().unit_groups):
        return False
    x, y = abs(a.value), abs(b.value)
    if abs(x - y) <= 1e-9 * max(x, y, 1.0):
        return True
    (half_a, sig_a), (half_b, sig_b) = _precision(a), _precision(b)
    half, sig = (half_a, sig_a) if half_a >= half_b else (half_b, sig_b)
    return sig >= 2 and abs(x - y) <= half * (1 + 1e-9)
