"""What a document's figures are about: its place as its own title line says it ("2025年和田地区国民经济和社会发展
统计公报", "在保定市第十六届人民代表大会…"), which wins over the place detected from the content when they differ, and
for a statistical communiqué (统计公报) the year it reports on: every figure in it is that year's actual, unless
its clause names another year."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rag.domain import Document

HEAD_CHARS = 400  # the title and the lines under it
_PLACE = r"([\u4e00-\u9fff]{2,12}?(?:省|自治区|自治州|地区|市|州|盟|县|区))"
_TITLE_PLACE = (
    re.compile(r"(?:20\d\d\s*年)?" + _PLACE + r"(?:20\d\d\s*年)?(?:国民经济和社会发展统计公报|人民政府工作报告|政府工作报告)"),
    re.compile(r"在" + _PLACE + r"第[一二三四五六七八九十\d]+届人民代表大会"),
)
_COMMUNIQUE = re.compile(r"(20\d\d)\s*年[^。\n]{0,16}?国民经济和社会发展统计公报")


@dataclass(frozen=True)
class DocContext:
    place: str
    communique_year: int | None  # the year a 统计公报 reports on; None for other documents


def doc_context(doc: Document, detected: str) -> DocContext:
    head = re.sub(r"\s+", "", f"{doc.title}\n{doc.text[:HEAD_CHARS]}")
    place = detected
    for rx in _TITLE_PLACE:
        m = rx.search(head)
        if m and not m.group(1).startswith(("关于", "年")):
            place = m.group(1)
            break
    c = _COMMUNIQUE.search(head)
    return DocContext(place, int(c.group(1)) if c else None)
