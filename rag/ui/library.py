"""The 资料库 tab: the documents in the index, uploading a report (rag.ingest.upload checks it) and
removing one. Saving and removing both re-run rag.index.build.ingest."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from rag.index.build import Index, IngestReport, ingest
from rag.ingest.upload import ALLOWED, save_upload
from rag.settings import Settings
from rag.ui.page import guarded


def run_ingest(settings: Settings) -> IngestReport | None:
    """rag.index.build.ingest with a progress bar; problems (skipped files) shown as warnings."""
    bar = st.progress(0.0, text="正在建立索引…")

    def progress(stage: str, done: int, total: int) -> None:
        label = {"embed": "正在向量化", "done": "完成"}.get(stage, stage)
        bar.progress(min(1.0, done / max(total, 1)), text=f"{label} {done}/{total}")

    report = guarded(ingest, settings, progress, what="建立索引")
    bar.empty()
    if report is not None:
        for p in report.problems:
            st.warning(f"已跳过 {p.file}：{p.reason}")
        st.success(f"索引已更新：{report.documents} 份文档，{report.rows} 行，新向量化 {report.embedded} 段")
    return report


def documents_table(index: Index) -> pd.DataFrame:
    recs = []
    for name, meta in sorted(index.docs.items()):
        rows = [r for r in index.rows if r.doc == name]
        recs.append({
            "文件": name,
            "区": meta.get("district", ""),
            "表格行": sum(1 for r in rows if r.kind == "progress_row"),
            "段落": sum(1 for r in rows if r.kind == "paragraph"),
            "数据问题行": sum(1 for r in rows if r.data_quality),
            "解析提示": len(index.notes.get(name, [])),
            "标题": meta.get("title", ""),
            "时期": meta.get("period", ""),
            "版式": meta.get("layout", ""),
        })
    return pd.DataFrame(recs)


def render_library(index: Index | None, settings: Settings) -> None:
    if index is None:
        st.info(f"语料目录：{settings.corpus_dir}")
        if st.button("建立索引", key="lib_build", type="primary"):
            if run_ingest(settings) is not None:
                st.rerun()
    else:
        st.dataframe(documents_table(index), hide_index=True, width="stretch")
        for name, notes in sorted(index.notes.items()):
            with st.expander(f"{name}：{len(notes)} 条解析提示"):
                for n in notes[:200]:
                    st.text(n)
        pick = st.selectbox("查看文档的行", sorted(index.docs), key="lib_doc")
        if pick:
            rows = [r for r in index.rows if r.doc == pick]
            st.dataframe(pd.DataFrame([{"位置": r.anchor, "牵头单位": r.unit, "任务": r.task[:80],
                                        "进展/原文": (r.progress or r.text)[:120],
                                        "数据问题": "；".join(r.data_quality)} for r in rows]),
                         hide_index=True, width="stretch")
    st.subheader("上传报告")
    st.caption(f"支持 {'、'.join(ALLOWED)}，单个文件不超过 {settings.max_file_mb} MB")
    up = st.file_uploader("选择文件", key="lib_upload", accept_multiple_files=False,
                          max_upload_size=settings.max_file_mb)
    if up is not None and st.button("添加到资料库并重建索引", key="lib_add", type="primary"):
        path = guarded(save_upload, settings, up.name, up.getvalue(), what="保存文件")
        if path is not None:
            st.success(f"已保存为 {path.name}")
            if run_ingest(settings) is not None:
                st.session_state.library_flash = f"已添加 {path.name}"
                st.rerun()
    if msg := st.session_state.pop("library_flash", None):
        st.success(msg)
    st.subheader("移除文档")
    files = [p.name for p in sorted(settings.corpus_dir.glob("*"))
             if p.is_file() and p.suffix.lower() in ALLOWED] if settings.corpus_dir.is_dir() else []
    if not files:
        return
    victim = st.selectbox("文件", files, key="lib_remove_pick")
    sure = st.checkbox("确认删除该文件", key="lib_remove_sure")
    if st.button("删除并重建索引", key="lib_remove", disabled=not sure) and victim in files:
        path = settings.corpus_dir / victim  # one of the listed files, never a name from the user
        if guarded(path.unlink, what="删除文件") is None and not path.exists():
            if run_ingest(settings) is not None:
                st.session_state.library_flash = f"已删除 {victim}"
                st.rerun()
