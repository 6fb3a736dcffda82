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


def _level(line: str) -> int:
    """1 for 一、…, 2 for （一）… headings that are short; 0 for body text."""
    if _H1.match(line) and len(line) <= 40:
        return 1
    if _H2.match(line):
        # '（一）聚焦…。坚定不移…' is a heading sentence followed by body; short ones are pure headings
        first = re.split(r"[。]", line, maxsplit=1)[0]
        return 2 if len(first) <= 40 and len(line) <= 60 else 0
    return 0


def parse_prose(text: str, title: str = "") -> list[RawParagraph]:
    out: list[RawParagraph] = []
    path: list[str] = []
    page: int | None = None
    lines: list[tuple[str, int | None]] = []
    for raw in text.split("\n"):
        ln = squash(raw)
        if page_of(ln) is not None:
            page = page_of(ln)
        elif ln and not is_boilerplate(ln):
            lines.append((ln, page))
    for i, (ln, pg) in enumerate(lines):
        if i == 0 and title and (ln in title or title.startswith(ln)):
            continue
        lvl = _level(ln)
        if lvl:
            path = path[: lvl - 1] + [ln]
            continue
        if _H2.match(ln):  # a heading sentence that runs on into its body
            path = path[:1] + [re.split(r"[。]", ln, maxsplit=1)[0]]
        if len(ln) < 30 and not re.search(r"[。；;！!？?]", ln):
            continue  # a short title-like line (e.g. '政 府 工 作 报 告', a date line)
        out.append(RawParagraph(len(out) + 1, ln, " > ".join(path), pg))
    return out
