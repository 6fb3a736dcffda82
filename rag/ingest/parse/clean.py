"""Text hygiene for scraped reports: whitespace, web spam, boilerplate lines, dropped-月 dates, CJK
radical code points (PDF text layers) and the page marks that converted PDFs carry.

Pure functions over strings; the word lists live in rag/data/parse.json, radicals in rag/data/radicals.json."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from rag.lexicons import parse_words, radicals

_WS = re.compile(r"[\u00a0\u2002\u2003\u2009\u200b\u3000\ufeff\t ]+")


# a subscript written as markup or in subscript digits: PM_2.5, PM₂.₅, PM_{10}, CO₂ read as PM2.5, PM10, CO2
_SUB_MARK = re.compile(r"(?<=[A-Za-z])_\{?(\d+(?:\.\d+)?)\}?")
_SUB_DIGITS = str.maketrans("₀₁₂₃₄₅₆₇₈₉", "0123456789")


def squash(s: str) -> str:
    """NBSP, EM SPACE, ideographic space and runs of spaces become one space; trimmed. A subscript written as
    markup (PM_2.5) or in subscript digits (PM₂.₅) is read as the plain figure (PM2.5), as questions write it."""
    return _SUB_MARK.sub(r"\1", _WS.sub(" ", s).translate(_SUB_DIGITS)).strip()


@lru_cache(maxsize=1)
def _spam_re() -> re.Pattern[str]:
    lx = parse_words()
    parts = [re.escape(s) for s in lx.spam] + list(lx.spam_patterns)
    return re.compile("|".join(f"(?:{p})" for p in parts))


def strip_spam(s: str) -> tuple[str, list[str]]:
    """Remove injected web spam; returns (clean text, removed strings)."""
    found = [m.group(0) for m in _spam_re().finditer(s)]
    if not found:
        return s, []
    return _spam_re().sub("", s), found


@lru_cache(maxsize=1)
def _boiler_re() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in parse_words().boilerplate))


def is_boilerplate(line: str) -> bool:
    """Web-page furniture (share/print links, index numbers, publish dates) and page marks."""
    s = squash(line)
    return bool(s) and (page_of(s) is not None or bool(_boiler_re().search(s)))


# A converted PDF puts this line before the rows and paragraphs of each page; the parsers read it
# back with page_of, so every Row keeps its page. Only a line holding nothing else is a mark.
_PAGE_MARK = re.compile(r"^〔第(\d{1,5})页〕$")


def page_mark(page: int) -> str:
    return f"〔第{page}页〕"


def page_of(line: str) -> int | None:
    """The page number when `line` is a page mark, else None."""
    m = _PAGE_MARK.match(line.strip())
    return int(m.group(1)) if m else None


@lru_cache(maxsize=1)
def _radicals() -> dict[int, str]:
    table = {ord(k): v for k, v in radicals().map.items()}
    for cp in range(0x2F00, 0x2FE0):  # Kangxi radicals: NFKC gives the unified ideograph
        nf = unicodedata.normalize("NFKC", chr(cp))
        if nf != chr(cp):
            table[cp] = nf
    return table


def fix_radicals(text: str) -> str:
    """Kangxi radicals and CJK radical supplements (⾸⻚, ⼯作 from PDF text layers) become the ordinary
    ideographs (首页, 工作). Nothing else changes: full NFKC would also turn ，：（ into ASCII."""
    if not any("\u2e80" <= ch <= "\u2fdf" for ch in text):
        return text
    return text.translate(_radicals())


# "522日" = 5月22日, "1015日" = 10月15日, "61——6日" = 6月1日——6日.  Only when no 月 precedes.
_RANGE = re.compile(r"(?<![\d月.年/-])([1-9])([1-9])(——|—|－|-|~|至)(\d{1,2})日")
_DATE = re.compile(r"(?<![\d月.年/-])(1[0-2]|[1-9])([0-3]\d)日")
_SHORT = re.compile(r"(?<=[于在至到自,，、；;：:（(])([1-9])([1-9])日|^([1-9])([1-9])日")


def normalize_dates(s: str) -> str:
    """Restore a dropped 月 in day-of-month dates; text without such dates is returned unchanged."""
    s = _RANGE.sub(lambda m: f"{m[1]}月{m[2]}日{m[3]}{m[4]}日", s)

    def fix(m: re.Match[str]) -> str:
        day = int(m[2])
        return f"{m[1]}月{day}日" if 1 <= day <= 31 else m[0]

    s = _DATE.sub(fix, s)
    # "于66日" = 6月6日, "51日正式开放" = 5月1日: two digits only after a clause break or 于/在
    return _SHORT.sub(lambda m: f"{m[1] or m[3]}月{m[2] or m[4]}日", s)
