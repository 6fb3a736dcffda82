"""The offline extractive answerer (rag.ask.extractive): it quotes the clause that answers, verbatim and
cited, or refuses and says why (the missing terms, the missing kind of figure, the period the library does
hold). Hand-made rows (tests/handmade.py), no index, no model; principles, not scores."""

from __future__ import annotations

from dataclasses import replace

import pytest
from handmade import PLACE, REVIEW, ROAD, ROWS, SCHOOL, TARGET, ask, quotes

from rag.ask.extractive import answer_extractive
from rag.domain import Answer, Row


def answer(question: str, rows: list[Row] = ROWS, places: tuple[str, ...] = (PLACE,)) -> Answer:
    return answer_extractive(question, ask(question, places), rows, {})


def cited(a: Answer) -> set[tuple[str, int | None, int | None]]:
    return {(c.doc, c.row, c.paragraph) for c in a.citations}


def key(row: Row) -> tuple[str, int | None, int | None]:
    return (row.doc, row.row, row.paragraph)


# ---------------------------------------------------------------------------------- the right figure


def test_a_growth_question_is_answered_with_the_growth_clause():
    a = answer("2023年地区生产总值增长多少")
    assert not a.abstained and "6.1%" in a.text
    assert "1260" not in a.text and "12.9%" not in a.text  # neither the total nor a share
    assert cited(a) == {key(REVIEW)}


def test_a_growth_question_with_only_a_total_and_a_share_is_refused_and_says_so():
    no_growth = replace(REVIEW, text="全区实现地区生产总值1260亿元。数字经济核心产业增加值占地区生产总值比重达12.9%。")
    a = answer("2023年地区生产总值增长多少", rows=[no_growth, SCHOOL])
    assert a.abstained and "1260" not in a.text and "12.9%" not in a.text
    assert "增速" in a.text


def test_an_amount_question_about_an_indicator_with_only_a_growth_rate_is_refused_and_says_so():
    a = answer("规上工业增加值是多少亿元")
    assert a.abstained and "8.2%" not in a.text
    assert "金额" in a.text or "总量" in a.text  # names what is missing


def test_a_near_miss_is_refused_naming_the_missing_term():
    a = answer("城镇居民人均可支配收入是多少")
    assert a.abstained and "城镇" in a.text and "38650" not in a.text


def test_the_refusal_names_the_terms_not_found():
    a = answer("城东医院建得怎么样了")
    assert a.abstained and "城东" in a.text and "医院" in a.text and not a.citations


def test_asked_a_target_gives_the_target_clause():
    a = answer("2024年GDP预期目标是多少")
    assert not a.abstained and "6%左右" in a.text and "6.1%" not in a.text
    assert cited(a) == {key(TARGET)}


def test_asked_the_result_gives_the_result_not_the_task_target():
    a = answer("宁川大道快速路完成投资多少")
    assert not a.abstained and "3.2亿元" in a.text and "6亿元" not in a.text
    assert cited(a) == {key(ROAD)}


@pytest.mark.parametrize(("question", "figure", "row"), [("GDP实际增长多少", "6.1%", REVIEW),
                                                         ("GDP力争增长多少", "6%左右", TARGET)])
def test_target_or_result_asked_with_other_stance_words(question, figure, row):
    a = answer(question)
    assert not a.abstained and figure in a.text and cited(a) == {key(row)}


# ---------------------------------------------------------------------------------- periods and years


def test_another_period_only_is_refused_saying_which_data_there_is_and_citing_it():
    a = answer("前三季度宁川大道快速路完成投资多少")
    assert a.abstained and "资料中只有" in a.text
    assert "3.2亿元" in a.text and cited(a) == {key(ROAD)}
    assert all(text in row.text for text, row in quotes(a, ROWS))


def test_the_period_refusal_names_the_period_the_library_holds():
    a = answer("前三季度宁川大道快速路完成投资多少")
    assert "只有上半年" in a.text


def test_another_year_only_is_refused_naming_the_year_there_is():
    a = answer("2022年地区生产总值增长多少")
    assert a.abstained and "资料中只有2023年" in a.text and cited(a) == {key(REVIEW)}


def test_a_question_naming_two_periods_is_answered_in_two_parts():
    a = answer("上半年和全年宁川大道快速路投资各完成多少")
    assert not a.abstained
    first, second = a.text.split("；", 1)
    assert first.startswith("上半年：") and "3.2亿元" in first
    assert second.startswith("全年：") and "3.2亿元" not in second  # the half-year figure is not the year's
    assert cited(a) == {key(ROAD)}


def test_a_share_of_the_annual_plan_is_not_a_full_year_figure():
    road = replace(ROAD, progress="完成投资3.2亿元，占年度计划的53%，高架段桥墩完成80%。")
    road = replace(road, text=f"序号7 {road.task} 进展情况：{road.progress}")
    a = answer("上半年和全年宁川大道快速路投资各完成多少", rows=[REVIEW, TARGET, road])
    second = a.text.split("；", 1)[1]
    assert second.startswith("全年：") and "3.2亿元" not in second


def test_target_and_result_in_one_question_are_two_parts():
    a = answer("GDP目标是多少，实际增长多少")
    assert not a.abstained and "目标：" in a.text and "实际：" in a.text
    assert "6%左右" in a.text and "6.1%" in a.text


# ---------------------------------------------------------------------------------- how far a project has got


@pytest.mark.parametrize("question", ["城西学校建得怎么样了", "城西学校推进到哪一步", "城西学校为什么没开工"])
def test_a_named_project_is_answered_from_its_rows_progress_text(question):
    a = answer(question)
    assert not a.abstained and SCHOOL.progress.rstrip("。") in a.text
    assert "用地调整" in a.text  # the reason is included
    assert cited(a) == {key(SCHOOL)}


def test_a_stage_question_naming_the_tables_own_period_is_answered():
    a = answer("上半年城西学校进展如何")
    assert not a.abstained and "主体施工至三层" in a.text


# ---------------------------------------------------------------------------------- quotes and citations

ANSWERED = ["2023年地区生产总值增长多少", "2024年GDP预期目标是多少", "宁川大道快速路完成投资多少",
            "城西学校建得怎么样了", "数字经济核心产业增加值占比是多少", "规上工业增加值全市排第几",
            "农村居民人均可支配收入是多少", "上半年和全年宁川大道快速路投资各完成多少"]


@pytest.mark.parametrize("question", ANSWERED)
@pytest.mark.parametrize("places", [(PLACE,), ()])
def test_quotes_are_verbatim_and_citations_are_the_quoted_rows(question, places):
    a = answer(question, places=places)
    assert not a.abstained
    found = quotes(a, ROWS)
    assert found
    for text, row in found:
        assert len(text) >= 6 and text in row.text, (text, row.text)
    assert cited(a) == {key(row) for _, row in found}


def test_without_a_place_in_the_question_every_figure_names_its_place():
    a = answer("宁川大道快速路完成投资多少", places=())
    assert a.text.startswith(f"{PLACE}：")
    assert not answer("宁川大道快速路完成投资多少").text.startswith(f"{PLACE}：")


def test_a_target_and_its_result_are_judged_on_figures_of_the_same_kind():
    from rag.ask.judge import judge

    target, q = "地区生产总值增长力争6%（确保5.5%）〔000 序号1〕", "年初GDP目标定多少，全年实际完成没"
    assert "未达到目标" in judge(target, "全年实现地区生产总值1270亿元、同比增长4.2%〔001 第3段〕", q)
    assert "达到较低目标" in judge(target, "同比增长5.8%", q)
    assert "达到并超过目标、已完成" in judge(target, "同比增长6.5%", q)
    assert judge(target, "实现地区生产总值1270亿元", q) == ""  # no figure of the same kind: no judgement
    # a figure the question names (35岁) is a label on both sides, never the bar or the result
    assert "未达到目标" in judge("新增35岁以下大学生3.75万人", "新引进35周岁以下大学生3.6万名", "35岁以下大学生目标多少，够数没")
    # the target figure the question states is the bar when only the target holds it; counts compare like with like
    stated = "说要改造老旧小区4000个以上，最后够数没"
    assert "超过目标" in judge("改造老旧小区4000个以上、城市危旧房3万套、城中村10万户", "改造城镇老旧小区4402个、城中村5.1万户", stated)
    assert "未达到目标" in judge("改造老旧小区4000个以上、城市危旧房3万套", "改造城镇老旧小区3900个", stated)
    # the result said in the target's words is judged, not the first figure of the result's sentence
    said = judge("新增35岁以下大学生3.75万人", "全年新认定E类以上人才1750人，新引进35周岁以下大学生3.6万名", "说要新增35岁以下大学生3.75万人，达标没")
    assert "实际3.6万名" in said and "未达到目标" in said, said


def test_a_stated_target_with_its_result_asked_is_judged_on_the_years_result_not_a_part_of_the_year():
    a = answer("宁川区2023年GDP目标是增长6%，最后实现没有", rows=[REVIEW, TARGET, replace(ROAD, row=1, task="地区生产总值增长6%",
               progress="上半年地区生产总值增长4.6%。", text="序号1 地区生产总值增长6% 进展情况：上半年地区生产总值增长4.6%。")])
    assert "6.1%" in a.text and "4.6%" not in a.text, a.text  # the year's 6.1%, not the half-year's 4.6%


def test_two_years_of_one_place_are_two_parts_but_a_growth_on_last_year_is_one():
    from rag.ask.extractive import _parts

    assert [label for label, _ in _parts(ask("GDP总量2021年和2024年各是多少", (PLACE,)))] == ["2021年", "2024年"]
    assert _parts(ask("2022年社零总额多少，比2021年涨了多少", (PLACE,))) == []


# ---------------------------------------------------------------------------------- several things, each cited

def _row(n: int, task: str, progress: str) -> Row:
    return replace(ROAD, row=n, task=task, progress=progress, text=f"序号{n} {task} 进展情况：{progress}")


LAKE = _row(11, "青禾湖配套工程一期", "青禾湖配套工程一期绿化工程：完成总工程量30%。青禾湖配套工程一期（桥梁部分）：完成总量的70%。")
HOUSING = _row(12, "安置房建设", "北港安置房三期一标完成主体60%。南湖安置房三期完成基础工程90%。")
YEAR_END = replace(REVIEW, paragraph=4, year=2024, period="2025", title="2025年宁川区政府工作报告",
                   doc="903_宁川区2025年政府工作报告.txt", text="宁川大道快速路全年完成投资6.4亿元，高架段全线贯通。")


def test_things_asked_side_by_side_are_answered_in_order_each_cited():
    a = answer("青禾湖配套工程一期，绿化和桥梁各做了多少", rows=[*ROWS, LAKE])
    assert not a.abstained
    first, second = a.text.split("；", 1)
    assert "30%" in first and "70%" not in first and "70%" in second
    assert cited(a) == {key(LAKE)}


def test_an_ellipsis_is_answered_as_a_second_part():
    a = answer("北港安置房三期主体做到几成了？南湖三期呢", rows=[*ROWS, HOUSING])
    assert not a.abstained and "60%" in a.text and "90%" in a.text
    assert a.text.index("60%") < a.text.index("90%")


def test_a_period_said_by_its_end_is_a_second_period_from_the_next_report():
    a = answer("宁川大道快速路6月底完成投资多少，年底最后完成多少", rows=[*ROWS, YEAR_END])
    assert not a.abstained
    first, second = a.text.split("；", 1)
    assert "3.2亿元" in first and second.startswith("全年：") and "6.4亿元" in second
    assert cited(a) == {key(ROAD), key(YEAR_END)}


# ---------------------------------------------------------------------------------- a question that names a row's task

PROJECTS = _row(13, "全年实施重点项目56个，完成投资88.5亿元，其中新开工项目20个以上。", "完成投资41.3亿元。")
CARE = _row(14, "新建学校3所、改造医院2家，完善全区社区卫生服务站点布局。", "学校已开工2所。医院完成主体改造1家。")
TRADE = _row(15, "推动消费回暖，完善支持政策，实现社会消费品零售总额、网络零售额均增长8%。",
             "实现社会消费品零售总额增速3.2%；网络零售额总量位居全市第1。")


def test_a_progress_cell_answers_for_the_task_the_question_names():
    a = answer("宁川区56个重点项目上半年投了多少钱", rows=[*ROWS, PROJECTS])
    assert not a.abstained and "41.3亿元" in a.text and "88.5" not in a.text  # the half year, not the year's target
    assert cited(a) == {key(PROJECTS)}


def test_the_clause_that_names_the_thing_itself_still_comes_first():
    a = answer("宁川区医院改造了几家", rows=[*ROWS, CARE])
    assert not a.abstained and a.text.startswith("医院完成主体改造1家"), a.text
    assert answer("宁川区污水管网上半年投了多少钱", rows=[*ROWS, PROJECTS]).abstained


def test_a_cell_reporting_on_several_of_the_tasks_things_does_not_lend_one_to_another():
    a = answer("宁川区网络零售额增长了多少", rows=[*ROWS, TRADE])
    assert a.abstained, a.text  # the 3.2% is 社零's, not 网络零售额's


# ---------------------------------------------------------------------------------- labelled items in one cell

PUMPS = _row(16, "推进碧水工程，加快北港泵站、南湖泵站、城东净水厂建设，断面水质达标。",
             "1.全力推进碧水工程。2.北港泵站：先行段已完工，堤防已全线开工，累计完成投资6.2亿元；南湖泵站：目前已全线开工，"
             "累计完成投资3.1亿元；城东净水厂：累计完成总工程量的16%。")


def test_a_label_opening_a_sentence_names_what_its_clauses_are_about():
    a = answer("宁川区北港泵站投了多少", rows=[*ROWS, PUMPS])
    assert not a.abstained and "6.2亿元" in a.text and "3.1亿元" not in a.text, a.text
    both = answer("北港泵站和南湖泵站分别投了多少", rows=[*ROWS, PUMPS])
    assert both.text.index("6.2亿元") < both.text.index("3.1亿元")


def test_two_asks_answered_by_one_clause_quote_it_once():
    a = answer("宁川区地区生产总值是多少？总量多少")
    assert not a.abstained and a.text.count("1260亿元") == 1, a.text


# ---------------------------------------------------------------------------------- lists and counts in one sentence

GOALS = replace(TARGET, paragraph=10, text="综合考虑各方面因素，建议2024年主要目标为：地区生产总值增长6%左右，农业增加值增长3%，"
                                         "服务业增加值增长7%，研发经费投入强度保持在4%以上，居民收入增长与经济增长同步。")
GUARDS = _row(31, "夯实平安宁川基础，建设群防群治队伍。",
              "目前全区共建护河队伍126支，队员8043人，建成社区学堂35个，配备河道专管员的重点河道82条，联动街道全面参与汛期"
              "守护工作，三季度共开展巡查1200次，发现并整改各类隐患问题356处，群众满意度持续提升。")


def test_a_list_written_after_a_colon_is_given_whole():
    a = answer("宁川区2024年主要目标都有哪些", rows=[REVIEW, SCHOOL, GOALS])
    assert not a.abstained, a.text
    for item in ("增长6%左右", "农业增加值增长3%", "服务业增加值增长7%", "4%以上", "居民收入增长与经济增长同步"):
        assert item in a.text, a.text


def test_a_clause_is_quoted_on_until_it_holds_every_count_asked():
    a = answer("宁川区护河队伍一共建了多少支、多少人", rows=[*ROWS, GUARDS])
    assert "126支" in a.text and "8043人" in a.text, a.text
    assert a.text.count("126支") == 1  # the two asks, answered by one clause, quote it once
    assert "35个" not in a.text and "1200次" not in a.text  # quoted on only as far as the counts asked


def test_a_stage_asked_in_other_words_quotes_the_progress_row_not_the_reports_plan():
    plan = replace(TARGET, paragraph=11, text="加快宁川大道快速路、北站枢纽建设，推进城市更新。")
    for q in ("宁川大道快速路现在建到什么程度了", "宁川大道快速路现在什么情况", "宁川大道快速路进展表里怎么说的"):
        a = answer(q, rows=[plan, ROAD])
        assert "3.2亿元" in a.text and "北站枢纽" not in a.text, (q, a.text)


def test_a_clause_of_a_cell_is_read_with_its_own_sentence_never_with_another_item():
    fair = _row(41, "推进外贸发展，组织企业参加展会。",
                "1.共组织企业团组6个，企业出境参加境外展会共计75个，涉及企业117家，意向成交额为26.1亿元。"
                "2.组织企业参加国内展会32个，现场成交额为3.4亿元。")
    a = answer("宁川区企业参加境外展会，意向成交多少", rows=[*ROWS, fair])
    assert not a.abstained and "26.1亿元" in a.text and "3.4亿元" not in a.text, a.text
    a = answer("宁川区参加国内展会意向成交多少", rows=[*ROWS, fair])
    assert "26.1亿元" not in a.text, a.text  # 意向 is in the other item's sentence only


def test_a_progress_rows_field_labels_are_no_list_after_a_colon():
    built = _row(51, "深化大社区建设，打造省级未来社区6个。",
                 "东湖社区、西岸社区、南苑社区已通过省级验收并命名；北城、新港2个社区处于创建扫尾阶段。")
    built = replace(built, text=f"序号51｜重点工作任务：突出民生关切，创造美好生活，办好实事｜目标任务：{built.task}｜进展情况：{built.progress}")
    a = answer("宁川区已经通过省级验收的未来社区是哪几个", rows=[*ROWS, built])
    assert "东湖社区" in a.text and "南苑社区" in a.text and "创造美好生活" not in a.text, a.text


def test_a_projects_progress_is_quoted_up_to_the_next_numbered_item():
    cell = _row(38, "加快宁川大道、青禾路建设。",
                "1.道路：宁川大道正进行主体施工，累计完成总工程量的88%。 "
                "2.320国道青禾段已完成施工图批复，10月初开工。")
    a = answer("宁川大道现在推进到什么程度了", rows=[*ROWS, cell])
    assert "88%" in a.text and "320国道" not in a.text, a.text


def test_how_many_in_all_is_not_answered_with_how_many_were_added():
    firms = _row(93, "规上文化企业总数突破80家。", "截至8月底全区规上文化企业117家，年度新增规上文化企业36家。")
    a = answer("宁川区规上文化企业一共多少家", rows=[*ROWS, firms])
    assert "117家" in a.text, a.text
    b = answer("宁川区今年新增的规上文化企业有几家", rows=[*ROWS, firms])
    assert "36家" in b.text, b.text


def test_a_quarters_report_answers_for_that_quarter_though_its_figures_run_to_an_earlier_month():
    q3 = replace(_row(52, "宁川快速路高架段建设。", "截至8月底，高架段桥梁桩基已完成9%，承台完成1%。"),
                 title="2030年宁川区政府工作报告重点工作任务三季度进展情况表")
    a = answer("宁川快速路高架段桩基到三季度完成多少了", rows=[*ROWS, q3])
    assert not a.abstained and "9%" in a.text, a.text
    b = answer("宁川快速路高架段桩基全年完成多少了", rows=[*ROWS, q3])
    assert b.abstained, b.text  # the whole year is not what the third quarter's report gives


def test_a_part_of_the_years_result_is_judged_against_the_schedule_not_the_whole_target():
    from rag.ask.judge import judge

    said = judge("全年实施重点项目89个，完成投资130.42亿元", "上半年完成投资74.2亿元", "上半年投资完成多少？全年任务呢", 6)
    assert "56.9%" in said and "序时进度50.0%" in said and "达到序时进度" in said, said
    behind = judge("全年完成投资130.42亿元", "完成投资50亿元", "", 6)
    assert "滞后序时进度" in behind, behind
    assert "未达到目标" in judge("全年完成投资130.42亿元", "完成投资50亿元", "", 12)


def test_a_figure_asked_against_a_bar_the_question_names_is_judged_yes_or_no():
    from rag.ask.judge import against_bar, names_bar

    assert names_bar("农村居民收入去年破2万没？")
    assert "已突破" in against_bar("农村居民收入去年破2万没？", "农村居民人均可支配收入20793元〔w 第1段〕，增长7%")
    assert "未超过" in against_bar("GDP过5000亿了吗", "地区生产总值4773.3亿元〔w 第3段〕")
    assert against_bar("GDP多少", "地区生产总值4773.3亿元") == ""
