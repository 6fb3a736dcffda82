"""rag.status.match on short task/progress texts (no index, no model): which quantities a task sets,
which a progress text reports, and which progress number pair_up gives each target."""

from __future__ import annotations

import pytest

from rag.lexicons import status_words
from rag.status import match
from rag.status.quantities import mentions


def _pairs(task: str, progress: str) -> list[tuple[str, str]]:
    found = match.pair_up(match.find_targets(task), match.find_candidates(progress))
    return [(t.m.q.raw, c.m.q.raw) for t, c in found]


# ------------------------------------------------------------------------------------ pairing


@pytest.mark.parametrize(
    ("task", "progress", "pairs"),
    [
        ("地区生产总值增长6%，新建学校5所", "1-6月，地区生产总值同比增长4.2%，已建成学校3所。", [("6%", "4.2%"), ("5所", "3所")]),
        ("新建公园5个，新建绿道20公里", "已建成绿道12公里，公园3个。", [("5个", "3个"), ("20公里", "12公里")]),
        ("培育小微企业100家", "已培育小微企业80户。", [("100家", "80户")]),  # 家/户 are related units
        (  # 分别: the k-th item names the k-th target
            "电子信息制造、软件业营收分别达到650亿元、75亿元",
            "软件业营收60亿元，电子信息制造业营收420亿元。",
            [("650亿元", "420亿元"), ("75亿元", "60亿元")],
        ),
    ],
)
def test_each_target_gets_the_progress_number_about_the_same_thing(task, progress, pairs):
    assert _pairs(task, progress) == pairs


def test_a_growth_target_never_pairs_with_an_amount():
    assert _pairs("地区生产总值增长6%", "地区生产总值完成100亿元。") == []


def test_a_rate_pairs_only_where_its_head_word_is_near_the_number():
    assert _pairs("能耗强度下降3%", "单位GDP能耗强度同比下降2.1%。") == [("3%", "2.1%")]
    assert _pairs("能耗强度下降3%", "单位GDP能耗同比下降2.1%。") == []  # 能耗, not 能耗强度


def test_an_implausible_magnitude_is_not_paired():
    assert _pairs("引进企业50家", "新引进企业5000家。") == []  # 100x the target


def test_a_restated_target_is_skipped_and_a_total_preferred():
    assert _pairs("新开工项目10个", "项目任务3个：已开工2个，共计5个。") == [("10个", "5个")]


# ------------------------------------------------------------------------------------ targets


def test_a_floor_in_brackets_joins_the_goal_before_it():
    [t] = match.find_targets("力争地区生产总值增长6%（确保5.5%）")
    assert t.m.q.value == 6.0 and t.floor is not None and t.floor.raw == "5.5%"
    assert t.direction == "min" and "地区生产总值" in t.indicator


@pytest.mark.parametrize(
    ("task", "direction"),
    [
        ("PM2.5浓度控制在30微克/立方米以下", "max"),
        ("安全事故死亡人数下降5%", "max"),
        ("重大安全事故0起", "max"),
        ("新建学校5所", "min"),
    ],
)
def test_direction_says_whether_the_target_is_a_floor_or_a_ceiling(task, direction):
    [t] = match.find_targets(task)
    assert t.direction == direction


def test_a_share_of_the_work_is_a_completion_target():
    [t] = match.find_targets("完成路基工程80%")
    assert t.completion and t.m.q.kind == "ratio"
    [c] = match.find_candidates("完成路基工程量65%。")
    assert c.completion


def test_thresholds_and_durations_are_not_targets():
    assert [t.m.q.raw for t in match.find_targets("建设10亿元以上项目5个")] == ["5个"]
    assert [t.m.q.raw for t in match.find_targets("用3年时间建成公园5个")] == ["5个"]


def test_usable_wants_digits_and_no_rank_or_qualifier():
    got = {x.q.raw: match.usable(x) for x in mentions("建设10亿元以上项目5个，排名全市第一，三所学校")}
    assert got == {"10亿元": False, "5个": True, "排名全市第一": False, "三所": False}


# --------------------------------------------------------------------------------- candidates


def test_candidates_carry_their_window_and_period():
    c1, c2 = match.find_candidates("1-6月，地区生产总值同比增长4.2%，已建成学校3所。")
    assert "地区生产总值" in c1.window and c1.period == 0.5 and c1.period_text == "1-6月"
    assert "学校" in c2.window and not (c1.forecast or c2.forecast or c1.total)


def test_forecasts_and_early_stages_are_marked():
    [c] = match.find_candidates("预计全年新增城镇就业2.1万人。")
    assert c.forecast and c.period == 1.0
    [c] = match.find_candidates("10个项目已通过联席会议审查")
    assert c.forecast  # only at the 审查 stage


# ------------------------------------------------------------------------------- words, periods


def test_period_spans_give_the_share_of_the_year_in_order():
    text = "一季度；前三季度；全年；1-9月"
    spans = match.period_spans(text)
    assert [(text[a:b], f) for a, b, f in dict.fromkeys(spans)] == [
        ("一季度", 0.25), ("前三季度", 0.75), ("全年", 1.0), ("1-9月", 0.75)
    ]
    assert spans == sorted(spans)
    assert match.period_spans("没有期间") == []


def test_overlap_is_the_share_of_indicator_words_found():
    assert match.overlap("地区生产总值", "地区生产总值同比增长") == 1.0
    assert match.overlap("地区生产总值", "新建学校") == 0.0
    assert 0.0 < match.overlap("地区生产总值", "生产总值") < 1.0
    assert match.overlap("", "任何文字") == 0.0


def test_has_word_skips_negated_words_and_prefers_the_longest():
    assert match.has_word("尚未完成任务", ["完成"]) == ""
    assert match.has_word("项目已完成", ["完成", "已完成"]) == "已完成"
    assert match.has_word("一处未完成，一处已完成", ["完成", "已完成"]) == "已完成"


def test_any_word_looks_for_the_words_of_a_data_file_list():
    assert match.any_word("预计全年", status_words().forecast_words)
    assert not match.any_word("已完成", status_words().forecast_words)
