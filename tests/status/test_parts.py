"""Multi-part targets (rag.status.parts, issue P): rows invented for each case, none copied from the corpus.

A target is read as its parts; progress figures are matched to parts by their nouns, summed where the text
splits one part, the latest taken where it reports one part at several dates; the row is done when every
part is met, 部分滞后 (partial) when some are short (naming them), 滞后 when all are; and 无法判断 when no
part can be matched. Every lagging reason names only figures of the row, or figures it computed (系计算)."""

from __future__ import annotations

import pytest

from rag.domain import STATUS_ZH, Row, Status
from rag.status.check import unsupported_figures
from rag.status.match import find_candidates, find_targets
from rag.status.parts import figure_noun, part_noun, segments
from rag.status.rules import assess

H1, Q3, FY = "2023 H1", "2023 Q3", "2023 full year"


def judge(task: str, progress: str, period: str = FY) -> Status:
    from rag.ask.verify import check

    r = Row(doc="p.txt", row=7, district="示例区", title="示例", period=period, kind="progress_row",
            text=f"{task}｜{progress}", task=task, progress=progress, progress_normalized=progress)
    s = assess(r)
    assert s.status in STATUS_ZH and s.reason
    if s.lagging:
        assert unsupported_figures(s) == [], s.reason
    assert check(s.reason, [r]) == [], s.reason  # the chat's verifier recomputes every 系计算 figure
    return s


# ---------------------------------------------------------------- the four cases of the issue


def test_a_count_made_of_two_kinds_of_site_is_summed() -> None:
    """One target (150 sites of two kinds); the progress lists each kind: 30 + 120 = 150, done. The 5
    district centres and 40 bank branches are other things and are not added."""
    s = judge("依托区级中心，运转150个乡镇服务中心和社区服务站，下延办事服务。",
              "5个区级中心、30个乡镇服务中心、120个社区服务站，40处银行网点已开通线上办理。乡镇服务中心已覆盖30个。")
    assert s.status == "done"
    assert "150个（30个+120个，系计算）" in s.reason
    assert s.progress is not None and s.progress.value == 150
    assert [q.raw for q in s.parts[0].figures] == ["30个", "120个"]


def test_a_part_split_under_its_heading_is_summed_and_the_other_part_speaks_by_its_words() -> None:
    """公共建筑 reported in two pieces under its heading (3万方 + 2万方); the floor area of a building still
    under way, in brackets, is not added; 路灯 says 已完工. One part short, one met: 部分滞后."""
    s = judge("完成8万平方米公共建筑、全域2万盏路灯节能改造",
              "1. 公共建筑：已完成市民中心1号楼3万方、体育馆节能改造2万方，会展中心（建筑面积5万平方米）空调改造实施中。"
              " 2. 路灯节能改造：已完工。", Q3)
    assert s.status == "partial" and s.label_zh == "部分滞后"
    assert "5万方（3万方+2万方，系计算）" in s.reason and "公共建筑" in s.reason
    by_name = {p.name: p for p in s.parts}
    assert by_name["公共建筑"].status == "behind" and by_name["路灯节能改造"].status == "done"


def test_a_figure_beside_a_short_part_that_no_part_took_is_weighed_not_ignored() -> None:
    """8 院士 sit next to the 2 顶尖人才 in one sentence and no part takes them: they may count toward it, so the
    part is not called short (the reason says what to check), and the three parts met make the row done."""
    s = judge("引进顶尖人才10名、领军人才100名、储备人才2万名，人才总量达到20万名以上。",
              "全年新引进院士8名，自主培育顶尖人才2名，新引进领军人才150名，新增储备人才2万余名，人才资源总量超20万。")
    assert s.status == "done" and "另有8名未计入" in s.reason and "待核实" in s.reason
    assert [p.status for p in s.parts].count("done") == 3 and [p.name for p in s.parts if p.status == "unknown"] == ["顶尖人才"]


def test_one_short_sub_target_of_four_makes_the_row_partial_and_is_named() -> None:
    s = judge("引进顶尖人才10名、领军人才100名、储备人才2万名，人才总量达到20万名以上。",
              "全年自主培育顶尖人才2名。新引进领军人才150名，新增储备人才2万余名，人才资源总量超20万。")
    assert s.status == "partial"
    assert len(s.parts) == 4 and [p.status for p in s.parts].count("done") == 3
    short = [p for p in s.parts if p.status == "behind"]
    assert [p.name for p in short] == ["顶尖人才"] and s.reason.startswith("分目标中顶尖人才未达到")
    assert "2÷10，系计算" in s.reason


def test_a_share_of_one_sub_project_among_several_does_not_make_the_row_behind() -> None:
    s = judge("加快东环路、西环路等道路建设，推进甲项目竣工，乙、丙项目部分主体结顶。",
              "道路工程路基土方开挖施工。甲项目幕墙施工完成70%安装;乙项目进行地下室底板施工;丙项目完成主体部分施工30%", H1)
    assert not s.lagging and s.status == "on_track"


def test_a_share_of_the_whole_work_the_task_asks_to_finish_still_counts() -> None:
    s = judge("完成滨河公园景观工程", "滨河公园景观工程：完成总工程量30%。", Q3)
    assert s.status == "behind" and "30%" in s.reason


# ---------------------------------------------------------------- more ways a cell reports a part


def test_the_latest_cumulative_figure_counts_once() -> None:
    s = judge("新建充电桩500个", "截至6月底，建成充电桩200个；截至9月底，建成充电桩420个。", Q3)
    assert s.progress is not None and s.progress.value == 420 and s.status == "on_track"
    assert "+" not in s.reason


def test_a_subset_is_not_added_to_its_whole() -> None:
    s = judge("新培育技能人才1万名", "新增技能人才6000人，新增高技能人才3000人。")
    assert s.progress is not None and s.progress.value == 6000 and s.status == "behind"


def test_a_remainder_is_not_added() -> None:
    s = judge("治理交通堵点4个", "交通堵点治理：已完成3个，剩余1个正在施工。", Q3)
    assert s.progress is not None and s.progress.value == 3


def test_three_pieces_are_summed_and_verified() -> None:
    s = judge("建成300个城区驿站、镇街驿站和村社驿站", "建成城区驿站20个、镇街驿站80个、村社驿站150个。", H1)
    assert "250个（20个+80个+150个，系计算）" in s.reason and s.status == "on_track"


def test_every_part_short_is_behind() -> None:
    s = judge("新建学校4所、新增学位2000个", "已建成学校1所，新增学位500个。")
    assert s.status == "behind" and len(s.parts) == 2


def test_every_part_met_is_done_and_mid_year_on_track() -> None:
    assert judge("新建学校4所、新增学位2000个", "已建成学校4所，新增学位2100个。").status == "done"
    assert judge("新建学校4所、新增学位2000个", "已建成学校2所，新增学位1200个。", H1).status == "on_track"


def test_parts_that_cannot_be_matched_are_unknown_never_behind() -> None:
    s = judge("新建口袋公园5个、绿道20公里", "口袋公园建设有序推进，绿道选线已完成。", Q3)
    assert s.status == "unknown"


def test_a_forecast_word_inside_the_task_noun_is_not_a_forecast() -> None:
    s = judge("新增储备人才3万名", "新增储备人才3.2万名。")
    assert s.status == "done"


def test_an_application_list_is_not_summed() -> None:
    s = judge("新增示范企业10家", "已申报国家示范企业4家，省示范企业7家。")
    assert "+" not in s.reason and s.status != "done"


# ---------------------------------------------------------------- the pieces


def test_nouns_of_parts_and_figures() -> None:
    task = "运转150个乡镇服务中心和社区服务站，招引顶尖人才10名"
    nouns = [part_noun(task, t) for t in find_targets(task)]
    assert nouns == ["乡镇服务中心和社区服务站", "顶尖人才"]
    progress = "自主培育顶尖人才2名，120个社区服务站已开通"
    assert [figure_noun(progress, c) for c in find_candidates(progress)] == ["顶尖人才", "社区服务站"]


def test_segments_and_headings() -> None:
    segs = segments("1. 公共建筑：已完成3万方。 2. 路灯改造：已完工。")
    assert [s.heading for s in segs if s.heading] == ["公共建筑", "路灯改造"]


@pytest.mark.parametrize("status", ["partial", "behind"])
def test_lagging_labels(status: str) -> None:
    from rag.domain import LAGGING

    assert status in LAGGING and STATUS_ZH["partial"] == "部分滞后"
