"""Display names of documents for the page and the exports: the period in Chinese ("2023 full year" ->
"2023年全年") and a short Chinese name ("余杭2023全年") for citation chips, filters and source tables.
Pure functions over a document's district, title and period; word lists in rag/data/names.json."""

from __future__ import annotations

import re
from collections.abc import Mapping

from rag.lexicons import name_words

__all__ = ["period_zh", "short_name", "short_names"]

_CJK = r"\u4e00-\u9fff"


def period_zh(period: str) -> str:
    """A manifest period in Chinese: "2023 H1 (published 2023-07-24)" -> "2023年上半年（2023年7月24日发布）".
    Chinese periods come back unchanged; an English note that no phrase covers is dropped."""
    text = (period or "").strip()
    if not re.search("[A-Za-z]", text):
        return text
    d = name_words()
    text = re.sub(r"published\s+(\d{4})-(\d{1,2})-(\d{1,2})",
                  lambda m: f"{m[1]}年{int(m[2])}月{int(m[3])}日发布", text)
    months = "|".join(d.months)
    text = re.sub(rf"\b({months})\w*\s*[-–~]\s*({months})\w*\b",
                  lambda m: f"{d.months.index(m[1]) + 1}-{d.months.index(m[2]) + 1}月", text)
    for en, zh in d.period_phrases:
        text = re.sub(rf"(?<![A-Za-z]){re.escape(en.strip())}(?![A-Za-z])" if en.strip() == en else re.escape(en),
                      zh, text)
    text = re.sub(r"(?<![\d年-])((?:19|20)\d{2})(?![\d年-])", r"\1年", text)
    text = re.sub(r"\(([^()]*)\)", r"（\1）", text)
    text = re.sub(r"（[^（）]*[A-Za-z][^（）]*）", "", text)  # a note no phrase covers
    text = re.sub(r"\b[A-Za-z][A-Za-z\s-]*\b", "", text)
    return re.sub(rf"\s*([{_CJK}（）\d])\s*", r"\1", text).strip()


def _place(district: str) -> str:
    for suffix in name_words().place_suffixes:
        if district.endswith(suffix) and len(district) > 2:
            return district[: -len(suffix)]
    return district


def short_name(district: str, title: str, period: str, fallback: str = "") -> str:
    """"余杭2023全年": place, year and period of the period's first year; a report without a period
    word is named by its title ("钱塘2024政府工作报告"). `fallback` (the file name) when nothing is known."""
    d = name_words()
    zh = period_zh(period)
    word = next((w for w in d.period_words if w in zh), "")
    months = re.search(r"\d{1,2}-\d{1,2}月", zh)
    if word or months:
        year = re.search(r"(?:19|20)\d{2}", zh) or re.search(r"(?:19|20)\d{2}", title)
        label = (year[0] if year else "") + (word or (months[0] if months else ""))
    else:
        kind = next((k for w, k in d.title_kinds if w in title), "")
        year = re.search(r"(?:19|20)\d{2}", title) or re.search(r"(?:19|20)\d{2}", zh)
        label = (year[0] if year else "") + kind if kind else ""
    name = _place(district) + label
    return name if label else (_place(district) + (title[:12] or fallback) if title or district else fallback)


def short_names(docs: Mapping[str, Mapping[str, str]]) -> dict[str, str]:
    """file -> short name for every document; names two files share get the file's first characters."""
    names = {f: short_name(m.get("district", ""), m.get("title", ""), m.get("period", ""), f) for f, m in docs.items()}
    seen: dict[str, int] = {}
    for n in names.values():
        seen[n] = seen.get(n, 0) + 1
    return {f: (f"{n}（{f[:3]}）" if seen[n] > 1 else n) for f, n in names.items()}
