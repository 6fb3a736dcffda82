"""The blind measurement of the figure records (issue N, "Done when"): a random sample of records to be read off the
text by someone who does not see the extractor's output, and random paragraphs and tables whose figures they list.

`write_sample(library, out)` writes, with a fixed seed:
- sample.jsonl: per drawn record its id, doc, location, the document's title, the section heading and paragraph (or
  the table's caption and header) and the clause or table row verbatim with the one figure marked ⟦like this⟧ —
  nothing of what the extractor made of it;
- key.jsonl: the extractor's reading of each (indicator, measure, value, unit, place, level, year, period, stance),
  kept from the labeller;
- recall.jsonl: paragraphs and captioned tables drawn at random (text verbatim), key_recall.jsonl their records.
rag.evals.records_compare scores the labels against the key."""

from __future__ import annotations

import json
import random
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rag.domain import Document, Row
from rag.ingest.figures import Figure, runs
from rag.ingest.figures.vocab import number_unit

SEED = 20  # issue 20: the same draw on every run of the same records
N_RECORDS, N_PARAGRAPHS, N_TABLES = 150, 12, 4
FOLDERS = ("corpus", "../shared/realworld2")
OPEN, CLOSE = "⟦", "⟧"
_FULL = str.maketrans("０１２３４５６７８９．－", "0123456789.-")
_NUMBER = re.compile(r"(?<![\d.])\d(?:[ \d,]*\d)?(?:\s?\.\s?\d(?:\s?\d)*)?")
_CN = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
# a number with something unit-like after it: a figure is stated (years and dates are not)
_FIGURE = re.compile(r"\d[\d.,]*\s*(?:%|％|[亿万千百]|元|个|人|家|项|吨|户|所|公里|平方|亩|倍|天|件|台|辆|座|条|名|次|千瓦|标准箱|岁|床|套|张)")
_CAPTION = re.compile(r"^\s*表\s*\d{1,2}(?!\d)")
MAX_CONTEXT = 1200


@dataclass(frozen=True)
class Library:
    figures: tuple[Figure, ...]
    rows: tuple[Row, ...]
    docs: dict[str, Document] = field(default_factory=dict)


def load_library(settings: Any, folders: Sequence[str] = FOLDERS) -> Library:
    """Index corpus/ and realworld2 as a blind batch does (rag.evals.batches) and read the published records."""
    from rag.evals.batches import Batch, prepare
    from rag.index.build import Index, parse_corpus
    from rag.index.figures_store import figures_of
    from rag.ingest.corpus import read_corpus

    scoped = prepare(settings, Batch("records", Path("-"), tuple(folders)))
    index = Index(scoped)
    docs, _ = read_corpus(scoped.corpus_dir, scoped.max_bytes)
    _, _, parsed = parse_corpus(docs)
    return Library(tuple(figures_of(index)), tuple(index.rows), parsed)


def number_spans(text: str) -> list[tuple[int, int, float]]:
    """(start, end, value) of every number in raw text (full-width digits, digits spaced by a PDF: "1 9 . 5")."""
    ascii_text = text.translate(_FULL)
    out = []
    for m in _NUMBER.finditer(ascii_text):
        digits = re.sub(r"[\s,]", "", m.group(0))
        try:
            out.append((m.start(), m.end(), float(digits)))
        except ValueError:
            continue
    return out


def mark_offset(fig: Figure, nth: int) -> int | None:
    """Where in fig.text the record's figure is written: the nth number of that value (records of one clause come
    in the order of the text), or for a rank "第一" its 第; None when the value is not in the text."""
    if fig.measure == "rank":
        hits = [m.start() for m in re.finditer(r"第\s*([一二三四五六七八九十]|\d+)", fig.text)
                if _CN.get(m.group(1), 0) == fig.value or (m.group(1).isdigit() and float(m.group(1)) == fig.value)]
    else:
        hits = [s for s, _, v in number_spans(fig.text) if abs(v - abs(fig.value)) < 1e-9 * max(1.0, abs(v))]
    return hits[min(nth, len(hits) - 1)] if hits else None


def marked(text: str, offset: int | None) -> str:
    if offset is None:
        return text
    spans = [(s, e) for s, e, _ in number_spans(text) if s == offset]
    end = spans[0][1] if spans else offset + 1
    if text[offset] == "第":
        end = offset + 2
    unit = number_unit().match("0" + text[end:].translate(_FULL))  # the unit written after the number, if any
    if unit and unit.group(2) and text[offset] != "第":
        end += unit.end() - 1
    return f"{text[:offset]}{OPEN}{text[offset:end]}{CLOSE}{text[end:]}"


def offsets(figures: Sequence[Figure]) -> dict[int, int | None]:
    """id(fig) -> the offset of its figure in its text, the nth record of a value in one text at the nth number."""
    seen: dict[tuple[str, str, float], int] = defaultdict(int)
    out: dict[int, int | None] = {}
    for f in figures:
        k = (f.doc, f.text, abs(f.value))
        out[id(f)] = mark_offset(f, seen[k])
        seen[k] += 1
    return out


def location(f: Figure) -> str:
    return f.anchor or "?"


def _head(doc: Document | None, fallback: str) -> dict[str, str]:
    """The document's title and its first line (a work report's title often leaves out the place)."""
    if doc is None:
        return {"title": fallback}
    lines = [ln.strip()[:100] for ln in doc.text.splitlines()[:40] if ln.strip() and not re.match(r"^〔第\d+页〕$", ln.strip())]
    return {"title": doc.title or fallback, "first_lines": "\n".join(lines[:4])}


def _paragraph(f: Figure, rows_by_id: dict[str, Row], order: dict[str, list[Row]]) -> str:
    row = rows_by_id.get(f.row_id)
    if row is None:
        return ""
    mine = order.get(row.doc, [])
    at = mine.index(row) if row in mine else 0
    text = row.text
    for nxt in mine[at + 1 : at + 6]:
        if f.text in text:
            break
        text += nxt.text
    return text[:MAX_CONTEXT]


def table_context(doc: Document | None, line: str) -> str:
    """The caption and header of the table a row line is in (as printed), for reading the row's columns."""
    if doc is None:
        return ""
    lines = [ln.strip() for ln in doc.text.replace("｜", "|").splitlines()]
    try:
        at = lines.index(line.strip())
    except ValueError:
        return ""
    for j in range(at - 1, max(-1, at - 120), -1):
        if _CAPTION.match(lines[j]) or j == 0:
            head = [ln for ln in lines[j : at] if ln]
            above = [ln for ln in lines[max(j, at - 8) : at] if ln][-3:]  # the rows just above (a parent row)
            keep = head[:2] + [ln for ln in above if ln not in head[:2]]
            return "\n".join(keep if len(head) <= 5 else [*head[:2], "…", *[ln for ln in above if ln not in head[:2]]])
    return "\n".join(ln for ln in lines[max(0, at - 3) : at] if ln)


def key_line(f: Figure, rid: str, offset: int | None) -> dict[str, Any]:
    return {"id": rid, "doc": f.doc, "text": f.text, "offset": offset, "source": f.source, "table": f.table,
            "indicator": f.indicator, "words": f.words, "listed": f.listed, "measure": f.measure, "value": f.value,
            "unit": f.unit, "place": f.place, "level": f.level, "year": f.year, "period": f.period,
            "stance": f.stance, "base": f.base}


def draw_records(lib: Library, n: int = N_RECORDS, seed: int = SEED) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(sample lines, key lines) of n records drawn at random."""
    rng = random.Random(seed)
    figs = sorted(lib.figures, key=lambda f: (f.doc, f.row_id, f.text))
    where = offsets(lib.figures)
    chosen = rng.sample(figs, min(n, len(figs)))
    rows_by_id = {r.id: r for r in lib.rows}
    order: dict[str, list[Row]] = defaultdict(list)
    for r in lib.rows:
        order[r.doc].append(r)
    sample, key = [], []
    for i, f in enumerate(chosen, 1):
        rid = f"R{i:03d}"
        off = where[id(f)]
        doc = lib.docs.get(f.doc)
        line: dict[str, Any] = {"id": rid, "doc": f.doc, "location": location(f), **_head(doc, f.title)}
        if f.source == "table":
            line["table_head"] = table_context(doc, f.text)
        else:
            row = rows_by_id.get(f.row_id)
            line["heading"] = row.heading if row else ""
            line["paragraph"] = _paragraph(f, rows_by_id, order)
        line["text"] = marked(f.text, off)
        if off is None:
            line["note"] = "标记失败：请按原文判断（本条无法标出数字）"
        sample.append(line)
        key.append(key_line(f, rid, off))
    return sample, key


def table_spans(doc: Document) -> list[tuple[str, str]]:
    """(location, text) of every captioned table with a body in the document's text, found by its caption alone:
    the caption, then the lines up to the first prose line, figure caption or next table."""
    lines = doc.text.replace("｜", "|").splitlines()
    out = []
    for i, ln in enumerate(lines):
        if not _CAPTION.match(ln):
            continue
        body: list[str] = []
        for nxt in lines[i + 1 :]:
            s = nxt.strip()
            if not s or re.match(r"^第\s*\d+\s*页|^-\s*\d+\s*-$", s):
                continue
            if _CAPTION.match(s) or s.startswith("图") or "。" in s or len(s) > 120:
                break
            body.append(s)
        if sum(bool(re.search(r"\d", b)) for b in body) >= 2:
            num = re.match(r"^\s*(表\s*\d{1,2})", ln)
            out.append((re.sub(r"\s+", "", num.group(1)) if num else "表", "\n".join([ln.strip(), *body])))
    return out


def brief(f: Figure) -> dict[str, Any]:
    return {"indicator": f.indicator, "words": f.words, "measure": f.measure, "value": f.value, "unit": f.unit,
            "year": f.year, "stance": f.stance, "table": f.table}


def draw_recall(lib: Library, n_par: int = N_PARAGRAPHS, n_tab: int = N_TABLES,
                seed: int = SEED) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(recall lines, key lines): paragraphs that state a figure and captioned tables, drawn at random, with the
    records extracted from each."""
    rng = random.Random(seed + 1)
    by_doc: dict[str, list[Row]] = defaultdict(list)
    for r in lib.rows:
        by_doc[r.doc].append(r)
    in_tables = {f.text.strip() for f in lib.figures if f.source == "table"}
    pars = [(first, joined) for name in sorted(by_doc)
            for first, joined in runs([r for r in by_doc[name] if r.kind == "paragraph" and "|" not in r.text
                                       and r.text.strip() not in in_tables])
            if _FIGURE.search(joined.text)]
    tables = [(name, loc, text) for name in sorted(lib.docs) for loc, text in table_spans(lib.docs[name])]
    recall, key = [], []
    for i, (first, joined) in enumerate(rng.sample(pars, min(n_par, len(pars))), 1):
        rid = f"P{i:02d}"
        recall.append({"id": rid, "doc": first.doc, "location": first.anchor, "text": joined.text})
        key.append({"id": rid, "records": [brief(f) for f in lib.figures
                                            if f.row_id == first.id and f.source == "clause"]})
    for i, (name, loc, text) in enumerate(rng.sample(tables, min(n_tab, len(tables))), 1):
        rid = f"T{i:02d}"
        lines = {ln.strip() for ln in text.splitlines()[1:]}
        recall.append({"id": rid, "doc": name, "location": loc, "text": text})
        key.append({"id": rid, "records": [brief(f) for f in lib.figures
                                            if f.doc == name and f.source == "table" and f.text.strip() in lines]})
    return recall, key


def _write(path: Path, lines: Sequence[dict[str, Any]]) -> None:
    path.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), encoding="utf-8")


def write_sample(lib: Library, out: Path, seed: int | None = None) -> dict[str, int]:
    """Write sample.jsonl, key.jsonl, recall.jsonl and key_recall.jsonl into `out`; the counts drawn. Another
    `seed` draws a fresh sample (the first one, SEED, has been read and labelled)."""
    out.mkdir(parents=True, exist_ok=True)
    seed = SEED if seed is None else seed
    sample, key = draw_records(lib, seed=seed)
    recall, key_recall = draw_recall(lib, seed=seed)
    _write(out / "sample.jsonl", sample)
    _write(out / "key.jsonl", key)
    _write(out / "recall.jsonl", recall)
    _write(out / "key_recall.jsonl", key_recall)
    return {"records": len(lib.figures), "sampled": len(sample), "unmarked": sum("note" in s for s in sample),
            "recall_texts": len(recall), "recall_records": sum(len(k["records"]) for k in key_recall)}
