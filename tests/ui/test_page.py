"""AppTest tests of the Streamlit page on the real bundled corpus (real Chroma; real embeddings, or the
hashed fake with RAG_EMBEDDER=hash, which keeps the run fast and skips the one ranking-dependent test),
indexed into a temporary data dir so uploads and removals never touch the project's own corpus."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest
import testenv

from ui.chinese import assert_chinese, walk

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


def _app(page: str | None = None):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    if page:
        at.radio(key="nav").set_value(page).run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    return at


def _uploader(at):
    """The library's uploader (its key changes after each add, which empties it)."""
    return next(u for u in at.get("file_uploader") if u.key and u.key.startswith("lib_upload_"))


def _assistant_text(at) -> str:
    return "\n".join(md.value for m in at.chat_message if m.name == "assistant" for md in m.markdown)


def _html_blocks(at) -> list[str]:
    return [md.value for md in at.markdown if md.allow_html]


EDITOR_PASSWORD = "page-test-editor"


def _open(page: str, monkeypatch: pytest.MonkeyPatch):
    """A page as staff see it: 通报 with the bulletin of 余杭区 (whose 序时进度 comes from the manifest period),
    资料库 with one document's rows open, and as an editor after signing in."""
    if page == "通报":
        at = _app("摘要")
        at.radio(key="s_kind").set_value("通报").run()
        at.button(key="b_pick_余杭区").click().run()
        at.button(key="b_go").click().run()
        return at
    if page == "资料库（编辑）":
        monkeypatch.setenv("RAG_EDITOR_PASSWORD", EDITOR_PASSWORD)
        at = _app("资料库")
        at.text_input(key="lib_password").input(EDITOR_PASSWORD)
        at.button(key="lib_login_go").click().run()
        return at
    at = _app(page)
    if page == "资料库":
        at.selectbox(key="lib_doc").set_value("000_89436030b738289b.txt").run()
    return at


@pytest.mark.parametrize("page", ["问答", "进度看板", "摘要", "通报", "资料库", "资料库（编辑）"])
def test_every_page_is_chinese(app_env, page, monkeypatch):
    at = _open(page, monkeypatch)
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert_chinese(at)
    sidebar = "\n".join(c.value for c in at.sidebar.caption)
    assert re.search(r"索引更新于 \d+月\d+日 \d\d:\d\d", sidebar) and "gen-" not in sidebar
    assert tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())["client"]["toolbarMode"] in (
        "minimal", "viewer")  # no Deploy button or developer menu
    if page == "通报":  # 余杭's table names no period: the manifest's, in Chinese
        assert "期间取自文档清单期间“2023年全年”" in "\n".join(m.value for m in at.markdown)
    if page == "资料库":
        docs = next(d for d in at.dataframe if "时期" in d.value.columns).value.set_index("文件")
        assert docs.loc["000_89436030b738289b.txt", "时期"] == "2023年三季度（多数数字为半年或1-8月）"
        assert docs.loc["004_d100e50c0866be80.txt", "文档"] == "余杭2023全年"
        notes = [t.value for e in at.expander if "解析提示" in e.label for t in e.text]
        quality = [q for d in at.dataframe if "数据问题" in d.value.columns for q in d.value["数据问题"] if q]
        assert notes and quality and not [n for n in notes + quality if re.search("[A-Za-z]{4,}", n)]
    if page == "资料库（编辑）":
        assert at.get("file_uploader") and "lib_remove" in {b.key for b in at.button}
        at.selectbox(key="lib_meta_pick").set_value("000_89436030b738289b.txt").run()  # nothing picked by default
        period = at.text_input(key="lib_meta_period_000_89436030b738289b.txt").value
        assert period == "2023年三季度（多数数字为半年或1-8月）"  # the form shows the period in Chinese too


def test_ask_gdp_streams_answer_with_citations(app_env):
    at = _app()
    at.chat_input(key="chat_q").set_value("钱塘区2023年GDP增长多少？").run()
    assert not at.exception and not at.error
    assert "4.2%" in _assistant_text(at)
    chips = [b for b in at.button if b.key and b.key.startswith("cite_0_")]
    assert chips, "citation chips are shown"
    assert all(re.match(r"\[\d+\] 钱塘\S+ · (序号|第)", b.label) for b in chips), [b.label for b in chips]
    assert all(b.help.startswith("文件：0") for b in chips)  # the file name on hover
    chips[0].click().run()
    source = "\n".join(_html_blocks(at))
    assert "<mark>4.2%</mark>" in source  # the cited number is highlighted in the source row
    assert "文档" in source and "时期" in source and "2023年" in source and "full year" not in source
    # a follow-up keeps the history
    at.chat_input(key="chat_q").set_value("那服务业呢？").run()
    assert len([m for m in at.chat_message if m.name == "user"]) == 2
    # the chat input is pinned below the conversation (Streamlit's bottom container), not inside the page
    assert not at.main.chat_input and at.chat_input(key="chat_q")
    assert_chinese(at)


def test_source_tags_name_documents_in_chinese(app_env):
    at = _app()
    at.button(key="ex_余杭区实际利用外资完成了吗？").click().run()
    text = _assistant_text(at)
    assert "余杭2023全年 · 序号" in text and "〔004" not in text
    assert "88.9%（8.89÷10，系计算）" in text  # a computed share, marked with its inputs
    assert not at.warning, [w.value for w in at.warning]


def test_example_list_has_no_false_number_warning(app_env):
    """"共5项" counts the listed items; it is not a claim about the sources (issue K, item 2)."""
    at = _app()
    at.button(key="ex_临安区科投集团负责哪些任务？").click().run()
    assert re.search(r"共\d+项", _assistant_text(at))
    assert not any("未在引用来源中找到的数字" in w.value for w in at.warning), [w.value for w in at.warning]


def test_example_button_and_status_question_lists_what_it_left_out(app_env):
    at = _app()
    at.button(key="ex_钱塘哪些目标滞后？").click().run()
    assert not at.exception and not at.error
    text = _assistant_text(at)
    assert "滞后" in text
    assert [b for b in at.button if b.key and b.key.startswith("cite_0_")]
    left = [e for e in at.expander if e.label.startswith("另有")]
    assert left and re.match(r"另有\d+项无法判断（缺少可比数据）", left[0].label)
    n = int(re.search(r"\d+", left[0].label)[0])
    assert len(left[0].dataframe[0].value) == n
    left[0].button[0].click().run()  # 在进度看板中查看
    assert at.radio(key="nav").value == "进度看板" and at.selectbox(key="f_district").value == "钱塘区"
    table = next(d for d in at.dataframe if "状态" in d.value.columns).value
    assert len(table) == n and set(table["状态"]) == {"无法判断"} and set(table["区"]) == {"钱塘区"}


def test_script_in_question_is_escaped(app_env):
    at = _app()
    at.chat_input(key="chat_q").set_value("<script>alert(1)</script>钱塘区2023年GDP增长多少？").run()
    assert not at.exception
    chips = [b for b in at.button if b.key and b.key.startswith("cite_0_")]
    if chips:
        chips[0].click().run()
    for block in _html_blocks(at):
        assert "<script" not in block.lower()
    shown = [t.value for m in at.chat_message if m.name == "user" for t in m.text]
    assert any("<script>alert(1)</script>" in s for s in shown)  # shown literally as plain text


def _status_table(at):
    return next(d for d in at.dataframe if "状态" in d.value.columns).value


def test_dashboard_filters_to_behind(app_env):
    at = _app("进度看板")
    total = len(_status_table(at))
    assert total > 100
    at.button_group(key="d_status").set_value(["滞后"]).run()
    table = _status_table(at)
    assert 0 < len(table) < total
    assert set(table["状态"]) == {"滞后"}
    from rag.index.build import Index
    from rag.status.rules import index_statuses

    index = Index(testenv.settings(corpus_dir=Path(app_env["RAG_CORPUS_DIR"]), data_dir=Path(app_env["RAG_DATA_DIR"])))
    behind = {(s.row.district, s.row.row): s.reason for s in index_statuses(index).values() if s.status == "behind"}
    shown = {(d, int(n)): why for d, n, why in zip(table["区"], table["序号"], table["原因"], strict=True)}
    assert shown == behind and all(behind.values())  # exactly the rows the rules call behind, with their reasons
    labels = {b.label for b in at.get("download_button")}
    assert {"下载 CSV", "下载 XLSX"} <= labels
    assert next(d for d in at.dataframe if "状态" in d.value.columns).proto.row_height > 64  # 任务 wraps


def test_dashboard_reasons_are_the_real_ones(app_env):
    """余杭 社零: the comparison with the target, not "数源单位暂停公布" (issue K, item 3)."""
    at = _app("进度看板")
    table = _status_table(at)
    row = table[(table["区"] == "余杭区") & (table["序号"] == 19)].iloc[0]
    assert row["状态"] == "滞后" and "3.2%" in row["原因"] and "8%" in row["原因"] and "暂停" not in row["原因"]
    assert row["文档"] == "余杭2023全年"


def test_dashboard_chart_names_districts_horizontally_and_selects_bars(app_env):
    at = _app("进度看板")
    specs = [json.loads(e.proto.spec) for e in walk(at._tree) if type(e).__name__ == "UnknownElement"
             and getattr(getattr(e, "proto", None), "spec", "")]
    spec = next(x for x in specs if any(p.get("name") == "pick" for p in x.get("params", [])))
    assert next(e for e in walk(at._tree) if str(getattr(e, "key", None)).startswith("d_chart") or
                "d_chart" in getattr(getattr(e, "proto", None), "id", ""))  # keyed by the filters (issue Q)
    assert spec["encoding"]["x"]["axis"]["labelAngle"] == 0
    assert any(p.get("name") == "pick" for p in spec.get("params", []))


def test_chart_pick_reads_the_selection_event():
    from rag.ui.dashboard import chart_pick

    assert chart_pick({"selection": {"pick": [{"区": "钱塘区", "状态": "滞后"}]}}) == ("钱塘区", "滞后")
    assert chart_pick({"selection": {"pick": []}}) == (None, None)
    assert chart_pick(None) == (None, None)


def test_one_set_of_filters_drives_every_page(app_env):
    at = _app()
    at.selectbox(key="f_district").set_value("余杭区").run()
    at.radio(key="nav").set_value("进度看板").run()
    assert set(_status_table(at)["区"]) == {"余杭区"}
    assert any("当前筛选（侧栏）：余杭区" in c.value for c in at.caption)
    at.radio(key="nav").set_value("摘要").run()
    keys = {getattr(e, "key", None) for e in walk(at._tree)}
    assert not keys & {"s_district", "s_unit", "d_district", "d_unit"}  # no second set of filters
    at.button(key="s_go").click().run()
    assert "余杭区" in at.session_state.summary[0].scope
    at.radio(key="nav").set_value("资料库").run()
    assert at.selectbox(key="f_district").disabled  # shown but not used there, and said so
    assert any("资料库页不使用筛选" in c.value for c in at.sidebar.caption)
    at.radio(key="nav").set_value("问答").run()
    assert at.selectbox(key="f_district").value == "余杭区"  # the choice survives a visit to 资料库


def test_dashboard_excel_bytes_roundtrip(app_env):
    import openpyxl
    import pandas as pd

    from rag.ui.dashboard import excel_bytes

    data = excel_bytes(pd.DataFrame({"区": ["钱塘区"], "状态": ["滞后"]}))
    ws = openpyxl.load_workbook(io.BytesIO(data)).active
    assert [c.value for c in ws[1]] == ["区", "状态"]


def test_summary_generates(app_env):
    at = _app("摘要")
    at.selectbox(key="f_district").set_value("钱塘区").run()
    at.button(key="s_go").click().run()
    assert not at.exception and not at.error
    body = "\n".join(md.value for md in at.markdown)
    assert "摘要" in body and not re.search("^## 来源", body, re.M)  # sources are a folded table, not a wall of text
    sources = next(e for e in at.expander if re.match(r"共 \d+ 条来源", e.label))
    assert not sources.proto.expanded
    assert list(sources.dataframe[0].value.columns) == ["编号", "文档", "位置", "牵头单位", "任务", "进展/原文", "文件"]
    summary = at.session_state.summary[0]
    assert "系计算" in "\n".join(s.text for s in summary.section("滞后事项"))  # computed shares are kept
    if summary.warnings:
        infos = [i.value for i in at.info]
        assert all(n in infos for n in summary.notices)
        assert any(e.label == "核验明细" for e in at.expander)
        assert not any("不在引用原文中" in i for i in infos)  # details only in the expander
    labels = {b.label for b in at.get("download_button")}
    assert {"下载 Markdown", "下载 DOCX"} <= labels
    assert_chinese(at)


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
    for k, v in {**env, "RAG_EDITOR_PASSWORD": "page-test-editor"}.items():
        monkeypatch.setenv(k, v)
    at = _app("资料库")
    at.text_input(key="lib_password").input("page-test-editor")
    at.button(key="lib_login_go").click().run()
    docx_bytes = _docx_report()
    uploads = [("西湖区进展.docx", docx_bytes, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
               ("上城区进展.xlsx", _xlsx_report(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")]
    for name, data, mime in uploads:
        _uploader(at).set_value((name, data, mime)).run()
        at.button(key="lib_add").click().run()
        assert not at.exception and not at.error, [e.value for e in at.error]
        assert (Path(env["RAG_CORPUS_DIR"]) / name).exists()
    docs = next(d for d in at.dataframe if "文件" in d.value.columns).value
    got = docs.set_index("文件")
    assert got.loc["西湖区进展.docx", "表格行"] == 3 and got.loc["西湖区进展.docx", "区"] == "西湖区"
    assert got.loc["上城区进展.xlsx", "表格行"] == 3
    at.radio(key="nav").set_value("问答").run()
    at.chat_input(key="chat_q").set_value("西湖区口袋公园建了多少个？").run()
    assert "13" in _assistant_text(at)
    at.radio(key="nav").set_value("资料库").run()
    # duplicate content and a bad type are refused with a clear message
    _uploader(at).set_value(("copy.docx", docx_bytes, "application/octet-stream")).run()
    at.button(key="lib_add").click().run()
    assert any("内容相同" in e.value for e in at.error)
    _uploader(at).set_value(("evil.exe", b"MZ...", "application/octet-stream")).run()
    at.button(key="lib_add").click().run()
    assert any("不支持的文件类型" in e.value for e in at.error)
    # remove one document again
    at.selectbox(key="lib_remove_pick_0").set_value("上城区进展.xlsx").run()
    at.checkbox(key="lib_remove_sure_0").check().run()
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
