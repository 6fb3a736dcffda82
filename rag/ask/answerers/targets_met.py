"""Several listed indicators' targets asked at once with whether each was met ("四川2025年年初定的几个主要预期目标（GDP
增速、粮食产量、城镇新增就业、地方一般公共预算收入）最后都完成了吗？"): each indicator is asked on its own through the
table ("四川省2025年地区生产总值目标完成了吗": the indicator answerer sets the target beside the year's result), and
the answers are joined. None when any one is not answered, so the question goes on as one."""

from __future__ import annotations

from dataclasses import replace

from rag.ask.answerers import Gathered
from rag.ask.compose import citations_of
from rag.ask.indicator import named_indicators
from rag.ask.retrieve import UNPLACED, Filters
from rag.ask.understand import Ask, understand
from rag.domain import Answer

MOST = 8  # indicators asked at once that are answered one by one (a longer list is a list question)


def _named(question: str) -> list[str]:
    return list(dict.fromkeys(ind for _, _, ind in named_indicators(question)))


class TargetsMet:
    name = "targets_met"

    def applies(self, ask: Ask) -> bool:
        return (ask.status_asked or ask.stance == "both") and not ask.compare and not ask.people \
            and 2 <= len(_named(ask.question)) <= MOST

    def answer(self, ask: Ask, evidence: Gathered) -> Answer | None:
        if evidence.again is None:
            return None
        place = ask.place if ask.place and ask.place != UNPLACED else None
        year = f"{ask.years[0]}年" if len(ask.years) == 1 else ""
        parts = []
        for indicator in _named(ask.question):
            sub = understand(f"{place or ''}{year}{indicator}目标完成了吗", evidence.index, Filters(place, None, ask.doc))
            found = evidence.again(sub)
            if found.abstained or "目标" not in found.text:
                return None  # one the records and the text cannot judge: the whole question goes on as one
            parts.append(found)
        cites = citations_of(parts)
        text = "；".join(a.text.rstrip("。") for a in parts) + "。"
        return replace(parts[0], question=ask.question, text=text, citations=cites, route="indicator",
                       warnings=tuple(dict.fromkeys(w for a in parts for w in a.warnings)))
