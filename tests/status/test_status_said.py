"""What a progress text says is finished beyond the completion words (rag.status.said), each class with invented rows:
the task's deliverable said again in its own verb, the task's document issued, a cell that says only that it is
finished, a terse cell, a count finished, a stage finished that is not the work, a fall asked and not come, a
benchmark claimed without a figure and a met claim about the assigned task."""

from __future__ import annotations

from rag.domain import STATUS_ZH, Row, Status
from rag.status.check import unsupported_figures
from rag.status.rules import assess
from rag.status.said import counted_done, document_done, done_word, not_fallen, only_done, restated_done

H1, Q3, FY = "2023 H1", "2023 Q3", "2023 full year"


def judge(task: str, progress: str, period: str = FY) -> Status:
    r = Row(doc="s.txt", row=5, district="示例区", title="示例", period=period, kind="progress_row",
            text=f"{task}｜{progress}", task=task, progress=progress, progress_normalized=progress)
    s = assess(r)
    assert s.status in STATUS_ZH and s.reason
    if s.lagging:
        assert unsupported_figures(s) == [], s.reason
    return s


# ---------------------------------------------------------------- the deliverable said again in the task's verb


def test_an_event_held_in_the_tasks_own_verb_is_done_before_the_year_ends() -> None:
    task = "塑造“山海有约”城市品牌，高标准举办湖畔音乐节"
    s = judge(task, "推出山海有约系列活动12场。7月8日，高标准举办第二届湖畔音乐节，吸引游客3万人次。", Q3)
    assert s.status == "done" and "举办第二届湖畔音乐节" in s.reason, s.reason
    # planned, not held: under way, not done
    assert judge(task, "推出山海有约系列活动12场。湖畔音乐节计划于10月举办，正在筹备。", Q3).status == "on_track"
    assert restated_done(task, "湖畔音乐节未举办") == ""


def test_a_service_running_as_the_task_asks_is_done_though_the_verb_reads_as_lasting() -> None:
    task = "全面运行“社区暖心驿站”，提升为老服务水平"
    assert judge(task, "社区暖心驿站全面运行，累计服务老人1200人次。", Q3).status == "done"
    assert judge("全面提升为老服务水平", "开展为老服务活动30场。", Q3).status == "on_track"  # lasting work


def test_a_one_clause_task_is_done_when_its_own_deliverable_verb_is_said_done() -> None:
    task = "建成开放滨江湿地公园。"
    s = judge(task, "6月18日正式对外开放。", H1)
    assert s.status == "done", s.reason
    # a finished stage of it is not the park open
    assert judge(task, "已完成方案设计。", H1).status == "on_track"


def test_the_tasks_document_issued_is_done_another_document_is_not() -> None:
    task = "加强非遗保护，启动实施非遗传承三年行动计划。"
    s = judge(task, "举办非遗展演2场；印发《非遗传承三年计划(2023-2025)》。", H1)
    assert s.status == "done" and "印发《非遗传承三年计划" in s.reason, s.reason
    other = "营造良好营商环境，用足用好惠企政策，做到政策直达快享"
    assert document_done(other, "印发《关于促进外贸稳规模优结构的若干意见》。") == ""
    assert judge(other, "印发《关于促进外贸稳规模优结构的若干意见》。", H1).status == "on_track"


# ---------------------------------------------------------------- cells that are short or say only that it is done


def test_a_cell_saying_only_that_it_is_finished_is_done_even_for_lasting_work() -> None:
    assert only_done("已建成投产。") and not only_done("一期已建成，二期正在施工。")
    assert judge("探索智慧渔场、循环水养殖", "已建成投产。", Q3).status == "done"
    assert judge("探索智慧渔场、循环水养殖", "一期已建成，二期正在施工。", Q3).status == "on_track"


def test_a_terse_cell_is_judged_by_its_words() -> None:
    assert judge("乡村供水管网改造工程", "正在施工中", Q3).status == "on_track"
    assert judge("乡镇便民服务站建设", "完成3个", Q3).status == "done"
    assert judge("乡镇便民服务站建设", "暂无", Q3).status == "unknown"


def test_a_count_finished_is_a_completion_only_when_the_task_sets_no_figure() -> None:
    assert counted_done("完成3个") == "完成3个"
    assert counted_done("完成3个项目前期审批") == ""  # a stage of them, not the things
    assert counted_done("未完成3个") == ""
    # the task sets its own figure: the count is compared, not read as a word
    assert judge("新建口袋公园12个", "完成5个。", FY).status == "behind"


# ---------------------------------------------------------------- a stage finished is not another part done


def test_a_finished_stage_does_not_make_a_lagging_row_partly_behind() -> None:
    assert done_word("目前已完成项目申报工作，落地项目21个") == ""
    assert done_word("已完成园区道路建设，落地项目21个") == "已完成"
    task = "实施青年英才计划，引进青年英才项目50个"
    s = judge(task, "目前已完成项目申报工作，引进落地青年英才项目21个。", Q3)
    assert s.status == "behind", s.reason
    assert judge(task, "青年驿站已建成投用；引进落地青年英才项目21个。", Q3).status == "partial"


# ---------------------------------------------------------------- directions and benchmarks without a figure


def test_a_fall_asked_and_a_flat_year_said_is_behind() -> None:
    task = "强化道路交通整治，确保交通事故数、死亡人数“负增长”。"
    s = judge(task, "全年交通事故数、死亡人数实现“零增长”，整治隐患路段31处。")
    assert s.status == "behind" and "零增长" in s.reason, s.reason
    assert not_fallen(task, "交通事故数同比持平（0.0%）") == ""  # a rate given: the figures decide
    assert not_fallen("推进平安建设", "事故数与上年持平") == ""  # no fall asked
    assert judge(task, "全年交通事故数同比下降12%，死亡人数同比下降8%。").status == "done"


def test_a_benchmark_claimed_without_a_figure_cannot_be_judged() -> None:
    s = judge("城乡居民收入", "预计与经济增长保持同步。")
    assert s.status == "unknown" and "参照" in s.reason, s.reason


def test_a_met_claim_about_the_assigned_task_is_done_when_the_year_is_over() -> None:
    s = judge("新增分布式光伏装机2.0万千瓦以上", "分布式光伏建设全面铺开，完成上级下达任务。")
    assert s.status == "done", s.reason


# ---------------------------------------------------------------- stages, lasting work and outcomes not yet out


def test_a_finished_assessment_stage_is_not_the_work_done() -> None:
    task = "推进产教融合，与高校合作共建产业学院"
    assert judge(task, "入围省级产教融合试点名单，已完成公示。", Q3).status == "on_track"
    assert judge("争创省级园林城镇", "已完成考评验收工作。", Q3).status == "on_track"


def test_lasting_work_beside_a_deliverable_shown_done_is_done() -> None:
    task = "持续深化治水治气攻坚，争创省级美丽乡镇示范镇"
    s = judge(task, "1. 完成治气项目12个，继续谋划明年治水项目。2. 已完成省级美丽乡镇示范镇创建。", Q3)
    assert s.status == "done", s.reason
    # the deliverable not shown done: under way
    assert judge(task, "1. 完成治气项目12个，继续谋划明年治水项目。2. 示范镇创建材料已上报。", Q3).status == "on_track"


def test_an_outcome_not_yet_out_cannot_be_judged_unless_the_work_is_done() -> None:
    task = "保税物流中心保持全国A类评级"
    s = judge(task, "年度评估材料已报送，预计12月出评估结果。", Q3)
    assert s.status == "unknown" and "结果未出" in s.reason, s.reason
    task = "压实安全生产责任，争创省级安全发展示范区"
    s = judge(task, "责任清单建立率100%；已完成省级安全发展示范区现场评审，结果待公布。")
    assert s.status == "on_track", s.reason
    s = judge("保税物流中心保持全国A类评级", "材料已报送，最终结果预计将于2024年1至2月公布。", Q3)
    assert s.status == "unknown" and "2024年1至2月" in s.reason, s.reason  # the clause whole, no figure cut


# ---------------------------------------------------------------- the year over: almost done, or put off to next year


def test_almost_finished_when_the_year_is_over_is_partly_behind() -> None:
    task = "建成运行智慧水务平台，推进水厂提标改造"
    s = judge(task, "1. 智慧水务平台功能开发已基本完成。2. 城北水厂提标改造已通过验收。")
    assert s.status == "partial" and "基本完成" in s.reason, s.reason
    assert judge(task, "1. 智慧水务平台功能开发已基本完成。2. 城北水厂提标改造已通过验收。", Q3).status == "on_track"


def test_a_start_asked_this_year_and_put_off_to_next_year_is_partly_behind() -> None:
    task = "启动区档案馆、科技馆等公共服务项目建设"
    progress = "1. 科技馆已开工建设。2. 档案馆列入2024年政府投资项目，计划2024年6月前开工。"
    s = judge(task, progress, "2023 full year")
    assert s.status == "partial" and "计划2024年6月前开工" in s.reason and "已开工" in s.reason, s.reason
    # a finish put off while only a start was asked: not late
    assert judge(task, "1. 档案馆已开工建设。2. 科技馆已开工，预计2024年完工。", "2023 full year").status == "done"


# ---------------------------------------------------------------- things of a counted part named one by one


def test_things_named_one_by_one_as_finished_are_counted_against_the_part() -> None:
    from rag.status.said import named_items

    assert named_items("东坞文化礼堂项目、西坞文化礼堂项目已完工。", "乡村文化礼堂") == (
        2, "东坞文化礼堂项目、西坞文化礼堂项目", "已完工")
    assert named_items("文化礼堂等项目已完工。", "乡村文化礼堂")[0] == 0  # 等: some named, not all
    assert named_items("文化礼堂已完成年度任务60%。", "乡村文化礼堂")[0] == 0  # the noun itself with a figure
    assert named_items("东坞文化礼堂项目计划下月完工。", "乡村文化礼堂")[0] == 0  # not yet
    task = "建成乡村文化礼堂2个，启动乡村书院建设"
    s = judge(task, "东坞文化礼堂项目、西坞文化礼堂项目已完工；乡村书院正在选址。", Q3)
    assert s.status == "on_track" and "逐项计数" in s.reason, s.reason


def test_fewer_things_named_than_the_target_are_not_judged_by_a_count_the_row_does_not_hold() -> None:
    s = judge("推动北溪公园等12座公园建成投用。", "南溪公园建成投用。", H1)
    assert s.status == "unknown", s.reason  # "1座" is no figure of the row: a lagging reason could not cite it


def test_a_progress_text_naming_none_of_the_tasks_listed_projects_cannot_be_judged() -> None:
    from rag.status.said import unnamed_projects

    task = "开工建设青松材料二期、蓝湾电子、北辰装备等项目，加快推进项目建设进度"
    s = judge(task, "主体结构已封顶，内部装修施工中。", H1)
    assert s.status == "unknown" and "青松材料二期" in s.reason, s.reason
    assert judge(task, "青松材料二期主体结构已封顶，蓝湾电子内部装修施工中。", H1).status == "on_track"
    assert unnamed_projects(task, "已全部完成。") == ""  # a cell saying only that it is done: the whole list
    assert unnamed_projects("建设海港物流园、临空产业园", "举办招商推介会2场。") == "建设海港物流园、临空产业园"
    assert unnamed_projects("培育新业态、新模式", "举办招商推介会2场。") == ""  # not a list of projects


def test_a_rank_not_out_mid_year_beside_a_prize_won_is_on_track() -> None:
    task = "开发区排名进入全省前10，奋力夺取“金鼎奖”"
    s = judge(task, "1. 已完成年度考评材料报送。2. 开发区成功获得金鼎奖。", Q3)
    assert s.status == "on_track" and "金鼎奖" in s.reason, s.reason
    assert judge(task, "已完成年度考评材料报送。", Q3).status == "unknown"  # nothing the task asks is out yet
    assert judge("开发区排名保持全省前10", "开发区成功获得金鼎奖。", Q3).status == "unknown"  # the rank alone


def test_a_share_of_works_asked_with_only_design_done_is_behind() -> None:
    task = "城西排涝泵站工程完成总工程量40%"
    s = judge(task, "完成城西排涝泵站工程施工图设计。", H1)
    assert s.status == "behind" and "40%" in s.reason, s.reason
    assert judge(task, "完成施工图设计，泵站基坑已开工。", H1).status != "behind"  # the works have begun
    assert judge(task, "完成总工程量25%。", H1).status == "on_track"  # a share reported: compared


def test_a_count_right_after_a_verb_of_lasting_work_is_not_a_target() -> None:
    from rag.status.match import find_targets
    from rag.status.said import scope_count

    task = "全面加强4家区级医院急救能力建设，确保急救物资储备充足"
    assert [scope_count(task, t) for t in find_targets(task)] == [True]
    s = judge(task, "完成急救设备配置，已完成急救物资储备。")
    assert s.status == "done", s.reason
    task = "新建社区医院4家"
    assert [scope_count(task, t) for t in find_targets(task)] == [False]
    assert judge(task, "完成社区医院选址。").status == "unknown"  # a target: the words cannot judge it


def test_things_to_obtain_reported_only_in_process_are_behind() -> None:
    task = "推进质量强区建设，取得计量认证证书6本以上"
    s = judge(task, "目前已有9家机构提出认证需求，其中3家认证已在办理。", H1)
    assert s.status == "behind" and "6本" in s.reason and "尚未取得" in s.reason, s.reason
    assert judge(task, "已取得计量认证证书4本，另有3家已在办理。", H1).status != "behind"  # a figure: compared
    assert judge("新增计量认证机构6家", "认证正在办理。", H1).status == "unknown"  # nothing to obtain asked


def test_a_risk_cleared_to_zero_is_done_and_latin_letters_match_in_any_case() -> None:
    task = "加大类ICO平台排查，强化涉众金融风险源头治理"
    s = judge(task, "已联合金融办对辖区类ico平台开展排查处置，目前类ico平台底数为0。", Q3)
    assert s.status == "done", s.reason
    assert judge(task, "已联合金融办对辖区类ico平台开展排查处置，目前仍有2家在处置中。", Q3).status == "on_track"
