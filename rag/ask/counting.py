"""What a count in a clause counts (rag.ask.evidence): the noun the clause writes right before its figure."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from rag.ask.terms import tags

if TYPE_CHECKING:
    from rag.ask.evidence import Evidence
    from rag.ask.question import Asked

_NOUN_COUNTED = re.compile(r"([\u4e00-\u9fff]{2,})(?=\d)")


def counts_another(ev: Evidence, asked: Asked) -> bool:
    """"新增多少家国家高新技术企业" against "申报企业189家": the clause's count names its own noun (jieba: a noun right
    before the figure) and the thing asked is not in the clause itself, only in its row: another thing counted."""
    if not asked.required:
        return False
    own = [t for t in asked.terms if (t.main or t.alts[0]) in asked.required]
    if all(t.factor(ev.clause.text) >= 1.0 for t in own):
        return False
    before = _NOUN_COUNTED.search(ev.clause.text)
    if before is None:
        return False
    kind = tags(_last_word(before.group(1)))
    return bool(kind) and kind[0] in ("n", "vn", "nz")


_COUNTED_PHRASE = re.compile(r"(\d+)([个条项家所座类件台辆名位支种块栋幢片批处户套张])([\u4e00-\u9fff]{2,10})")


def described(question: str, clause: str) -> frozenset[str]:
    """"那4条文旅精品线路分别叫啥" against "…4条特色精品线路开发": the clause counts the same number of the same thing
    (its count, measure word and head noun: 4条…线路), so the words the question describes it with (文旅, 精品) are
    found there, however the clause describes it (特色)."""
    out: set[str] = set()
    for m in _COUNTED_PHRASE.finditer(question):
        words = _words(m.group(3))
        if len(words) < 2:
            continue
        head = words[-1]
        if re.search(re.escape(m.group(1) + m.group(2)) + r"[\u4e00-\u9fff]{0,8}?" + re.escape(head), clause):
            out.update(words[:-1])
    return frozenset(out)


def _words(text: str) -> list[str]:
    """The nouns the counted phrase opens with (文旅|精品|线路 of 文旅精品线路分别叫啥): its last is the head."""
    import jieba.posseg

    out = []
    for word, tag in jieba.posseg.cut(text):
        if not tag.startswith(("n", "vn", "j")):
            break
        out.append(word)
    return out


def _last_word(text: str) -> str:
    import jieba

    words = jieba.lcut(text)
    return words[-1] if words else text


def part_lead(lead: str, question: str) -> bool:
    """The clause's sentence opens with a place inside the one asked (a 小镇, 街道, 园区: "生命科技小镇:2023年固定资产投资
    为19.40亿元") that the question does not name: the figure is that part's, never the whole's."""
    from rag.ask.asked_places import SUB_LEVELS
    from rag.ingest.places import level_of

    return bool(lead) and level_of(lead.strip()) in SUB_LEVELS and lead.strip() not in question


_STOCK = re.compile(r"一共|总共|总数|共有|总量|累计")
_INCREMENT = re.compile(r"新增|新建|新认定|新引进|新培育|增加")


def increment_for_stock(question: str, clause: str) -> bool:
    """The question asks how many in all (一共多少家) and the clause counts only what was added (新增…36家)."""
    return bool(_STOCK.search(question) and not _INCREMENT.search(question) and _INCREMENT.search(clause))
