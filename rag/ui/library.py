"""The 摘要 tab (rag.summary.build) and the 资料库 tab: the documents in the index, uploading a report
and removing one.

Uploads are untrusted: the name is reduced to a safe base name (no path parts, no '..', no NUL, an
allowed suffix), the size is checked against settings.max_file_mb, and a file whose bytes equal an
existing corpus file (sha256) is rejected. Saving and removing both re-run rag.index.build.ingest."""

from __future__ import annotations

import hashlib
import re
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from rag.errors import CorpusError
from rag.index.build import Index, IngestReport, ingest
from rag.settings import Settings
from rag.ui.page import ALL, guarded

ALLOWED = (".txt", ".md", ".docx", ".xlsx")
_BAD = re.compile(r"[\x00-\x1f<>:\"|?*\\/]")


def safe_name(name: str) -> str:
    """A file name safe to create in the corpus folder, or CorpusError saying why not."""
    if not name or "\x00" in name:
        raise CorpusError("文件名为空或含有非法字符（NUL）")
    if name.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", name):
        raise CorpusError(f"文件名不能是绝对路径：{name!r}")
    parts = re.split(r"[\\/]", name)
    if ".." in parts:
        raise CorpusError(f"文件名不能包含 '..'：{name!r}")
    base = _BAD.sub("_", parts[-1]).strip().strip(".")
    if not base or base in (".", "..") or base.startswith("."):
        raise CorpusError(f"文件名不可用：{name!r}")
    suffix = Path(base).suffix.lower()
    if suffix not in ALLOWED:
        raise CorpusError(f"不支持的文件类型 {suffix or '（无扩展名）'}：只接受 {'、'.join(ALLOWED)}")
    stem = Path(base).stem[:140]  # long names are shortened, never their extension
    return stem + Path(base).suffix


def save_upload(settings: Settings, name: str, data: bytes) -> Path:
    """Write an uploaded report into the corpus folder under a safe, unused name."""
    base = safe_name(name)
    if len(data) > settings.max_bytes:
        raise CorpusError(f"{base}：{len(data) / 1e6:.1f} MB 超过 {settings.max_file_mb} MB 上限（RAG_MAX_FILE_MB）")
    if not data.strip():
        raise CorpusError(f"{base}：文件是空的")
    folder = settings.corpus_dir
    folder.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256(data).hexdigest()
    for p in folder.iterdir():
        if p.is_file() and hashlib.sha256(p.read_bytes()).hexdigest() == digest:
            raise CorpusError(f"{base}：与已有文件 {p.name} 内容相同，未重复添加")
    target = folder / base
    stem, suffix = target.stem, target.suffix
    n = 1
    while target.exists():
        n += 1
        target = folder / f"{stem}_{n}{suffix}"
    if target.resolve().parent != folder.resolve():
        raise CorpusError(f"文件名不可用：{name!r}")
    target.write_bytes(data)
    return target


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


# ---------------------------------------------------------------- 摘要


def render_summary(index: Index | None, settings: Settings) -> None:
    from rag.summary import build as sm

    if index is None:
        st.info("还没有索引：到「资料库」页建立索引。")
        return
    c1, c2, c3 = st.columns(3)
    district = c1.selectbox("区", [ALL, *index.districts()], key="s_district")
    d = None if district == ALL else district
    unit = c2.selectbox("牵头单位", [ALL, *index.units(d)], key="s_unit")
    topic = c3.text_input("主题（可选）", key="s_topic", max_chars=100).strip() or None
    if st.button("生成摘要", key="s_go", type="primary"):
        with st.spinner("正在生成摘要…"):
            summary = guarded(sm.summarize, index, settings, district=d, unit=None if unit == ALL else unit,
                              topic=topic, what="生成摘要")
        if summary is not None:
            md = guarded(sm.to_markdown, summary, what="生成摘要")
            st.session_state.summary = (summary, md or "")
    if "summary" not in st.session_state:
        return
    summary, md = st.session_state.summary
    st.markdown(md)
    b1, b2 = st.columns(2)
    b1.download_button("下载 Markdown", md.encode("utf-8"), "summary.md", "text/markdown", key="s_md")
    docx = guarded(_docx_bytes, sm.to_docx, summary, what="生成 DOCX")
    if docx:
        b2.download_button("下载 DOCX", docx, "summary.docx",
                           "application/vnd.openxmlformats-officedocument.wordprocessingml.document", key="s_docx")


def _docx_bytes(to_docx: Callable[[Any, Path], Any], summary: Any) -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "summary.docx"
        to_docx(summary, path)
        return path.read_bytes()
