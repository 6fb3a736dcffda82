"""Reading the corpus folder: which files are reports, their text (encoding detected), and what
manifest.json adds (district, title, period). The only place that reads corpus files from disk.

Bad files never stop the good ones: each becomes a Problem (file, reason, fix)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from rag.domain import Document
from rag.errors import CorpusError
from rag.ingest.budgets import Budgets, meter, metered
from rag.ingest.parse.clean import fix_radicals
from rag.lexicons import question_words

TEXT_SUFFIXES = (".txt", ".md")
OFFICE_SUFFIXES = (".docx", ".xlsx")
PDF_SUFFIXES = (".pdf",)
HTML_SUFFIXES = (".html", ".htm")
SUFFIXES = TEXT_SUFFIXES + OFFICE_SUFFIXES + PDF_SUFFIXES + HTML_SUFFIXES
MANIFEST = "manifest.json"
# A subtitle under the title ("——2023年3月29日在区人大会议上", "（2023年3月29日在…会议上）") is never the title.
_SUBTITLE = re.compile(r"^(?:[—–－\-─]|[（(][^）)]{0,60}会议)")
_BOUNDARY = set("的在和与及同跟对是于从向了年月日市省县问请把由至到、，。；：")


def district_mentions(text: str) -> list[str]:
    """Names like 钱塘区 / 西湖区 (two characters + 区) in `text`, every occurrence in order; a 区 that ends a word such
    as 地区, 示范区 or 保税区 is not a district (that list is data: question.json "not_district")."""
    generic = question_words().not_district
    out: list[str] = []
    for i in range(len(text) - 2):
        name = text[i : i + 3]
        if name[2] != "区" or not all("\u4e00" <= ch <= "\u9fff" for ch in name[:2]):
            continue
        if any(text[: i + 3].endswith(g) for g in generic):
            continue
        before = text[i - 1] if i else ""
        if "\u4e00" <= before <= "\u9fff" and before not in _BOUNDARY:
            continue  # inside a longer word (钱塘院区, 政府和区…)
        out.append(name)
    return out


@dataclass(frozen=True)
class Problem:
    file: str
    reason: str
    fix: str

    def __str__(self) -> str:
        return f"{self.file}: {self.reason} — {self.fix}"


BAD_BYTES = 0.001  # under this share of undecodable bytes a text is read with replacement characters (noted)
_FFFD = {"utf-8": "\ufffd".encode("utf-8"), "gb18030": "\ufffd".encode("gb18030")}


def lenient(data: bytes, encoding: str) -> tuple[str, int] | None:
    """`data` decoded with U+FFFD for bad bytes and the number of bad bytes, when they are under BAD_BYTES of the
    file (or only a character cut at the very end); None when there are more (the encoding is not this one)."""
    try:
        return data.decode(encoding), 0
    except UnicodeDecodeError as e:
        first = e
    if first.start >= len(data) - 3 and first.reason == "unexpected end of data":  # a file cut mid character
        return data[: first.start].decode(encoding, errors="replace") + "\ufffd", len(data) - first.start
    text = data.decode(encoding, errors="replace")
    bad = text.count("\ufffd") - data.count(_FFFD[encoding])
    return (text, bad) if bad < BAD_BYTES * len(data) else None


def _controls(text: str) -> bool:
    """Mostly control characters: binary data that happens to be valid UTF-8."""
    head = text[:4096]
    return sum(1 for ch in head if ch < " " and ch not in "\t\n\r\f") > len(head) // 10


def decode(data: bytes, name: str) -> str:
    """UTF-8 (with or without BOM), UTF-16 (BOM), else the detected Chinese encoding (GBK/GB18030). A few bad bytes
    (under 0.1%) are replaced by U+FFFD and counted in the file's parse notes (rag.ingest.budgets.Meter.notes).
    Raises CorpusError for binary data."""
    if not data.strip():
        raise CorpusError(f"{name}: the file is empty")
    if not data.strip(b"\x00"):
        raise CorpusError(f"{name}: binary data (only NUL bytes), not text")
    m = meter(name)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise CorpusError(f"{name}: broken UTF-16 text — re-save the file as UTF-8") from None
    if data.startswith(b"\xef\xbb\xbf"):
        text = data[3:].decode("utf-8", errors="replace")
        m.replaced(text.count("\ufffd") - data.count(_FFFD["utf-8"]), len(data), "UTF-8")
        return text
    got = lenient(data, "utf-8")
    if got is not None and not _controls(got[0]):
        m.replaced(got[1], len(data), "UTF-8")
        return got[0]
    if b"\x00" in data[:4096]:
        if data[:4096].count(b"\x00") > len(data[:4096]) // 3:
            try:
                return data.decode("utf-16-le" if data[1:2] == b"\x00" else "utf-16-be")
            except UnicodeDecodeError:
                pass
        raise CorpusError(f"{name}: binary data, not text")
    got = lenient(data, "gb18030")
    if got is not None:
        text = got[0]
        m.replaced(got[1], len(data), "GB18030")
    else:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is None:
            raise CorpusError(f"{name}: unknown text encoding, over {BAD_BYTES:.1%} of the bytes are not UTF-8, "
                              "UTF-16 or GBK — re-save the file as UTF-8") from None
        text = str(best)
    cjk = sum(1 for ch in text[:2000] if "\u4e00" <= ch <= "\u9fff")
    if cjk < min(20, len(text) // 10):
        raise CorpusError(f"{name}: undecodable text (not UTF-8, UTF-16 or GBK)")
    return text


def load_manifest(folder: Path) -> dict[str, dict[str, str]]:
    path = folder / MANIFEST
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {d["file"]: d for d in data.get("documents", [])}
    except (ValueError, KeyError, TypeError) as e:
        raise CorpusError(f"{path}: manifest is not valid ({e}) — fix the JSON or remove the file") from e


def guess_meta(text: str) -> tuple[str, str]:
    """Title = first meaningful line that is not web furniture nor a subtitle ("——2023年3月29日在…");
    place = what the document is about, from its content (rag.ingest.places), '' when unclear."""
    from rag.ingest.parse.clean import is_boilerplate
    from rag.ingest.places import detect_place

    first = next((ln.strip() for ln in text.splitlines()
                  if len(ln.strip()) >= 6 and not is_boilerplate(ln) and not _SUBTITLE.match(ln.strip())), "")
    title = re.sub(r"\s+", "", first)[:80] if first and "\t" not in first and "|" not in first else ""
    place = detect_place(text, title)
    return title, (place.written if place else "")


def list_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        raise CorpusError(f"corpus folder {folder} does not exist — pass --corpus DIR or create it")
    return sorted(p for p in folder.iterdir() if p.is_file() and p.name != MANIFEST and not p.name.startswith("."))


def file_text(data: bytes, name: str) -> str:
    """A file's text in the forms the parser reads, by its suffix: text files decoded, Office, PDF and
    HTML files converted (tables as pipe tables), within the file's budgets (rag.ingest.budgets: the defaults
    unless a caller opened a meter). Raises CorpusError naming the file and the fix."""
    with metered(name) as m:
        text = _convert(data, name)
        m.check_chars(len(text))
        return text


def _convert(data: bytes, name: str) -> str:
    suffix = Path(name).suffix.lower()
    if suffix in OFFICE_SUFFIXES:
        from rag.ingest.office import office_to_text

        return office_to_text(data, name)
    if suffix in PDF_SUFFIXES:
        from rag.ingest.pdf import pdf_to_text

        return pdf_to_text(data, name)
    if suffix in HTML_SUFFIXES:
        from rag.ingest.html import html_to_text

        return html_to_text(data, name)
    meter(name).check_chars(len(data) // 4)  # no encoding packs more than 4 bytes into one character
    return decode(data, name)


def read_document(path: Path, manifest: dict[str, dict[str, str]], max_bytes: int,
                  budgets: Budgets | None = None) -> Document:
    """One file -> Document, within its budgets. Raises CorpusError with the reason and the fix."""
    if path.suffix.lower() not in SUFFIXES:
        raise CorpusError(f"{path.name}: unsupported type {path.suffix or '(none)'} — use {', '.join(SUFFIXES)}")
    size = path.stat().st_size
    if size > max_bytes:
        raise CorpusError(
            f"{path.name}: {size / 1e6:.1f} MB is over the {max_bytes / 1e6:.0f} MB limit — "
            "split the file or raise RAG_MAX_FILE_MB"
        )
    with metered(path.name, budgets or Budgets()) as m:
        text = fix_radicals(file_text(path.read_bytes(), path.name))
    meta = manifest.get(path.name, {})
    title, district = guess_meta(text)
    return Document(
        name=path.name,
        text=text,
        district=meta.get("district") or district,
        title=meta.get("title") or title or path.stem,
        period=meta.get("period", ""),
        notes=tuple(m.notes),
    )


def read_corpus(folder: Path, max_bytes: int, budgets: Budgets | None = None) -> tuple[list[Document], list[Problem]]:
    """Every report in `folder`; a file that cannot be read, or is over a budget, is a Problem (the others go on)."""
    manifest = load_manifest(folder)
    docs: list[Document] = []
    problems: list[Problem] = []
    for path in list_files(folder):
        try:
            docs.append(read_document(path, manifest, max_bytes, budgets))
        except CorpusError as e:
            problems.append(Problem(path.name, str(e).split(": ", 1)[-1], "fix or remove the file"))
        except MemoryError:  # a file the budgets did not foresee: it is skipped, the others go on
            problems.append(Problem(path.name, "out of memory while reading", "split the file or lower its budgets"))
        except (OSError, ValueError) as e:  # unreadable file: report it, keep going
            problems.append(Problem(path.name, f"cannot read ({type(e).__name__}: {e})", "fix or remove the file"))
    return docs, problems
