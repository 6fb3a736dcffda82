"""A quoted clause carried on by what its sentence states right after it about the same figure: the growth of an
amount ("外贸出口总额达到2.99亿美元，同比增长12.9%"), the asked year's own figure after a cumulative one
("累计安全运送乘客10.35亿人次，其中，2025年度客运量1.89亿人次"). Part of the quote answerer (rag.ask.extractive)."""

from __future__ import annotations

import re

from rag.ask.evidence import Evidence
from rag.ask.lists import cell_text, rest_of_sentence
from rag.ask.question import Asked

_OWN_GROWTH = re.compile(r"^(?:同比|比上年|较上年|比去年)?(?:增长|下降|增加|减少)\s*-?\d+(?:\.\d+)?\s*[%％]")


def with_growth(quote: str, ev: Evidence) -> str:
    """An amount quoted with the growth its sentence states right after it ("外贸出口总额达到2.99亿美元，同比增长12.9%")."""
    if not re.search(r"\d\s*[万亿千]?[元美人吨个家项]", quote) or re.search(r"\d\s*[%％]", quote):
        return quote
    rest = rest_of_sentence(quote, cell_text(ev.clause)) or ""
    if rest[:1] not in "，," or not rest:
        return quote
    nxt = re.split(r"[，,。；;]", rest[1:], maxsplit=1)[0]
    return f"{quote}，{nxt}" if _OWN_GROWTH.match(nxt) else quote


def with_year(quote: str, ev: Evidence, asked: Asked) -> str:
    """A cumulative figure quoted for a year asked, with the year's own figure its sentence gives right after it
    ("累计安全运送乘客10.35亿人次，其中，2025年度客运量1.89亿人次")."""
    if "累计" not in quote or len(asked.years) != 1:
        return quote
    rest = re.split(r"[。；;]", rest_of_sentence(quote, cell_text(ev.clause)) or "", maxsplit=1)[0]
    m = re.match(rf"[，,](?:其中[，,]?)?[^，,]{{0,6}}{asked.years[0]}年[^，,]*\d[^，,]*", rest)
    return quote + m.group(0) if m else quote


def merged(quotes: list[str]) -> list[str]:
    """Quotes of one sentence said once: a quote inside another is dropped, and two that share a comma part at their
    ends are joined ("…提高183元，…提高25元、50元" and "…提高25元、50元，…提高65元")."""
    out: list[str] = []
    for q in quotes:
        if any(q in o for o in out):
            continue
        out = [o for o in out if o not in q]
        for i, o in enumerate(out):
            first, last = re.split(r"[，,]", q), re.split(r"[，,]", o)
            if len(first) > 1 and last[-1] == first[0]:
                out[i] = o + "，" + "，".join(first[1:])
                break
            if len(last) > 1 and first[-1] == last[0]:
                out[i] = q + "，" + "，".join(last[1:])
                break
        else:
            out.append(q)
    return out


_COLLECTIVE = re.compile(r"[一二两三四五六七八九十\d]大[\u4e00-\u9fff]{2,4}")


def with_items(quote: str, ev: Evidence, asked: Asked) -> str:
    """A collective name the question asks about ("三大工程") quoted with its sentence's first item or none: what the
    sentence says after it is what it is made of ("…“三大工程”建设，筹集建设保障性租赁住房7200套（间），城中村改造700户以上…")."""
    named = [m.group(0) for m in _COLLECTIVE.finditer(quote) if m.group(0) in asked.text]
    if not named:
        return quote
    rest = rest_of_sentence(quote, cell_text(ev.clause))
    return quote if rest is None else (quote + rest).rstrip("。；;！!？?")
