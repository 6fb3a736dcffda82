"""Round trip: the bundled 余杭区 table (corpus/004_*.txt) served as .txt, as a saved web page (.html)
and as a printed report (.pdf, reportlab; Chromium's print in the integration test) gives the same
102 rows and the same answers to the same questions, each citing in its own form (序号N, or
第P页 序号N for the PDF)."""

from __future__ import annotations

import json
import re
import shutil
import time
from pathlib import Path

import docmake
import pytest
import testenv

from rag.ask.answer import answer
from rag.ask.retrieve import Filters
from rag.index.build import Index, ingest, parse_corpus
from rag.ingest.corpus import read_corpus

# Drives the whole app over a built index: run by `make test`, left out of `make check`'s fast loop.
pytestmark = pytest.mark.e2e

TITLE = "余杭区2023年政府工作报告重点工作完成情况"
QUESTIONS = {  # question -> the 序号 that holds the answer
    "余杭区2023年技术交易额完成多少亿元？": 5,
    "有效发明专利拥有量是多少件？": 8,
    "森林覆盖率达到多少？": 65,
    "全区接待游客多少万人次，旅游收入多少？": 51,
}


def _corpus(folder: Path, name: str, data: bytes) -> Path:
    folder.mkdir(parents=True)
    (folder / name).write_bytes(data)
    manifest = {"documents": [{"file": name, "district": "余杭区", "title": TITLE, "period": "2023 full year"}]}
    (folder / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def corpora(tmp_path_factory) -> dict[str, Path]:
    """One corpus folder per format, each holding the 004 table under the name yuhang.<suffix>."""
    root = tmp_path_factory.mktemp("formats")
    cells = docmake.cells_004()
    return {
        "txt": _corpus(root / "txt", "yuhang.txt", (docmake.CORPUS / docmake.FILE_004).read_bytes()),
        "html": _corpus(root / "html", "yuhang.html", docmake.table_html(cells, TITLE, "gbk").encode("gbk")),
        "pdf": _corpus(root / "pdf", "yuhang.pdf", docmake.table_pdf(cells, title=TITLE, running="杭州市余杭区人民政府")),
    }


def _parsed(folder: Path):
    t0 = time.perf_counter()
    docs, problems = read_corpus(folder, 10**8)
    seconds = time.perf_counter() - t0
    assert not problems
    rows, _, _ = parse_corpus(docs)
    return rows, seconds


def test_every_format_gives_the_same_102_rows(corpora):
    got = {fmt: _parsed(folder)[0] for fmt, folder in corpora.items()}
    assert {fmt: len(rows) for fmt, rows in got.items()} == {"txt": 102, "html": 102, "pdf": 102}
    for fmt in ("html", "pdf"):
        for a, b in zip(got["txt"], got[fmt]):
            assert (a.row, a.unit, a.district, a.title) == (b.row, b.unit, b.district, b.title), fmt
            same = docmake.comparable if fmt == "pdf" else str
            assert same(a.task) == same(b.task) and same(a.progress) == same(b.progress), (fmt, a.row)
    assert all(r.page is None for r in got["txt"] + got["html"])
    assert all(r.page is not None for r in got["pdf"]) and got["pdf"][-1].page >= 10


def _answers(folder: Path, data: Path) -> dict[str, tuple[str, list[str]]]:
    cache = docmake.ROOT / ".rag" / "embeddings.sqlite"
    data.mkdir(parents=True)
    if cache.exists():
        shutil.copy(cache, data / "embeddings.sqlite")
    settings = testenv.settings(corpus_dir=folder, data_dir=data)
    report = ingest(settings)
    assert report.rows == 102 and not report.problems
    index = Index(settings)
    out = {}
    for q in QUESTIONS:
        a = answer(q, Filters(None, None, None), None, index=index, settings=settings, backend="offline")
        out[q] = (a.text, [c.anchor for c in a.citations])
    return out


def _bare(text: str) -> str:
    """The answer without its source tags (〔yuh 序号5〕 / 〔yuh 第1页 序号5〕), compared across formats."""
    return docmake.comparable(re.sub(r"〔[^〕]*〕", "", text))


def test_every_format_answers_alike_citing_in_its_own_form(corpora, tmp_path):
    got = {fmt: _answers(folder, tmp_path / fmt) for fmt, folder in corpora.items()}
    for q, row in QUESTIONS.items():
        text, cites = got["txt"][q]
        assert f"序号{row}" in cites, (q, cites)
        assert got["html"][q] == (text, cites)
        pdf_text, pdf_cites = got["pdf"][q]
        assert _bare(pdf_text) == _bare(text), q
        assert [re.sub(r"^第\d+页 ", "", c) for c in pdf_cites] == cites
        assert all(re.fullmatch(r"第\d+页 (序号\d+|第\d+段)", c) for c in pdf_cites), pdf_cites


@pytest.mark.integration
@pytest.mark.browser
def test_chromium_printed_page_gives_the_same_rows(tmp_path):
    """The 004 table printed by Chromium (Noto CJK embedded, <thead> repeated on each page, rows cut
    by page breaks without a closing rule), row 1 written with radical code points (⾸⻚⼯作)."""
    from screenshots import have_chromium

    if not have_chromium():
        pytest.skip("chromium not installed (run `make install-browser`)")
    cells = docmake.cells_004()
    cells[1][1] = "⾸⻚⼯作：" + cells[1][1]
    folder = _corpus(tmp_path / "pdf", "yuhang.pdf", docmake.chromium_pdf(docmake.table_html(cells, TITLE)))
    rows, _ = _parsed(folder)
    txt = docmake.rows_004()
    assert len(rows) == 102 and [r.row for r in rows] == [r.row for r in txt]
    assert rows[0].task.startswith("首页工作：")
    # Skia writes one code point per glyph, and Noto CJK draws 户/戶 and ——/⸺ with one glyph each
    shared = str.maketrans({"戶": "户", "⸺": "——"})
    for a, b in zip(txt, rows):
        assert a.unit == b.unit, a.row
        assert docmake.comparable(a.progress) == docmake.comparable(b.progress.translate(shared)), a.row
    assert rows[-1].page is not None and rows[-1].page >= 10
