"""The bomb set of `rag bench --bombs`: hostile files built on the fly (never committed), each read by the corpus
reader in its own process, whose peak RSS (wait4) and wall time are reported with what became of the file. A bad
file must be skipped with its reason within its budgets (rag.ingest.budgets); targets: ≤ 600 MB peak RSS each, and
done within the per-file time budget. Targets are printed beside the figures, never asserted."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rag.settings import PROJECT, Settings

RSS_TARGET_MB = 600
_MB = 1024 * 1024
_DOCX_HEAD = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats'
              '.org/wordprocessingml/2006/main"><w:body>')


def _docx(body_chunks: Callable[[], Any]) -> bytes:
    """A valid .docx (python-docx's template) whose document.xml is written from `body_chunks()` (streamed into the
    zip, never held whole)."""
    import docx

    template = io.BytesIO()
    docx.Document().save(template)
    buf = io.BytesIO()
    with zipfile.ZipFile(template) as src, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for item in src.infolist():
            if item.filename != "word/document.xml":
                z.writestr(item.filename, src.read(item.filename))
        with z.open("word/document.xml", "w", force_zip64=True) as f:
            f.write(_DOCX_HEAD.encode())
            for chunk in body_chunks():
                f.write(chunk)
            f.write(b"</w:body></w:document>")
    return buf.getvalue()


def _one_paragraph(mb: int) -> Callable[[], Any]:
    def gen() -> Any:
        yield b"<w:p><w:r><w:t>"
        for _ in range(mb):
            yield "测".encode() * (_MB // 3)
        yield b"</w:t></w:r></w:p>"
    return gen


def _short_paragraphs(mb: int) -> Callable[[], Any]:
    para = "<w:p><w:r><w:t>进展顺利。</w:t></w:r></w:p>".encode()
    block = para * (_MB // len(para))
    return lambda: (block for _ in range(mb))


def _varied_paragraphs(mb: int) -> Callable[[], Any]:
    """Paragraphs that differ (numbers), so the file compresses like a real one and passes the ratio budget."""
    def gen() -> Any:
        size, i = 0, 0
        while size < mb * _MB:
            block = "".join(f"<w:p><w:r><w:t>第{i + k}项：完成投资{(i + k) * 7919 % 100003}万元。</w:t></w:r></w:p>"
                            for k in range(1000)).encode()
            size, i = size + len(block), i + 1000
            yield block
    return gen


def _xlsx_rows(rows: int) -> bytes:
    import openpyxl

    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet()
    ws.append(["序号", "重点工作", "牵头单位", "完成情况"])
    for i in range(rows):
        ws.append([None, f"续行{i}", "区发改局", "推进中"])  # rows without 序号 continue the row above
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _html(mb: int) -> bytes:
    para = "<p>钱塘区重点工作推进情况良好，各项指标稳步增长。</p>\n".encode()
    return b"<html><body>" + para * (mb * _MB // len(para)) + b"</body></html>"


def bombs(scale: float = 1.0) -> dict[str, Callable[[], bytes]]:
    """Name -> builder of each hostile file (sizes × `scale`; the issue's shapes at 1)."""
    mb = max(1, int(200 * scale))
    return {
        "inflate_one_paragraph.docx": lambda: _docx(_one_paragraph(mb)),  # one huge run: a zip bomb
        "short_paragraphs.docx": lambda: _docx(_short_paragraphs(mb)),  # 100s of MB of short paragraphs
        "just_under_budget.docx": lambda: _docx(_varied_paragraphs(max(1, int(30 * scale)))),  # parsed: the worst RSS
        "many_rows.xlsx": lambda: _xlsx_rows(max(1000, int(200_000 * scale))),  # continuation rows (the old n²)
        "rows_under_unzip.xlsx": lambda: _xlsx_rows(max(1000, int(60_000 * scale))),  # stops at the row budget
        "big_page.html": lambda: _html(max(1, int(19 * scale))),  # under the 20 MB file limit
    }


_CHILD = """
import json, sys, time
from pathlib import Path
from rag.ingest.corpus import read_corpus
from rag.ingest.budgets import budgets_of
from rag.settings import Settings
s = Settings.from_env()
t = time.monotonic()
docs, problems = read_corpus(Path(sys.argv[1]), s.max_bytes, budgets_of(s))
try:  # this process's own high-water mark (ru_maxrss would carry the forking parent's size across exec)
    hwm = next(int(x.split()[1]) for x in open("/proc/self/status") if x.startswith("VmHWM:"))
except (OSError, StopIteration):
    hwm = None
print(json.dumps({"seconds": round(time.monotonic() - t, 2), "read": len(docs), "hwm_kb": hwm,
                  "skipped": [p.reason for p in problems]}, ensure_ascii=False))
"""


def _budget_env(settings: Settings) -> dict[str, str]:
    """The settings' budgets as the environment of the reading process."""
    return {"RAG_MAX_FILE_MB": str(settings.max_file_mb), "RAG_MAX_UNZIP_MB": str(settings.max_unzip_mb),
            "RAG_MAX_UNZIP_RATIO": str(settings.max_unzip_ratio), "RAG_MAX_ROWS": str(settings.max_rows),
            "RAG_MAX_CHARS": str(settings.max_chars), "RAG_FILE_TIMEOUT_S": str(settings.file_timeout_s)}


def _measure(folder: Path, env: dict[str, str] | None = None) -> dict[str, Any]:
    proc = subprocess.Popen([sys.executable, "-c", _CHILD, str(folder)], cwd=PROJECT, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, env={**os.environ, **(env or {})})
    assert proc.stdout is not None
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    res: dict[str, Any] = json.loads(out) if out.strip() else {"skipped": [f"crashed (exit {proc.returncode})"]}
    res["peak_rss_mb"] = round((res.pop("hwm_kb", None) or usage.ru_maxrss) / 1024)  # Linux: KiB
    return res


def run_bombs(settings: Settings, scale: float = 1.0) -> dict[str, Any]:
    """Each bomb read alone in a fresh process: its size, peak RSS, seconds, and the reason it was skipped."""
    out: dict[str, Any] = {"rss_target_mb": RSS_TARGET_MB, "time_budget_s": settings.file_timeout_s, "files": {}}
    with tempfile.TemporaryDirectory(prefix="rag-bombs-") as tmp:
        for name, build in bombs(scale).items():
            folder = Path(tmp) / name.replace(".", "_")
            folder.mkdir()
            t = time.monotonic()
            data = build()
            (folder / name).write_bytes(data)
            built = time.monotonic() - t
            del data
            res = _measure(folder, _budget_env(settings))
            res.update(size_mb=round((folder / name).stat().st_size / _MB, 1), build_s=round(built, 1))
            out["files"][name] = res
    return out


def format_bombs(r: dict[str, Any]) -> str:
    lines = [f"bomb set — target ≤ {r['rss_target_mb']} MB peak RSS each, skipped within {r['time_budget_s']:g} s"]
    for name, f in r["files"].items():
        ok = f["peak_rss_mb"] <= r["rss_target_mb"] and f.get("read") == 0 and f.get("seconds", 1e9) <= r["time_budget_s"]
        why = "; ".join(f["skipped"])[:160] or "NOT SKIPPED"
        lines.append(f"  {'ok ' if ok else 'BAD'} {name}: {f['size_mb']} MB file, peak RSS {f['peak_rss_mb']} MB, "
                     f"{f.get('seconds', '?')} s — {why}")
    return "\n".join(lines)
