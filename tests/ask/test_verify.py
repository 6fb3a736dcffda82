"""Number verification (rag.ask.verify): quoted numbers must be in the cited rows; computed numbers,
marked 系计算 with their inputs, must recompute from them; counts of listed items are recounted."""

from __future__ import annotations

import pytest

from rag.ask.verify import check, unsupported_numbers
from rag.domain import Row

ROW = Row(doc="000_x.txt", row=65, district="钱塘区", title="进展表", period="2023 Q3", kind="progress_row",
          text="实际利用外资确保10亿美元 | 1-8月实际利用外资8.89亿美元；社零增长3.2%，目标增长8%；大学生3.75万人，已引进25958人",
          progress="1-8月实际利用外资8.89亿美元")


@pytest.mark.parametrize("text", [
    "为目标的89%（8.89÷10，系计算）",
    "为确保目标10亿美元的89%（8.89亿美元÷10亿美元，系计算）",
    "低于时间进度67%（8个月÷12个月，系计算）",  # 1-8月 in the row
    "时间进度75%（9个月÷12个月，系计算）",  # the row's period, 2023 Q3
    "差4.8个百分点（8−3.2，系计算）",
    "差11.2个百分点（8−(−3.2)，系计算）",
    "为目标3.75万人的69%（25958人÷3.75万人，系计算）",  # inputs with different multipliers
    "增长3.2%，低于目标8%",
])
def test_quoted_and_computed_numbers_pass(text: str) -> None:
    assert check(text, [ROW]) == []


@pytest.mark.parametrize(("text", "why"), [
    ("为目标的88%（8.89÷10，系计算）", "重算结果不符"),
    ("为目标的81%（8.89÷11，系计算）", "输入不在引用原文中"),
    ("时间进度50%（6个月÷12个月，系计算）", "输入不在引用原文中"),  # no half-year period in the row
    ("为目标的89%", ""),  # a derived number without its inputs is not accepted
    ("增长5%", ""),
])
def test_numbers_neither_quoted_nor_derivable_are_flagged(text: str, why: str) -> None:
    warnings = check(text, [ROW])
    assert warnings and why in warnings[0], warnings


def test_counts_of_listed_items_are_recounted_not_looked_up() -> None:
    listed = "科投集团负责的任务共2项：\n1. 实际利用外资8.89亿美元〔000 序号65〕\n2. 社零增长3.2%〔000 序号65〕"
    assert check(listed, [ROW]) == []
    wrong = "共3项：\n1. 外资\n2. 社零"
    assert check(wrong, [ROW]) == ["列举数量不符：共3项（实际列出2项）"]
    assert unsupported_numbers("共5项指标需要关注", [ROW]) == ["5项"]  # a bare count is still a claim


def test_status_tallies_are_not_source_claims() -> None:
    assert check("另有8项无法判断（缺少可比数据），见看板", [ROW]) == []
    assert check("增长3.2%（共比对2项指标）", [ROW]) == []


def test_every_status_reason_verifies_against_its_row(corpus_rows) -> None:
    """The status engine writes its shares, gaps and time shares in the marked form; all of them check out."""
    from rag.status.rules import assess_all

    statuses = assess_all(corpus_rows)
    marked = [s for s in statuses if "系计算" in s.reason]
    assert len(marked) > 50
    bad = [(s.row.doc, s.row.row, s.reason, check(s.reason, [s.row])) for s in statuses if check(s.reason, [s.row])]
    assert not bad, bad[:5]


def test_a_table_cell_is_read_with_the_unit_its_header_gives():
    line = Row(doc="w9.pdf", row=None, district="宁川市", title="统计公报", period="2023", kind="paragraph",
               text="表1（单位：亿元）：地区生产总值 | 20817.5 | 2.8")
    assert check("地区生产总值20817.5亿元，增长2.8%", [line]) == []
    assert check("地区生产总值20817.5万元", [line])  # another unit than the header's is not read off it
    bare = Row(doc="w9.pdf", row=None, district="宁川市", title="统计公报", period="2023", kind="paragraph",
               text="表1：地区生产总值 | 20817.5 | 2.8")
    assert check("地区生产总值20817.5亿元", [bare])  # without the header's unit, the unit is not in the source
