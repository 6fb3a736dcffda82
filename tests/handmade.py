"""Hand-made Row values for unit tests of the offline answerer (rag.ask.evidence, rag.ask.extractive).

Invented place (宁川区), invented figures; the fields a parsed row would carry (year, period, stance) are
set by hand the way rag.ingest.period_rows sets them. No index, no model: these are fakes for unit logic."""

from __future__ import annotations

import re

from rag.ask.compose import source_tag
from rag.ask.question import Asked, analyze
from rag.domain import Answer, Row

PLACE = "宁川区"
REPORT = "901_宁川区2024年政府工作报告.txt"
TABLE = "902_宁川区2024年上半年重点项目进展情况.txt"
REPORT_TITLE = "2024年宁川区政府工作报告"
TABLE_TITLE = "宁川区2024年上半年重点项目进展情况"

# a prose paragraph under the work report's review section: 2023 actuals
REVIEW = Row(
    doc=REPORT, row=None, paragraph=3, district=PLACE, title=REPORT_TITLE, period="2024", kind="paragraph",
    section="一、2023年工作回顾", heading="一、2023年工作回顾",
    text=("全区实现地区生产总值1260亿元。地区生产总值同比增长6.1%。数字经济核心产业增加值占地区生产总值比重达12.9%。"
          "规上工业增加值增长8.2%，居全市第二。农村居民人均可支配收入38650元，增长6.8%。"),
    year=2023, period_label="全年", period_fraction=1.0, stance="actual")

# a paragraph under the report's plan section: 2024 targets
TARGET = Row(
    doc=REPORT, row=None, paragraph=9, district=PLACE, title=REPORT_TITLE, period="2024", kind="paragraph",
    section="二、2024年主要预期目标", heading="二、2024年主要预期目标",
    text="地区生产总值增长6%左右，一般公共预算收入增长5%，城镇新增就业1.2万人以上。",
    year=2024, period_label="全年", period_fraction=1.0, stance="target")


def _progress_row(n: int, task: str, progress: str, unit: str) -> Row:
    return Row(
        doc=TABLE, row=n, district=PLACE, title=TABLE_TITLE, period="2024 H1", kind="progress_row",
        task=task, progress=progress, text=f"序号{n} {task} 进展情况：{progress}", unit=unit, units=(unit,),
        year=2024, period_label="上半年", period_fraction=0.5, stance="actual")


# progress-table rows of a table whose title names 上半年
SCHOOL = _progress_row(5, "城西学校新建工程，新建24个班，年底前主体结顶",
                       "上半年完成桩基施工，主体施工至三层，因用地调整延迟开工一个月。", "区教育局")
ROAD = _progress_row(7, "宁川大道快速路工程，年度计划投资6亿元",
                     "完成投资3.2亿元，高架段桥墩完成80%。", "区交通运输局")

ROWS = [REVIEW, TARGET, SCHOOL, ROAD]


def ask(question: str, places: tuple[str, ...] = (PLACE,)) -> Asked:
    """The question as the answerer sees it when the place filter is set (places given) or not (())."""
    return analyze(question, list(places), [])


_TAGGED = re.compile(r"([^〔〕；]+?)〔([^〕]+)〕")


def quotes(answer: Answer, rows: list[Row]) -> list[tuple[str, Row]]:
    """Each quoted clause of an answer with the row its source tag names; a leading "label：" (a place
    or a part such as 上半年：) is not part of the quote."""
    by_tag = {source_tag(r)[1:-1]: r for r in rows}
    out = []
    for quoted, tag in _TAGGED.findall(answer.text):
        row = by_tag[tag]
        text = quoted.strip().rstrip("。")
        while text not in row.text and "：" in text:
            text = text.split("：", 1)[1]
        out.append((text, row))
    return out
