"""Periods: which year and part of the year a figure describes, and target or actual.

Synthetic texts (invented places, years and figures) for the rules; then the five real reports, whose
expectations were checked by reading corpus/*.txt."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from rag.domain import Document, Row
from rag.index.build import _row_from_json
from rag.ingest.parse import parse_document
from rag.ingest.period_rows import heading_context
from rag.ingest.periods import PeriodContext, clause_period, document_period, period_fraction, period_spans

D000 = "000_89436030b738289b.txt"
D001 = "001_058a47b1a797c1c9.txt"
D002 = "002_4d610bf2dc630f9d.txt"
D003 = "003_4b547df35adac2a7.txt"
D004 = "004_d100e50c0866be80.txt"


def labels(text: str) -> list[str]:
    return [s.label for s in period_spans(text)]


# ------------------------------------------------------------------------------------ period phrases


@pytest.mark.parametrize(("text", "label", "fraction"), [
    ("1-8月，全镇投资增长9%", "1-8月", 0.667),
    ("1—6月份完成产值", "上半年", 0.5),
    ("上半年完成产值", "上半年", 0.5),
    ("半年度营收增长", "上半年", 0.5),
    ("一季度新增企业", "一季度", 0.25),
    ("1至3月新增企业", "一季度", 0.25),
    ("前三季度实现增加值", "前三季度", 0.75),
    ("三季度进展情况表", "前三季度", 0.75),
    ("1-11月累计增速", "1-11月", 0.917),
    ("一至十一月累计", "1-11月", 0.917),
    ("全年实现收入", "全年", 1.0),
    ("截至10月底，已完成", "截至10月", 0.833),
    ("截止11月份当月增速", "截至11月", 0.917),
    ("截至9月20日，优良率", "截至9月20日", 0.722),
])
def test_period_phrases_are_normalised_with_their_share_of_the_year(text, label, fraction):
    assert labels(text)[0] == label
    assert period_fraction(label) == pytest.approx(fraction, abs=1e-3)


def test_what_is_not_the_period_of_a_figure():
    assert labels("增速较1-11月收窄0.3个百分点") == []  # a comparison base
    assert labels("与上半年相比提高") == []
    assert labels("完成全年目标的80%") == []  # 全年目标 is the target, not a period
    assert labels("按照一季度一品牌的方式") == []
    assert labels("开展上半年、下半年评估") == []
    assert labels("计划10月底前完成") == []  # a deadline


def test_a_year_written_with_the_period_is_kept():
    assert [(s.label, s.year) for s in period_spans("2031年1-5月，营收增长")] == [("1-5月", 2031)]
    assert period_fraction("") is None and period_fraction("10月") == pytest.approx(0.833, abs=1e-3)


# ------------------------------------------------------------------------------------ documents


@pytest.mark.parametrize(("title", "manifest", "want"), [
    ("某县2031年重点工作三季度进展情况表", "", (2031, "前三季度")),
    ("某市2031年民生实事1-8月推进情况", "", (2031, "1-8月")),
    ("某区2032年政府工作报告（2032年1月9日区人代会通过）", "", (2032, "全年")),
    ("关于某县2031年计划执行情况与2032年计划草案的报告", "", (2032, "全年")),  # the plan report's own year
    ("关于2031年10月份民生实事进展情况的通报", "", (2031, "10月")),
    ("截至2031年10月底重点项目进展", "", (2031, "截至10月")),
    ("某镇重点工作完成情况", "2031 H1 (published 2031-07-20)", (2031, "上半年")),
    ("某镇重点工作完成情况", "2031 full year", (2031, "全年")),
])
def test_document_period_from_title_then_manifest(title, manifest, want):
    assert document_period(title, "", manifest) == want


def test_document_period_from_the_text_when_the_title_names_none():
    text = "2031年以来各项工作有序推进。1-5月，营收增长5%。1-5月，投资增长8%。1-5月新增企业12家。2030年同期…"
    assert document_period("", text, "") == (2031, "1-5月")
    assert document_period("某镇工作通报", "2031年1-5月营收增长。", "") == (2031, "全年")  # named once only


# ------------------------------------------------------------------------------------ clauses


PLAN_2032 = PeriodContext(2032, "全年", "target", 2032)
REVIEW_2031 = PeriodContext(2031, "全年", "actual", 2032)


@pytest.mark.parametrize(("clause", "context", "want"), [
    ("地区生产总值增长6%左右", PLAN_2032, (2032, "全年", "target")),
    ("地区生产总值增长5.1%", REVIEW_2031, (2031, "全年", "actual")),
    ("力争新增企业30家", None, (None, "全年", "target")),
    ("确保增长5%", REVIEW_2031, (2031, "全年", "target")),  # its own word wins over the section
    ("同比增长7%", PLAN_2032, (2032, "全年", "actual")),
    ("2031年完成投资20亿元", PLAN_2032, (2031, "全年", "actual")),  # a recap inside the plan section
    ("去年实现增长5%", PLAN_2032, (2031, "全年", "actual")),
    ("比去年增长5%", REVIEW_2031, (2031, "全年", "actual")),  # 去年 as a comparison base
    ("1-8月，投资增长33%", PLAN_2032, (2032, "1-8月", "actual")),
    ("完成全年目标的107%", None, (None, "", "actual")),
    ("高于全年增速目标2个百分点", None, (None, "", "actual")),
    ("增长5.1%（预期目标6%）", None, (None, "", "actual")),  # the bracket is a side note
    # a result measured against the target its council approved: the approval's words lie between 完成 and 目标
    ("营收12亿元，增长9%，完成县人代会批准的增长7%以上目标", None, (None, "", "actual")),
    ("确保完成县人代会批准的增长7%以上目标", None, (None, "全年", "target")),
    ("预计1-9月营收将超10亿元", None, (None, "前三季度", "target")),
])
def test_clause_period(clause, context, want):
    assert clause_period(clause, context) == want


def _row(task: str, progress: str, **kw: object) -> Row:
    base = dict(doc="t.txt", row=3, district="某区", title="某区2031年重点工作三季度进展情况表", period="",
                kind="progress_row", text=f"序号3｜目标任务：{task}｜进展情况：{progress}", task=task,
                progress=progress, year=2031, period_label="前三季度", period_fraction=0.75, stance="actual")
    return Row(**{**base, **kw})  # type: ignore[arg-type]


def test_clause_in_a_row_reads_its_column_and_its_sentence():
    r = _row("营收增长10%（确保8%）", "半年度营收增长6%；1-8月，投资增长12%，居全市第2。")
    assert clause_period("营收增长10%", r) == (2031, "全年", "target")  # the target column
    assert clause_period("半年度营收增长6%", r) == (2031, "上半年", "actual")
    assert clause_period("投资增长12%", r) == (2031, "1-8月", "actual")  # 1-8月 said before it in its sentence
    assert clause_period("进展情况：半年度营收增长6%", r)[1:] == ("上半年", "actual")
    assert clause_period("某个不在行里的句子", r) == (2031, "前三季度", "actual")


# ------------------------------------------------------------------------------------ rows of documents


WORK_REPORT = """某县2032年政府工作报告

各位代表：现在，我代表县人民政府向大会报告工作，请予审议。

一、2031年工作回顾

2031年，全县实现地区生产总值300亿元，增长6.1%，一般公共预算收入20亿元。

（一）产业发展。新增规上工业企业40家，完成工业投资50亿元，同比增长12%，数字经济核心产业增加值增长9%，新培育专精特新企业15家。

二、2032年主要目标任务

全县经济社会发展的主要预期目标是：地区生产总值增长6%左右，一般公共预算收入增长5%。

（一）抓产业。新增规上工业企业30家，工业投资增长10%以上，数字经济核心产业增加值增长8%，新培育专精特新企业12家以上。

三、加强政府自身建设

坚持依法行政，全面推进政务公开，办好十件民生实事。
"""

BARE_HEADINGS = """某市2032年人民政府工作报告

各位代表：现在，我代表市人民政府向大会报告工作，请予审议。

2031年工作回顾

过去一年，全市地区生产总值增长7.5%，城镇居民人均可支配收入增长6%。

2032年工作安排

全市地区生产总值预期增长6.5%，城镇调查失业率控制在5.5%以内。
"""

PAST_YEAR = """某区2033年政府工作报告

一、过去一年工作回顾

全区实现地区生产总值180亿元，增长5%，新增市场主体2000户。
"""

PROGRESS_TABLE = (
    "某区2031年政府工作报告重点工作三季度进展情况表\n"
    "序号\t重点工作任务\t具体目标任务\t牵头单位\t进展情况\n"
    "1\t主要指标\t营收增长10%（确保8%）\t区发改局\t半年度营收增长6%。\n"
    "2\t\t投资增长12%\t区发改局\t1-8月，全区投资同比增长15%，居全市第1。\n"
    "3\t\t新建道路10公里\t区建设局\t已建成8公里，力争三季度全部完工。\n"
    "4\t\t新增企业30家\t区商务局\t截至9月底，新增企业22家。\n"
    "5\t\t建成公园2个\t区建设局\t\n"
)


def _parse(text: str, title: str = "", period: str = "") -> tuple[Document, list[Row]]:
    res = parse_document(Document(name="t.txt", text=text, district="某区", title=title, period=period))
    return res.doc, res.rows


class _ByStart:
    """The (year, period, stance) of the paragraph that starts with a key."""

    def __init__(self, rows: list[Row]) -> None:
        self.rows = rows

    def __getitem__(self, start: str) -> tuple[int | None, str, str]:
        r = next(r for r in self.rows if r.text.startswith(start))
        return r.year, r.period_label, r.stance


def _by_start(rows: list[Row]) -> _ByStart:
    return _ByStart(rows)


def test_work_report_review_holds_last_years_actuals_and_plan_this_years_targets():
    doc, rows = _parse(WORK_REPORT, title="某县2032年政府工作报告")
    assert (doc.year, doc.period_label) == (2032, "全年")
    got = _by_start(rows)
    assert got["2031年，全县"] == (2031, "全年", "actual")
    assert got["（一）产业发展"] == (2031, "全年", "actual")
    assert got["全县经济社会"] == (2032, "全年", "target")
    assert got["（一）抓产业。"] == (2032, "全年", "target")
    assert got["坚持依法行政"] == (2032, "全年", "target")  # 三、 names no period: the plan section goes on
    assert got["各位代表：现在"][0:2] == (2032, "全年")  # before any section: the report's own year
    assert all(r.period_fraction == 1.0 for r in rows)


def test_unnumbered_headings_and_the_past_year_count_too():
    got = _by_start(_parse(BARE_HEADINGS, title="某市2032年人民政府工作报告")[1])
    assert got["过去一年，全市"] == (2031, "全年", "actual")
    assert got["全市地区生产总值"] == (2032, "全年", "target")
    got = _by_start(_parse(PAST_YEAR, title="某区2033年政府工作报告")[1])
    assert got["全区实现地区生"] == (2032, "全年", "actual")  # 过去一年 of a 2033 report


def test_heading_context():
    assert heading_context("一、2031年国民经济和社会发展计划执行情况", 2032, True, "全年") == \
        PeriodContext(2031, "全年", "actual", 2032)
    assert heading_context("二、2032年国民经济社会发展主要预期目标及任务", 2032, True, "全年") == \
        PeriodContext(2032, "全年", "target", 2032)
    assert heading_context("三、保障措施", 2032, True, "全年") is None


def test_a_heading_naming_a_later_year_than_the_one_reviewed_is_the_plan():
    # "主要工作" reviews in "2031年主要工作" of a report on 2031, but a report on 2031 cannot review 2032
    assert heading_context("三、2032年主要工作", 2031, True, "全年").stance == "target"
    assert heading_context("三、关于2032年工作", 2032, True, "全年").stance == "target"  # the report's own year
    assert heading_context("一、2031年主要工作", 2031, True, "全年").stance == "actual"
    assert heading_context("一、2031年工作回顾", 2032, True, "全年").stance == "actual"
    assert heading_context("三、2032年主要工作", 2031, False, "全年").stance == "actual"  # a progress table reports


def test_progress_table_rows_take_the_title_period_unless_they_name_their_own():
    doc, rows = _parse(PROGRESS_TABLE, title=PROGRESS_TABLE.splitlines()[0])
    assert (doc.year, doc.period_label, doc.layout) == (2031, "前三季度", "tabs")
    got = {r.row: (r.year, r.period_label, r.period_fraction, r.stance) for r in rows}
    assert got == {
        1: (2031, "上半年", 0.5, "actual"),
        2: (2031, "1-8月", 0.667, "actual"),
        3: (2031, "前三季度", 0.75, "actual"),  # 力争三季度完工 is a deadline, not the period reported
        4: (2031, "截至9月", 0.75, "actual"),
        5: (2031, "前三季度", 0.75, "target"),  # no progress yet: only its target
    }


def test_period_fields_survive_the_index_round_trip():
    r = _row("营收增长10%", "1-8月营收增长6%", period_label="1-8月", period_fraction=0.667)
    back = _row_from_json(json.loads(json.dumps(r.to_json(), ensure_ascii=False)))
    assert back == r and back.id == r.id
    old = {k: v for k, v in r.to_json().items() if k not in ("year", "period_label", "period_fraction", "stance")}
    assert _row_from_json(old).year is None  # an index written before these fields still loads


# ------------------------------------------------------------------------------------ the five reports


def _doc(rows: list[Row], name: str) -> list[Row]:
    return [r for r in rows if r.doc == name]


def test_001_review_is_2023_actuals_and_plan_is_2024_targets(corpus_rows):
    rows = _doc(corpus_rows, D001)
    review = [r for r in rows if r.heading.startswith("一、2023年工作回顾")]
    plan = [r for r in rows if r.heading.startswith("二、2024年")]
    assert len(review) >= 10 and len(plan) >= 30
    assert {(r.year, r.period_label, r.stance) for r in review} == {(2023, "全年", "actual")}
    assert {(r.year, r.period_label, r.stance) for r in plan} == {(2024, "全年", "target")}


def test_002_execution_is_2023_actuals_and_draft_plan_is_2024_targets(corpus_rows):
    rows = _doc(corpus_rows, D002)
    done = [r for r in rows if "2023年国民经济和社会发展计划执行情况" in r.heading]
    plan = [r for r in rows if "2024年国民经济社会发展主要预期目标" in r.heading]
    assert len(done) >= 20 and len(plan) >= 20
    assert {(r.year, r.stance) for r in done} == {(2023, "actual")}
    assert {(r.year, r.stance) for r in plan} == {(2024, "target")}


def test_003_rows_are_2023_first_half_actuals(corpus_rows):
    rows = _doc(corpus_rows, D003)
    assert len(rows) == 154
    assert Counter((r.year, r.period_label, r.period_fraction) for r in rows) == {(2023, "上半年", 0.5): 154}
    assert all(r.stance == "actual" for r in rows)


def test_004_rows_are_2023_full_year(corpus_rows):
    rows = _doc(corpus_rows, D004)
    assert {r.year for r in rows} == {2023}
    full = [r for r in rows if r.period_label == "全年"]
    assert len(full) >= 0.9 * len(rows)
    assert next(r for r in rows if r.row == 83).period_label == "1-11月"  # its progress names 1-11月


def test_000_rows_have_their_own_periods_within_the_third_quarter_table(corpus_rows):
    rows = {r.row: r for r in _doc(corpus_rows, D000)}
    assert {r.year for r in rows.values()} == {2023}
    assert rows[1].period_label == rows[2].period_label == "上半年"  # 半年度…
    assert rows[3].period_label == "1-8月"
    assert rows[63].period_label == "截至9月"
    counts = Counter(r.period_label for r in rows.values())
    assert counts["前三季度"] >= 90 and counts["1-8月"] >= 8
    assert rows[105].stance == "target" and not rows[105].progress.strip("—")  # no progress in that row


# ---------------------------------------------------------------------------------- periods said by their end


@pytest.mark.parametrize(("text", "labels"), [
    ("青禾县新增就业8月底到多少了，年底最后多少", ["截至8月", "全年"]),
    ("截至8月底完成多少，年末能完成吗", ["截至8月", "全年"]),
    ("三季度引进了几个，2031年底最后多少", ["前三季度", "全年"]),
    ("宁川区十月末完成投资多少", ["截至10月"]),
])
def test_a_question_may_name_a_period_by_its_end(text, labels):
    from rag.ingest.periods import asked_spans

    assert [s.label for s in asked_spans(text)] == labels


def test_a_period_end_is_a_deadline_in_a_report_and_a_base_after_bi():
    from rag.ingest.periods import asked_spans

    assert asked_spans("城北小学8月底前完成主体结顶") == []  # a deadline, not the time a figure reaches
    assert asked_spans("常住人口比上年末增加多少") == []  # a comparison base
    assert period_spans("新增就业8月底到多少，年底最后多少") == []  # ingest reads reports: unchanged


def test_a_result_written_with_a_target_word_is_a_result():
    from rag.ingest.periods import clause_stance

    assert clause_stance("共争取到市级帮扶资金240万元") == "actual"
    assert clause_stance("争取新增规上企业10家") == "target"


def test_money_obtained_with_zhengqu_is_a_result_and_a_bounded_sum_a_target():
    from rag.ingest.periods import clause_stance

    assert clause_stance("争取增发国债项目资金1221.9亿元、居全国首位") == "actual"
    assert clause_stance("争取中央预算内资金100亿元以上") == "target"
    assert clause_stance("争取地区生产总值增长6%") == "target"
