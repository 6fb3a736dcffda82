"""Tables and lists in layouts the seed reports do not have: header names of other offices, one cell per line with
more columns, pipe tables with missing cells, tab tables in another column order, numbered progress lists in prose.

Every fixture here is invented (the place 青禾县 and all figures are made up); each reproduces the shape of a layout
seen in real reports from other places, not their text. Real files, real parser, no fakes."""

from __future__ import annotations

from pathlib import Path

import pytest
import testenv
from click.testing import CliRunner

from rag.domain import Document, Row
from rag.index.build import parse_corpus
from rag.ingest.corpus import read_corpus
from rag.ingest.parse import detect_layout, parse_document
from rag.ingest.parse.header import header_role, header_roles
from rag.ingest.parse.report import detected

BIG = 10**8


def parse(text: str, name: str = "x.txt", title: str = "") -> tuple[str, list[Row]]:
    res = parse_document(Document(name=name, text=text, district="青禾县", title=title))
    return res.doc.layout, res.rows


def table(rows: list[Row]) -> dict[int, Row]:
    out: dict[int, Row] = {}
    for r in rows:
        if r.kind == "progress_row":
            assert r.row is not None and r.row not in out, f"序号{r.row} twice"
            out[r.row] = r
    return out


def paragraphs(rows: list[Row]) -> list[Row]:
    return [r for r in rows if r.kind == "paragraph"]


# ------------------------------------------------------------------------------------------- header names


@pytest.mark.parametrize("cell, role", [
    ("序号", "row"), ("序 号", "row"), ("内容与要求", "task"), ("项目内容", "task"), ("具体目标", "task"),
    ("年度目标任务", "task"), ("月度工作计划", "plan"), ("责任部门", "unit"), ("牵头部门", "unit"),
    ("落实情况", "progress"), ("工作进展", "progress"), ("当前进度", "progress"), ("1-6月进展情况", "progress"),
    ("截至9月底完成情况", "progress"), ("备注", "note"), ("存在问题", ""),
    ("全年完成投资12亿元，进展顺利。", ""),  # a sentence is never a column name
])
def test_header_cells_are_named_by_any_usual_name(cell, role):
    assert header_role(cell) == role


def test_header_row_needs_a_number_column_and_two_more():
    assert header_roles(["序号", "工作任务", "责任单位", "进展情况"]) == ["row", "task", "unit", "progress"]
    assert header_roles(["序号", "重点工作", "具体目标", "牵头单位", "完成情况"]) == [
        "row", "section", "task", "unit", "progress"]
    assert header_roles(["序号", "项目", "备注"]) is None
    assert header_roles(["工作任务", "责任单位", "进展情况"]) is None


# ------------------------------------------------------------------------------- one cell per line (lines)

FLAT_4 = """青禾县2031年重点工作一季度进展情况表

发布日期：2031-04-20 09:00 浏览次数：

序号

内容与要求

进展情况

责任单位

1

确保全县地区生产总值增长6.5%左右。

1-2月，规上工业增加值同比增长7.1%，居全市第2位。

县发改委

2

新建城乡供水管网120公里。

已完成管网铺设46公里，完成年度目标的38%。

县水务局

3

完成老旧小区改造8个。

目前已开工5个，其余3个正在招标。

县住建局
"""

FLAT_5 = """青禾县2031年民生实事项目进度表（截至9月30日）

序号

项目内容

当前进度

牵头单位

备注

1

新建公办幼儿园3所。

85%（东城幼儿园进度偏慢）

县教育局

市民生实事

2

改造农村公路40公里。

100%

县交通运输局

县民生实事
"""

FLAT_UNIT_FIRST = """序号
工作任务
责任单位
进展情况
1
建成县级应急指挥平台。
县应急管理局
平台主体已完工，正在调试。
2
完成河道清淤15公里。
县水务局
已完成清淤9公里。
"""


def test_flattened_table_with_other_header_names():
    layout, rows = parse(FLAT_4)
    assert layout == "lines"
    t = table(rows)
    assert sorted(t) == [1, 2, 3]
    assert t[2].task == "新建城乡供水管网120公里。"
    assert t[2].progress == "已完成管网铺设46公里，完成年度目标的38%。"
    assert t[2].unit == "县水务局"
    assert t[1].unit == "县发改委" and "同比增长7.1%" in t[1].progress


def test_flattened_table_keeps_a_column_after_the_unit():
    layout, rows = parse(FLAT_5)
    assert layout == "lines"
    t = table(rows)
    assert t[1].progress == "85%（东城幼儿园进度偏慢）" and t[1].unit == "县教育局"
    assert "备注：市民生实事" in t[1].text  # the remark is part of the row, not page furniture
    assert t[2].unit == "县交通运输局" and "备注：县民生实事" in t[2].text


def test_flattened_table_with_the_unit_before_the_progress():
    layout, rows = parse(FLAT_UNIT_FIRST)
    assert layout == "lines"
    t = table(rows)
    assert t[1].task == "建成县级应急指挥平台。" and t[1].unit == "县应急管理局"
    assert t[1].progress == "平台主体已完工，正在调试。"
    assert t[2].progress == "已完成清淤9公里。"


# ------------------------------------------------------------------------------------ pipes, missing cells

PIPES_MISSING = """2031年5月县民生实事项目进展情况汇总表
序号 | 项目内容 | 月度工作计划 | 牵头单位 | 落实情况 |
1 | 为全县65岁以上老年人免费体检18000人。 | 5月：完成体检3600人。 | 县卫生健康局 | 已完成。 累计体检5210人，完成率28.9%。 |
2 | 免费开展两癌筛查4000人。 | 5月：完成筛查800人。 | 已完成。 完成筛查1320人。 | |
3 | 新增公共场所急救设备30台。 | 5月：完成设备采购。 | 县红十字会 | 正在推进。 已发布采购公告。 |
4 | 培训家庭医生120人。 | 5月：制定培训方案。 | | 已制定培训方案。 |
"""


def test_pipe_table_with_missing_cells_keeps_columns_aligned():
    layout, rows = parse(PIPES_MISSING)
    assert layout == "pipes"
    t = table(rows)
    assert sorted(t) == [1, 2, 3, 4]
    assert t[1].unit == "县卫生健康局" and t[1].progress.startswith("已完成。 累计体检5210人")
    # row 2 lost its unit cell (merged with the row above): the progress stays progress, the unit is inherited
    assert t[2].progress == "已完成。 完成筛查1320人。"
    assert t[2].unit == "县卫生健康局"
    assert any("realigned" in q for q in t[2].data_quality)
    assert any("inherited" in q for q in t[2].data_quality)
    assert "月度工作计划：5月：完成筛查800人。" in t[2].text
    assert t[3].unit == "县红十字会" and not t[3].data_quality
    # an empty unit cell in its own place is an empty unit, not a merged cell
    assert t[4].unit == "" and t[4].progress == "已制定培训方案。"
    assert not any("inherited" in q for q in t[4].data_quality)


# ----------------------------------------------------------------------------- tabs, other column order

TABS_OTHER_ORDER = (
    "青禾县2031年重点工作推进情况\n"
    "序号\t工作任务\t进展情况\t责任部门\t备注\n"
    "1\t建设智慧停车系统。\t已完成系统招标，正在施工。\t县城管局\t跨年度\n"
    "2\t新增绿道20公里。\t截至6月底已建成绿道12公里。\t县自然资源局\t\n"
)


def test_tab_table_in_another_column_order_is_read_by_its_header():
    layout, rows = parse(TABS_OTHER_ORDER)
    assert layout == "tabs"
    t = table(rows)
    assert t[1].task == "建设智慧停车系统。" and t[1].progress == "已完成系统招标，正在施工。"
    assert t[1].unit == "县城管局" and "备注：跨年度" in t[1].text
    assert t[2].unit == "县自然资源局" and t[2].progress.startswith("截至6月底")


# ------------------------------------------------------------------------------ prose before a table header


def test_prose_before_a_table_header_is_kept_as_paragraphs():
    intro = ("根据县政府工作安排，县督查室对2031年重点民生实事项目5月份推进情况进行了督查，"
             "总体进展顺利，部分项目进度滞后。\n")
    layout, rows = parse(PIPES_MISSING.replace("\n", "\n" + intro, 1))
    assert layout == "pipes"
    assert [r.paragraph for r in paragraphs(rows)] == [1] and "部分项目进度滞后" in paragraphs(rows)[0].text
    assert sorted(table(rows)) == [1, 2, 3, 4]


# --------------------------------------------------------------------------------- numbered progress lists

LIST_TASK_THEN_LINES = """县督查室对年初确定的重点工作进行了跟踪督办，现将工作落实情况汇报如下：
1.全县固定资产投资增速高于全市平均水平。
1-10月固定资产投资同比增长7.4%，居全市第2位。
2.新建标准化养老服务中心2所。
东区养老服务中心已投入使用，西区养老服务中心主体完工。
3.6月底前完成青禾化工有限公司搬迁。5月20日青禾化工有限公司已完成搬迁。
4.新增造林面积0.8万亩。森林抚育0.3万亩
"""

LIST_UNDER_HEADING = """一、主要指标任务完成情况
（一）全县主要预期目标完成情况
上半年，全县完成地区生产总值156.2亿元，同比增长6.1%，增幅居全市第3位；一般公共预算收入9.8亿元，同比增长5.2%。
（二）报告中确定的其他指标任务完成情况
1.引进亿元以上项目不少于20个；新开工亿元以上项目15个。上半年，引进亿元以上项目12个；新开工亿元以上项目9个。
2.培育省级专精特新企业5家。支持企业数字化改造，推动工业互联网平台建设。
3.工业技改投资（第6项）：完成技改投资8.6亿元，同比增长11.3%。
"""

LIST_DASHES = """一、2031年计划执行情况
全县上下坚持稳中求进，统筹推进各项工作，经济社会保持平稳健康发展，预计全县主要指标完成情况如下：
——地区生产总值预计实现210亿元，同比增长6.8%，高于年度目标0.3个百分点；
——一般公共预算收入预计完成12.6亿元，完成年度目标的101%；
——居民人均可支配收入预计与经济增长基本同步；
2031年，全县经济运行总体平稳，但仍面临需求不足、部分企业经营困难等问题，需要在新的一年着力加以解决。
"""

LIST_INLINE = """二、重点任务推进情况
上半年重点任务推进情况如下：一是项目建设提速。截至6月底，全县32个重点项目完成投资41.2亿元，完成年度计划的55%。二是城乡环境改善。已完成农村户厕改造1200户。
"""

LIST_PAREN = """三、民生实事进展情况
（1）新建公办幼儿园：已完工2所，另1所完成主体结构。
（2）城乡居民医保：参保率达到97.5%。
"""


def test_numbered_list_with_progress_lines_under_each_item():
    layout, rows = parse(LIST_TASK_THEN_LINES)
    assert layout == "prose+list"
    t = table(rows)
    assert sorted(t) == [1, 2, 3]
    assert t[1].task == "全县固定资产投资增速高于全市平均水平。"
    assert t[1].progress == "1-10月固定资产投资同比增长7.4%，居全市第2位。"
    assert t[2].progress.startswith("东区养老服务中心已投入使用")
    # task and progress on one line: the progress opens with a date; the deadline "6月底前" stays in the task
    assert t[3].task == "6月底前完成青禾化工有限公司搬迁。"
    assert t[3].progress == "5月20日青禾化工有限公司已完成搬迁。"
    # an item that reports no progress stays a paragraph
    assert any(p.text.startswith("4.新增造林面积") for p in paragraphs(rows))
    assert all(r.anchor == f"序号{r.row}" for r in t.values())


def test_list_under_a_progress_heading_with_a_task_number():
    layout, rows = parse(LIST_UNDER_HEADING)
    assert layout == "prose+list"
    t = table(rows)
    assert sorted(t) == [1, 6]
    assert t[1].task == "引进亿元以上项目不少于20个；新开工亿元以上项目15个。"
    assert t[1].progress.startswith("上半年，引进亿元以上项目12个")
    assert t[1].heading.endswith("（二）报告中确定的其他指标任务完成情况")
    # "(第6项)" is the task's own number
    assert t[6].task == "工业技改投资" and t[6].progress == "完成技改投资8.6亿元，同比增长11.3%。"
    texts = [p.text for p in paragraphs(rows)]
    assert any(x.startswith("上半年，全县完成地区生产总值") for x in texts)
    assert any(x.startswith("2.培育省级专精特新企业") for x in texts)  # targets only: a paragraph


def test_dash_indicator_list():
    layout, rows = parse(LIST_DASHES)
    t = table(rows)
    assert layout == "prose+list" and sorted(t) == [1, 2, 3]
    assert t[1].task == "地区生产总值" and t[1].progress.startswith("预计实现210亿元")
    assert t[3].task == "居民人均可支配收入"
    # the paragraph after the list is not the last item's progress
    assert paragraphs(rows)[-1].text.startswith("2031年，全县经济运行总体平稳")
    assert "需要在新的一年" not in t[3].progress


def test_inline_yi_shi_er_shi_list():
    layout, rows = parse(LIST_INLINE)
    t = table(rows)
    assert layout == "prose+list" and sorted(t) == [1, 2]
    assert t[1].task == "项目建设提速。" and t[1].progress.startswith("截至6月底，全县32个重点项目")
    assert t[2].task == "城乡环境改善。" and t[2].progress == "已完成农村户厕改造1200户。"


def test_parenthesised_numbers_with_a_colon():
    _, rows = parse(LIST_PAREN)
    t = table(rows)
    assert t[1].task == "新建公办幼儿园" and t[1].progress == "已完工2所，另1所完成主体结构。"
    assert t[2].task == "城乡居民医保" and t[2].progress == "参保率达到97.5%。"


LIST_CN = """二、重点项目推进情况
（一）青禾大桥：主桥已完成桩基施工，累计完成投资3.2亿元。
（二）城东污水处理厂。截至9月底，土建工程完成80%。
（三）加快推进城市更新
完成第3项改革任务的前期准备，全面梳理城市更新项目清单，研究制定年度实施计划。
"""


def test_chinese_numbered_items_that_report_progress():
    _, rows = parse(LIST_CN)
    t = table(rows)
    assert sorted(t) == [1, 2]
    assert t[1].task == "青禾大桥" and t[1].progress.startswith("主桥已完成桩基施工")
    assert t[1].heading == t[2].heading == "二、重点项目推进情况"
    assert t[2].task == "城东污水处理厂。" and t[2].progress == "截至9月底，土建工程完成80%。"
    # a short （三） line without progress is a heading; "第3项" inside a sentence is not a task number
    para = paragraphs(rows)[0]
    assert para.heading.endswith("（三）加快推进城市更新") and para.text.startswith("完成第3项")


def test_two_lists_in_one_document_keep_row_numbers_unique():
    _, rows = parse(LIST_PAREN + LIST_INLINE)
    t = table(rows)  # asserts no 序号 twice
    assert len(t) == 4
    renumbered = [r for r in t.values() if any("an earlier list uses" in q for q in r.data_quality)]
    assert len(renumbered) == 2


# ------------------------------------------------------------------------ prose sections stay paragraphs

WORK_REPORT = """青禾县2032年政府工作报告
过去一年，我们突出做了五方面重点工作：
1.稳中求进、精准施策，经济运行持续向好。全年实现地区生产总值210亿元、增长6.8%，截至年底新增市场主体3200户。
2.城乡融合、统筹推进，乡村振兴成效明显。已建成美丽乡村示范村12个，农村居民收入增长7.5%。
下一步工作要求：
一是锚定目标狠抓落实。各责任单位要紧扣时间节点，确保年度目标任务如期完成。
二是查找原因精准施策。对推进缓慢的事项，要认真分析原因，加强协调，确保按期完成。
"""


def test_numbered_prose_sections_without_a_progress_lead_stay_paragraphs():
    layout, rows = parse(WORK_REPORT, title="青禾县2032年政府工作报告")
    assert layout == "prose"
    assert all(r.kind == "paragraph" for r in rows)
    assert [r.text[:2] for r in rows] == ["1.", "2.", "一是", "二是"]  # the short lead-in lines are not paragraphs


def test_a_progress_lead_without_separable_progress_keeps_paragraphs():
    text = "现将重点工作落实情况汇报如下：\n1.深化营商环境改革，推进政务服务标准化。\n2.加快数字政府建设，推动一网通办。\n"
    layout, rows = parse(text)
    assert layout == "prose" and not table(rows)


def test_detect_layout_on_the_new_shapes():
    assert detect_layout(FLAT_4) == "lines"
    assert detect_layout(PIPES_MISSING) == "pipes"
    assert detect_layout(TABS_OTHER_ORDER) == "tabs"
    assert detect_layout(LIST_DASHES) == "prose"


# ------------------------------------------------------------------------------- what ingest reports per file


def _write(folder: Path) -> None:
    folder.mkdir()
    (folder / "flat.txt").write_text(FLAT_4, encoding="utf-8")
    (folder / "pipes.txt").write_text(PIPES_MISSING, encoding="utf-8")
    (folder / "list.txt").write_text(LIST_TASK_THEN_LINES, encoding="utf-8")
    (folder / "report.txt").write_text(WORK_REPORT, encoding="utf-8")


def test_detected_per_document(tmp_path):
    _write(tmp_path / "c")
    docs, problems = read_corpus(tmp_path / "c", BIG)
    assert not problems
    rows, _, parsed = parse_corpus(docs)
    meta = {n: {"layout": d.layout, "district": d.district, "period": d.period} for n, d in parsed.items()}
    got = {d.file: d for d in detected(meta, ((r.doc, r.kind, r.data_quality) for r in rows))}
    assert (got["flat.txt"].layout, got["flat.txt"].table_rows, got["flat.txt"].paragraphs) == ("lines", 3, 0)
    assert (got["pipes.txt"].layout, got["pipes.txt"].table_rows) == ("pipes", 4)
    assert "1 row with a guessed column" in got["pipes.txt"].check
    assert (got["list.txt"].layout, got["list.txt"].table_rows) == ("prose+list", 3)
    assert got["report.txt"].layout == "prose" and got["report.txt"].table_rows == 0
    assert got["flat.txt"].place == "青禾县"


def test_rag_ingest_prints_what_was_detected_per_document(tmp_path):
    from rag.cli import main

    _write(tmp_path / "c")
    env = {"RAG_EMBEDDER": testenv.EMBEDDER, "COLUMNS": "200"}
    res = CliRunner().invoke(main, ["ingest", "--corpus", str(tmp_path / "c"), "--data-dir", str(tmp_path / "d")],
                             env=env)
    assert res.exit_code == 0, res.output
    lines = {ln.split("│")[1].strip(): ln for ln in res.output.splitlines() if ln.count("│") > 6}
    assert "lines" in lines["flat.txt"] and " 3 " in lines["flat.txt"] and "青禾县" in lines["flat.txt"]
    assert "prose+list" in lines["list.txt"]
    assert "guessed column" in lines["pipes.txt"]
