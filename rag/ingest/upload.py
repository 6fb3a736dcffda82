"""Uploads into the corpus folder, which are untrusted: the name is reduced to a safe base name (no
path parts, no '..', no NUL, an allowed suffix), the size is checked against settings.max_file_mb,
and a file whose bytes equal an existing corpus file (sha256) is rejected. The bytes go to a hidden temp name
first (fsynced) and are then renamed into place, so a crash never leaves half a file in the corpus."""

from __future__ import annotations

import hashlib
import os
import re
import secrets
from pathlib import Path

from rag.errors import CorpusError
from rag.settings import Settings

ALLOWED = (".txt", ".md", ".docx", ".xlsx", ".pdf", ".html", ".htm")
_BAD = re.compile(r"[\x00-\x1f<>:\"|?*\\/]")
NAME_BYTES = 200  # a name's UTF-8 bytes: file systems allow 255; room left for the "_2" of a duplicate and the trash


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
    suffix = Path(base).suffix
    room = NAME_BYTES - len(suffix.encode("utf-8"))  # long names are shortened by bytes, never their extension
    stem = Path(base).stem.encode("utf-8")[:room].decode("utf-8", errors="ignore").rstrip(". ")
    if not stem:
        raise CorpusError(f"文件名不可用：{name!r}")
    return stem + suffix


def check_upload(settings: Settings, name: str, data: bytes) -> str:
    """The safe name for an upload, or CorpusError: bad name or type, too big, empty, or a copy of a corpus file."""
    base = safe_name(name)
    if len(data) > settings.max_bytes:
        raise CorpusError(f"{base}：{len(data) / 1e6:.1f} MB 超过 {settings.max_file_mb} MB 上限（RAG_MAX_FILE_MB）")
    if not data.strip():
        raise CorpusError(f"{base}：文件是空的")
    folder = settings.corpus_dir
    digest = hashlib.sha256(data).hexdigest()
    for p in folder.iterdir() if folder.is_dir() else []:
        if p.is_file() and not p.name.startswith(".") and hashlib.sha256(p.read_bytes()).hexdigest() == digest:
            raise CorpusError(f"{base}：与已有文件 {p.name} 内容相同，未重复添加")
    return base


def save_upload(settings: Settings, name: str, data: bytes) -> Path:
    """Write an uploaded report into the corpus folder under a safe, unused name (temp file, then rename)."""
    base = check_upload(settings, name, data)
    folder = settings.corpus_dir
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / base
    stem, suffix = target.stem, target.suffix
    n = 1
    while target.exists():
        n += 1
        target = folder / f"{stem}_{n}{suffix}"
    if target.resolve().parent != folder.resolve():
        raise CorpusError(f"文件名不可用：{name!r}")
    tmp = folder / f".upload-{secrets.token_hex(6)}.tmp"  # hidden: read_corpus never sees it
    try:
        with tmp.open("xb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    return target
