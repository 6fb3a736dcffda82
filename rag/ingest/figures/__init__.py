"""Figure records (issue N): every clause or table cell that states a figure, as a typed record (Figure).

`extract(rows, docs)` reads the parsed rows' clauses (rag.ingest.figures.clauses) and the documents' communiqué
tables (rag.ingest.figures.tables); rag.index stores the records with the generation."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence

from rag.domain import Document, Row
from rag.ingest.figures.clauses import row_figures
from rag.ingest.figures.context import doc_context
from rag.ingest.figures.model import Figure
from rag.ingest.figures.tables import table_figures

__all__ = ["Figure", "extract"]


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
        for r in mine:
            if "|" not in r.text and "｜" not in r.text and r.text.strip() not in lines:
                out.extend(row_figures(r, ctx.place, ctx.communique_year))
        out.extend(tables)
    seen: set[tuple[object, ...]] = set()
    unique = []
    for f in out:
        key = (f.doc, f.indicator, f.measure, f.value, f.unit, f.text, f.year, f.period)
        if key not in seen:
            seen.add(key)
            unique.append(f)
    return unique
