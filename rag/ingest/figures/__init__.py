"""Figure records (issue N): every clause or table cell that states a figure, as a typed record (Figure).

`extract(rows, docs)` reads the parsed rows' clauses (rag.ingest.figures.clauses) and the documents' communiqué
tables (rag.ingest.figures.tables); rag.index stores the records with the generation."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import replace

from rag.domain import Document, Row
from rag.ingest.figures.clauses import row_figures
from rag.ingest.figures.context import doc_context
from rag.ingest.figures.model import Figure
from rag.ingest.figures.tables import table_figures

__all__ = ["Figure", "extract"]


WRAPPED = 25  # a line this long that ends without punctuation was wrapped (pdftotext -layout): the next continues it
_ENDS = tuple("。；;！？!?：:")


# a table row printed into the prose after it (PDF): "全年旅客周转量 ｜ 亿人公里 ｜ 535.0 ｜ -35.6全年邮政业务总量 195.3 亿元…"
_TABLE_THEN_PROSE = re.compile(r"^.*[|｜]\s*[-−]?\d[\d.,]*\s*(?=[\u4e00-\u9fff])")


def prose_of(row: Row) -> Row | None:
    """The row's prose: a row with table cells (|) is the tables' (None), unless prose follows its last cell, which
    is read on its own."""
    if "|" not in row.text and "｜" not in row.text:
        return row
    cut = _TABLE_THEN_PROSE.match(row.text) if row.kind == "paragraph" else None  # progress rows: the status rules
    rest = row.text[cut.end() :] if cut else ""
    return replace(row, text=rest) if len(rest) >= PROSE_AFTER_TABLE and not re.search(r"[|｜]", rest) else None


PROSE_AFTER_TABLE = 10  # characters of prose after a table row's last cell that are read as a paragraph


def runs(rows: Sequence[Row]) -> list[tuple[Row, Row]]:
    """(first row, the row with its wrapped continuation lines joined) of each run of rows: a communiqué converted
    line by line ("…农产品加" / "工企业 3738 家") is read as the sentences it prints."""
    out: list[tuple[Row, Row]] = []
    last_line, last_par = "", None
    for r in rows:
        wrapped = len(last_line) >= WRAPPED and not last_line.endswith(_ENDS)
        if out and wrapped and r.kind == "paragraph" and last_par is not None and r.paragraph == last_par + 1 \
                and r.section == out[-1][0].section:  # a heading between them ends the run
            first, joined = out[-1]
            out[-1] = (first, replace(joined, text=joined.text.rstrip() + r.text.strip()))
        else:
            out.append((r, r))
        last_line, last_par = r.text.strip(), r.paragraph
    return out


def extract(rows: Sequence[Row], docs: Mapping[str, Document]) -> list[Figure]:
    by_doc: dict[str, list[Row]] = defaultdict(list)
    for r in rows:
        by_doc[r.doc].append(r)
    out: list[Figure] = []
    for name, doc in docs.items():
        mine = by_doc.get(name, [])
        places = Counter(r.district for r in mine if r.district)
        ctx = doc_context(doc, places.most_common(1)[0][0] if places else doc.district)
        tables = table_figures(doc, ctx.place, mine, ctx.communique_year)
        lines = {f.text.strip() for f in tables}
        prose = [p for p in (prose_of(r) for r in mine if r.text.strip() not in lines) if p is not None]
        for first, joined in runs(prose):
            out.extend(row_figures(joined, ctx.place, ctx.communique_year, cite=first))
        out.extend(tables)
    seen: set[tuple[object, ...]] = set()
    unique = []
    for f in out:
        key = (f.doc, f.indicator, f.measure, f.value, f.unit, f.text, f.year, f.period)
        if key not in seen:
            seen.add(key)
            unique.append(f)
    return unique
