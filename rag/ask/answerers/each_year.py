"""One figure asked of two years ("成都 高新技术企业数量 2021年末 2022年末", "…2021年和2022年各多少") where no record lists
it: each year asked on its own through the table (the question with the other year taken out), the answers joined
with their years. None when either year is not answered, or both answers are one clause (a single year's text)."""

from __future__ import annotations

import re
from dataclasses import replace

from rag.ask.answerers import Gathered
from rag.ask.compose import citations_of
from rag.ask.retrieve import UNPLACED, Filters
from rag.ask.understand import Ask, understand
from rag.domain import Answer


def _without(question: str, year: int) -> str:
    return re.sub(rf"{year}\s*年?(?:末|底|度)?[和与及、，,]?", " ", question).strip()


class EachYear:
    name = "each_year"

    def applies(self, ask: Ask) -> bool:
        figure = ask.asked.numeric or not ask.asked.want  # "科技型小微企业数量 2030年末 2031年末": a figure, keywords
        return len(set(ask.years)) == 2 and figure and not ask.compare and not ask.status_asked and not ask.asked.pieces

    def answer(self, ask: Ask, evidence: Gathered) -> Answer | None:
        if evidence.again is None:
            return None
        place = ask.place if ask.place and ask.place != UNPLACED else None
        years = sorted(set(ask.years))
        parts = []
        for year in years:
            other = next(y for y in years if y != year)
            sub = understand(_without(ask.question, other), evidence.index, Filters(place, None, ask.doc))
            found = evidence.again(sub)
            if found.abstained or year not in sub.years:
                return None
            parts.append((year, found))
        if parts[0][1].text == parts[1][1].text:
            return None  # one clause for both years: not each year's own figure
        text = "；".join(f"{y}年：{a.text.rstrip('。')}" for y, a in parts) + "。"
        cites = citations_of(a for _, a in parts)
        return replace(parts[0][1], question=ask.question, text=text, citations=cites, route="ask")
