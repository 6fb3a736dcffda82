"""PDF files with a text layer -> the plain text the normal parser reads, with a page mark per page.

Read with pdfplumber. Ruled tables become pipe tables through rag.ingest.office.table_to_pipes
(header row found by content, 序号 rows); here the lines of a wrapped cell are joined, a row that
continues on the next page is rejoined cell by cell, and the header repeated on each page is
dropped. Text outside tables becomes one line per paragraph (wrapped lines joined; page numbers
and running headers dropped). A page mark (rag.ingest.parse.clean.page_mark) goes before the rows
and paragraphs of each page, so every Row keeps the page it starts on. Radical code points are
mapped to ideographs (⾸⻚ -> 首页) before anything is parsed. A scanned PDF (no text layer) and a
corrupt one raise CorpusError naming the file and the fix."""

from __future__ import annotations

import io
import logging
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from rag.errors import CorpusError
from rag.ingest.budgets import meter, within_budgets
from rag.ingest.office import column_roles, table_to_pipes
from rag.ingest.parse.clean import fix_radicals, page_mark, squash
from rag.ingest.pdf_tables import caption_tables, overlaps

__all__ = ["pdf_to_text"]

MIN_TEXT_CHARS = 20  # fewer printable characters than this in the whole file: no text layer (a scan)
INDENT = 0.8  # a line starting this many font sizes right of the body's left edge opens a paragraph
SHORT = 1.5  # a line ending this many font sizes left of the body's right edge closes its paragraph
# ... when it ends a sentence or stops before the middle: a wrap before a long number also leaves a short line
_CLOSING = set("。！？!?；;：:…”」』）)")
RIGHT_EDGE = 0.8  # the body's right edge: where this share of the text lines end (most lines run full)
GAP = 1.0  # a vertical gap over this many line heights between two lines opens a paragraph
DUPLICATES = 0.01  # over this share of characters drawn twice at one spot (fake bold): deduplicate
RUNNING = 3  # a short line seen on this many pages (and on half of them or more) is a running header
_NUM = re.compile(r"^\s*\d{1,4}\s*$")
_HEADING = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|第[一二三四五六七八九十]+[章节部分])")
_PAGE_NO = re.compile(r"^(?:[-—–－\s]*\d{1,4}[-—–－\s]*|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+|page\s*\d+.*)$", re.I)


@dataclass
class _Line:
    page: int
    top: float
    bottom: float
    x0: float
    x1: float
    text: str


@dataclass
class _Grid:
    page: int
    top: float
    rows: list[list[str]] = field(default_factory=list)


def join_wrapped(parts: list[str]) -> str:
    """Lines of one wrapped cell or paragraph joined: nothing between CJK text or digits (the break
    was only the column's width), one space between two Latin letters."""
    out = ""
    for p in (p.strip() for p in parts):
        if not p:
            continue
        if out and out[-1].isascii() and out[-1].isalpha() and p[0].isascii() and p[0].isalpha():
            out += " "
        out += p
    return out


def _cell(value: str | None) -> str:
    return join_wrapped(fix_radicals(value).split("\n")) if value else ""


def _closing_lines(page: Any) -> dict[str, Any]:
    """Table settings that close a table cut by the page: a row split over a page break often has no
    rule at the page's bottom (or the next page's top), so one is added where the column rules end."""
    rules = [e for e in page.edges if e["orientation"] == "v"]
    if not rules:
        return {}
    return {"explicit_horizontal_lines": [min(e["top"] for e in rules), max(e["bottom"] for e in rules)]}


def _read_page(page: Any, number: int) -> list[_Line | _Grid]:
    chars = page.chars
    if len({(c["text"], round(c["x0"]), round(c["top"])) for c in chars}) < len(chars) * (1 - DUPLICATES):
        page = page.dedupe_chars()  # text drawn twice (fake bold); slow, so only when it is there
    captioned = caption_tables(page)  # communiqué tables (表1 …) by character positions, one pipe row per line
    tables = [t for t in page.find_tables(_closing_lines(page)) if not any(overlaps(t.bbox, b) for b, _ in captioned)]
    items: list[_Line | _Grid] = [_Grid(number, t.bbox[1], [[_cell(c) for c in row] for row in t.extract()])
                                  for t in tables]
    items += [_Grid(number, b[1], [[" | ".join(r)] for r in rows]) for b, rows in captioned]
    boxes = [t.bbox for t in tables] + [b for b, _ in captioned]

    def outside(obj: dict[str, Any]) -> bool:
        cx, cy = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        return not any(b[0] <= cx <= b[2] and b[1] <= cy <= b[3] for b in boxes)

    rest = page.filter(outside) if boxes else page
    for ln in rest.extract_text_lines(return_chars=False):
        text = squash(fix_radicals(ln["text"]))
        if text:
            items.append(_Line(number, ln["top"], ln["bottom"], ln["x0"], ln["x1"], text))
    return sorted(items, key=lambda it: it.top)


def _drop_furniture(pages: list[list[_Line | _Grid]]) -> list[_Line | _Grid]:
    """Page numbers and running headers/footers out; every page's items in reading order."""
    seen: Counter[str] = Counter()
    for items in pages:
        seen.update({it.text for it in items if isinstance(it, _Line) and len(it.text) <= 40})
    running = {t for t, n in seen.items() if n >= RUNNING and n * 2 >= len(pages)}
    out: list[_Line | _Grid] = []
    for items in pages:
        out.extend(it for it in items
                   if not (isinstance(it, _Line) and (it.text in running or _PAGE_NO.match(it.text))))
    return out


def _paragraphs(lines: list[_Line], left: float, right: float) -> list[tuple[int, str]]:
    """Consecutive lines -> (page, paragraph text); a paragraph may run on over a page break."""
    out: list[tuple[int, list[str]]] = []
    prev: _Line | None = None
    for ln in lines:
        size = max(ln.bottom - ln.top, 1.0)
        opens = (
            prev is None
            or ln.x0 > left + INDENT * size
            or (prev.x1 < right - SHORT * size and (prev.text[-1] in _CLOSING or prev.x1 < (left + right) / 2))
            or bool(_HEADING.match(ln.text)) or bool(_HEADING.match(prev.text))
            or (prev.page == ln.page and ln.top - prev.bottom > GAP * size)
        )
        if opens:
            out.append((ln.page, [ln.text]))
        else:
            out[-1][1].append(ln.text)
        prev = ln
    return [(page, join_wrapped(parts)) for page, parts in out]


def _rejoin(grids: list[_Grid]) -> tuple[list[list[str]], list[int]]:
    """The rows of tables that follow each other (over page breaks) as one table: the repeated header
    dropped, a row whose 序号 cell is empty (the rest of the row above, cut by the page) joined to it
    cell by cell. Returns the rows and the page each starts on."""
    rows: list[list[str]] = []
    pages: list[int] = []
    roles: dict[str, int] | None = None
    for g in grids:
        for cells in g.rows:
            found = column_roles(cells)
            if found and roles is not None:
                continue  # the header again, on a new page
            roles = roles or found
            at = roles["row"] if roles else None
            if at is not None and rows and pages and not cells[at].strip() and len(cells) == len(rows[-1]) \
                    and not column_roles(rows[-1]) and any(cells):
                rows[-1] = [join_wrapped([a, b]) for a, b in zip(rows[-1], cells)]
                continue
            rows.append(cells)
            pages.append(g.page)
    return rows, pages


def _assemble(items: list[_Line | _Grid]) -> str:
    lines = [it for it in items if isinstance(it, _Line)]
    left = Counter(round(ln.x0) for ln in lines).most_common(1)[0][0] if lines else 0.0
    ends = sorted(ln.x1 for ln in lines)
    right = ends[int(RIGHT_EDGE * (len(ends) - 1))] if ends else 0.0
    out: list[str] = []
    i = 0
    while i < len(items):
        j = i
        if isinstance(items[i], _Grid):
            while j < len(items) and isinstance(items[j], _Grid):
                j += 1
            rows, pages = _rejoin([g for g in items[i:j] if isinstance(g, _Grid)])
            out.extend(table_to_pipes(rows, pages))
        else:
            while j < len(items) and isinstance(items[j], _Line):
                j += 1
            last = None
            for page, text in _paragraphs([ln for ln in items[i:j] if isinstance(ln, _Line)], left, right):
                if page != last:
                    out.append(page_mark(page))
                    last = page
                out.append(text)
        i = j
    return "\n".join(out)


def _encrypted(data: bytes, e: BaseException) -> bool:
    """The PDF failed because it is encrypted: its trailer has /Encrypt, or pdfminer said so."""
    chain: list[BaseException] = [e, *(x for x in (e.__cause__, e.__context__) if x is not None), *e.args]
    said = " ".join(f"{type(x).__name__} {x}" for x in chain if isinstance(x, BaseException)).lower()
    return "password" in said or "encrypt" in said or re.search(rb"/Encrypt\b", data) is not None


@within_budgets
def pdf_to_text(data: bytes, name: str) -> str:
    """Text of a PDF's text layer in the parser's forms (pipe tables, one paragraph per line, page
    marks). Raises CorpusError when the file is empty, not a PDF, corrupt, encrypted or scanned."""
    if not data.strip():
        raise CorpusError(f"{name}: the file is empty")
    if b"%PDF-" not in data[:1024]:
        raise CorpusError(f"{name}: not a PDF file (no %PDF header) — export or print the report to PDF again")
    import pdfplumber

    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # font-descriptor chatter, one line per glyph run
    m = meter(name)
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = []
            for n, p in enumerate(pdf.pages, 1):
                m.tick()
                pages.append(_read_page(p, n))
                m.add_chars(sum(len(it.text) if isinstance(it, _Line) else 0 for it in pages[-1]))
    except CorpusError:
        raise
    except Exception as e:  # pdfminer raises many kinds on damaged or encrypted files
        if _encrypted(data, e):
            raise CorpusError(f"{name}: encrypted PDF (password protected) — remove the password first "
                              "(e.g. qpdf --decrypt --password=… in.pdf out.pdf) and add the unprotected copy") from e
        raise CorpusError(f"{name}: corrupt or unreadable PDF ({type(e).__name__}) — "
                          "export it from the original again") from e
    if not pages:
        raise CorpusError(f"{name}: the PDF has no pages — export it from the original again")
    chars = sum(len(it.text) if isinstance(it, _Line) else sum(len(c) for r in it.rows for c in r)
                for items in pages for it in items)
    if chars < MIN_TEXT_CHARS:
        raise CorpusError(f"{name}: no text layer ({len(pages)} page(s) of images, a scan): OCR it first "
                          "(e.g. ocrmypdf -l chi_sim in.pdf out.pdf) and add the OCR'd PDF")
    return _assemble(_drop_furniture(pages))
