"""Per-file budgets (rag.ingest.budgets) and lenient decoding, on hostile files built here on the fly (no bomb file is
committed). Every refusal is asserted through the budget that made it (its message names the budget and its
setting), never through a clock: a bomb is refused from the zip directory before anything is inflated, an endless
sheet after the row budget, and a stuck file by the time budget (set to zero here, so the first check gives up)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest

from rag.errors import CorpusError
from rag.evals.bombs import _docx, _one_paragraph, _short_paragraphs, _xlsx_rows
from rag.ingest.budgets import MB, Budgets, OverBudget, metered
from rag.ingest.corpus import BAD_BYTES, decode, file_text, read_corpus
from rag.ingest.office import table_to_pipes

REPORT = "钱塘区2023年重点工作推进情况\n序号 | 重点工作 | 牵头单位 | 完成情况 |\n1 | 新增光伏装机容量3万千瓦。 | 区发改局 | 新增光伏4.2万千瓦。 |\n"


def _read(tmp_path: Path, name: str, data: bytes, budgets: Budgets) -> tuple[list[str], list[str]]:
    folder = tmp_path / "c"
    folder.mkdir(exist_ok=True)
    (folder / "good.txt").write_text(REPORT, encoding="utf-8")
    (folder / name).write_bytes(data)
    docs, problems = read_corpus(folder, 50 * MB, budgets)
    return [d.name for d in docs], [f"{p.file}: {p.reason}" for p in problems]


def test_a_docx_zip_bomb_is_refused_from_its_directory_before_inflating(tmp_path):
    bomb = _docx(_one_paragraph(20))  # 20 MiB of one run, a few KB compressed
    assert len(bomb) < MB // 10
    read, skipped = _read(tmp_path, "bomb.docx", bomb, Budgets(unzip_bytes=8 * MB))
    assert read == ["good.txt"] and len(skipped) == 1
    assert "inflates to 2" in skipped[0] and "MiB, over the 8 MiB budget" in skipped[0] and "RAG_MAX_UNZIP_MB" in skipped[0]


def test_a_docx_inflating_over_the_ratio_is_refused(tmp_path):
    bomb = _docx(_short_paragraphs(12))
    _, skipped = _read(tmp_path, "ratio.docx", bomb, Budgets(unzip_bytes=64 * MB, unzip_ratio=50))
    assert len(skipped) == 1 and "zip bomb" in skipped[0] and "RAG_MAX_UNZIP_RATIO" in skipped[0]


def test_short_paragraphs_stop_at_the_character_budget(tmp_path):
    d = docx.Document()
    for i in range(3000):
        d.add_paragraph(f"第{i}项工作进展顺利。")
    buf = io.BytesIO()
    d.save(buf)
    _, skipped = _read(tmp_path, "long.docx", buf.getvalue(), Budgets(chars=10_000))
    assert len(skipped) == 1 and "more than 10000 characters" in skipped[0] and "RAG_MAX_CHARS" in skipped[0]


def test_an_endless_sheet_stops_at_the_row_budget_and_the_good_file_is_indexed(tmp_path):
    read, skipped = _read(tmp_path, "rows.xlsx", _xlsx_rows(3000), Budgets(rows=1000))
    assert read == ["good.txt"]
    assert len(skipped) == 1 and "more than 1000 table rows" in skipped[0] and "RAG_MAX_ROWS" in skipped[0]


def test_a_stuck_file_is_given_up_by_the_time_budget(tmp_path):
    _, skipped = _read(tmp_path, "slow.xlsx", _xlsx_rows(50), Budgets(seconds=1e-9))
    assert len(skipped) == 1 and "per-file time budget" in skipped[0] and "RAG_FILE_TIMEOUT_S" in skipped[0]


def test_html_markup_and_text_files_are_bounded_too(tmp_path):
    page = b"<html><body>" + "<p>钱塘区各项工作稳步推进。</p>".encode() * 20_000 + b"</body></html>"
    _, skipped = _read(tmp_path, "big.html", page, Budgets(unzip_bytes=MB // 4))
    assert "MiB of markup" in skipped[0] and "RAG_MAX_UNZIP_MB" in skipped[0]
    _, skipped = _read(tmp_path, "big.txt", ("钱塘区工作报告。" * 20_000).encode(), Budgets(chars=50_000))
    assert any("big.txt" in s and "RAG_MAX_CHARS" in s for s in skipped)


def test_continuation_rows_are_joined_once_in_order():
    """The row joined from continuation lines (the old join rebuilt the whole line per continuation: n²)."""
    rows = [["序号", "重点工作", "牵头单位", "完成情况"], ["1", "任务一", "区发改局", "推进中"]]
    rows += [["", f"续{i}", "", ""] for i in range(5000)] + [["2", "任务二", "区住建局", "已完成"]]
    with metered("t.xlsx", Budgets()):
        out = table_to_pipes(rows)
    assert len(out) == 3 and out[1].startswith("1 | 任务一 | 区发改局 | 推进中 续0 续1 续2") and out[1].endswith("续4999 |")
    assert out[2] == "2 | 任务二 | 区住建局 | 已完成 |"


def test_a_real_sheet_within_its_budgets_still_reads(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["序号", "重点工作", "牵头单位", "完成情况"])
    ws.append([1, "新增光伏装机容量3万千瓦。", "区发改局", "新增光伏4.2万千瓦。"])
    buf = io.BytesIO()
    wb.save(buf)
    text = file_text(buf.getvalue(), "ok.xlsx")
    assert "1 | 新增光伏装机容量3万千瓦。 | 区发改局 | 新增光伏4.2万千瓦。 |" in text


def test_a_corrupt_zip_inside_is_a_problem_not_a_crash(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("word/document.xml", "<not xml")
    with pytest.raises(CorpusError) as e:
        file_text(buf.getvalue(), "bad.docx")
    assert not isinstance(e.value, OverBudget) and "bad.docx" in str(e.value)


# ------------------------------------------------------------------ decoding with replacement


def _long_report(n: int = 400) -> str:
    return "".join(f"钱塘区第{i}项重点工作按计划推进，完成年度目标。\n" for i in range(n))


def test_a_gbk_report_with_one_bad_byte_is_read_and_the_byte_counted(tmp_path):
    data = bytearray(_long_report().encode("gbk"))
    data[500:502] = b"\xff\xff"  # not GBK
    read, skipped = _read(tmp_path, "gbk.txt", bytes(data), Budgets())
    assert "gbk.txt" in read and not skipped
    docs, _ = read_corpus(tmp_path / "c", 50 * MB, Budgets())
    doc = next(d for d in docs if d.name == "gbk.txt")
    assert "钱塘区第399项重点工作" in doc.text and "\ufffd" in doc.text
    assert any(n.startswith("decoded as GB18030:") and f"of {len(data)} bytes" in n for n in doc.notes)


def test_a_utf8_file_cut_mid_character_is_read():
    data = _long_report().encode("utf-8") + "钱".encode()[:2]
    with metered("cut.txt", Budgets()) as m:
        text = decode(data, "cut.txt")
    assert text.endswith("\ufffd") and "第399项" in text and m.notes == [
        f"decoded as UTF-8: 2 of {len(data)} bytes could not be decoded and were replaced by \ufffd"]


def test_too_many_bad_bytes_is_still_refused_with_the_fix():
    data = bytearray(_long_report(50).encode("utf-8"))
    step = int(1 / BAD_BYTES / 4)
    for i in range(0, len(data), step):
        data[i] = 0xFF
    with pytest.raises(CorpusError) as e:
        decode(bytes(data), "noise.txt")
    assert "noise.txt" in str(e.value)


def test_an_encrypted_pdf_is_named_as_encrypted():
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, encrypt=pdfencrypt.StandardEncryption("secret", "owner"))
    c.drawString(72, 720, "Qiantang district report 2023")
    c.save()
    with pytest.raises(CorpusError) as e:
        file_text(buf.getvalue(), "locked.pdf")
    assert "encrypted PDF" in str(e.value) and "remove the password first" in str(e.value)
