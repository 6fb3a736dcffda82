"""A document's manifest entry (place, title, period), as detected at upload and as an editor corrects it.

Detection: the title and district come from rag.ingest.corpus.guess_meta (a "——2023年3月29日在…会议上" subtitle line
is never the title); the period from the years the title names and the years of section headings, labelled 回顾 or
计划 by their words (rag/data/library.json). manifest.json is rewritten whole through a temp file and os.replace, so a
crash leaves the old one or the new one; its other keys and entries are kept as they are."""

from __future__ import annotations

import json
import os
import re
import threading
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from rag.errors import CorpusError
from rag.ingest.corpus import MANIFEST, file_text, guess_meta, load_manifest
from rag.ingest.parse.clean import fix_radicals
from rag.lexicons import library_words

EDITABLE = ("district", "title", "period")
_YEAR = re.compile(r"(20\d{2})\s*年")
_HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]+[、．.]|[（(][一二三四五六七八九十]+[)）]|第[一二三四五六七八九十]+部分)")
_HEADING_CHARS = 40  # a section heading is a short line; longer numbered lines are body text


class DocMeta(BaseModel):
    """What an editor may set for a document; from the page or the CLI, so untrusted."""

    model_config = ConfigDict(frozen=True, str_strip_whitespace=True)
    district: str = Field(default="", max_length=20)
    title: str = Field(default="", max_length=120)
    period: str = Field(default="", max_length=60)

    @field_validator("district", "title", "period")
    @classmethod
    def _printable(cls, v: str) -> str:
        if any(ord(ch) < 32 for ch in v):
            raise ValueError("不能含换行或控制字符")
        return v


def checked(fields: dict[str, Any]) -> DocMeta:
    try:
        return DocMeta(**{k: fields.get(k) or "" for k in EDITABLE})
    except ValidationError as e:
        bad = "；".join(f"{'/'.join(map(str, err['loc']))}：{err['msg']}" for err in e.errors())
        raise CorpusError(f"文档信息不可用（{bad}）— 区不超过 20 字，标题 120 字，时期 60 字，不含换行") from None


def guess_period(text: str, title: str) -> str:
    """'2022年回顾、2023年计划' from the headings, '2023年三季度' from a title, '' when no year is named."""
    words = library_words()
    years: dict[str, list[str]] = {}
    part = next((w for w in words.part_of_year if w in title), "")
    for y in _YEAR.findall(title):
        years.setdefault(y, [part] if part else [])
    for line in text.splitlines():
        s = line.strip()
        if len(s) > _HEADING_CHARS or not _HEADING.match(s):
            continue
        for y in _YEAR.findall(s):
            label = ("回顾" if any(w in s for w in words.review_words)
                     else "计划" if any(w in s for w in words.plan_words) else "")
            labels = years.setdefault(y, [])
            if label and label not in labels:
                labels.append(label)
    return "、".join(f"{y}年{'及'.join(labels)}" for y, labels in sorted(years.items()))


# The readers' reasons (English, for the command line) as the page says them; the first matching pattern wins.
_REASONS_ZH = (
    (r"no text layer", "PDF 没有文字层（是扫描图片）：请先做文字识别（OCR）再上传"),
    (r"encrypted", "PDF 已加密：请先去掉密码保护再上传"),
    (r"not a PDF file", "不是 PDF 文件：请从原文件重新导出或打印为 PDF"),
    (r"unreadable PDF|corrupt PDF", "PDF 已损坏或无法读取：请从原文件重新导出"),
    (r"has no pages", "PDF 没有页面：请从原文件重新导出"),
    (r"not a readable HTML", "不是可读的网页文件：请重新“另存为”网页"),
    (r"no text outside navigation", "网页中除导航等网站栏目外没有正文"),
    (r"not a \.docx or \.xlsx|corrupt|unreadable", "Word/Excel 文件已损坏：请用 Word/Excel 重新保存"),
    (r"contains no text", "文件中没有文字"),
    (r"is empty|only NUL", "文件是空的"),
    (r"binary data|undecodable|unknown text encoding|broken UTF-16",
     "不是文本文件，也不是支持的 Word、Excel、PDF 或网页文件：请另存为 UTF-8 文本再上传"),
)


def reason_zh(name: str, message: str) -> str:
    """"qinghe.txt：不是文本文件…" for a reader's English CorpusError message (as written when none matches)."""
    for pattern, zh in _REASONS_ZH:
        if re.search(pattern, message):
            return f"{name}：{zh}"
    return message


def detect(name: str, data: bytes) -> DocMeta:
    """Place, title and period read from an upload's bytes, converted by the same readers as `rag ingest`
    (rag.ingest.corpus.file_text: text, Office, PDF, HTML) and with the same radical fix; CorpusError, in Chinese,
    when they are not a readable report."""
    try:
        text = fix_radicals(file_text(data, name))
    except CorpusError as e:
        raise CorpusError(reason_zh(name, str(e))) from None
    title, district = guess_meta(text)
    return checked({"district": district, "title": title or Path(name).stem, "period": guess_period(text, title)})


def entry(corpus_dir: Path, file: str) -> dict[str, Any]:
    """The file's manifest entry ({} when it has none)."""
    return dict(load_manifest(corpus_dir).get(file, {}))


def set_entry(corpus_dir: Path, file: str, fields: dict[str, Any] | None) -> None:
    """Replace the file's manifest entry (None drops it); everything else in manifest.json stays."""
    load_manifest(corpus_dir)  # refuses a broken manifest before anything is written
    path = corpus_dir / MANIFEST
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    docs = [d for d in data.get("documents", []) if d.get("file") != file]
    if fields is not None:
        new = {"file": file, **{k: v for k, v in fields.items() if k != "file"}}
        old = [i for i, d in enumerate(data.get("documents", [])) if d.get("file") == file]
        docs.insert(min(old[0], len(docs)) if old else len(docs), new)  # keep its place in the list
    data["documents"] = docs
    tmp = corpus_dir / f".{MANIFEST}.{os.getpid()}.{threading.get_ident()}.tmp"
    with tmp.open("w", encoding="utf-8") as f:
        f.write(_dump(data))
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def _dump(data: dict[str, Any]) -> str:
    """The manifest's own layout: top-level keys one per line, one line per document."""
    parts = [f"  {json.dumps(k, ensure_ascii=False)}: {json.dumps(v, ensure_ascii=False)}"
             for k, v in data.items() if k != "documents"]
    docs = ",\n".join(f"    {json.dumps(d, ensure_ascii=False)}" for d in data["documents"])
    parts.append(f'  "documents": [\n{docs}\n  ]' if docs else '  "documents": []')
    return "{\n" + ",\n".join(parts) + "\n}\n"
