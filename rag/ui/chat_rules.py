"""What the 问答 page decides before and around the answerer (issue Q), as plain functions the page and the tests
share: a question naming a place is never narrowed to another place by the sidebar's filters; a question in English
or one over the length limit gets a Chinese reply instead of a silent refusal; a summary request ("给我一份余杭区商务局
的进展摘要") is recognised with its district and unit; the conversation is written as Markdown with its citations.

The summary routing lives here, in the UI layer: `summary_request(index, question)` returns the (district, unit) to
summarise or None, and qa.py builds it with rag.summary.build (the same builder as the 摘要 page)."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from rag.ask.retrieve import Filters
from rag.index.build import Index
from rag.ingest.corpus import district_mentions

MAX_QUESTION = 2000  # characters: longer pastes are refused with a message, never dropped
EXAMPLE = "余杭区实际利用外资完成了吗？"
_CJK = re.compile(r"[\u4e00-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]{2,}")
_SUMMARY = re.compile(r"(摘要|小结|总结|汇总|综述)")
_SUMMARY_ASK = re.compile(r"(给我|生成|写|做|出|来|要|整理|提供)(一份|一个|个|份)?|进展|情况|工作")
_FACT_ASK = re.compile(r"多少|几[个项家年月]|哪|吗|是否|什么|怎么|如何|为什么|完成了")  # a question, not a request


def place_names(index: Index, question: str) -> list[str]:
    """The districts a question names: the library's own (钱塘区, or 钱塘 without 区) and any other "XX区"."""
    named: list[str] = []
    for d in index.districts():
        stem = d[:-1] if len(d) >= 3 and d[-1] in "区县市" else d
        if d in question or (len(stem) >= 2 and stem in question):
            named.append(d)
    return named + [d for d in district_mentions(question) if d not in named]


def scoped(index: Index, question: str, filters: Filters) -> tuple[Filters, str]:
    """The filters to answer with, and a note when the sidebar's were set aside: a question that names a place
    other than the 区 filter's (alone or beside it) is answered for the places it names (unit and document filters
    belong to the filtered district, so they go too)."""
    named = place_names(index, question)
    doc_district = index.docs.get(filters.doc or "", {}).get("district") if filters.doc else None
    current = filters.district or doc_district
    if not named or not current or set(named) <= {current}:
        return filters, ""
    note = f"问题问的是{'、'.join(named)}，未按侧栏筛选（{current}）回答。"
    return replace(filters, district=None, unit=None, doc=None), note


def filter_words(filters: Filters, names: dict[str, str]) -> str:
    """"钱塘区 · 区商务局": what the filters narrow an answer to ('' when nothing)."""
    shown = [filters.district, filters.unit, names.get(filters.doc or "", filters.doc)]
    return " · ".join(v for v in shown if v)


def refusal(question: str) -> str:
    """A Chinese reply for a question the answerer should not see: too long, or not in Chinese ('' otherwise)."""
    if len(question) > MAX_QUESTION:
        return (f"问题有 {len(question)} 字，超过 {MAX_QUESTION} 字的上限，没有提交。请只保留要问的部分"
                "（例如一两句话）后再问。")
    if not _CJK.search(question) and _LATIN.search(question):
        return f"本助手只回答中文问题（资料都是中文报告）。请用中文提问，例如：“{EXAMPLE}”"
    return ""


def _unit_in(question: str, units: list[str]) -> str | None:
    best: str | None = None
    for u in units:
        bare = re.sub(r"[（(].*?[)）]$", "", u[1:] if u.startswith("区") and len(u) > 3 else u)
        if (u in question or (len(bare) >= 3 and bare in question)) and (best is None or len(u) > len(best)):
            best = u
    return best


def summary_request(index: Index, question: str) -> tuple[str | None, str | None] | None:
    """(district, unit) when the question asks for a summary ("给我一份余杭区商务局的进展摘要"), else None."""
    if not _SUMMARY.search(question) or not _SUMMARY_ASK.search(question) or _FACT_ASK.search(question):
        return None
    named = [d for d in place_names(index, question) if d in index.districts()]
    district = named[0] if len(named) == 1 else None
    return district, _unit_in(question, index.units(district))


def transcript(chat: list[dict[str, Any]], names: dict[str, str]) -> str:
    """The conversation as Markdown: each question, its answer and numbered sources (document name, place, file)."""
    out = ["# 问答记录", ""]
    for m in chat:
        out += [f"## 问：{m['question']}", ""]
        a = m.get("answer")
        text = a.text if a is not None else m.get("text", "")
        out += [text, ""]
        if m.get("note"):
            out += [f"> {m['note']}", ""]
        cites = a.citations if a is not None else ()
        if cites:
            out.append("来源：")
            kept = {**names, **m.get("names", {})}
            out += [f"{i}. {kept.get(c.doc, c.doc)} · {c.anchor}（文件 {c.doc}）" for i, c in enumerate(cites, 1)]
            out.append("")
    return "\n".join(out)
