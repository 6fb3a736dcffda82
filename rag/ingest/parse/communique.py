"""Tables of statistical communiqués (统计公报), read from a document's text: "表1：2021年地区生产总值及其增长速度",
a header ("指标 | 2021年（亿元） | 比上年增长（%）", "产品名称 单位 产量 比上年增长(%)", letter-spaced "指 标"), then
rows of a label and its numbers ("地区生产总值 | 19917.0 | 8.6", "公路 万人次 1527.22 83.3"), in pipe rows (HTML,
PDF through rag.ingest.pdf_tables) or space-separated ones (DOCX, pdftotext). Two panels side by side (行业 增长
行业 增长) are read as two tables. Each cell becomes a TableCell: the row's label, what its column measures
(level, growth, index, share, change_pp), the value and the unit from the row's unit cell, the column header or
the caption."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rag.ingest.parse.clean import page_of

_CAPTION = re.compile(r"^\s*表\s*(\d{1,2})(?!\d)\s*[:：.、]?\s*(.*)$")
_LABEL_WORDS = ("指标", "指标名称", "产品名称", "项目", "行业", "类别", "名称", "国家和地区", "地区", "产品", "分组", "类型")
_NUM = re.compile(r"^[-−]?\d[\d,]*(?:\.\d+)?(?:%|倍)?$")  # "1.3倍": a growth written as times
_MISSING = re.compile(r"^(?:—+|-+|…+|／|/)$")
_UNIT_IN = re.compile(r"[（(]\s*([^（）()]{1,8}?)\s*[）)]")
_SINGLES = re.compile(r"(?<![\u4e00-\u9fff])([\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff](?![\u4e00-\u9fff]))")
_GENERIC = re.compile(r"^(?:20\d\d年(?:末)?|本年|绝对数|绝对值|绝对额|年末数|年末余额|本年数|产量|数量|总量|金额|数值|合计|全年|年末|本期|累计)?$")
_TWO_HEADS = re.compile(r"(?<=[）)])(?=[^）)\s])")  # "2021年末（亿元）比上年末增长（%）": two columns' heads in one cell
MAX_GAP = 2  # blank or unreadable lines tolerated inside a table
MAX_LINE = 120  # a longer line is prose, not a table row


@dataclass(frozen=True)
class Column:
    measure: str  # level | growth | index | share | change_pp | unit (the row's unit cell)
    unit: str
    stem: str = ""  # what a level column names besides the unit ("出口额"), '' when generic


@dataclass(frozen=True)
class TableCell:
    table: str  # 表1, or '' for a table without a number
    caption: str
    label: str  # the row's label as written (cleaned of # and 其中)
    parent: str  # the label of the row it is a part of ('' for a top row)
    column: Column
    value: float
    unit: str
    line: str  # the row verbatim
    page: int | None
    group: str = ""  # the label of the row without values above it ("铁路 | | |" over 旅客到发量), '' when none


def _squash_singles(text: str) -> str:
    """"指 标" -> "指标", "总 计" -> "总计" (letter-spaced words), other spaces kept."""
    prev = None
    while prev != text:
        prev, text = text, _SINGLES.sub(r"\1", text)
    return text


def cells_of(line: str) -> list[str]:
    if "|" in line:
        return [re.sub(r"\s+", "", c) for c in line.strip().strip("|").split("|")]
    return [t for t in _squash_singles(line.strip()).split() if t]


def _is_label_word(cell: str) -> bool:
    return re.sub(r"\s+", "", cell) in _LABEL_WORDS


def column_of(head: str, caption: str) -> Column:
    h = re.sub(r"\s+", "", head)
    unit_m = _UNIT_IN.search(h)
    unit = unit_m.group(1) if unit_m else ""
    stem = _UNIT_IN.sub("", h)
    if h in ("单位", "计量单位"):
        return Column("unit", "")
    if "百分点" in h:
        return Column("change_pp", "个百分点")
    if re.search(r"增长|增速|涨跌|增减|涨幅|比上年|同比|增幅", h):
        return Column("growth", "%")
    if "指数" in h or ("指数" in caption and "=100" in caption and not unit):
        return Column("index", "")
    if re.search(r"比重|占", h):
        return Column("share", "%")
    if unit in ("%", "％"):
        return Column("growth" if re.search(r"涨跌|增长|增速|变动", caption) else "share", "%")
    if not unit:
        m = _UNIT_IN.search(caption)
        unit = m.group(1) if m and not re.search(r"=|＝", m.group(1)) else ""
    return Column("level", unit, "" if _GENERIC.match(stem) else stem)


def _panels(cells: list[str]) -> list[int]:
    """Start index of each panel in a header: 行业 | 增长 | 行业 | 增长 has two."""
    return [i for i, c in enumerate(cells) if _is_label_word(c)] or [0]


def _groups(cells: list[str], piped: bool) -> list[tuple[str, list[str]]]:
    """(label, value cells) of each panel of a row: a label is the text cells before the numbers."""
    out: list[tuple[str, list[str]]] = []
    label: list[str] = []
    values: list[str] = []
    for c in cells:
        numeric = bool(_NUM.match(c) or _MISSING.match(c))
        if not numeric and values and (piped or not _unit_like(c)):
            out.append(("".join(label), values))
            label, values = [], []
        if numeric or (label and _unit_like(c) and not values):
            values.append(c)
        else:
            label.append(c)
    if label or values:
        out.append(("".join(label), values))
    return out


def _unit_like(cell: str) -> bool:
    return bool(re.fullmatch(r"(?:万|亿|千|百)?(?:元|人次|人|吨|辆|台|件|户|家|个|亩|千瓦时|千瓦小时|千升|平方米|立方米|公里|"
                             r"人公里|吨公里|标准箱|标准量|重量箱|双|块|支|头|只|张|所|套|米|箱)", cell))


def _header(line: str) -> list[str] | None:
    cells = cells_of(line)
    if len(cells) >= 2 and _is_label_word(cells[0]) and not any(_NUM.match(c) for c in cells):
        return [part for c in cells for part in _TWO_HEADS.split(c) if part]
    return None


def _caption_before(lines: list[str], at: int) -> tuple[str, str]:
    for j in range(at - 1, max(-1, at - 4), -1):
        s = lines[j].strip()
        if not s or page_of(s) is not None:
            continue
        m = _CAPTION.match(s)
        if m:
            return f"表{m.group(1)}", _squash_singles(m.group(2)).strip()
        if len(s) <= 40 and not re.search(r"[。；]", s) and "|" not in s:
            return "", _squash_singles(s).strip()
        break
    return "", ""


def parse_tables(text: str) -> list[TableCell]:
    """Every cell of every communiqué table in `text` (a document's text, with page marks)."""
    lines = text.replace("｜", "|").splitlines()  # a PDF's rows come with full-width bars
    out: list[TableCell] = []
    page: int | None = None
    i = 0
    while i < len(lines):
        page = page_of(lines[i]) or page
        head = _header(lines[i])
        if head is None:
            i += 1
            continue
        table, caption = _caption_before(lines, i)
        starts = _panels(head)
        panels = [_inherit([column_of(h, caption) for h in head[s + 1 : e]])
                  for s, e in zip(starts, [*starts[1:], len(head)])]
        i, page = _rows(lines, i + 1, page, table, caption, panels, out)
    return out


def _inherit(cols: list[Column]) -> list[Column]:
    """A growth column names what the level column before it names: 出口额 (亿元) | 比上年增长(%)."""
    out: list[Column] = []
    for c in cols:
        prev = out[-1] if out else None
        out.append(Column(c.measure, c.unit, prev.stem) if prev and not c.stem and c.measure != "level" else c)
    return out


def _rows(lines: list[str], i: int, page: int | None, table: str, caption: str, panels: list[list[Column]],
          out: list[TableCell]) -> tuple[int, int | None]:
    gap = 0
    parent = ["", "", ""]  # the last top row's label, whether the last row was a part, the group header above
    while i < len(lines) and gap <= MAX_GAP:
        raw = lines[i]
        mark = page_of(raw)
        if mark is not None or not raw.strip():
            page = mark or page
            i += 1
            continue
        if len(raw) > MAX_LINE or _CAPTION.match(raw) or _header(raw) or raw.strip().startswith("图"):
            break
        cells = cells_of(raw)
        unit_col = "|" in raw and len(panels) == 1 and any(c.measure == "unit" for c in panels[0]) and len(cells) > 2
        groups = [(cells[0], cells[1:])] if unit_col else [g for g in _groups(cells, "|" in raw) if g[0] and g[1]]
        if not groups:
            gap += 1
            i += 1
            continue
        gap = 0
        for k, (label, values) in enumerate(groups):
            cols = panels[k] if k < len(panels) else panels[-1]
            out.extend(_cells(table, caption, label, parent, cols, values, raw.strip(), page))
        i += 1
    return i, page


def _cells(table: str, caption: str, label: str, parent: list[str], cols: list[Column], values: list[str],
           line: str, page: int | None) -> list[TableCell]:
    clean = re.sub(r"^[#＃]|^其中[:：]?", "", label).strip()
    if not any(v.strip() for v in values):  # "铁路 | | |": a group header; the rows below it are its parts
        parent[:] = [clean, "", clean]
        return []
    # "全年货物周转量 / #铁路 / 航空 / 公路": a two-character label under a longer one continues its parts
    sub = bool(re.match(r"^[#＃]|^其中", label)) or (len(clean) <= 2 and len(parent[0]) >= 4 and bool(parent[1]))
    parent[1] = "sub" if sub else ""
    if not sub:
        parent[0] = clean
    unit_cells = [v for v in values if not (_NUM.match(v) or _MISSING.match(v))]
    nums = [v for v in values if _NUM.match(v) or _MISSING.match(v)]
    value_cols = [c for c in cols if c.measure != "unit"]
    if len(nums) != len(value_cols):
        return []  # cells do not line up with the header: better no record than a wrong one
    out = []
    for col, v in zip(value_cols, nums):
        if _MISSING.match(v) or v.endswith("倍") and col.measure != "growth":
            continue
        unit = "倍" if v.endswith("倍") else unit_cells[0] if col.measure == "level" and unit_cells else col.unit
        out.append(TableCell(table, caption, clean, parent[0] if sub else "", col,
                             float(v.rstrip("%倍").replace(",", "").replace("−", "-")), unit, line, page,
                             "" if sub else parent[2]))
    return out
