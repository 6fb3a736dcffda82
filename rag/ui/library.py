"""The 资料库 tab. Everyone sees the documents in the index, their rows, the trash and the audit log; an editor
(rag.ui.editor) also gets the controls in rag.ui.library_edit: upload (then a form to check the detected place,
title and period), edit a document's information, remove to the trash, restore, rebuild. Every change goes through
rag.index.changes.Library: locked, re-indexed, audited."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

import pandas as pd
import streamlit as st

from rag.index.build import Index
from rag.ingest.library.audit import read as read_log
from rag.ingest.library.trash import list_trash
from rag.ingest.names import period_zh
from rag.lexicons import notes_zh
from rag.settings import Settings
from rag.ui.editor import actor_zh, editor
from rag.ui.library_edit import render_build, render_edit, render_restore, trash_label
from rag.ui.page import doc_names

ACTIONS_ZH = {"upload": "上传", "replace": "替换", "edit": "修改信息", "remove": "移入回收站", "restore": "恢复",
              "rebuild": "重建索引", "purge": "彻底删除", "login_failed": "口令错误", "ingest": "建立索引"}
LOG_ROWS = 200  # newest audit lines shown on the page; `rag library log` prints them all


@lru_cache(maxsize=1)
def _notes_data() -> dict[str, Any]:
    return notes_zh().model_dump()


def note_zh(note: str) -> str:
    """A parser note in Chinese ("not a row: 声明…" -> "不是表格行，未计入：声明…"), as written when no
    pattern of rag/data/notes_zh.json covers it."""
    data = _notes_data()
    for pattern, template in data["notes"]:
        if m := re.match(pattern, note):
            groups = m.groupdict()
            if "field" in groups:
                groups["field"] = data["fields"].get(groups["field"], groups["field"])
            return str(template).format(**groups)
    return note


def documents_table(index: Index) -> pd.DataFrame:
    """One row per document: its Chinese short name, file, place, title, period (in Chinese), counts."""
    names, layouts = doc_names(index), _notes_data()["layouts"]
    recs = []
    for name, meta in sorted(index.docs.items()):
        rows = [r for r in index.rows if r.doc == name]
        recs.append({
            "文档": names.get(name, name),
            "文件": name,
            "区": meta.get("district", ""),
            "时期": period_zh(meta.get("period", "")),
            "表格行": sum(1 for r in rows if r.kind == "progress_row"),
            "段落": sum(1 for r in rows if r.kind == "paragraph"),
            "数据问题行": sum(1 for r in rows if r.data_quality),
            "解析提示": len(index.notes.get(name, [])),
            "标题": meta.get("title", ""),
            "版式": layouts.get(meta.get("layout", ""), meta.get("layout", "")),
        })
    return pd.DataFrame(recs)


def _documents(index: Index) -> None:
    st.dataframe(documents_table(index), hide_index=True, width="stretch")
    names = doc_names(index)
    for name, notes in sorted(index.notes.items()):
        with st.expander(f"{names.get(name, name)}（{name}）：{len(notes)} 条解析提示"):
            for n in notes[:200]:
                st.text(note_zh(n))
    pick = st.selectbox("查看文档的行", sorted(index.docs), index=None, key="lib_doc", placeholder="选择文档",
                        format_func=lambda n: f"{names.get(n, n)}（{n}）")
    if pick:
        rows = [r for r in index.rows if r.doc == pick]
        st.dataframe(pd.DataFrame([{"位置": r.anchor, "牵头单位": r.unit, "任务": r.task[:80],
                                    "进展/原文": (r.progress or r.text)[:120],
                                    "数据问题": "；".join(note_zh(q) for q in r.data_quality)} for r in rows]),
                     hide_index=True, width="stretch")


def _trash(settings: Settings) -> None:
    items = list_trash(settings.data_dir)
    st.subheader("回收站")
    if not items:
        st.caption("回收站是空的。移除的文档和被替换的旧版本会放在这里，可以恢复。")
        return
    st.dataframe(pd.DataFrame([{"文档": trash_label(i), "移入时间": i.when,
                                "原因": "被替换" if i.reason == "replace" else "移除", "操作人": actor_zh(i.actor)}
                               for i in reversed(items)]), hide_index=True, width="stretch")


def _log(settings: Settings, names: dict[str, str]) -> None:
    """The audit log as people read it: Chinese headers, names of editors and documents (no hashes)."""
    entries = read_log(settings.data_dir, LOG_ROWS)
    with st.expander(f"操作记录（最近 {len(entries)} 条）"):
        if not entries:
            st.caption("还没有操作记录。")
            return
        st.dataframe(pd.DataFrame([{"时间": e.time.replace("T", " ")[:19], "操作人": actor_zh(e.actor),
                                    "操作": ACTIONS_ZH.get(e.action, e.action),
                                    "文档": names.get(e.file, e.file) if e.file else "—",
                                    "行数": f"{e.rows_before if e.rows_before is not None else '—'} → "
                                            f"{e.rows_after if e.rows_after is not None else '—'}"}
                                   for e in reversed(entries)]), hide_index=True, width="stretch")


def render_library(index: Index | None, settings: Settings) -> None:
    actor = editor(settings)
    if msg := st.session_state.pop("library_flash", None):
        st.success(msg)
    if index is None:
        st.info(f"尚未建立索引。语料目录：{settings.corpus_dir}")
    else:
        _documents(index)
    if actor:
        render_build(settings, actor, first=index is None)
        render_edit(index, settings, actor)
    _trash(settings)
    if actor:
        render_restore(settings, actor)
    names = {i.file: trash_label(i) for i in list_trash(settings.data_dir)}  # removed documents keep their name
    _log(settings, {**names, **({f: f"{n}（{f}）" for f, n in doc_names(index).items()} if index else {})})
