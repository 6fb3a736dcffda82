"""Numbered progress lists inside prose reports ("1.工业技改投资(第6项):…", "(1)…", "(一)…", "——指标…", "一是…二是…"):
each item that names a task or indicator and reports its progress becomes a progress row with its task number.

Conservative by design: a list counts only when the line just before it announces progress (…完成情况 / …落实情况如下:,
rag/data/parse.json "list_leads"), and an item only when its task and its progress can be told apart: unnumbered lines
under the item, a short name before a colon, a later sentence that opens with a period or a state (上半年, 截至, 已…),
or an indicator's name before a verb with a figure after it. Everything else stays a paragraph. Pure functions."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from rag.ingest.parse.align import looks_like_progress
from rag.ingest.parse.prose import heading_paths, level
from rag.ingest.parse.tables import RawRow
from rag.lexicons import parse_words

__all__ = ["expand_inline", "progress_lists"]

Lines = list[tuple[str, int | None]]
_CN = "一二三四五六七八九十"
_MARKERS = (
    ("num", re.compile(r"^(\d{1,3})[.．、]\s*")),
    ("pnum", re.compile(r"^[（(](\d{1,3})[）)]\s*")),
    ("pcn", re.compile(rf"^[（(]([{_CN}]{{1,3}})[）)]\s*")),
    ("shi", re.compile(rf"^([{_CN}]{{1,3}})是\s*")),
    ("dash", re.compile(r"^(?:——|－－|--)\s*()")),
)
_INLINE = re.compile(rf"(?:^|(?<=[。；;：:，,]))([{_CN}])是")
_TASK_NO = re.compile(r"[（(]第(\d{1,4})项[）)]")
_COLON = re.compile(r"^([^：:。；;，,]{2,30})[：:](.+)$")
_SENTENCE = re.compile(r"[^。；;]+[。；;]?")
# a lead-in that is not a heading must end like one: "…完成情况如下:"
_LEAD_END = ("：", ":")
# an item's last lines are its progress only up to as many lines as the items before it had (at least this)
_MIN_TAIL = 1


@dataclass
class _Item:
    number: int
    text: str
    at: int
    tail: list[int] = field(default_factory=list)


def cn_number(s: str) -> int:
    """一 -> 1, 十 -> 10, 十二 -> 12, 二十三 -> 23; arabic digits as they are."""
    if s.isdigit():
        return int(s)
    if "十" not in s:
        return _CN.index(s) + 1 if len(s) == 1 else 0
    tens, _, ones = s.partition("十")
    return (_CN.index(tens) + 1 if tens else 1) * 10 + (_CN.index(ones) + 1 if ones else 0)


def _marker(line: str) -> tuple[str, int, str] | None:
    """(style, number, text) of a list item; None for other lines. A short "（一）…" line is a heading unless it
    reports progress itself ("（一）青禾大桥：主桥已完工。")."""
    for style, rx in _MARKERS:
        m = rx.match(line)
        if m and len(line) > m.end():
            if level(line) and _split(line[m.end() :], []) is None:
                return None  # a heading opens a section, it is not an item
            return style, cn_number(m.group(1)) if m.group(1) else 0, line[m.end() :]
    return None


@lru_cache(maxsize=1)
def _rx(key: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in getattr(parse_words(), key)))


def _announces(line: str) -> bool:
    """The line before a list says that progress follows: a heading or a line ending in a colon, naming progress."""
    heading = level(line) > 0 or (len(line) <= 40 and not re.search(r"[。；;]", line))
    return (heading or line.endswith(_LEAD_END)) and any(w in line for w in parse_words().list_leads)


def expand_inline(lines: Lines) -> Lines:
    """A line that announces progress and then enumerates it inline ("…情况如下：一是…；二是…") becomes its lead-in
    and one line per item, so that the items read like any other list. Other lines stay as they are."""
    out: Lines = []
    for ln, page in lines:
        marks = [m for m in _INLINE.finditer(ln)]
        seq = [cn_number(m.group(1)) for m in marks]
        lead = ln[: marks[0].start()] if marks else ""
        prev = out[-1][0] if out else ""
        if len(marks) >= 2 and seq == list(range(1, len(seq) + 1)) and _announces(lead.strip() or prev):
            cuts = [m.start() for m in marks] + [len(ln)]
            out.extend((p, page) for p in [lead.strip()] if p)
            out.extend((ln[a:b].strip(), page) for a, b in zip(cuts, cuts[1:]))
        else:
            out.append((ln, page))
    return out


def _split(text: str, tail: list[str]) -> tuple[str, str] | None:
    """(task, progress) of one item, or None when its progress cannot be told apart from its task."""
    if tail:
        return text, " ".join(tail)
    m = _COLON.match(text)
    if m and (looks_like_progress(m.group(2)) or re.search(r"\d", m.group(2))):
        return m.group(1), m.group(2)
    sents = _SENTENCE.findall(text)
    for k in range(1, len(sents)):
        s = sents[k].lstrip("，, ")
        if _rx("progress_openers").match(s) and not _rx("deadline_openers").match(s):
            return "".join(sents[:k]), "".join(sents[k:])
    return None


def _split_indicator(text: str) -> tuple[str, str] | None:
    """'——地区生产总值预计实现1900亿元…' -> ('地区生产总值', '预计实现1900亿元…'): the indicator's name, then what it did."""
    verbs = "|".join(re.escape(v) for v in parse_words().indicator_verbs)
    m = re.match(rf"^(.{{2,20}}?)(?:{verbs})", text)
    if m and not re.search(r"[。；;，,、]", m.group(1)):
        return m.group(1), text[m.end(1) :]
    return None


def _collect(lines: Lines, i: int, style: str, first: int) -> tuple[list[_Item], int]:
    """The items of the list starting at line i, and the line after it. Unnumbered lines under an item are its
    progress when the first item has such lines; the last item takes no more of them than the others did."""
    items: list[_Item] = []
    expect, j = first, i
    while j < len(lines):
        mk = _marker(lines[j][0])
        if mk and mk[0] == style and (style == "dash" or mk[1] == expect):
            items.append(_Item(mk[1] if style != "dash" else len(items) + 1, mk[2], j))
            expect, j = mk[1] + 1, j + 1
            continue
        tails = len(items) == 1 or any(it.tail for it in items[:-1])
        if mk or level(lines[j][0]) or not tails:  # another list, a heading, or no lines under items
            break
        items[-1].tail.append(j)
        j += 1
    if items and items[-1].tail:
        most = max([len(it.tail) for it in items[:-1]] + [_MIN_TAIL])
        items[-1].tail = items[-1].tail[:most]
        j = items[-1].tail[-1] + 1
    return items, j


def _row(item: _Item, lines: Lines, heading: str, dash: bool) -> RawRow | None:
    split = _split(item.text, [lines[t][0] for t in item.tail])
    if split is None and dash:
        split = _split_indicator(item.text)
    if split is None:
        return None
    task, progress = split
    raw = RawRow(item.number, heading=heading, page=lines[item.at][1])
    m = _TASK_NO.search(task)
    if m:
        raw.row = int(m.group(1))
        task = (task[: m.start()] + task[m.end() :]).strip()
        raw.notes.append(f"list item {item.number} reports task 第{raw.row}项")
    raw.task, raw.progress = task.strip().rstrip("：:"), progress.strip()
    return raw


def progress_lists(lines: Lines, title: str = "") -> tuple[list[tuple[int, RawRow]], set[int]]:
    """Progress rows found in numbered lists, each with the line it starts on; and the lines they use (not paragraphs)."""
    paths = heading_paths(lines, title)
    rows: list[tuple[int, RawRow]] = []
    used: set[int] = set()
    i = 1
    while i < len(lines):
        mk = _marker(lines[i][0])
        if not mk or (mk[0] != "dash" and mk[1] != 1) or not _announces(lines[i - 1][0]):
            i += 1
            continue
        section = paths[i - 1]  # the section the list is in (items that look like headings do not open one)
        items, i = _collect(lines, i, mk[0], mk[1])
        for it in items:
            raw = _row(it, lines, section, mk[0] == "dash")
            if raw is not None:
                rows.append((it.at, raw))
                used.update([it.at, *it.tail])
    return rows, used
