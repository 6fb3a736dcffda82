"""Issue Q: the page tried as a new user would. AppTest on the bundled corpus indexed with the hashed fake embedder
(fast): no hidden filter changes an answer, uploads of PDF and HTML are read by the ingest readers and prefill the
form, a removal confirmation is for one file once, the password lockout survives a reload and is audited, the
dashboard's unit filter keeps co-led rows, documents and editors are named as people name them, English questions
and over-long pastes get a Chinese reply, a long 滞后 list is grouped by district and numbered, a summary can be asked
for in chat, answers whose source was removed say so, and the conversation can be downloaded."""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import pytest
from testenv import copy_library

from rag.ingest.library import audit
from rag.settings import Settings
from ui.chinese import assert_chinese, english_in

# Drives the whole app over a built index: run by `make test`, left out of `make check`'s fast loop.
pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))
PASSWORD = "Q-Editor-4471"
YUHANG = "004_d100e50c0866be80.txt"


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    from rag.index.build import ingest

    root = tmp_path_factory.mktemp("new_user")
    shutil.copytree(ROOT / "corpus", root / "corpus")
    ingest(Settings.from_env({"RAG_EMBEDDER": "hash"}, corpus_dir=root / "corpus", data_dir=root / "data"))
    return root


@pytest.fixture
def env(template, tmp_path, monkeypatch) -> dict[str, Path]:
    corpus, data = copy_library(template, tmp_path)
    for key, value in {"RAG_EMBEDDER": "hash", "RAG_CORPUS_DIR": str(corpus), "RAG_DATA_DIR": str(data),
                       "RAG_EDITOR_PASSWORD": PASSWORD}.items():
        monkeypatch.setenv(key, value)
    monkeypatch.delenv("RAG_EDITOR_EMAILS", raising=False)
    return {"corpus": corpus, "data": data}


def _app(page: str = "问答"):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.run()
    if page != "问答":
        at.radio(key="nav").set_value(page).run()
    _ok(at)
    return at


def _ok(at) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def _ask(at, question: str):
    at.chat_input(key="chat_q").set_value(question).run()
    _ok(at)
    return [m for m in at.chat_message if m.name == "assistant"][-1]


def _chips(at, turn: int) -> list[str]:
    return [b.label for b in at.button if b.key and b.key.startswith(f"cite_{turn}_")]


def _editor(page: str = "资料库", name: str = "张三"):
    at = _app(page)
    for field in (t for t in at.text_input if t.key == "lib_editor_name"):  # the name is optional
        field.input(name)
    at.text_input(key="lib_password").input(PASSWORD)
    at.button(key="lib_login_go").click().run()
    _ok(at)
    return at


# ---------------------------------------------------------------- 1. no hidden filter


def test_a_named_place_is_never_answered_from_the_filtered_one(env):
    at = _app()
    at.selectbox(key="f_district").set_value("钱塘区").run()  # as the 通报 district buttons leave it
    reply = _ask(at, "余杭5G基站去年建了多少个？")
    assert "钱塘" not in reply.markdown[0].value and "余杭" in reply.markdown[0].value
    assert all(c.startswith("[") and "余杭" in c for c in _chips(at, 0)), _chips(at, 0)
    assert any("未按侧栏筛选（钱塘区）" in i.value for i in reply.info)
    # a question naming no place is narrowed by the filter, says so, and one click clears the filter
    reply = _ask(at, "哪些目标滞后？")
    assert any(i.value.startswith("按筛选：钱塘区") for i in reply.info)
    at.button(key="unfilter_1").click().run()
    assert at.selectbox(key="f_district").value == "（全部）"


# ---------------------------------------------------------------- 2, 10. uploads through the ingest readers


def test_pdf_and_html_uploads_prefill_title_place_and_period(env):
    from docmake import prose_pdf, table_html

    at = _editor()
    pdf = prose_pdf("清河区2024年上半年政府工作报告重点工作进展情况",
                    ["一、2024年上半年工作进展", "上半年，清河区新增5G基站88个，同比增长12%。", "二、下半年工作安排",
                     "全力推进数字经济发展。"])
    up = next(u for u in at.get("file_uploader") if u.key.startswith("lib_upload_"))
    up.set_value(("qinghe_2024h1.pdf", pdf, "application/pdf")).run()
    at.button(key="lib_add").click().run()
    _ok(at)
    pick = "qinghe_2024h1.pdf"
    assert at.text_input(key=f"lib_meta_title_{pick}").value == "清河区2024年上半年政府工作报告重点工作进展情况"
    assert at.text_input(key=f"lib_meta_district_{pick}").value == "清河区"
    assert at.text_input(key=f"lib_meta_period_{pick}").value == "2024年上半年"
    page = table_html([["序号", "重点工作", "牵头单位", "完成情况"], ["1", "实际利用外资5亿美元", "区商务局", "完成3亿美元"]],
                      "清河区2024年政府工作报告重点工作完成情况")
    up = next(u for u in at.get("file_uploader") if u.key.startswith("lib_upload_"))
    up.set_value(("qinghe.html", page.encode(), "text/html")).run()
    at.button(key="lib_add").click().run()
    _ok(at)
    assert at.text_input(key="lib_meta_title_qinghe.html").value == "清河区2024年政府工作报告重点工作完成情况"
    assert at.text_input(key="lib_meta_period_qinghe.html").value == "2024年"
    assert_chinese(at)


def test_the_uploader_points_to_its_button_on_the_left(env):
    at = _editor()
    style = "\n".join(m.value for m in at.markdown if m.value.lstrip().startswith("<style>"))
    assert "左侧" in style and "右侧" not in style


def test_an_unreadable_upload_is_refused_in_chinese(env):
    at = _editor()
    up = next(u for u in at.get("file_uploader") if u.key.startswith("lib_upload_"))
    up.set_value(("scan.txt", b"\x00\x01\x02\xff" * 200, "text/plain")).run()
    at.button(key="lib_add").click().run()
    errors = [e.value for e in at.error]
    assert errors and "不是文本文件" in errors[0] and not english_in("\n".join(errors)), errors
    assert "binary data" not in errors[0]


# ---------------------------------------------------------------- 3. one confirmation, one file


def _remove_widgets(at):
    """The remove picker and its confirmation (their keys change after each removal)."""
    picker = next(w for w in at.selectbox if str(w.key).startswith("lib_remove_pick"))
    sure = next(w for w in at.checkbox if str(w.key).startswith("lib_remove_sure"))
    return picker, sure


def test_a_removal_confirmation_is_for_one_file_once(env):
    at = _editor()
    picker, sure = _remove_widgets(at)
    assert picker.value is None  # nothing chosen for the user
    assert "余杭2023全年（004_d100e50c0866be80.txt）" in picker.options  # documents named as people name them
    picker.set_value(YUHANG).run()
    _remove_widgets(at)[1].check().run()
    at.button(key="lib_remove").click().run()
    _ok(at)
    assert not (env["corpus"] / YUHANG).exists()
    picker, sure = _remove_widgets(at)
    assert picker.value is None and not sure.value and at.button(key="lib_remove").disabled
    restore = at.selectbox(key="lib_restore_pick")
    assert restore.options[0].startswith("余杭2023全年（004_")
    log = next(d for d in at.dataframe if "操作人" in d.value.columns and "操作" in d.value.columns).value
    assert "sha256" not in log.columns and list(log["操作人"])[0] == "张三（口令登录）"
    assert list(log["文档"])[0].startswith("余杭2023全年")


# ---------------------------------------------------------------- 4. lockout per server, audited


def test_the_password_lockout_survives_a_reload_and_is_audited(env):
    from rag.ui.editor import MAX_TRIES

    at = _app("资料库")
    for i in range(MAX_TRIES):
        at.text_input(key="lib_password").input(f"guess-{i}")
        at.button(key="lib_login_go").click().run()
    reloaded = _app("资料库")  # a new browser session: the count is the server's
    reloaded.text_input(key="lib_password").input(PASSWORD)
    reloaded.button(key="lib_login_go").click().run()
    assert any("后再试" in e.value for e in reloaded.error)
    assert not reloaded.get("file_uploader")
    failed = [e for e in audit.read(env["data"]) if e.action == "login_failed"]
    assert len(failed) == MAX_TRIES and PASSWORD not in (env["data"] / audit.AUDIT_FILE).read_text(encoding="utf-8")


# ---------------------------------------------------------------- 5. dashboard


def test_the_unit_filter_keeps_co_led_rows_and_an_empty_table_says_so_in_chinese(env):
    at = _app("进度看板")
    at.selectbox(key="f_district").set_value("余杭区").run()
    at.selectbox(key="f_unit").set_value("区商务局").run()
    _ok(at)
    assert any(c.value.startswith("共 5 行") for c in at.caption), [c.value for c in at.caption]  # as in 摘要
    at.pills(key="d_status").set_value(["无法判断"]).run()  # none of the five
    _ok(at)
    assert any(c.value.startswith("共 0 行") for c in at.caption)
    assert any("没有符合筛选的行" in i.value for i in at.info) and not at.dataframe  # no English "empty" table
    assert_chinese(at)


# ---------------------------------------------------------------- 6. names


def test_summary_title_and_docx_author(env):
    from docx import Document

    from rag.index.build import Index
    from rag.summary.build import summarize, to_docx

    settings = Settings.from_env()
    s = summarize(Index(settings), settings, district="余杭区", unit="区商务局")
    assert s.title == "余杭区商务局工作进展摘要"
    out = to_docx(s, env["data"] / "s.docx")
    props = Document(str(out)).core_properties
    assert props.author != "python-docx" and props.title == s.title


# ---------------------------------------------------------------- 7, 9. what the chat says


def test_english_and_over_long_questions_get_a_chinese_reply(env):
    at = _app()
    reply = _ask(at, "How much did Yuhang invest?")
    text = reply.markdown[0].value
    assert "中文" in text and "例如" in text and "How" not in text.replace("How much did", "")
    reply = _ask(at, "余杭" * 2500)
    assert "5000 字" in reply.markdown[0].value and "2000" in reply.markdown[0].value


def test_a_summary_request_in_chat_makes_the_summary(env):
    at = _app()
    reply = _ask(at, "给我一份余杭区商务局的进展摘要")
    body = "\n".join(m.value for m in reply.markdown)
    assert "余杭区商务局工作进展摘要" in body and "滞后事项" in body and "一份" not in body
    at.button(key="open_summary_0").click().run()
    _ok(at)
    assert at.radio(key="nav").value == "摘要" and at.selectbox(key="f_unit").value == "区商务局"
    assert any("余杭区商务局工作进展摘要" in m.value for m in at.markdown)


def test_a_long_status_list_is_grouped_numbered_and_in_chip_order(env):
    at = _app()
    reply = _ask(at, "哪些目标滞后？")
    text = reply.markdown[0].value
    heads = re.findall(r"\*\*(\S+区)\*\*（(\d+)项）", text)
    assert [h[0] for h in heads] and len(heads) == 3, heads
    numbers = [int(n) for n in re.findall(r"^(\d+)\. ", text, flags=re.M)]
    assert numbers == list(range(1, len(numbers) + 1)) and len(numbers) == sum(int(n) for _, n in heads)
    assert not re.search(r"^\d+\. 区", text, flags=re.M)  # every 区… unit carries its district
    assert "：兴产业增加值" not in text and "——兴产业" not in text  # extracts start at a word
    anchors = re.findall(r"〔(\S+ · 序号\d+)〕", text)
    chips = [c.split("] ", 1)[1] for c in _chips(at, 0)]
    assert anchors == chips  # chips in the order of the text
    assert len(set(anchors)) == len(anchors)  # no two lines look identical


def test_removed_sources_are_flagged_and_the_conversation_downloads(env):
    at = _editor()
    at.radio(key="nav").set_value("问答").run()
    _ask(at, "余杭区实际利用外资完成了吗？")
    md = at.get("download_button")[0].proto.label
    assert "下载对话" in md
    from rag.index.changes import Library

    Library(Settings.from_env(), "张三").remove(YUHANG)
    at.run()
    reply = [m for m in at.chat_message if m.name == "assistant"][-1]
    assert any("已从资料库移除" in w.value and "余杭2023全年" in w.value for w in reply.warning)
    from rag.ui.chat_rules import transcript

    text = transcript(at.session_state["chat"], {})
    assert "## 问：余杭区实际利用外资完成了吗？" in text and "余杭2023全年 · 序号" in text


def test_chat_rules_on_the_real_index(template):
    """The routing rules themselves: a fact question that mentions 总结 is a question, not a summary request; a
    question naming the filtered place and another one is not narrowed to the filtered one."""
    from rag.ask.retrieve import Filters
    from rag.index.build import Index
    from rag.ui.chat_rules import scoped, summary_request

    index = Index(Settings.from_env({"RAG_EMBEDDER": "hash"}, corpus_dir=template / "corpus",
                                    data_dir=template / "data"))
    assert summary_request(index, "给我一份余杭区商务局的进展摘要") == ("余杭区", "区商务局")
    assert summary_request(index, "总结一下临安区的工作进展") == ("临安区", None)
    assert summary_request(index, "钱塘区2023年工作总结中GDP增长多少？") is None
    assert summary_request(index, "余杭区实际利用外资完成了吗？") is None
    both = scoped(index, "临安和余杭的实际利用外资各是多少？", Filters("余杭区"))
    assert both[0] == Filters() and "临安区" in both[1]
    assert scoped(index, "余杭区实际利用外资完成了吗？", Filters("余杭区")) == (Filters("余杭区"), "")
    assert scoped(index, "实际利用外资完成了吗？", Filters("钱塘区")) == (Filters("钱塘区"), "")
