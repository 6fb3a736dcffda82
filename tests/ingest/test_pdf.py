"""rag.ingest.pdf on real PDFs made with reportlab from the project's own rows: a table over page
breaks (header repeated, rows cut by the page, wrapped cells), a prose report with running headers
and page numbers, a scan with no text layer and corrupt files (clear per-file problems, the good
files still read), radical code points, and page numbers in rows and citations."""

from __future__ import annotations

import io

import docmake
import pdfplumber
import pytest
import testenv
from click.testing import CliRunner

from rag.domain import Document
from rag.errors import CorpusError
from rag.ingest.corpus import read_corpus
from rag.ingest.parse import finalize, parse_document
from rag.ingest.parse.clean import fix_radicals
from rag.ingest.pdf import join_wrapped, pdf_to_text


def _rows(text: str, name: str = "r.pdf", title: str = ""):
    return finalize([parse_document(Document(name=name, text=text, district="余杭区", title=title))])[0].rows


ROWS = 31  # the first 30 rows of the 余杭区 table: four pages


def test_table_over_page_breaks_gives_the_txt_rows():
    data = docmake.table_pdf(docmake.cells_004()[:ROWS], title="余杭区2023年政府工作报告重点工作完成情况",
                             running="杭州市余杭区人民政府")
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        raw = [t for p in pdf.pages for t in p.extract_tables()]
    # the file really has what the parser must undo: a header on every page, rows cut by a page
    # break (their rest opens the next page with an empty 序号), cells wrapped over lines
    assert len(raw) >= 3 and all(t[0][0] == "序号" for t in raw)
    assert sum(1 for t in raw[1:] if len(t) > 1 and not t[1][0]) >= 2
    assert any("\n" in (c or "") for t in raw for r in t for c in r)

    rows = _rows(pdf_to_text(data, "yuhang.pdf"))
    txt = docmake.rows_004()[: ROWS - 1]
    assert [r.row for r in rows] == [r.row for r in txt]
    for got, want in zip(rows, txt):
        for name in ("task", "unit", "progress"):
            assert docmake.comparable(getattr(got, name)) == docmake.comparable(getattr(want, name)), (got.row, name)
    pages = [r.page for r in rows]
    assert pages[0] == 1 and pages == sorted(pages) and pages[-1] == len(raw)
    assert all("序号" not in r.progress and "杭州市余杭区人民政府" not in r.progress for r in rows)
    assert rows[12].anchor == f"第{rows[12].page}页 序号13" and rows[12].page == 2


def test_prose_report_paragraphs_keep_their_pages():
    from rag.ingest.corpus import decode

    src = decode((docmake.CORPUS / "001_058a47b1a797c1c9.txt").read_bytes(), "001")
    blocks = [ln.strip() for ln in src.splitlines() if ln.strip()][3:14]
    data = docmake.prose_pdf("钱塘区2024年政府工作报告", blocks, running="杭州市钱塘区人民政府")
    text = pdf_to_text(data, "qiantang.pdf")
    assert "杭州市钱塘区人民政府" not in text and "- 2 -" not in text  # running header, page numbers
    got = _rows(text, "qiantang.pdf", "钱塘区2024年政府工作报告")
    want = _rows("\n".join(blocks), "qiantang.txt", "钱塘区2024年政府工作报告")
    assert [docmake.comparable(r.text) for r in got] == [docmake.comparable(r.text) for r in want]
    assert all(r.kind == "paragraph" for r in got) and got[1].heading == "一、2023年工作回顾"
    pages = [r.page for r in got]
    assert pages[0] == 1 and pages == sorted(pages) and pages[-1] >= 3
    assert got[-1].anchor == f"第{pages[-1]}页 第{len(got)}段"


def test_scan_without_text_layer_is_a_clear_error():
    with pytest.raises(CorpusError, match=r"scan\.pdf: no text layer.*OCR it first"):
        pdf_to_text(docmake.image_pdf(), "scan.pdf")


@pytest.mark.parametrize(("data", "reason"), [
    pytest.param(b"%PDF-1.7\n" + b"\x00garbage" * 200, "corrupt", id="garbage-after-header"),
    pytest.param(b"<html>not a pdf</html>", "not a PDF", id="not-a-pdf"),
    pytest.param(b"", "empty", id="empty"),
])
def test_broken_pdfs_are_clear_errors(data, reason):
    with pytest.raises(CorpusError, match=f"bad.pdf: .*{reason}"):
        pdf_to_text(data, "bad.pdf")


def test_truncated_pdf_is_an_error_or_keeps_what_it_read():
    whole = docmake.table_pdf(docmake.cells_004()[:30])
    try:
        text = pdf_to_text(whole[: len(whole) // 2], "cut.pdf")
    except CorpusError as e:
        assert "cut.pdf" in str(e)
    else:
        assert len(_rows(text)) < 29


def test_bad_pdfs_never_stop_the_good_ones(tmp_path):
    (tmp_path / "good.pdf").write_bytes(docmake.table_pdf(docmake.cells_004()[:13]))
    (tmp_path / "scan.pdf").write_bytes(docmake.image_pdf())
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4\n%%EOF garbage")
    (tmp_path / "notes.txt").write_text("余杭区2023年工作情况说明。\n全年完成各项任务。", encoding="utf-8")
    docs, problems = read_corpus(tmp_path, 10**8)
    assert sorted(d.name for d in docs) == ["good.pdf", "notes.txt"]
    reasons = {p.file: p.reason for p in problems}
    assert set(reasons) == {"scan.pdf", "broken.pdf"}
    assert "no text layer" in reasons["scan.pdf"] and "OCR" in reasons["scan.pdf"]
    assert "corrupt" in reasons["broken.pdf"]
    good = next(d for d in docs if d.name == "good.pdf")
    assert len([r for r in _rows(good.text) if r.kind == "progress_row"]) == 12


def test_radical_code_points_are_normalised():
    assert fix_radicals("⾸⻚ ⼯作 ⻓三⻆，（１）") == "首页 工作 长三角，（１）"  # only radicals change
    data = docmake.table_pdf([docmake.HEADER, ["1", "⾸⻚改版，推进⼯作", "区⻔户⽹站中心", "已完成"]])
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert "⻚" in pdf.pages[0].extract_text()  # the text layer really carries a radical
    rows = _rows(pdf_to_text(data, "r.pdf"))
    assert rows[0].task == "首页改版，推进工作" and rows[0].unit == "区门户网站中心"


def test_wrapped_lines_join_without_spaces_in_chinese():
    assert join_wrapped(["推进之江实验室二", "期建设，投资18", "60亿元"]) == "推进之江实验室二期建设，投资1860亿元"
    assert join_wrapped(["digital", "economy ", " 核心"]) == "digital economy核心"


def test_ingest_and_ask_cite_the_page_and_options_follow_the_command(tmp_path):
    from rag.cli import main

    corpus, data = tmp_path / "corpus", tmp_path / "data"
    corpus.mkdir()
    (corpus / "yuhang.pdf").write_bytes(docmake.table_pdf(docmake.cells_004()[:30], title="余杭区重点工作完成情况"))
    env = {"RAG_EMBEDDER": testenv.EMBEDDER}
    res = CliRunner().invoke(main, ["ingest", "--corpus", str(corpus), "--data-dir", str(data)], env=env)
    assert res.exit_code == 0, res.output
    res = CliRunner().invoke(main, ["ask", f"--data-dir={data}", "--corpus", str(corpus), "--json",
                                    "区教育局的美好教育工程完成情况如何？"], env=env)
    assert res.exit_code == 0, res.output
    import json

    cites = json.loads(res.output)["citations"]
    assert cites and all(c["page"] >= 1 for c in cites) and 3 in [c["row"] for c in cites]
    res = CliRunner().invoke(main, ["ask", "--data-dir", str(data), "区教育局的美好教育工程完成情况如何？"], env=env)
    assert res.exit_code == 0 and "yuhang.pdf 第1页 序号3" in res.output, res.output


def test_uploaded_pdf_and_page_are_saved_safely_and_read(tmp_path):
    from rag.ingest.upload import save_upload

    settings = testenv.settings(corpus_dir=tmp_path / "corpus", data_dir=tmp_path / "data")
    pdf = save_upload(settings, "报告/余杭区进展.PDF", docmake.table_pdf(docmake.cells_004()[:4]))
    page = save_upload(settings, "余杭区进展.htm", docmake.table_html(docmake.cells_004()[:4], "余杭区进展").encode())
    assert (pdf.name, page.name) == ("余杭区进展.PDF", "余杭区进展.htm") and pdf.parent == settings.corpus_dir
    docs, problems = read_corpus(settings.corpus_dir, settings.max_bytes)
    assert not problems
    rows = {d.name: _rows(d.text, d.name) for d in docs}
    assert [r.anchor for r in rows["余杭区进展.PDF"]] == ["第1页 序号1", "第1页 序号2", "第1页 序号3"]
    assert [r.anchor for r in rows["余杭区进展.htm"]] == ["序号1", "序号2", "序号3"]
    with pytest.raises(CorpusError, match="不支持的文件类型"):
        save_upload(settings, "scan.tiff", b"II*\x00")
