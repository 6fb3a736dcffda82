"""Classes of phrasing kept from blind batch 034 and paraphrase sets 013/014 after their first scores, each through
the whole pipeline over an invented library (青禾县 is not a real county), or on the one reader it concerns: a year
written bare as a keyword, a noun that names the kind of answer (时间, 面积), an abbreviation jieba knows (国办), a town
that is a row's responsible unit, a unit's tasks with how far each got, a figure of another indicator of the same
row, a row's name in brackets (手机), pieces asking two years, 各 glued to a verb, indicators listed as keywords, a
long word the library writes short (高速 for 高速公路), and a work report named by its year."""

from __future__ import annotations

import json

import pytest
import testenv

TABLE = "\n".join([
    "青禾县2031年重点工作三季度进展情况表", "",
    "序号\t工作任务\t责任单位\t进展情况",
    "1\t新增嵌入式体育场地1.5万平方米。\t县文广旅体局\t新增嵌入式体育场地面积21000平方米。",
    "2\t保持国家级经开区综合考评全国前五十。\t县商务局\t综合考评于7月中旬启动，目前处于商务部审核阶段，"
    "最终排名结果预计将于2032年1至2月正式公布。",
    "3\t以大项目带动业态提升，建成云岭山居酒店。\t白沙镇\t完成云岭山居酒店室内硬装。",
    "4\t建成开放东湖公园。\t县城投集团\t东湖公园已于5月1日正式对外开放。",
    "5\t加快共富广场建设。\t县城投集团\t完成共富广场土方开挖，启动地下室底板施工。",
    "6\t建设高质量就业城区，城镇新增就业1万人以上，城镇调查失业率控制在5%以内。\t县人力社保局"
    "\t1.开发公益性岗位406个。2.全县城镇新增就业12000人，失业人员实现再就业3000人。(城镇调查失业率不再考核,数据未公布)",
    "7\t设立首期5亿元的青禾产业基金，吸引社会资本投入成果转化。\t县国投集团\t青禾产业基金已成立。",
    "8\t完成西湾片安置小区一期回迁安置。\t县住建局"
    "\t1. 西湾片安置小区二期3月31日已开工。 2. 西湾片安置房小区竣工扫尾。 3. 西湾片安置小区一期回迁安置已完成前期准备工作，10月底完成回迁安置。",
    "9\t打通断头路3条。\t县交通运输局\t打通断头路任务3条：已完工2条，完成率67%。",
    "10\t开工建设西岭大桥。\t县交通运输局\t西岭大桥因征地未完成，暂未开工，预计11月底开工。",
    "11\t青禾二中今年9月招生。\t县教育局\t已开展招生工作。",
    "12\t新增规上文化企业20家，实现文化产业增加值增长5%以上。\t县委宣传部\t三季度规上文化企业168家，文化企业总营收增长17.8%。",
]) + "\n"

REPORT = "\n".join([
    "青禾县2032年政府工作报告",
    "——2032年1月10日在青禾县第九届人民代表大会第四次会议上",
    "青禾县人民政府县长 林知远",
    "各位代表：现在，我代表县人民政府向大会报告工作，请予审议。",
    "一、2031年工作回顾",
    "过去一年，全县地区生产总值320亿元，增长6.2%。重大政策落实、财政预算资金管理等2项工作受到国务院办公厅表彰激励。",
    "刑事案件同比下降6.5%。新增国家高新技术企业45家。16个重点项目投资完成率超200%。",
    "推进法治政府建设，得到县委依法治国办充分肯定。云岭高速、青白高速如期通车，东岭茶叶、西坡竹笋等特色产业加快壮大。",
    "二、2032年工作安排",
    "主要预期目标是：地区生产总值增长6%左右，实际利用外资1亿美元以上。做大智能装备产业，智能装备产业产值突破120亿元；培育集成电路企业，半导体产业产值突破80亿元。",
]) + "\n"


PLAN = "\n".join([
    "青禾县2031年国民经济和社会发展计划执行情况与2032年计划草案的报告",
    "一、2031年计划执行情况",
    "重点项目加速推进，16个重点项目投资完成率达212.5%。",
]) + "\n"


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    return testenv.invented_library(tmp_path_factory, {"qinghe_q3.txt": TABLE, "qinghe_2032.txt": REPORT,
                                                       "qinghe_plan.txt": PLAN})


ask = testenv.ask_offline


# (what the class is, the question, what the answer must hold)
ANSWERED = [
    ("a year written bare as a keyword of its own is a year", "青禾 2031 地区生产总值 增速", ("6.2%",)),
    ("a noun naming the kind of answer (时间) does not gate", "青禾 经开区 综合考评 三季度进展 最终排名 公布时间", ("2032年1至2月",)),
    ("a measure's noun (面积) is found as the units its figures are written in", "青禾 嵌入式体育场地 新增面积 年度目标",
     ("1.5万平方米", "21000平方米")),
    ("an abbreviation jieba knows (国办) is found by its full name", "青禾2031年哪2项工作受到国办表彰激励？",
     ("重大政策落实",)),
    ("a town named as the row's responsible unit is that column, not a subject word",
     "青禾白沙镇负责的云岭山居酒店推进到哪一步了？", ("室内硬装",)),
    ("a unit's tasks asked with how far each got list every task with its progress",
     "青禾城投集团负责的有哪几项？分别做到什么程度了？", ("东湖公园", "5月1日", "共富广场", "土方开挖")),
    ("each piece names a year of its own: each asked alone", "青禾2031年GDP实际增长多少？2032年目标又定了多少？", ("6.2%", "6%左右")),
    ("a period naming the report, written 进展情况表", "青禾计划打通3条断头路，截至三季度进展情况表已打通几条？", ("已完工2条",)),
    ("N个亿 is N亿, and 哪家牵头 asks the unit", "青禾首期5个亿的那个产业基金是哪家牵头的？", ("县国投集团",)),
    ("a long word the library writes short is found by its head (高速公路: 云岭高速)", "青禾2031年如期通车的高速公路有哪几条？",
     ("云岭高速", "青白高速")),
    ("a work report named by its year is read whole, its review as well", "青禾2032年政府工作报告点名加快壮大的特色产业有哪些？",
     ("东岭茶叶", "西坡竹笋")),
    ("A、B两个X各…: each named thing asked alone", "青禾2032年政府工作报告里，今年智能装备、半导体两个产业产值目标各是多少？",
     ("120亿元", "80亿元")),
    ("a cell's item is told by the question's own words, not its row's", "青禾西湾片安置小区一期回迁安置推进到哪一步了？",
     ("前期准备",)),
    ("经济增速 is the GDP's growth", "青禾去年经济增速多少？", ("6.2%",)),
    ("a formal question word asks the unit (由何单位主导)", "青禾东湖公园建设由何单位主导", ("县城投集团",)),
    ("a state company is named without its 集团", "青禾城投都负责啥任务？", ("东湖公园", "共富广场")),
    ("a listed indicator named alone, as keywords, asks its figure", "青禾2031年地区生产总值", ("320亿元",)),
    ("two characters opening the halves of one library word (刑案: 刑事案件)", "青禾2031年刑案同比降了多少？", ("6.5%",)),
    ("活儿 is 任务", "青禾城投集团都牵头管着哪些活儿？", ("东湖公园", "共富广场")),
    ("西岭大桥开工了没有", "青禾西岭大桥开工了没有？", ("暂未开工",)),
    ("a unit's tasks asked by keyword", "青禾城投集团牵头事项", ("东湖公园", "共富广场")),
    ("an exact figure goes before one said as a bound (超200%)", "青禾16个重点项目投资完成率是多少", ("212.5%",)),
    ("a level said before a listed name that holds it (国家级)", "青禾2031年国家级高新技术企业新增多少家？", ("45家",)),
    ("a year written bare right before the indicator, and 实际 inside its name asks nothing", "青禾2032实际利用外资目标",
     ("1亿美元",)),
    ("a thing's 情况 asks its state, from its progress", "青禾二中招生情况", ("已开展招生工作",)),
    ("a unit's tasks asked as 牵头工作", "青禾城投集团牵头工作", ("东湖公园", "共富广场")),
]


@pytest.mark.parametrize("what,question,must", ANSWERED, ids=[a[0] for a in ANSWERED])
def test_fresh_phrasing_classes(library, what, question, must):
    testenv.assert_answered(library, what, question, must)


def test_a_figure_of_another_indicator_of_the_same_row_is_no_answer(library):
    a = ask(library, "青禾2031年城镇调查失业率最后控制在多少了？")
    assert "12000" not in a.text and "406" not in a.text, a.text


def test_a_status_asked_of_a_part_the_progress_never_reports_is_refused(library):
    a = ask(library, "青禾2031年文化产业增加值增长了多少？达到5%以上没？")
    assert a.abstained and "文化产业增加值" in a.text and a.citations, a.text
    assert json.loads(json.dumps(a.to_json(), ensure_ascii=False))["backend"] == "offline"  # what `rag ask --json` prints


def test_a_rate_named_alone_wants_a_figure_in_percent(library):
    a = ask(library, "青禾城镇调查失业率")
    assert "12000" not in a.text and "406" not in a.text, a.text


def test_a_period_that_dates_a_target_the_question_quotes_is_not_the_period_asked():
    from rag.ask.question_time import periods_in

    assert periods_in("临安全年新增就业3万人，上半年完成了多少？") == [(6, "上半年")]
    assert periods_in("钱塘上半年GDP增长多少，全年呢") == [(6, "上半年"), (12, "全年")]
    assert periods_in("全年新增就业3万人完成了吗") == [(12, "全年")]  # the only period: still the one asked


def test_a_whole_year_said_colloquially_is_the_year():
    from rag.ask.question_time import periods_in

    assert [m for m, _ in periods_in("钱塘2023年一整年实际利用外资弄到多少了")] == [12]


def test_a_report_speaker_asked_by_keyword(library):
    a = ask(library, "青禾 2032 县政府工作报告 作报告人")
    assert "林知远" in a.text, a.text


def test_a_stem_never_starts_inside_the_word_jieba_reads_there():
    from rag.ingest.places import mentions

    assert [m.name for m in mentions("临安清凉峰镇负责的大明山居酒店", need_confirm=False)] == ["清凉峰镇"]
    assert [m.name for m in mentions("杭州市钱塘区下沙街道", need_confirm=False)] == ["杭州市", "钱塘区", "下沙街道"]
    assert [m.name for m in mentions("保定蠡县2024年GDP是多少", need_confirm=False)] == ["蠡县"]  # a parent glued on
    assert [m.name for m in mentions("宁夏回族自治区银川市", need_confirm=False)] == ["宁夏回族自治区", "银川市"]


def test_a_bare_year_is_a_year_only_standing_alone_or_after_a_place():
    from rag.ask.wording import full_years

    assert full_years("成都 2021 汽车产量") == "成都 2021年 汽车产量"
    assert full_years("钱塘 GDP 2023") == "钱塘 GDP 2023年"
    assert full_years("钱塘区2024实际利用外资") == "钱塘区2024年实际利用外资"
    for same in ("完成2021 个", "出让2000亩", "2021 年", "累计建成2021公里", "新增2025余人"):
        assert full_years(same) == same


def test_time_and_date_ask_a_date_only_ending_the_question():
    from rag.ask.question import _drop_words, wants_of

    assert wants_of("公布时间") == ("date",) and "时间" in _drop_words("最终排名 公布时间")
    assert "date" not in wants_of("上半年时间过半，GDP增长多少") and "date" not in wants_of("用3年时间建成公园多少个")
    assert "时间" not in _drop_words("用3年时间建成公园多少个")
    assert wants_of("率先建成多少个未来社区")[0] != "ratio"


def test_a_unit_counts_only_after_a_figure():
    from rag.ask.terms import Term

    area = Term(("面积",), 1.0, units=("平方米", "亩"))
    assert area.factor("新增1.8万平方米") == 0.5 and area.factor("亩均效益评价") == 0.0


def test_each_glued_to_a_verb_still_asks_each_side():
    from rag.ask.sides import sides

    parts = [p.text for p in sides("青禾上半年GDP和服务业增加值各涨了多少", lambda w: True)]
    assert len(parts) == 2 and "GDP涨了多少" in parts[0] and "服务业增加值涨了多少" in parts[1], parts


def test_indicators_listed_as_keywords_are_asked_one_by_one():
    from rag.ask.sides import indicators_listed

    parts = [p.text for p in indicators_listed("青禾 上半年 GDP 服务业增加值 增速")]
    assert len(parts) == 2 and "GDP" in parts[0] and "服务业增加值" in parts[1] and all("增速" in p for p in parts)


def test_a_name_ends_before_a_verb_asking_its_figure_or_an_adverb():
    from rag.ask.indicator import named_indicators

    assert [i for _, _, i in named_indicators("钱塘2023年全年固投干了多少")] == ["固定资产投资"]
    assert [i for _, _, i in named_indicators("社零总额多少，居民人均可支配收入又是多少")] == \
        ["社会消费品零售总额", "居民人均可支配收入"]


def test_each_with_the_general_classifier_is_filler():
    from rag.ask.terms import is_filler

    assert is_filler("每个") and is_filler("各个") and not is_filler("每人")


def test_a_table_rows_bracketed_name_names_it():
    from rag.ask.indicator_select import table_row_named
    from rag.ingest.figures import Figure

    f = Figure(doc="a.txt", place="白川市", level="市", year=2031, period="全年", stance="actual",
               indicator="移动通信手持机（手机）", words="移动通信手持机（手机）", measure="level", value=680.3, unit="万台",
               text="移动通信手持机（手机） | 万台 | 680.3 | 25.0", row_id="r1", source="table", listed=False)
    found = table_row_named("白川手机产量21年多少", [f], "白川市")
    assert found and found[0] == "移动通信手持机（手机）", found
