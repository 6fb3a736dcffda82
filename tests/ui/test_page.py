"""AppTest tests of the Streamlit page on the real bundled corpus (real embeddings, real Chroma),
indexed into a temporary data dir so uploads and removals never touch the project's own corpus."""

from __future__ import annotations

import io
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import testenv

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.integration  # AppTest over the real index


def _make_env(tmp: Path) -> dict[str, str]:
    from rag.index.build import ingest

    corpus, data = tmp / "corpus", tmp / "data"
    shutil.copytree(ROOT / "corpus", corpus)
    data.mkdir()
    cache = ROOT / ".rag" / "embeddings.sqlite"
    if cache.exists():
        shutil.copy(cache, data / "embeddings.sqlite")
    ingest(testenv.settings(corpus_dir=corpus, data_dir=data))
    return {"RAG_CORPUS_DIR": str(corpus), "RAG_DATA_DIR": str(data)}


@pytest.fixture(scope="module")
def app_env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    env = _make_env(tmp_path_factory.mktemp("page"))
    old = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    yield env
    for k, v in old.items():
        if v is None:
            os.environ.pop(k, None)
        else:
            os.environ[k] = v


def _app():
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    return at


def _assistant_text(at) -> str:
    return "\n".join(md.value for m in at.chat_message if m.name == "assistant" for md in m.markdown)


def _html_blocks(at) -> list[str]:
    return [md.value for md in at.markdown if md.allow_html]


def test_ask_gdp_streams_answer_with_citations(app_env):
    at = _app()
    at.chat_input(key="chat_q").set_value("钱塘区2023年GDP增长多少？").run()
    assert not at.exception and not at.error
    assert "4.2%" in _assistant_text(at)
    chips = at.button_group(key="cite_0")
    assert chips.options, "citation chips are shown"
    chips.set_value(chips.options[0]).run()
    source = "\n".join(_html_blocks(at))
    assert "<mark>4.2%</mark>" in source  # the cited number is highlighted in the source row
    assert "文档" in source and "时期" in source
    # a follow-up keeps the history
    at.chat_input(key="chat_q").set_value("那服务业呢？").run()
    assert len([m for m in at.chat_message if m.name == "user"]) == 2


def test_example_button_and_status_question(app_env):
    at = _app()
    at.button(key="ex_钱塘哪些目标滞后？").click().run()
    assert not at.exception and not at.error
    text = _assistant_text(at)
    assert "滞后" in text
    assert at.button_group(key="cite_0").options


def test_script_in_question_is_escaped(app_env):
    at = _app()
    at.chat_input(key="chat_q").set_value("<script>alert(1)</script>钱塘区2023年GDP增长多少？").run()
    assert not at.exception
    for chips in at.button_group:
        if chips.key == "cite_0" and chips.options:
            chips.set_value(chips.options[0]).run()
    for block in _html_blocks(at):
        assert "<script" not in block.lower()
    shown = [t.value for m in at.chat_message if m.name == "user" for t in m.text]
    assert any("<script>alert(1)</script>" in s for s in shown)  # shown literally as plain text


def test_dashboard_filters_to_behind(app_env):
    at = _app()
    table = next(d for d in at.dataframe if "状态" in d.value.columns)
    total = len(table.value)
    assert total > 100
    at.toggle(key="d_behind").set_value(True).run()
    table = next(d for d in at.dataframe if "状态" in d.value.columns)
    assert 0 < len(table.value) < total
    assert set(table.value["状态"]) == {"滞后"}
    from rag.index.build import Index
    from rag.status.rules import index_statuses

    index = Index(testenv.settings(corpus_dir=Path(app_env["RAG_CORPUS_DIR"]), data_dir=Path(app_env["RAG_DATA_DIR"])))
    behind = {(s.row.doc, s.row.row): s.reason for s in index_statuses(index).values() if s.status == "behind"}
    shown = {(d, int(n)): why for d, n, why in zip(table.value["文档"], table.value["序号"], table.value["原因"], strict=True)}
    assert shown == behind and all(behind.values())  # exactly the rows the rules call behind, with their reasons
    labels = {b.label for b in at.get("download_button")}
    assert {"下载 CSV", "下载 XLSX"} <= labels


def test_dashboard_excel_bytes_roundtrip(app_env):
    import openpyxl
    import pandas as pd

    from rag.ui.dashboard import excel_bytes

    data = excel_bytes(pd.DataFrame({"区": ["钱塘区"], "状态": ["滞后"]}))
    ws = openpyxl.load_workbook(io.BytesIO(data)).active
    assert [c.value for c in ws[1]] == ["区", "状态"]


def test_summary_generates(app_env):
    at = _app()
    if any("摘要功能暂不可用" in i.value for i in at.info):
        pytest.skip("rag.summary.build is not available")
    at.selectbox(key="s_district").set_value("钱塘区").run()
    at.button(key="s_go").click().run()
    assert not at.exception and not at.error
    body = "\n".join(md.value for md in at.markdown)
    assert "摘要" in body and "## 来源" in body
    labels = {b.label for b in at.get("download_button")}
    assert {"下载 Markdown", "下载 DOCX"} <= labels


def _docx_report() -> bytes:
    import docx

    d = docx.Document()
    d.add_paragraph("西湖区2023年政府工作报告重点工作完成情况")
    t = d.add_table(rows=4, cols=4)
    for cell, v in zip(t.rows[0].cells, ["序号", "重点工作", "牵头单位", "完成情况"]):
        cell.text = v
    for cell, v in zip(t.rows[1].cells, ["1", "新建口袋公园12个", "区园林局", "已建成口袋公园13个，完成全年目标。"]):
        cell.text = v
    for cell, v in zip(t.rows[2].cells, ["2", "改造老旧小区30个", "区建设局", "已完成改造18个，其余加快推进。"]):
        cell.text = v
    for cell, v in zip(t.rows[3].cells, ["3", "新增停车位5000个", "区城管局", "新增停车位4200个。"]):
        cell.text = v
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _xlsx_report() -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["上城区2023年政府工作报告重点工作进展情况"])
    ws.append(["序号", "年度目标任务", "进展情况", "责任单位"])
    ws.append([1, "新增城镇就业2万人", "1-6月新增城镇就业1.2万人。", "区人力社保局"])
    ws.append([2, "建成文化驿站15家", "已建成文化驿站9家。", "区文旅局"])
    ws.append([3, "新开工保障性住房800套", "已开工520套。", "区住建局"])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_upload_docx_and_xlsx_then_remove(tmp_path, monkeypatch):
    env = _make_env(tmp_path)
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    at = _app()
    docx_bytes = _docx_report()
    uploads = [("西湖区进展.docx", docx_bytes, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
               ("上城区进展.xlsx", _xlsx_report(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")]
    for name, data, mime in uploads:
        at.file_uploader(key="lib_upload").set_value((name, data, mime)).run()
        at.button(key="lib_add").click().run()
        assert not at.exception and not at.error, [e.value for e in at.error]
        assert (Path(env["RAG_CORPUS_DIR"]) / name).exists()
    docs = next(d for d in at.dataframe if "文件" in d.value.columns).value
    got = docs.set_index("文件")
    assert got.loc["西湖区进展.docx", "表格行"] == 3 and got.loc["西湖区进展.docx", "区"] == "西湖区"
    assert got.loc["上城区进展.xlsx", "表格行"] == 3
    at.chat_input(key="chat_q").set_value("西湖区口袋公园建了多少个？").run()
    assert "13" in _assistant_text(at)
    # duplicate content and a bad type are refused with a clear message
    at.file_uploader(key="lib_upload").set_value(("copy.docx", docx_bytes, "application/octet-stream")).run()
    at.button(key="lib_add").click().run()
    assert any("内容相同" in e.value for e in at.error)
    at.file_uploader(key="lib_upload").set_value(("evil.exe", b"MZ...", "application/octet-stream")).run()
    at.button(key="lib_add").click().run()
    assert any("不支持的文件类型" in e.value for e in at.error)
    # remove one document again
    at.selectbox(key="lib_remove_pick").set_value("上城区进展.xlsx").run()
    at.checkbox(key="lib_remove_sure").check().run()
    at.button(key="lib_remove").click().run()
    assert not (Path(env["RAG_CORPUS_DIR"]) / "上城区进展.xlsx").exists()
    docs = next(d for d in at.dataframe if "文件" in d.value.columns).value
    assert "上城区进展.xlsx" not in set(docs["文件"])


@pytest.mark.parametrize("bad", ["../x.txt", "/etc/passwd.txt", "a\x00.txt", "C:\\x.txt", "x.exe", "..",
                                 "manifest.json", "", "sub/../../x.md"])
def test_safe_name_rejects(bad):
    from rag.errors import CorpusError
    from rag.ingest.upload import safe_name

    with pytest.raises(CorpusError):
        safe_name(bad)


def test_safe_name_keeps_plain_names():
    from rag.ingest.upload import safe_name

    assert safe_name("钱塘区 报告.docx") == "钱塘区 报告.docx"
    assert safe_name("dir/report.MD") == "report.MD"
    assert safe_name(".hidden.txt") == "hidden.txt"


def test_highlight_escapes_everything():
    from rag.ui.qa import cited_numbers, highlight

    out = highlight("<b>增长4.2%</b> & 'x' 12", cited_numbers("增长4.2%〔002 第12段〕"))
    assert "<b>" not in out and "&lt;b&gt;" in out and "<mark>4.2%</mark>" in out and "<mark>12</mark>" not in out


def test_safe_name_shortens_long_names_but_keeps_the_extension():
    from rag.ingest.upload import safe_name

    name = safe_name("报告" * 100 + ".docx")
    assert name.endswith(".docx") and len(name) <= 150
