"""序时进度 rules (rag.status.schedule): periods to elapsed shares, where a table's period is found, the
--as-of date, and the gap of a behind row in percentage points. Unit logic on hand-built rows."""

from __future__ import annotations

from datetime import date

import pytest

from rag.domain import Quantity, Row, Status
from rag.errors import ConfigError
from rag.status.schedule import (
    document_schedule,
    gap_of,
    period_label,
    resolve_district,
    schedule_as_of,
    schedule_from_text,
)


@pytest.mark.parametrize(("text", "label", "percent"), [
    ("1-8月", "1-8月", 66.7), ("上半年", "上半年", 50.0), ("一季度", "一季度", 25.0), ("1-11月", "1-11月", 91.7),
    ("前三季度", "前三季度", 75.0), ("全年", "全年", 100.0), ("１－８月", "1-8月", 66.7), ("2023 H1", "上半年", 50.0),
])
def test_periods_give_the_elapsed_share(text: str, label: str, percent: float) -> None:
    s = schedule_from_text(text, "test")
    assert s is not None and s.label == label and s.percent == percent
    assert s.rule == f"以{label}计，序时进度为{percent:.1f}%"


def test_no_period_and_odd_shares() -> None:
    assert schedule_from_text("明年", "test") is None
    assert period_label(0.7) == "全年的70.0%"


def test_as_of_counts_months_and_years() -> None:
    assert schedule_as_of(date(2023, 8, 31)).fraction == pytest.approx(8 / 12)
    assert schedule_as_of(date(2023, 9, 15)).fraction == pytest.approx(8.5 / 12)
    assert schedule_as_of(date(2024, 1, 10), report_year=2023).fraction == 1.0
    assert schedule_as_of(date(2023, 8, 31)).rule == "以截至2023年8月31日计，序时进度为66.7%"


def _row(n: int, progress: str, title: str = "进展表", period: str = "") -> Row:
    return Row(doc="t.txt", row=n, district="测试区", title=title, period=period, kind="progress_row",
               text=progress, task="任务", progress=progress)


def test_table_schedule_from_title_then_manifest_then_content() -> None:
    content = [_row(i, f"1-8月完成{i}个") for i in range(1, 4)] + [_row(9, "上半年完成")]
    s = document_schedule(content)
    assert (s.label, s.source) == ("1-8月", "进展情况中3项注明1-8月")
    assert document_schedule(content[:2]).label == "全年"  # two mentions do not speak for the table
    assert document_schedule([_row(1, "1-8月", period="2023 H1"), *content]).label == "上半年"
    assert document_schedule([_row(1, "x", title="三季度进展情况表", period="2023 H1")]).label == "前三季度"


def test_manifest_period_is_named_in_chinese() -> None:
    """The source is shown on the page and in bulletins: the manifest's English period in Chinese."""
    s = document_schedule([_row(1, "x", title="余杭区2023年政府工作报告重点工作完成情况", period="2023 full year")])
    assert (s.label, s.source) == ("全年", "文档清单期间“2023年全年”")
    q3 = document_schedule([_row(1, "x", period="2023 Q3 (most figures are half-year or Jan-Aug)")])
    assert q3.label == "前三季度" and q3.source == "文档清单期间“2023年三季度（多数数字为半年或1-8月）”"


def _st(target: Quantity | None, progress: Quantity | None, comparison: str, elapsed: float = 0.75) -> Status:
    return Status(_row(1, "x"), "behind", "r", target, progress, elapsed, comparison)


def test_gaps_in_percentage_points() -> None:
    amount = gap_of(_st(Quantity(100, "个", "count", "100个"), Quantity(61, "个", "count", "61个"),
                        "61个 / 100个 = 61%，时间进度67%", 8 / 12))
    assert (amount.kind, amount.points, amount.share) == ("schedule", 5.7, 61.0)
    assert amount.text == "完成61.0%，滞后序时进度5.7个百分点"
    share = gap_of(_st(None, Quantity(57, "%", "ratio", "57%"), "57% vs 时间进度75%"))
    assert (share.kind, share.points) == ("schedule", 18.0)
    rate = gap_of(_st(Quantity(15, "%", "growth", "15%"), Quantity(-9.8, "%", "growth", "9.8%"), "9.8% < 15%"))
    assert (rate.kind, rate.points, rate.text) == ("rate", 24.8, "低于目标24.8个百分点")
    cap = gap_of(_st(Quantity(5, "%", "ratio", "5%"), Quantity(5.6, "%", "ratio", "5.6%"), "5.6% > 5%"))
    assert (cap.kind, cap.points) == ("limit", 0.6)
    assert gap_of(_st(None, None, "")).text == "进展缓慢"


def test_districts_resolve_or_name_the_choices() -> None:
    both = ["临安区", "钱塘区"]
    assert resolve_district("钱塘", both) == "钱塘区" and resolve_district(None, ["余杭区"]) == "余杭区"
    with pytest.raises(ConfigError, match="临安区、钱塘区"):
        resolve_district("西湖区", both)
    with pytest.raises(ConfigError, match="pass a district"):
        resolve_district(None, both)
