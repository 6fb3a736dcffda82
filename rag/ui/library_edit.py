"""The editor's controls in the 资料库 tab (shown only to an editor, see rag.ui.editor): upload (the file clears
from the uploader once added, and a form shows the detected place, title and period to check), edit a document's
information, remove to the trash, restore from it, rebuild the index. Each is one rag.index.changes.Library call."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from rag.index.build import Index
from rag.index.changes import Change, Library
from rag.index.progress import Meter
from rag.ingest.corpus import list_files
from rag.ingest.library import meta
from rag.ingest.library.trash import list_trash
from rag.ingest.names import period_zh, short_name
from rag.ingest.upload import ALLOWED
from rag.settings import Settings
from rag.ui.page import doc_names, guarded


def _run(settings: Settings, actor: str, what: str, call: Callable[[Library], Change]) -> Change | None:
    """One library change with a progress bar; errors (another editor busy, a bad file) shown as messages."""
    bar, meter = st.progress(0.0, text="正在更新资料库…"), Meter(zh=True)

    def progress(stage: str, done: int, total: int) -> None:  # documents, chunks, rate, time left
        meter(stage, done, total)
        bar.progress(meter.fraction(), text="完成" if meter.finished else meter.line())

    change = guarded(call, Library(settings, actor, progress=progress), what=what)
    bar.empty()
    if change is not None and change.report is not None:
        for p in change.report.problems:
            st.warning(f"已跳过 {p.file}：{p.reason}")
    return change


def _done(message: str, **state: Any) -> None:
    st.session_state.library_flash = message
    st.session_state.update(state)
    st.rerun()


def _corpus_files(settings: Settings) -> list[str]:
    return [p.name for p in list_files(settings.corpus_dir)] if settings.corpus_dir.is_dir() else []


def render_build(settings: Settings, actor: str, first: bool) -> None:
    label = "建立索引" if first else "重建索引"
    if st.button(label, key="lib_build", type="primary" if first else "secondary"):
        change = _run(settings, actor, label, lambda lib: lib.rebuild())
        if change is not None and change.report is not None:
            r = change.report
            _done(f"索引已更新：{r.documents} 份文档，{r.rows} 行，新向量化 {r.embedded} 段")


def _upload(settings: Settings, actor: str) -> None:
    st.subheader("上传报告")
    st.caption(f"支持 {'、'.join(ALLOWED)}，单个文件不超过 {settings.max_file_mb} MB")
    n = st.session_state.setdefault("lib_upload_n", 0)  # a new key empties the uploader after each add
    up = st.file_uploader("选择文件", key=f"lib_upload_{n}", accept_multiple_files=False,
                          max_upload_size=settings.max_file_mb)
    replace = st.checkbox("替换同名文件（旧版本移入回收站）", key="lib_replace")
    if up is not None and st.button("添加到资料库并重建索引", key="lib_add", type="primary"):
        data = up.getvalue()
        change = _run(settings, actor, "保存文件", lambda lib: lib.upload(up.name, data, replace=replace))
        if change is not None:
            name = change.entry.file
            verb = "已替换" if change.entry.action == "replace" else "已添加"
            _done(f"{verb} {name}，请核对下面识别出的文档信息", lib_upload_n=n + 1, lib_new_doc=name)


def file_label(index: Index | None, file: str) -> str:
    """"余杭2023全年（004_d100….txt）": a document's short Chinese name first, the file name after it."""
    name = doc_names(index).get(file) if index is not None else None
    return f"{name}（{file}）" if name and name != file else file


def _meta_form(index: Index | None, settings: Settings, actor: str, files: list[str]) -> None:
    new = st.session_state.get("lib_new_doc")
    if new in files:
        st.subheader(f"核对新文档的信息：{file_label(index, new)}")
        st.caption("以下是自动识别的结果（区、标题、时期），请核对后保存；保存在 manifest.json 中，并重建索引。")
        pick = new
    else:
        st.subheader("修改文档信息")
        pick = st.selectbox("文档", files, key="lib_meta_pick", placeholder="选择文档", index=None,
                            format_func=lambda f: file_label(index, f))
    if not pick:
        return
    shown = {**(index.docs.get(pick, {}) if index else {}), **meta.entry(settings.corpus_dir, pick)}
    with st.form(f"lib_meta_form_{pick}"):
        district = st.text_input("区", value=shown.get("district", ""), key=f"lib_meta_district_{pick}",
                                 placeholder="如 钱塘区")
        title = st.text_input("标题", value=shown.get("title", ""), key=f"lib_meta_title_{pick}",
                              placeholder="报告的正式标题（不是“——…会议上”的副标题）")
        period = st.text_input("时期", value=period_zh(shown.get("period", "")), key=f"lib_meta_period_{pick}",
                               placeholder="如 2022年回顾、2023年计划 或 2023年三季度")
        save = st.form_submit_button("保存文档信息", key="lib_meta_save", type="primary")
    if save:
        fields = {"district": district, "title": title, "period": period}
        if _run(settings, actor, "保存文档信息", lambda lib: lib.edit(pick, fields)) is not None:
            st.session_state.pop("lib_new_doc", None)
            _done(f"已保存 {pick} 的文档信息")


def _remove(index: Index | None, settings: Settings, actor: str, files: list[str]) -> None:
    """Pick a file, confirm, remove. Nothing is picked by default, and after a removal both the pick and the
    confirmation start over (new widget keys): a confirmation is for one file, once."""
    st.subheader("移除文档")
    n = st.session_state.setdefault("lib_remove_n", 0)
    victim = st.selectbox("文件", files, key=f"lib_remove_pick_{n}", placeholder="选择要移除的文档", index=None,
                          format_func=lambda f: file_label(index, f))
    sure = st.checkbox(f"确认移除{file_label(index, victim) if victim else '所选文档'}（移入回收站，可恢复）",
                       key=f"lib_remove_sure_{n}", disabled=not victim)
    if st.button("移入回收站并重建索引", key="lib_remove", disabled=not (sure and victim)) and victim in files:
        label = file_label(index, victim)
        if _run(settings, actor, "移除文件", lambda lib: lib.remove(victim)) is not None:
            _done(f"已将 {label} 移入回收站", lib_remove_n=n + 1)


def render_edit(index: Index | None, settings: Settings, actor: str) -> None:
    _upload(settings, actor)
    files = _corpus_files(settings)
    if files:
        _meta_form(index, settings, actor, files)
        _remove(index, settings, actor, files)


def trash_label(item: Any) -> str:
    """"余杭2023全年（004_d100….txt）": the trashed document's short name from its kept manifest entry."""
    m = item.manifest or {}
    name = short_name(m.get("district", ""), m.get("title", ""), m.get("period", ""), "") if m else ""
    return f"{name}（{item.file}）" if name else item.file


def render_restore(settings: Settings, actor: str) -> None:
    items = {i.id: i for i in reversed(list_trash(settings.data_dir))}
    if not items:
        return
    pick = st.selectbox("恢复的文件", list(items), key="lib_restore_pick", placeholder="选择要恢复的文件",
                        format_func=lambda i: f"{trash_label(items[i])}，{items[i].when} 移入")
    if st.button("恢复并重建索引", key="lib_restore") and pick in items:
        if _run(settings, actor, "恢复文件", lambda lib: lib.restore(pick)) is not None:
            _done(f"已恢复 {trash_label(items[pick])}")
