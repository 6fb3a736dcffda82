"""Figure records from the cells of communiqué tables (rag.ingest.parse.communique): the row's label names the
indicator (a listed name, else the words of the label, after its parent row's for a sub-row: "商品房销售额：住宅"),
the column the measure, the caption the year ("表6：2021年末…" is an as-of 年末 figure). A short alias (第一产业,
出口) names its indicator only in a table about that indicator (a 用电量 table's 第一产业 is not 第一产业增加值)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from rag.domain import Document, Row, content_hash
from rag.ingest.figures.model import Figure, level_of
from rag.ingest.figures.vocab import any_name, find, normalise, unit_fits
from rag.ingest.parse.communique import TableCell, parse_tables

SHORT_ALIAS = 4  # an alias this short names its indicator only where the caption agrees


def _indicator(cell: TableCell) -> tuple[str, str, bool]:
    label = normalise(cell.label)
    if cell.column.stem:  # 国家和地区 | 出口额 (亿元): the row names where, the column what
        words = f"{label}{cell.column.stem}"
        return words, words, False
    ind = None if cell.parent else find(label)
    if ind and ind != label and len(label) <= SHORT_ALIAS:
        about = normalise(cell.caption)
        if not (ind in about or (ind.endswith("增加值") and re.search(r"生产总值|增加值", about))):
            ind = None
    if ind:
        return ind, label, True
    owner = cell.parent or cell.group  # a sub-row's row, or the group header above it (铁路：旅客到发量)
    words = f"{normalise(owner)}：{label}" if owner else label
    return words, words, False


WHOLE_ROWS = ("总计", "合计", "总量", "全部")
_PRODUCTS = re.compile(r"产品|产量")  # a table of products: its 总计 is of the products, not the caption's indicator


def caption_indicator(caption: str) -> str | None:
    """The one listed indicator a caption names ("表4 2025年分行业固定资产投资（不含农户）增长速度": 固定资产投资), whose
    总计 row is that indicator itself; None when it names none or several."""
    rx, ids = any_name()  # inside a caption a name needs no phrase boundary (分行业|固定资产投资)
    found = {ids[m.group(0).lower()] for m in rx.finditer(normalise(caption))}
    return found.pop() if len(found) == 1 else None


def table_figures(doc: Document, place: str, rows: Sequence[Row], doc_year: int | None = None) -> list[Figure]:
    """Every cell of the document's communiqué tables as a record, cited by the 表 number and the row line."""
    by_text = {normalise(r.text): r for r in rows}
    out: list[Figure] = []
    for cell in parse_tables(doc.text):
        if cell.column.measure == "level" and not cell.unit:
            continue  # a level without a unit (the unit ran into the label): unreadable, so not recorded
        if normalise(cell.label) in WHOLE_ROWS:
            whole = caption_indicator(cell.caption)
            if whole is None or cell.column.stem or not unit_fits(whole, cell.unit) or _PRODUCTS.search(cell.caption):
                continue  # 总计 of a table whose caption names no one indicator, or whose columns (出口额 | 进口额)
                # or rows (products) say what the total is of
            ind, words, listed = whole, normalise(cell.label), True
        else:
            ind, words, listed = _indicator(cell)
        m = re.search(r"(20\d\d)\s*年", cell.caption)
        year = int(m.group(1)) if m and not re.search(r"20\d\d\s*[-—―–~至]\s*20\d\d", cell.caption) else (doc_year or doc.year)
        period = "年末" if re.search(r"年末|年底|末余额", cell.caption) else "全年"
        row = by_text.get(normalise(cell.line))
        base = "比上年" if cell.column.measure in ("growth", "change_pp") else ""
        out.append(Figure(
            doc=doc.name, place=place, level=level_of(place), year=year, period=period, stance="actual",
            indicator=ind, words=words, measure=cell.column.measure, value=cell.value, unit=cell.unit, base=base,
            text=cell.line, row_id=row.id if row else content_hash(doc.name, cell.table, cell.caption, cell.line),
            row=None, paragraph=row.paragraph if row else None, page=cell.page, table=cell.table or "表",
            title=doc.title or cell.caption, listed=listed, source="table", caption=cell.caption))
    return out
