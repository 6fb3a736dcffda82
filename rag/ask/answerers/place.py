"""Place answerers: refuse a place the library does not hold (never answer from another place), and
answer two or more library places side by side."""

from __future__ import annotations

import re
from dataclasses import replace

from rag.ask.answerers import Gathered
from rag.ask.answerers.indicator import Indicator
from rag.ask.compose import abstain, citations_of
from rag.ask.quoted_gap import which_is_more
from rag.ask.retrieve import Filters
from rag.ask.understand import Ask, for_place, understand
from rag.domain import Answer


class RefusePlace:
    """A place that is not a library place, nor contains one, nor lies inside one. Documents whose place
    is unknown may still answer (the pipeline then warns); with none, refuse and list the places held."""

    name = "refuse_place"

    def applies(self, ask: Ask) -> bool:
        return bool(ask.missing_place) and ask.place is None

    def answer(self, ask: Ask, evidence: Gathered) -> Answer | None:
        held = "、".join(evidence.index.districts())
        if any(r.around and r.name == ask.missing_place for r in ask.places):  # 杭州 around 钱塘区: parts only
            return abstain(ask.question, f"资料库中没有{ask.missing_place}整体的报告，只有其所辖地方的报告（{held}），"
                                         f"它们的数字不是{ask.missing_place}的数字")
        return abstain(ask.question, f"资料库中没有{ask.missing_place}的报告（现有：{held}）")


def _named(place: str, text: str) -> bool:
    """The text names the place by its name or the short form the library gives in brackets (湘西自治州)."""
    return any(n in text for n in (place, *re.findall(r"[（(]([^）)]+)[）)]", place)))


# "有没有比陕西全省快", "跑赢全省了吗": a yes/no that compares two places' figures (the records answer it)
_VERSUS = re.compile(r"比[^，。？?]{0,10}(?:快|慢|高|低|多|少)|跑[赢输]|[快慢高低]还是[快慢高低]")


def _alone(ask: Ask, place: str, evidence: Gathered) -> Ask:
    """The question asked of one compared place as if that place alone were named: its words read against that
    place's documents (客运量 is written 客运总量 there), unless the reading finds another place or none."""
    sub = for_place(ask, place)
    again = understand(sub.question, evidence.index, Filters(place, ask.unit, ask.doc))
    return again if again.place == place and not again.compare and not again.missing_place else sub


class Compare:
    """"余杭和临安…分别是多少": each place answered from its own documents, in the order named."""

    name = "compare"

    def applies(self, ask: Ask) -> bool:
        return len(ask.compare) > 1

    def answer(self, ask: Ask, evidence: Gathered) -> Answer | None:
        assert evidence.again is not None
        if (ask.asked.numeric or _VERSUS.search(ask.question)) and not (ask.listing or ask.who or ask.people):  # the
            # records, compared (快还是慢 reads as a status word, but two places' figures are what is asked)
            found = Indicator().answer(ask, evidence)
            if found is not None and not found.abstained and found.route == "indicator" \
                    and all(_named(d, found.text) for d in ask.compare):  # each place's own figure, not one of them
                return found
        parts = [(d, evidence.again(_alone(ask, d, evidence))) for d in ask.compare]
        good = [(d, a) for d, a in parts if not a.abstained]
        if not good:
            return abstain(ask.question, "各区报告中均未找到")
        seen: set[str] = set()
        texts = []
        for d, a in good:
            clauses = [c.rstrip("。").removeprefix(f"{d}：") for c in a.text.split("；")
                       if c and c.rstrip("。") not in seen]  # no clause twice, nor the place named twice
            seen.update(clauses)
            texts.append(f"{d}：" + "；".join(clauses))
        cites = citations_of(a for _, a in good)
        more = which_is_more(ask.question, [(d, a.text) for d, a in good]) if len(good) == len(parts) else ""
        return replace(good[0][1], question=ask.question, text="；".join(texts) + more + "。", citations=cites,
                       route="ask")
