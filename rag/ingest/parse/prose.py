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
            if lines and _broken(lines[-1][0], ln) and lines[-1][1] == page:
                lines[-1] = (lines[-1][0] + ln, page)  # "今年经济社会发展的" / "主要预期目标" / "是：…": one sentence
            else:
                lines.append((ln, page))
    return lines


_GOES_ON = "，、的和与及或在对从把被为是"  # a line ending so is cut mid-sentence
_CARRIES_ON = "，、。；是的了和与及"  # … and one opening so carries on the line before


def _broken(before: str, line: str) -> bool:
    """A sentence the text breaks across two lines: neither is a heading, and the first ends (or the second opens)
    where a sentence cannot."""
    return not level(before) and not level(line) and not _ITEM.match(line) \
        and (before[-1] in _GOES_ON or line[0] in _CARRIES_ON)


_ITEM = re.compile(r"^(?:\d{1,3}\s*[.、．)）]|[（(]\d{1,3}[）)]|[①-⑳])")  # a numbered item starts a line of its own


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
    front: list[tuple[str, int | None, int]] = []  # header lines before the body: who spoke, where, when, who issued
    body = False
    runs = wrapped_runs(lines, skip)
    for i, ((ln, pg), path) in enumerate(zip(lines, heading_paths(lines, title))):
        if is_title(i, ln, title) or level(ln) or i in skip or i in runs.inside:
            continue
        ln = runs.joined.get(i, ln)
        body = body or _opens_body(ln)
        if not body and _is_front_matter(ln):
            front.append((ln, pg, i))
            continue
        if len(ln) < 30 and not re.search(r"[。；;！!？?]", ln):
            continue  # a short title-like line (e.g. '政 府 工 作 报 告', a date line)
        if front and body:
            out.append(RawParagraph(len(out) + 1, " ".join(f for f, _, _ in front), "", front[0][1], front[0][2]))
            front = []
        out.append(RawParagraph(len(out) + 1, ln, path, pg, i))
    return out


WRAPPED_SHARE = 0.3  # a text is wrapped at a fixed width when this share of its lines are within WRAP_SLACK of it
WRAP_SLACK = 8  # printed width a wrapped line may fall short of the width (a line breaks before a long number)
MIN_WRAP_WIDTH = 40  # narrower "widths" (20 characters) are lists or tables, not wrapped prose
MIN_WRAPPED_LINES = 20  # a shorter text's lines of one width are chance (a title and a sentence), not a wrap
_ENDS = ("。", "！", "？", "；", "：", "!", "?", ";", ":")


@dataclass
class Runs:
    joined: dict[int, str]  # first line of a wrapped paragraph -> the paragraph
    inside: frozenset[int]  # the lines joined onto an earlier one


def _width(line: str) -> int:
    """How wide a line prints: a Chinese character or full-width sign twice a digit or letter (lines of one printed
    width hold fewer characters when they hold figures)."""
    return sum(2 if ord(ch) >= 0x2E80 else 1 for ch in line)


def wrapped_runs(lines: list[tuple[str, int | None]], skip: frozenset[int] = frozenset()) -> Runs:
    """A text broken into lines of one width (a communiqué copied from a PDF: "州府所在地吉首市环境空气平均优良天数比例
    95.6%，同比" / "下降2.2个百分点…"): a full-width line that does not end a sentence runs on into the next line, so
    each paragraph is one row (a 30-character piece of a sentence is neither found nor dropped as a title)."""
    lengths = [_width(ln) for ln, _ in lines]
    common = max(set(lengths), key=lambda n: (sum(abs(m - n) <= 1 for m in lengths), n), default=0)
    near = sum(common - WRAP_SLACK <= n <= common for n in lengths)
    if common < MIN_WRAP_WIDTH or near < WRAPPED_SHARE * len(lines) or len(lines) < MIN_WRAPPED_LINES:
        return Runs({}, frozenset())
    joined: dict[int, str] = {}
    inside: set[int] = set()
    start = None
    for i, (ln, _) in enumerate(lines):
        if start is not None and (i in skip or level(ln) or page_of(ln) is not None):
            start = None
        if start is not None:
            joined[start] = joined.get(start, lines[start][0]) + ln
            inside.add(i)
        else:
            start = i
        if lengths[i] < common - WRAP_SLACK or ln.endswith(_ENDS) or i in skip or level(ln):
            start = None
    return Runs(joined, frozenset(inside))


def _opens_body(line: str) -> bool:
    """The report's body begins with its first sentence ("各位代表：", "现在，我代表…。")."""
    return bool(re.search(r"[。；;！!？?]|各位代表", line))


_FRONT = re.compile(r"(会议|代表大会|市长|县长|区长|主任|局长|书记|人民政府|督查室|督查办|委员会|办公室|发展和改革|"
                    r"\d{4}年\d{1,2}月\d{1,2}日|第\s*\d+\s*期|〔\d{4}〕)")


def _is_front_matter(line: str) -> bool:
    """A header line saying who delivered or issued the document, at which meeting, on which date: kept (joined
    into one opening paragraph) so "由谁作 / 哪个机构印发 / 第几期" can be answered and cited."""
    return bool(_FRONT.search(line)) and "|" not in line
