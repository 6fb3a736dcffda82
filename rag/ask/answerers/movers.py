"""Movers: "乌鲁木齐去年CPI里哪几类是涨的？", "福州限上零售额哪些品类往下掉了": the rows of one communiqué table whose
growth has the sign asked, each with its figure and the table's citation. The table is the one of the place (and year)
whose caption and row names hold most of the question's subject words; a question no table of the place fits passes
to the next answerer."""

from __future__ import annotations

import re
from collections import defaultdict

from rag.ask.answerers import Gathered
from rag.ask.answerers.movers_prose import prose_parts
from rag.ask.indicator import named_indicators
from rag.ask.indicator_text import as_written, phrase
from rag.ask.retrieve import UNPLACED
from rag.ask.understand import Ask
from rag.domain import Answer
from rag.index.figures_store import figures_of
from rag.ingest.figures import Figure
from rag.ingest.figures.tables import WHOLE_ROWS, caption_indicator
from rag.ingest.figures.vocab import any_name, normalise

# the direction asked: up (涨, 上升, 增长) or down (降, 下跌, 往下掉, 减少); a list word must ask for the items
_UP = re.compile(r"涨|上升|增长|提高|往上走")
_DOWN = re.compile(r"下降|下跌|降|往下掉|掉|减少|回落|跌")
_WHICH = re.compile(r"哪些|哪几|有哪|类别|品类")  # the items, not one of them (哪个行业降幅最大); 下降 类别 as keywords
_SUPERLATIVE = re.compile(r"最|前[一二三四五六七八九十\d]|排名|排第")
MIN_FIT = 1  # subject words a table's caption and rows must hold to be the table asked about


def direction(question: str) -> int:
    """+1 for a rise asked, -1 for a fall, 0 for neither or both (涨跌情况 asks every row)."""
    question = question.replace("负增长", "下降").replace("正增长", "上涨").replace("涨跌", "")
    up, down = bool(_UP.search(question)), bool(_DOWN.search(question))
    return 0 if up == down else (1 if up else -1)


def _fit(ask: Ask, caption: str, named: set[str]) -> int:
    """2 when the caption names a listed indicator the question names (CPI: 居民消费价格变动情况), 1 when it holds
    every subject word of the question, else 0."""
    rx, ids = any_name()
    if named & {ids[m.group(0).lower()] for m in rx.finditer(normalise(caption))}:
        return 2
    words = [t for t in ask.asked.terms if t.weight >= 1.0]
    return int(bool(words) and all(any(a in caption for a in t.alts) for t in words))


class Movers:
    name = "movers"

    def applies(self, ask: Ask) -> bool:
        return bool(_WHICH.search(ask.question)) and not _SUPERLATIVE.search(ask.question) \
            and direction(ask.question) != 0 and not ask.who and not ask.unit

    def answer(self, ask: Ask, evidence: Gathered) -> Answer | None:
        place = ask.place if ask.place and ask.place != UNPLACED else None
        if place is None:
            return None
        tables: dict[tuple[str, str], list[Figure]] = defaultdict(list)
        for f in figures_of(evidence.index):
            if f.source == "table" and f.place == place and f.measure == "growth" and f.caption \
                    and (not ask.years or f.year in ask.years):
                tables[(f.doc, f.table)].append(f)
        named = {i for _, _, i in named_indicators(ask.question)}
        if not ask.years and tables:  # no year asked: the latest communiqué's tables
            latest = max(rows[0].year or 0 for rows in tables.values())
            tables = defaultdict(list, {k: v for k, v in tables.items() if (v[0].year or 0) == latest})
        scored = sorted(((_fit(ask, rows[0].caption, named), key) for key, rows in tables.items()), reverse=True)
        if not scored or scored[0][0] < MIN_FIT or len(scored) > 1 and scored[1][0] == scored[0][0]:
            return _prose(ask, evidence, place, named)  # no table of the place is the one asked, or two fit alike
        chosen = tables[scored[0][1]]
        whole = caption_indicator(chosen[0].caption)  # the headline row (居民消费价格 0.2) is not one of its classes
        rows = [f for f in chosen if "：" not in f.indicator and f.words not in WHOLE_ROWS and f.indicator != whole]
        sign = direction(ask.question)
        moved = [f for f in rows if f.value * sign > 0]
        head = rows[0] if rows else None
        if head is None:
            return None
        caption = re.sub(r"^表\s*\d+\s*", "", head.caption).strip()
        said = "上涨（增长）" if sign > 0 else "下降"
        if not moved:
            text = f"{place}《{caption}》（{head.table}）中没有{said}的项目。"
        else:
            items = "、".join(f"{f.words}{'' if sign > 0 else '−'}{as_written(f)}%" for f in moved)
            text = f"{place}《{caption}》（{head.table}）中{said}的有：{items}〔{head.doc} {head.table}〕。"
        cites = tuple({f.row_id: f.citation() for f in (moved or rows[:1])}.values())
        return Answer(question=ask.question, text=text, citations=cites, route="list")


def _prose(ask: Ask, evidence: Gathered, place: str, named: set[str]) -> Answer | None:
    """"石家庄去年CPI里哪几类价格是下降的" where the communiqué writes the classes in prose: the 其中 sentence after
    the headline's (居民消费价格比上年上涨0.3%。其中，…食品烟酒类价格下降0.4%，…)."""
    found = prose_parts(figures_of(evidence.index), place, named, ask.years)
    if found is None:
        return None
    head, parts = found
    sign = direction(ask.question)
    moved = [f for f in parts if f.value * sign > 0]
    said = "上涨（增长）" if sign > 0 else "下降"
    where = f"{place}{head.year or ''}年{head.words}{phrase(head)}"
    if not moved:
        text = f"{where}，其中列出的{len(parts)}类中没有{said}的〔{head.cite}〕。"
    else:
        items = "、".join(f"{f.words}{'' if sign > 0 else '−'}{as_written(f)}%" for f in moved)
        text = f"{where}；其中{said}的有：{items}〔{head.cite}〕。"
    return Answer(question=ask.question, text=text, citations=(head.citation(),), route="list")
