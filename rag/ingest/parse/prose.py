"""Narrative reports (政府工作报告, plan reports): paragraphs with their heading path and a paragraph
number as the citation anchor. Pure functions."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rag.ingest.parse.clean import is_boilerplate, page_of, squash

_H1 = re.compile(r"^[一二三四五六七八九十]+、")
_H2 = re.compile(r"^[（(][一二三四五六七八九十]+[）)]")


@dataclass
class RawParagraph:
    number: int
    text: str
    heading: str
    page: int | None = None
    at: int = -1  # the line it is on (in prose_lines order)


def level(line: str) -> int:
    """1 for 一、…, 2 for （一）… headings that are short; 0 for body text."""
    if _H1.match(line) and len(line) <= 40:
        return 1
    if _H2.match(line):
        # '（一）聚焦…。坚定不移…' is a heading sentence followed by body; short ones are pure headings
        first = re.split(r"[。]", line, maxsplit=1)[0]
        return 2 if len(first) <= 40 and len(line) <= 60 else 0
    return 0


def prose_lines(text: str) -> list[tuple[str, int | None]]:
    """The text's lines that can hold content (web furniture, page marks and blank lines dropped), each with the
    page it is on."""
    page: int | None = None
    lines: list[tuple[str, int | None]] = []
    for raw in text.split("\n"):
        ln = squash(raw)
        if page_of(ln) is not None:
            page = page_of(ln)
        elif ln and not is_boilerplate(ln):
            lines.append((ln, page))
    return lines


def is_title(i: int, line: str, title: str) -> bool:
    return i == 0 and bool(title) and (line in title or title.startswith(line))


def heading_paths(lines: list[tuple[str, int | None]], title: str = "") -> list[str]:
    """The heading path in force at each line ('一、… > （一）…'), the line itself included when it opens a section;
    a first line that is the document's title opens nothing."""
    out: list[str] = []
    path: list[str] = []
    for i, (ln, _) in enumerate(lines):
        lvl = level(ln)
        if is_title(i, ln, title):
            pass
        elif lvl:
            path = path[: lvl - 1] + [ln]
        elif _H2.match(ln):  # a heading sentence that runs on into its body
            path = path[:1] + [re.split(r"[。]", ln, maxsplit=1)[0]]
        out.append(" > ".join(path))
    return out


def parse_prose(text: str, title: str = "", lines: list[tuple[str, int | None]] | None = None,
                skip: frozenset[int] = frozenset()) -> list[RawParagraph]:
    """Paragraphs of `text` (or of `lines` from prose_lines, without the line numbers in `skip`: list items that
    became progress rows), numbered in order, each with its heading path."""
    out: list[RawParagraph] = []
    lines = prose_lines(text) if lines is None else lines
    for i, ((ln, pg), path) in enumerate(zip(lines, heading_paths(lines, title))):
        if is_title(i, ln, title) or level(ln) or i in skip:
            continue
        if len(ln) < 30 and not re.search(r"[。；;！!？?]", ln):
            continue  # a short title-like line (e.g. '政 府 工 作 报 告', a date line)
        out.append(RawParagraph(len(out) + 1, ln, path, pg, i))
    return out
