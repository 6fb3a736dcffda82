"""rag.ingest.office: .docx tables and .xlsx sheets become pipe tables the normal parser reads."""

from __future__ import annotations

import io

import pytest

from rag.domain import Document
from rag.errors import CorpusError
from rag.ingest.office import column_roles, office_to_text, table_to_pipes


def _docx(paragraphs: list[str], table: list[list[str]]) -> bytes:
    import docx

    d = docx.Document()
    for p in paragraphs[:1]:
        d.add_paragraph(p)
    t = d.add_table(rows=len(table), cols=len(table[0]))
    for r, values in zip(t.rows, table):
        for cell, v in zip(r.cells, values):
            cell.text = v
    for p in paragraphs[1:]:
        d.add_paragraph(p)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _xlsx(rows: list[list[object]]) -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    for r in rows:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _parse(text: str, name: str):
    from rag.ingest.parse import detect_layout, finalize, parse_document

    doc = Document(name=name, text=text, district="西湖区", title="t")
    assert detect_layout(text) == "pipes"
    return finalize([parse_document(doc)])[0].rows


def test_docx_table_and_prose():
    data = _docx(
        ["2023年西湖区重点工作完成情况", "备注：数据截至12月底。"],
        [["序号", "重点工作", "牵头单位", "完成情况"],
         ["1", "新建口袋公园12个", "区园林局", "已建成13个。"],
         ["2", "改造老旧小区30个|含加装电梯", "区建设局", "完成18个\n其余推进中"],
         ["3", "新增停车位5000个", "区城管局", "新增停车位4200个。"]],
    )
    text = office_to_text(data, "r.docx")
    lines = text.splitlines()
    assert lines[0] == "2023年西湖区重点工作完成情况"
    assert lines[1] == "序号 | 重点工作 | 牵头单位 | 完成情况 |"
    assert lines[3] == "2 | 改造老旧小区30个｜含加装电梯 | 区建设局 | 完成18个 其余推进中 |"
    assert lines[-1] == "备注：数据截至12月底。"
    rows = [r for r in _parse(text, "r.docx") if r.kind == "progress_row"]
    assert [r.row for r in rows] == [1, 2, 3]
    assert rows[0].unit == "区园林局" and "13个" in rows[0].progress


def test_xlsx_columns_mapped_by_header_names():
    data = _xlsx([
        ["2023年上城区政府工作报告重点工作进展情况"],
        [None],
        ["序号", "年度目标任务", "进展情况", "责任单位"],
        [1, "新增城镇就业2万人", "1-6月新增城镇就业1.2万人。", "区人力社保局"],
        [2.0, "建成文化驿站15家", "已建成文化驿站9家。", "区文旅局"],
        [None, None, "另有3家在建。", None],
        [3, "新开工保障性住房800套", "已开工520套。", "区住建局"],
    ])
    text = office_to_text(data, "s.xlsx")
    assert "序号 | 重点工作 | 牵头单位 | 完成情况 |" in text
    assert "1 | 新增城镇就业2万人 | 区人力社保局 | 1-6月新增城镇就业1.2万人。 |" in text
    assert "2 | 建成文化驿站15家 | 区文旅局 | 已建成文化驿站9家。 另有3家在建。 |" in text
    rows = [r for r in _parse(text, "s.xlsx") if r.kind == "progress_row"]
    assert [(r.row, r.unit) for r in rows] == [(1, "区人力社保局"), (2, "区文旅局"), (3, "区住建局")]


def test_leader_and_section_columns():
    roles = column_roles(["序号", "重点工作任务", "具体目标任务", "牵头区领导", "牵头单位", "进展情况"])
    assert roles == {"row": 0, "section": 1, "task": 2, "leader": 3, "unit": 4, "progress": 5}
    lines = table_to_pipes([["序号", "重点工作任务", "具体目标任务", "牵头区领导", "牵头单位", "进展情况"],
                            ["1", "主要经济指标", "GDP增长6%", "张三", "区发改局", "增长4.6%"],
                            ["序号", "重点工作任务", "具体目标任务", "牵头区领导", "牵头单位", "进展情况"]])
    assert lines == ["序号 | 重点工作 | 牵头区领导 | 牵头单位 | 完成情况 |",
                     "1 | 主要经济指标：GDP增长6% | 张三 | 区发改局 | 增长4.6% |"]


def test_table_without_header_is_prose():
    assert table_to_pipes([["项目", "金额"], ["A", "B"]]) == ["项目 金额", "A B"]
    assert column_roles(["名称", "说明"]) is None


def test_corrupt_files_raise_corpus_error():
    with pytest.raises(CorpusError, match="corrupt"):
        office_to_text(b"this is not a zip file at all", "bad.docx")
    good = _xlsx([["序号", "任务", "进展"]])
    with pytest.raises(CorpusError, match="corrupt"):
        office_to_text(good[: len(good) // 2], "half.xlsx")
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("hello.txt", "not office")
    with pytest.raises(CorpusError, match="corrupt or unreadable"):
        office_to_text(buf.getvalue(), "zip.docx")
    with pytest.raises(CorpusError, match="empty"):
        office_to_text(b"", "e.xlsx")
    with pytest.raises(CorpusError, match="no text"):
        office_to_text(_xlsx([[None]]), "blank.xlsx")


def test_corpus_reads_office_files(tmp_path):
    from rag.ingest.corpus import read_corpus

    (tmp_path / "a.docx").write_bytes(_docx(["西湖区2023年重点工作完成情况"],
                                            [["序号", "重点工作", "牵头单位", "完成情况"], ["1", "任务甲", "区园林局", "已完成"],
                                             ["2", "任务乙", "区园林局", "推进中"], ["3", "任务丙", "区建设局", "已完成"]]))
    (tmp_path / "b.xlsx").write_bytes(b"PK\x03\x04garbage")
    docs, problems = read_corpus(tmp_path, 10**7)
    assert [d.name for d in docs] == ["a.docx"] and docs[0].district == "西湖区"
    assert [p.file for p in problems] == ["b.xlsx"]
