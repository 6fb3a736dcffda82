"""Saved web pages (.html/.htm) -> the plain text the normal parser reads.

The charset is the BOM's, else the one the page declares (<meta charset> or http-equiv; GBK and
GB2312 are read as GB18030), else detected. Site chrome is dropped before any text is taken: tags
such as <nav>/<header>/<footer>/<script>, hidden elements, elements whose id or class names
navigation, breadcrumbs, sharing, font size or accessibility tools, and short lines that are chrome
by content (无障碍浏览, 长辈版, 扫一扫, 分享到, 字号, 当前位置…); the lists are data (rag/data/html.json).
Each innermost <table> is expanded into a grid (a rowspan/colspan cell copied into every cell it
covers) and goes through rag.ingest.office.table_to_pipes; <p>, headings, list items and other
blocks become one line each (prose paragraphs)."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from rag.errors import CorpusError
from rag.ingest.budgets import meter, within_budgets
from rag.ingest.office import column_roles, table_to_pipes
from rag.ingest.parse.clean import squash
from rag.lexicons import html_chrome

__all__ = ["html_to_text", "declared_charset"]

_BLOCK = {"p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt",
          "dd", "tr", "td", "th", "table", "caption", "blockquote", "pre", "br", "hr", "center", "body", "figcaption"}
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_GB = {"gbk", "gb2312", "gb_2312-80", "x-gbk", "cp936", "gb18030", "x-gb2312", "euc-cn"}
_TABLE = "\x01"  # marks a line made from a <table>: never dropped as chrome
_CJK = "\u3000-\u9fff\uff00-\uffef"
_CJK_BREAK = re.compile(rf"(?<=[{_CJK}])[ \t\r\f]*\n\s*(?=[{_CJK}])")  # source line break inside Chinese text


@lru_cache(maxsize=1)
def _chrome_res() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(a chrome line, a chrome id/class name) from rag/data/html.json."""
    ch = html_chrome()
    words = [re.escape(w) for w in ch.chrome_words] + list(ch.chrome_patterns)
    return re.compile("|".join(f"(?:{p})" for p in words)), re.compile(ch.chrome_names, re.I)


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in its first 4 KB (GBK family -> gb18030), or None."""
    m = _CHARSET.search(data[:4096])
    if not m:
        return None
    name = m.group(1).decode("ascii", "replace").lower()
    return "gb18030" if name in _GB else name


def _decode(data: bytes, name: str) -> str:
    from rag.ingest.corpus import decode

    if data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return decode(data, name)
    charset = declared_charset(data)
    if charset:
        try:
            return data.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong or unknown declaration: detect instead
    return decode(data, name)


def _is_chrome(el: Any) -> bool:
    if el.tag in html_chrome().drop_tags:
        return True
    if re.search(r"display\s*:\s*none", el.get("style", ""), re.I) or el.get("hidden") is not None:
        return True
    names = (el.get("id", "") + " " + el.get("class", "")).split()
    return any(_chrome_res()[1].match(n) for n in names)


def _inline(s: str | None) -> str:
    """Text as a browser lays it out: a source line break inside Chinese text vanishes, other runs of
    white space become one space."""
    return re.sub(r"\s+", " ", _CJK_BREAK.sub("", s)) if s else ""


def _cell_text(el: Any) -> str:
    out: list[str] = []
    _walk(el, out)
    return squash(" ".join(ln for ln in "".join(out).split("\n") if ln.strip()))


def grid(table: Any) -> list[list[str]]:
    """A <table>'s rows with merged cells expanded: a rowspan cell repeats in the rows below it, a
    colspan cell in the columns beside it. A row whose 序号 cell is spanned from the row above is
    the same record (e.g. a second unit with its own progress): it is folded into that row."""
    pending: dict[int, tuple[int, str]] = {}  # column -> (rows still covered, text)
    out: list[list[str]] = []
    copied: list[set[int]] = []  # per row, the columns filled from a rowspan above
    m = meter()
    for tr in table.xpath("./tr|./thead/tr|./tbody/tr|./tfoot/tr"):
        m.tick()
        row: list[str] = []
        spanned: set[int] = set()
        for td in tr.xpath("./td|./th"):
            _carry(row, pending, spanned)
            text = _cell_text(td)
            span_r = _span(td.get("rowspan"))
            m.add_chars(len(text) * (_span(td.get("colspan")) * span_r - 1))  # the copies of a merged cell
            for _ in range(_span(td.get("colspan"))):
                if span_r > 1:
                    pending[len(row)] = (span_r - 1, text)
                row.append(text)
        _carry(row, pending, spanned)
        out.append(row)
        copied.append(spanned)
    return _fold(out, copied)


def _carry(row: list[str], pending: dict[int, tuple[int, str]], spanned: set[int]) -> None:
    """Fill the cells a rowspan from a row above still covers."""
    while len(row) in pending:
        left, text = pending.pop(len(row))
        if left > 1:
            pending[len(row)] = (left - 1, text)
        spanned.add(len(row))
        row.append(text)


def _fold(rows: list[list[str]], copied: list[set[int]]) -> list[list[str]]:
    out: list[list[str]] = []
    at: int | None = None  # the 序号 column, once the header row is seen
    for row, spanned in zip(rows, copied):
        roles = column_roles(row)
        if roles:
            at = roles["row"]
        elif at is not None and at in spanned and out and len(out[-1]) == len(row):
            out[-1] = [a if i in spanned else squash(f"{a} {b}") for i, (a, b) in enumerate(zip(out[-1], row))]
            continue
        out.append(row)
    return out


def _span(value: str | None) -> int:
    m = re.match(r"\s*(\d+)", value or "")
    return max(1, min(int(m.group(1)), 1000)) if m else 1


def _walk(el: Any, out: list[str]) -> None:
    """Text of `el` with a line break around each block; chrome skipped, innermost tables as pipes."""
    tag = el.tag if isinstance(el.tag, str) else ""
    if not tag or _is_chrome(el):
        return
    meter().add_chars(len(el.text or "") + len(el.tail or ""))
    if tag == "table" and not el.xpath(".//table"):
        out.append("".join(f"\n{_TABLE}{ln}" for ln in table_to_pipes(grid(el))) + "\n")
        return
    block = tag in _BLOCK
    if block:
        out.append("\n")
    out.append(_inline(el.text))
    for child in el:
        _walk(child, out)
        out.append(_inline(child.tail))
    if block:
        out.append("\n")


def _keep(line: str) -> bool:
    return len(line) > html_chrome().chrome_line_max or not _chrome_res()[0].search(line)


@within_budgets
def html_to_text(data: bytes, name: str) -> str:
    """Text of a saved web page in the parser's forms (pipe tables, one block per line), chrome
    dropped. Raises CorpusError when the file is empty, not HTML or has no text once chrome is gone."""
    import lxml.html
    from lxml import etree

    if not data.strip():
        raise CorpusError(f"{name}: the file is empty")
    meter(name).check_markup(len(data))
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", _decode(data, name))
    try:
        root = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError) as e:
        raise CorpusError(f"{name}: not a readable HTML page ({e}) — save the page again as HTML") from e
    out: list[str] = []
    try:
        _walk(root, out)
    except RecursionError:
        raise CorpusError(f"{name}: elements nested too deep to read — save the page again as HTML") from None
    lines = [squash(ln) for ln in "".join(out).split("\n")]
    lines = [ln.lstrip(_TABLE) for ln in lines if ln.startswith(_TABLE) or (ln and _keep(ln))]
    if not lines:
        raise CorpusError(f"{name}: the page has no text outside navigation and other site chrome")
    return "\n".join(lines)
