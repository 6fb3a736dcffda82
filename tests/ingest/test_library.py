"""Library changes (rag.index.changes.Library over rag.ingest.library): remove then restore gives the same rows and
answers and re-embeds nothing; replacing keeps the old version in the trash; the audit log gets one line per action
and never rewrites one; two threads changing the library at once leave a consistent manifest and index (the audit
lines chain: each change starts from the rows the previous one left); purge; an upload's detected place, title and
period land in the manifest. Real files, the real index and Chroma, in a temporary corpus and data dir."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import threading
import time
from pathlib import Path

import pytest
import testenv

from rag.errors import CorpusError, LibraryBusy
from rag.index.build import Index
from rag.index.changes import Library
from rag.index.store import VectorStore
from rag.ingest.corpus import guess_meta, list_files, load_manifest
from rag.ingest.library import audit, trash
from rag.ingest.library.lock import library_lock
from rag.ingest.library.meta import guess_period
from rag.settings import Settings

# Drives the whole app over a built index: run by `make test`, left out of `make check`'s fast loop.
pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
DOC = "004_d100e50c0866be80.txt"  # 余杭 progress table, 102 rows
QUESTIONS = ("余杭区2023年社会消费品零售总额增长多少？", "余杭区外资目标完成了吗")
REPORT = (
    "政府工作报告\n"
    "——2023年3月29日在西湖区第二届人民代表大会第三次会议上\n"
    "区长 张明\n"
    "一、2022年工作回顾\n"
    "过去一年，全区实现地区生产总值1234亿元，同比增长5.1%。新建口袋公园12个。\n"
    "二、2023年工作安排\n"
    "今年全区地区生产总值预期增长6%左右，新增城镇就业2万人。\n"
)


def _settings(tmp: Path, docs: tuple[str, ...] = (DOC,)) -> Settings:
    corpus, data = tmp / "corpus", tmp / "data"
    corpus.mkdir()
    data.mkdir()
    manifest = json.loads((ROOT / "corpus" / "manifest.json").read_text(encoding="utf-8"))
    manifest["documents"] = [d for d in manifest["documents"] if d["file"] in docs]
    (corpus / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    for name in docs:
        shutil.copy(ROOT / "corpus" / name, corpus / name)
    cache = ROOT / ".rag" / "embeddings.sqlite"
    if cache.exists():
        shutil.copy(cache, data / "embeddings.sqlite")
    return testenv.settings(corpus_dir=corpus, data_dir=data)


def _answers(s: Settings) -> list[str]:
    from rag.ask.answer import answer

    index = Index(s)
    return [answer(q, index=index, settings=s, backend="offline").text for q in QUESTIONS]


def _rows(s: Settings, doc: str) -> list[dict]:
    return [r.to_json() for r in Index(s).rows if r.doc == doc]


def _consistent(s: Settings) -> None:
    """Corpus files, manifest entries, published index and vector store all agree."""
    files = {p.name for p in list_files(s.corpus_dir)}
    index = Index(s)
    assert set(index.docs) == files
    assert set(load_manifest(s.corpus_dir)) <= files
    assert set(index.chunk_row) == VectorStore(s.data_dir, s.chroma_url, s.collection).ids()
    assert {r.doc for r in index.rows} == files
    assert not [p for p in s.corpus_dir.iterdir() if p.name.startswith(".")], "no temp files left behind"


def test_remove_then_restore_gives_the_same_rows_and_answers_and_embeds_nothing(tmp_path):
    s = _settings(tmp_path)
    lib = Library(s, "test editor")
    lib.rebuild()
    rows, answers, entry = _rows(s, DOC), _answers(s), load_manifest(s.corpus_dir)[DOC]
    assert len(rows) == 102 and "3.2%" in answers[0]
    gone = lib.remove(DOC)
    assert not (s.corpus_dir / DOC).exists() and DOC not in load_manifest(s.corpus_dir)
    assert [i.file for i in trash.list_trash(s.data_dir)] == [DOC]
    assert gone.entry.rows_before == 102 and gone.entry.rows_after == 0
    back = lib.restore(DOC)
    assert back.report is not None and back.report.embedded == 0  # every vector came from the embedding cache
    assert back.entry.rows_after == 102 and back.entry.detail["embedded"] == 0
    assert _rows(s, DOC) == rows and _answers(s) == answers
    assert load_manifest(s.corpus_dir)[DOC] == entry and trash.list_trash(s.data_dir) == []
    _consistent(s)


def test_replacing_keeps_the_old_version_in_the_trash_and_restore_swaps_back(tmp_path):
    s = _settings(tmp_path, ())
    lib = Library(s, "test editor")
    v1, v2 = REPORT.encode(), REPORT.replace("1234亿元", "1240亿元").encode()
    lib.upload("西湖.txt", v1)
    lib.edit("西湖.txt", {"district": "西湖区", "title": "西湖区2023年政府工作报告", "period": "2022年回顾"})
    change = lib.upload("西湖.txt", v2, replace=True)
    assert change.entry.action == "replace" and (s.corpus_dir / "西湖.txt").read_bytes() == v2
    [old] = trash.list_trash(s.data_dir)
    assert old.reason == "replace" and old.sha256 == hashlib.sha256(v1).hexdigest()
    assert load_manifest(s.corpus_dir)["西湖.txt"]["period"] == "2022年回顾"  # the document keeps its information
    with pytest.raises(CorpusError, match="内容相同"):
        lib.upload("again.txt", v2)
    lib.restore("西湖.txt")
    assert (s.corpus_dir / "西湖.txt").read_bytes() == v1
    assert [i.sha256 for i in trash.list_trash(s.data_dir)] == [hashlib.sha256(v2).hexdigest()]
    _consistent(s)


def test_audit_log_has_one_line_per_action_and_never_rewrites_one(tmp_path):
    s = _settings(tmp_path, ())
    lib = Library(s, "password editor 1a2b3c4d")
    data = REPORT.encode()
    steps = [lambda: lib.rebuild(), lambda: lib.upload("西湖.txt", data),
             lambda: lib.edit("西湖.txt", {"district": "西湖区", "title": "西湖区政府工作报告", "period": "2022年"}),
             lambda: lib.remove("西湖.txt"), lambda: lib.restore("西湖.txt"),
             lambda: lib.upload("西湖.txt", data.replace(b"12", b"13"), replace=True),
             lambda: lib.purge(30 * 86400, now=time.time() + 31 * 86400)]
    log = s.data_dir / audit.AUDIT_FILE
    before = b""
    for step in steps:
        step()
        now = log.read_bytes()
        assert now.startswith(before) and now[len(before):].count(b"\n") == 2  # intent + outcome, nothing rewritten
        before = now
    entries = audit.read(s.data_dir)
    assert [e.action for e in entries] == ["rebuild", "upload", "edit", "remove", "restore", "replace", "purge"]
    every = audit.read(s.data_dir, every=True)
    assert [e.phase for e in every] == ["intent", "outcome"] * 7  # each intent line before its change's outcome
    assert all(a.change == b.change for a, b in zip(every[::2], every[1::2])) and not audit.unfinished(every)
    assert log.stat().st_mode & 0o777 == 0o600
    for line in log.read_text(encoding="utf-8").splitlines():
        assert set(json.loads(line)) >= {"time", "actor", "action", "file", "sha256", "rows_before", "rows_after"}
    assert entries[1].sha256 == hashlib.sha256(data).hexdigest() and entries[1].rows_after > entries[1].rows_before
    assert entries[3].rows_after == entries[3].rows_before - entries[1].rows_after + entries[1].rows_before
    assert all(e.actor == "password editor 1a2b3c4d" for e in entries)


def test_two_threads_uploading_and_removing_at_once_leave_a_consistent_library(tmp_path):
    s = _settings(tmp_path, (DOC, "003_4b547df35adac2a7.txt"))
    Library(s, "setup").rebuild()
    start = threading.Barrier(2)
    errors: list[BaseException] = []
    waited: list[float] = []

    def uploader() -> None:
        lib = Library(s, "editor A")
        start.wait()
        for i in range(3):
            waited.append(lib.upload(f"西湖{i}.txt", REPORT.replace("1234", str(1300 + i)).encode()).waited_s)

    def remover() -> None:
        lib = Library(s, "editor B")
        start.wait()
        waited.append(lib.remove(DOC).waited_s)
        waited.append(lib.remove("003_4b547df35adac2a7.txt").waited_s)
        waited.append(lib.restore(DOC).waited_s)

    threads = [threading.Thread(target=_catching(f, errors)) for f in (uploader, remover)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    entries = audit.read(s.data_dir)[1:]
    assert len(entries) == 6 and {e.actor for e in entries} == {"editor A", "editor B"}
    for prev, cur in zip(entries, entries[1:]):
        assert cur.rows_before == prev.rows_after  # each change started from where the previous one ended
    files = {p.name for p in list_files(s.corpus_dir)}
    assert files == {DOC, "西湖0.txt", "西湖1.txt", "西湖2.txt"}
    _consistent(s)
    print(f"\n6 changes from 2 threads; waits for the lock: {sorted(round(w, 2) for w in waited)} s; "
          f"rows {entries[0].rows_before} -> {entries[-1].rows_after}")


def _catching(fn, errors):  # type: ignore[no-untyped-def]
    def run() -> None:
        try:
            fn()
        except BaseException as e:  # noqa: BLE001 - reported by the test
            errors.append(e)

    return run


def test_a_second_editor_gets_a_clear_message_when_the_lock_stays_taken(tmp_path):
    s = _settings(tmp_path)
    with library_lock(s.data_dir, "editor A", "upload"):
        with pytest.raises(LibraryBusy, match="editor A"):
            Library(s, "editor B", wait_s=0.2).remove(DOC)
    assert (s.corpus_dir / DOC).exists() and audit.read(s.data_dir) == []


def test_purge_deletes_only_items_older_than_the_age(tmp_path):
    s = _settings(tmp_path, ())
    lib = Library(s, "test editor")
    lib.upload("a.txt", REPORT.encode())
    lib.upload("b.txt", REPORT.replace("12", "13").encode())
    lib.remove("a.txt")
    lib.remove("b.txt")
    assert lib.purge(trash.parse_age("30d")) == []
    gone = lib.purge(trash.parse_age("30d"), now=time.time() + 31 * 86400)
    assert {i.file for i in gone} == {"a.txt", "b.txt"} and trash.list_trash(s.data_dir) == []
    assert [e.action for e in audit.read(s.data_dir)][-2:] == ["purge", "purge"]
    assert trash.parse_age("12h") == 12 * 3600 and trash.parse_age("2w") == 14 * 86400
    with pytest.raises(Exception, match="30d"):
        trash.parse_age("soon")


def test_upload_records_detected_place_title_and_period_and_the_year_is_answerable(tmp_path):
    s = _settings(tmp_path, ())
    lib = Library(s, "test editor")
    change = lib.upload("西湖区报告.txt", REPORT.encode())
    entry = load_manifest(s.corpus_dir)["西湖区报告.txt"]
    assert change.entry.detail["detected"] == {k: entry[k] for k in ("district", "title", "period")}
    assert entry["district"] == "西湖区" and entry["title"] == "政府工作报告"  # not the ——…会议上 subtitle
    assert entry["period"] == "2022年回顾、2023年计划"
    from rag.ask.answer import answer

    text = answer("西湖区2022年地区生产总值是多少？", index=Index(s), settings=s, backend="offline").text
    assert "1234亿元" in text
    # an edit of the place reaches the index and the vector store's filter metadata, with nothing re-embedded
    edit = lib.edit("西湖区报告.txt", {**entry, "district": "上城区"})
    assert edit.report is not None and edit.report.embedded == 0
    assert Index(s).docs["西湖区报告.txt"]["district"] == "上城区"
    metas = VectorStore(s.data_dir, s.chroma_url, s.collection).metadatas().values()
    assert {m["district"] for m in metas} == {"上城区"}


def test_title_and_period_detection():
    assert guess_meta("——2023年3月29日在区人大会议上\n钱塘区2023年政府工作报告\n正文")[0] == "钱塘区2023年政府工作报告"
    assert guess_meta("（2023年3月29日在区人大会议上）\n临安区政府工作报告\n")[0] == "临安区政府工作报告"
    assert guess_period("", "2023年《政府工作报告》重点工作三季度进展情况表") == "2023年三季度"
    assert guess_period("一、2022年工作回顾\n二、2023年工作安排\n", "") == "2022年回顾、2023年计划"
    assert guess_period("过去一年，2022年经济增长。\n", "政府工作报告") == ""


def test_a_failed_write_leaves_no_half_file(tmp_path, monkeypatch):
    s = _settings(tmp_path, ())

    def crash(src, dst):  # a fake os.replace: the process dies between writing and renaming
        raise OSError("disk gone")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError):
        Library(s, "test editor").upload("a.txt", REPORT.encode())
    assert [p.name for p in s.corpus_dir.iterdir()] == ["manifest.json"]


def test_the_editor_password_is_never_kept():
    s = Settings.from_env({"RAG_EDITOR_PASSWORD": "s3cret-Pa55", "RAG_EDITOR_EMAILS": "A@x.cn; b@x.cn"})
    assert "s3cret-Pa55" not in repr(s) and "s3cret-Pa55" not in str(vars(s))
    assert s.editor_password_hash and s.editor_password_hash not in repr(s)
    assert s.editor_password_ok("s3cret-Pa55") and not s.editor_password_ok("s3cret-pa55")
    assert not s.editor_password_ok("")
    assert s.public()["editor_password"] == "set" and "s3cret" not in json.dumps(s.public())
    assert s.editor_emails == ("a@x.cn", "b@x.cn")
    assert not Settings.from_env({}).editor_password_ok("")


def test_the_rag_library_commands(tmp_path):
    from click.testing import CliRunner

    from rag.cli import main

    s = _settings(tmp_path)
    Library(s, "setup").rebuild()
    env = {"RAG_EMBEDDER": s.embedder}
    opts = ["--corpus", str(s.corpus_dir), "--data-dir", str(s.data_dir), "library"]
    run = CliRunner().invoke
    removed = run(main, [*opts, "remove", DOC], env=env)
    assert removed.exit_code == 0 and "rows 102 -> 0" in removed.output
    listed = run(main, [*opts, "trash"], env=env)
    assert DOC in listed.output and "\tremove\tcli:" in listed.output
    restored = run(main, [*opts, "restore", DOC], env=env)
    assert restored.exit_code == 0 and "re-embedded 0" in restored.output
    assert run(main, [*opts, "restore", DOC], env=env).exit_code == 3  # nothing left in the trash
    assert run(main, [*opts, "purge", "--older-than", "soon"], env=env).exit_code == 2
    assert run(main, [*opts, "purge", "--older-than", "30d"], env=env).exit_code == 0
    log = run(main, [*opts, "log", "--json"], env=env)
    assert [json.loads(line)["action"] for line in log.output.splitlines()] == ["rebuild", "remove", "restore"]
