"""Reading corpus files: encodings are detected (UTF-8, UTF-8 BOM, GBK, UTF-16 with BOM), and bad
files (empty, binary, over the size limit, unsupported type) raise CorpusError naming the file —
and never stop the good files when a whole folder is read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rag.errors import CorpusError
from rag.ingest.corpus import Problem, decode, read_corpus, read_document
from rag.settings import Settings

TEXT = (
    "杭州市钱塘区2023年政府工作报告重点工作任务进展情况\n"
    "一、主要经济指标\n"
    "全年实现地区生产总值1270亿元、同比增长4.2%；规上工业增加值738亿元、同比增长2.4%。\n"
    "固定资产投资709亿元、同比增长30.8%，综合排名全省第一。\n"
)
BIG = 10**8


def write(folder: Path, name: str, data: bytes) -> Path:
    p = folder / name
    p.write_bytes(data)
    return p


@pytest.mark.parametrize(
    "encoded",
    [
        pytest.param(TEXT.encode("utf-8"), id="utf-8"),
        pytest.param(b"\xef\xbb\xbf" + TEXT.encode("utf-8"), id="utf-8-bom"),
        pytest.param(TEXT.encode("gbk"), id="gbk"),
        pytest.param(TEXT.encode("gb18030"), id="gb18030"),
        pytest.param(TEXT.encode("utf-16"), id="utf-16-bom"),  # Python writes a BOM (LE here)
        pytest.param(b"\xff\xfe" + TEXT.encode("utf-16-le"), id="utf-16-le-bom"),
        pytest.param(b"\xfe\xff" + TEXT.encode("utf-16-be"), id="utf-16-be-bom"),
    ],
)
def test_encodings_are_detected(tmp_path, encoded):
    assert decode(encoded, "r.txt") == TEXT
    doc = read_document(write(tmp_path, "r.txt", encoded), {}, BIG)
    assert doc.text == TEXT
    assert "\ufeff" not in doc.text  # the BOM is not part of the text
    assert doc.title == "杭州市钱塘区2023年政府工作报告重点工作任务进展情况"


def test_gbk_file_parses_like_its_utf8_twin(tmp_path):
    from rag.index.build import parse_corpus

    write(tmp_path, "a.txt", TEXT.encode("utf-8"))
    write(tmp_path, "b.txt", TEXT.encode("gbk"))
    docs, problems = read_corpus(tmp_path, BIG)
    assert not problems
    rows, _, _ = parse_corpus(docs)
    a = [r.text for r in rows if r.doc == "a.txt"]
    b = [r.text for r in rows if r.doc == "b.txt"]
    assert a and a == b


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n  "], ids=["empty", "whitespace"])
def test_empty_file_raises_naming_the_file(tmp_path, data):
    p = write(tmp_path, "blank_report.txt", data)
    with pytest.raises(CorpusError, match="blank_report.txt") as e:
        read_document(p, {}, BIG)
    assert "empty" in str(e.value)


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8, id="png"),
        pytest.param(bytes(range(256)) * 20, id="all-bytes"),
        pytest.param(b"PK\x03\x04\x14\x00\x06\x00" + bytes(range(256, 0, -1)[1:]) * 10, id="zip"),
    ],
)
def test_binary_file_raises_naming_the_file(tmp_path, data):
    p = write(tmp_path, "scan.txt", data)
    with pytest.raises(CorpusError, match="scan.txt") as e:
        read_document(p, {}, BIG)
    assert "binary" in str(e.value) or "undecodable" in str(e.value)


def test_non_chinese_legacy_encoding_is_refused(tmp_path):
    data = "Rapport annuel : voilà une phrase française assez longue, encodée en latin-1.".encode("latin-1")
    with pytest.raises(CorpusError, match="fr.txt"):
        read_document(write(tmp_path, "fr.txt", data), {}, BIG)


def test_file_of_nul_bytes_is_binary(tmp_path):
    with pytest.raises(CorpusError, match="zeros.txt"):
        read_document(write(tmp_path, "zeros.txt", b"\x00" * 4096), {}, BIG)


def test_truncated_utf16_is_a_corpus_error(tmp_path):
    write(tmp_path, "ok.txt", TEXT.encode("utf-8"))
    write(tmp_path, "cut.txt", b"\xff\xfe" + TEXT.encode("utf-16-le")[:-1])
    docs, problems = read_corpus(tmp_path, BIG)
    assert [d.name for d in docs] == ["ok.txt"]
    assert [p.file for p in problems] == ["cut.txt"]


def test_over_size_limit_message(tmp_path):
    settings = Settings.from_env({"RAG_MAX_FILE_MB": "1"}, corpus_dir=tmp_path)
    assert settings.max_bytes == 1024 * 1024
    body = (TEXT * 4000).encode("utf-8")  # ~2 MB
    assert len(body) > settings.max_bytes
    p = write(tmp_path, "huge.txt", body)
    with pytest.raises(CorpusError) as e:
        read_document(p, {}, settings.max_bytes)
    msg = str(e.value)
    assert msg.startswith("huge.txt: ")
    assert f"{len(body) / 1e6:.1f} MB" in msg
    assert "over the 1 MB limit" in msg
    assert "RAG_MAX_FILE_MB" in msg  # says how to fix it


def test_unsupported_type_raises_naming_the_file(tmp_path):
    p = write(tmp_path, "report.pdf", b"%PDF-1.7\n")
    with pytest.raises(CorpusError, match="report.pdf") as e:
        read_document(p, {}, BIG)
    assert ".pdf" in str(e.value)


def test_bad_files_become_problems_and_good_files_are_kept(tmp_path):
    write(tmp_path, "good.txt", TEXT.encode("gbk"))
    write(tmp_path, "empty.txt", b"")
    write(tmp_path, "scan.md", bytes(range(256)) * 4)
    write(tmp_path, "big.txt", TEXT.encode("utf-8") * 20)
    write(tmp_path, ".hidden.txt", b"")  # dot files are not reports
    docs, problems = read_corpus(tmp_path, 2000)
    assert [d.name for d in docs] == ["good.txt"]
    assert sorted(p.file for p in problems) == ["big.txt", "empty.txt", "scan.md"]
    for p in problems:
        assert isinstance(p, Problem)
        assert str(p).startswith(p.file + ": ")
        assert p.fix
    reasons = {p.file: p.reason for p in problems}
    assert "empty" in reasons["empty.txt"]
    assert "binary" in reasons["scan.md"]
    assert "limit" in reasons["big.txt"]


def test_manifest_metadata_is_applied_and_bad_manifest_is_named(tmp_path):
    write(tmp_path, "r.txt", TEXT.encode("utf-8"))
    manifest = {"documents": [{"file": "r.txt", "district": "钱塘区", "title": "自定标题", "period": "2023"}]}
    (tmp_path / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    docs, problems = read_corpus(tmp_path, BIG)
    assert not problems
    assert (docs[0].district, docs[0].title, docs[0].period) == ("钱塘区", "自定标题", "2023")
    (tmp_path / "manifest.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(CorpusError, match="manifest.json"):
        read_corpus(tmp_path, BIG)


def test_missing_corpus_folder_is_named(tmp_path):
    with pytest.raises(CorpusError, match="nowhere") as e:
        read_corpus(tmp_path / "nowhere", BIG)
    assert "--corpus" in str(e.value)
