"""Office files (.docx, .xlsx) -> plain text the normal parser reads.

Tables and sheets become a pipe table "序号 | 重点工作 | [牵头区领导 |] 牵头单位 | 完成情况" with columns
mapped by their header names (序号/任务/目标/重点工作/牵头单位/责任单位/进展/完成情况…); docx paragraphs
outside tables become prose lines. A corrupt or unreadable file raises CorpusError naming the file."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Iterable, Sequence

from rag.errors import CorpusError
from rag.ingest.budgets import meter, within_budgets

__all__ = ["office_to_text", "table_to_pipes", "column_roles"]

# header words -> role, most specific first (a header cell is matched by the first word it contains)
_ROLE_WORDS: tuple[tuple[str, str], ...] = (
    ("序号", "row"),
    ("编号", "row"),
    ("牵头区领导", "leader"),
    ("区领导", "leader"),
    ("牵头领导", "leader"),
    ("责任领导", "leader"),
    ("牵头单位", "unit"),
    ("责任单位", "unit"),
    ("牵头部门", "unit"),
    ("责任部门", "unit"),
    ("主办单位", "unit"),
    ("进展", "progress"),
    ("完成情况", "progress"),
    ("推进情况", "progress"),
    ("落实情况", "progress"),
    ("执行情况", "progress"),
    ("重点工作任务", "section"),
    ("具体目标", "task"),
    ("目标", "task"),
    ("任务", "task"),
    ("重点工作", "task"),
    ("工作内容", "task"),
)
_HEADER_OUT = {"row": "序号", "task": "重点工作", "leader": "牵头区领导", "unit": "牵头单位", "progress": "完成情况"}
_NUM = re.compile(r"^\s*(\d{1,4})(?:\.0)?\s*$")


def _clean(cell: object) -> str:
    if cell is None:
        return ""
    s = str(cell).replace("|", "｜").replace("\r", " ").replace("\n", " ").replace("\t", " ")
    return re.sub(r"\s+", " ", s).strip()


def column_roles(header: Sequence[str]) -> dict[str, int] | None:
    """Role -> column index for a header row, or None when it is not a progress-table header
    (needs 序号 plus at least a task and a progress or unit column)."""
    roles: dict[str, int] = {}
    for i, cell in enumerate(header):
        name = re.sub(r"\s+", "", cell)
        if not name or len(name) > 12:
            continue
        for word, role in _ROLE_WORDS:
            if word in name:
                if role not in roles:
                    roles[role] = i
                elif role == "task" and "section" not in roles:
                    roles["section"] = roles["task"]  # two task-like columns: the first is the section
                    roles["task"] = i
                break
    if "row" in roles and "task" not in roles and "section" in roles:
        roles["task"] = roles.pop("section")
    if "row" not in roles or "task" not in roles or not ({"progress", "unit"} & roles.keys()):
        return None
    return roles


def table_to_pipes(cells: Iterable[Sequence[object]], pages: Sequence[int] | None = None) -> list[str]:
    """A table (rows of cells) -> pipe-table lines. Rows before the header row are kept as prose;
    rows without a numeric 序号 continue the previous row. Without a recognisable header the rows
    become prose lines (cells joined by spaces). With `pages` (the page of each row, from a PDF) a
    page mark line precedes the first line taken from each new page."""
    from rag.ingest.parse.clean import page_mark

    m = meter()
    out: list[str] = []
    more: dict[int, list[str]] = {}  # continuation text of a row line, joined once at the end (linear)
    roles: dict[str, int] | None = None
    order: list[str] = []
    last_page: int | None = None
    for i, raw in enumerate(cells):
        m.add_rows()
        r = [_clean(c) for c in raw]
        if not any(r):
            continue
        if pages is not None and pages[i] != last_page and (roles is None or _NUM.match(_picker(roles, r)("row"))):
            last_page = pages[i]
            out.append(page_mark(last_page))
        if roles is None:
            found = column_roles(r)
            if found:
                roles = found
                order = [k for k in ("row", "task", "leader", "unit", "progress") if k in found]
                out.append(" | ".join(_HEADER_OUT[k] for k in order) + " |")
            else:
                out.append(" ".join(_dedupe(r)))
            continue
        if column_roles(r):  # header repeated on a new page
            continue
        got = _picker(roles, r)
        num = _NUM.match(got("row"))
        if num:
            task = got("task")
            section = got("section")
            if section and section != task and section not in task:
                task = f"{section}：{task}" if task else section
            vals = [num.group(1) if k == "row" else (task if k == "task" else got(k)) for k in order]
            out.append(" | ".join(v or "—" for v in vals) + " |")
        elif out and out[-1].endswith(" |"):
            more.setdefault(len(out) - 1, []).append(" ".join(_dedupe(c for c in r if c)))
    for at, extra in more.items():
        out[at] = out[at][:-2] + " " + " ".join(extra) + " |"
    return out


def _picker(roles: dict[str, int], row: list[str]) -> Callable[[str], str]:
    def get(role: str) -> str:
        i = roles.get(role)
        return row[i] if i is not None and i < len(row) else ""

    return get


def _dedupe(cells: Iterable[str]) -> list[str]:
    """Merged cells repeat their text in every spanned cell: keep one copy."""
    seen: list[str] = []
    for c in cells:
        if c and (not seen or seen[-1] != c):
            seen.append(c)
    return seen


def _docx(data: bytes) -> str:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    m = meter()
    document = docx.Document(io.BytesIO(data))
    lines: list[str] = []
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            text = Paragraph(child, document).text.strip()
            m.add_chars(len(text) + 1)
            if text:
                lines.append(text)
        elif tag == "tbl":
            table = Table(child, document)
            lines.extend(table_to_pipes([c.text for c in row.cells] for row in table.rows))
    return "\n".join(lines)


def _xlsx(data: bytes) -> str:
    import openpyxl

    wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    lines: list[str] = []
    try:
        for ws in wb.worksheets:
            lines.extend(table_to_pipes(ws.iter_rows(values_only=True)))
    finally:
        wb.close()
    return "\n".join(lines)


@within_budgets
def office_to_text(data: bytes, name: str) -> str:
    """Text of a .docx or .xlsx file (by the name's suffix). Raises CorpusError when the file is
    corrupt, not really that format, or has no text."""
    suffix = name.lower().rsplit(".", 1)[-1] if "." in name else ""
    if suffix not in ("docx", "xlsx"):
        raise CorpusError(f"{name}: not a .docx or .xlsx file")
    if not data:
        raise CorpusError(f"{name}: the file is empty")
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise CorpusError(f"{name}: corrupt {suffix} file (not a valid Office/zip container) — re-save it from Word/Excel")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            meter(name).check_zip(zf, len(data))
    except zipfile.BadZipFile as e:
        raise CorpusError(f"{name}: corrupt {suffix} file ({e}) — re-save it from Word/Excel") from e
    try:
        text = _docx(data) if suffix == "docx" else _xlsx(data)
    except CorpusError:
        raise
    except Exception as e:  # python-docx / openpyxl raise many kinds on damaged files
        raise CorpusError(f"{name}: corrupt or unreadable {suffix} file ({type(e).__name__}) — re-save it from Word/Excel") from e
    if not text.strip():
        raise CorpusError(f"{name}: the {suffix} file contains no text")
    return text
