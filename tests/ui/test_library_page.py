"""AppTest of the 资料库 tab's roles on a small real index (RAG_EMBEDDER=hash, a temporary corpus and data dir, so
these stay fast): without credentials the page cannot change the library; the editor password unlocks upload, the
detected-metadata form, remove and restore; a wrong password is refused and, after MAX_TRIES, rate-limited; an OIDC
login (st.user) counts only when its email is listed; the password never reaches the page or the audit log."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from testenv import copy_library

from rag.ingest.library import audit, trash
from rag.settings import Settings
from ui.chinese import assert_chinese

# Drives the whole app over a built index: run by `make test`, left out of `make check`'s fast loop.
pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
DOC = "004_d100e50c0866be80.txt"
PASSWORD = "Lib-Editor-7731"
REPORT = ("政府工作报告\n——2023年3月29日在西湖区第二届人民代表大会第三次会议上\n一、2022年工作回顾\n"
          "过去一年，全区实现地区生产总值1234亿元，同比增长5.1%。\n二、工作安排\n今年预期增长6%左右。\n")


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    """One small corpus (the 余杭 table) indexed once; each test works on its own copy."""
    from rag.index.build import ingest

    root = tmp_path_factory.mktemp("library_page")
    corpus = root / "corpus"
    corpus.mkdir()
    shutil.copy(ROOT / "corpus" / DOC, corpus / DOC)
    manifest = json.loads((ROOT / "corpus" / "manifest.json").read_text(encoding="utf-8"))
    manifest["documents"] = [d for d in manifest["documents"] if d["file"] == DOC]
    (corpus / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    ingest(Settings.from_env({"RAG_EMBEDDER": "hash"}, corpus_dir=corpus, data_dir=root / "data"))
    return root


@pytest.fixture
def env(template, tmp_path, monkeypatch) -> dict[str, Path]:
    corpus, data = copy_library(template, tmp_path)
    for key, value in {"RAG_EMBEDDER": "hash", "RAG_CORPUS_DIR": str(corpus), "RAG_DATA_DIR": str(data)}.items():
        monkeypatch.setenv(key, value)
    for key in ("RAG_EDITOR_PASSWORD", "RAG_EDITOR_EMAILS"):
        monkeypatch.delenv(key, raising=False)
    return {"corpus": corpus, "data": data}


def _app(user: dict | None = None):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    if user is not None:
        at.user = user
    at.run()
    at.radio(key="nav").set_value("资料库").run()  # the page switch lives in the sidebar
    _ok(at)
    return at


def _ok(at) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def _keys(at, kind: str) -> set[str]:
    return {w.key for w in at.get(kind) if w.key}


def _page_text(at) -> str:
    return "\n".join(str(getattr(node, "proto", "")) for node in at._tree)


def _login(at, password: str):
    at.text_input(key="lib_password").input(password)
    return at.button(key="lib_login_go").click().run()


def _uploader(at):
    [up] = [u for u in at.get("file_uploader") if u.key and u.key.startswith("lib_upload_")]
    return up


def test_without_credentials_the_library_is_read_only(env):
    at = _app()
    assert not at.get("file_uploader")
    assert not {"lib_add", "lib_remove", "lib_restore", "lib_build", "lib_meta_save"} & _keys(at, "button")
    assert any("只读" in i.value and "rag library" in i.value for i in at.info)
    docs = next(d for d in at.dataframe if "文件" in d.value.columns).value
    assert list(docs["文件"]) == [DOC]  # reading stays open
    assert list(docs["时期"]) == ["2023年全年"]
    assert_chinese(at)


def test_password_editor_uploads_checks_metadata_removes_and_restores(env, monkeypatch):
    monkeypatch.setenv("RAG_EDITOR_PASSWORD", PASSWORD)
    at = _app()
    assert not at.get("file_uploader")
    _login(at, PASSWORD)
    _ok(at)
    assert any("编辑：" in c.value and "口令登录" in c.value for c in at.caption)
    _uploader(at).set_value(("西湖区报告.txt", REPORT.encode(), "text/plain")).run()
    at.button(key="lib_add").click().run()
    _ok(at)
    assert (env["corpus"] / "西湖区报告.txt").exists()
    assert _uploader(at).key == "lib_upload_1" and not _uploader(at).value  # the uploader was cleared
    # the form shows what was detected; the editor corrects the period and saves it to the manifest
    pick = "西湖区报告.txt"
    assert at.text_input(key=f"lib_meta_title_{pick}").value == "政府工作报告"
    assert at.text_input(key=f"lib_meta_district_{pick}").value == "西湖区"
    assert at.text_input(key=f"lib_meta_period_{pick}").value == "2022年回顾"
    assert_chinese(at)  # the editor's controls and the form
    at.text_input(key=f"lib_meta_period_{pick}").input("2022年回顾、2023年计划")
    at.button(key="lib_meta_save").click().run()
    _ok(at)
    entry = json.loads((env["corpus"] / "manifest.json").read_text(encoding="utf-8"))["documents"][-1]
    assert entry["file"] == pick and entry["period"] == "2022年回顾、2023年计划" and entry["source"] == "editor"
    docs = next(d for d in at.dataframe if "文件" in d.value.columns).value.set_index("文件")
    assert docs.loc[pick, "时期"] == "2022年回顾、2023年计划"
    # remove to the trash, then restore
    at.selectbox(key="lib_remove_pick_0").set_value(DOC).run()
    at.checkbox(key="lib_remove_sure_0").check().run()
    at.button(key="lib_remove").click().run()
    _ok(at)
    assert not (env["corpus"] / DOC).exists() and [i.file for i in trash.list_trash(env["data"])] == [DOC]
    assert_chinese(at)  # the trash and the restore select
    at.button(key="lib_restore").click().run()
    _ok(at)
    assert (env["corpus"] / DOC).exists() and not trash.list_trash(env["data"])
    actions = [(e.action, e.actor.split(" ")[0]) for e in audit.read(env["data"])]
    assert actions == [("upload", "password"), ("edit", "password"), ("remove", "password"), ("restore", "password")]
    assert PASSWORD not in (env["data"] / audit.AUDIT_FILE).read_text(encoding="utf-8")
    assert PASSWORD not in _page_text(at)


def test_wrong_password_is_refused_and_rate_limited(env, monkeypatch):
    from rag.ui.editor import MAX_TRIES

    monkeypatch.setenv("RAG_EDITOR_PASSWORD", PASSWORD)
    at = _app()
    for i in range(MAX_TRIES):
        _login(at, f"guess-{i}")
        assert any("口令" in e.value for e in at.error)
        assert not at.get("file_uploader")
    _login(at, PASSWORD)  # the right one, but the session is locked out: not even checked
    assert any("后再试" in e.value for e in at.error)
    assert not at.get("file_uploader") and "lib_add" not in _keys(at, "button")
    assert PASSWORD not in _page_text(at)


def test_oidc_login_is_an_editor_only_when_its_email_is_listed(env, monkeypatch):
    monkeypatch.setenv("RAG_EDITOR_EMAILS", "editor@gov.cn")
    stranger = _app({"is_logged_in": True, "email": "someone@gov.cn"})
    assert not stranger.get("file_uploader")
    assert any("不在资料库编辑名单" in c.value for c in stranger.caption)
    listed = _app({"is_logged_in": True, "email": "Editor@Gov.cn"})
    assert _uploader(listed) is not None and "lib_remove" in _keys(listed, "button")
    logged_out = _app({"is_logged_in": False})
    assert not logged_out.get("file_uploader") and "lib_oidc_login" in _keys(logged_out, "button")


def _answer(at, question: str) -> str:
    at.radio(key="nav").set_value("问答").run()
    at.chat_input(key="chat_q").set_value(question).run()
    _ok(at)
    return [md.value for m in at.chat_message if m.name == "assistant" for md in m.markdown][-1]


def test_corrected_period_answers_questions_naming_its_years(env, monkeypatch):
    """Issue K, item 1: a report whose year is only in a heading (一、2022年工作回顾) keeps it as its period; the
    editor adds the plan year in the form, and questions naming either year are answered from the report."""
    monkeypatch.setenv("RAG_EDITOR_PASSWORD", PASSWORD)
    at = _app()
    _login(at, PASSWORD)
    _uploader(at).set_value(("西湖区报告.txt", REPORT.encode(), "text/plain")).run()
    at.button(key="lib_add").click().run()
    _ok(at)
    pick = "西湖区报告.txt"
    assert at.text_input(key=f"lib_meta_period_{pick}").value == "2022年回顾"
    assert "1234亿元" in _answer(at, "西湖区2022年地区生产总值是多少？")
    at.radio(key="nav").set_value("资料库").run()
    at.text_input(key=f"lib_meta_period_{pick}").input("2022年回顾、2023年计划")
    at.button(key="lib_meta_save").click().run()
    _ok(at)
    assert "6%" in _answer(at, "西湖区2023年预期增长多少？")
    assert "1234亿元" in _answer(at, "西湖区2022年地区生产总值是多少？")
