"""rag.ask.verify on plain Rows (no index, no model): a number in an answer passes only when a cited
row (its text or title) holds the same number after normalising 万/亿, %, full-width digits and
Chinese numerals; claims without a citation are reported on the LLM path."""

from __future__ import annotations

import pytest

from rag.ask import verify
from rag.domain import Row

ROW = Row(
    doc="a.txt",
    row=3,
    district="东城区",
    title="东城区2024年重点任务进展表",
    period="2024年",
    kind="progress_row",
    text="序号3｜新建学校5所，新增学位3000个。进展：已完成3所，完成投资1.2亿元，同比增长4.2%，完成率百分之六十。",
)
PARA = Row(
    doc="b.txt",
    row=None,
    paragraph=2,
    district="东城区",
    title="东城区30项民生实事",
    period="2024年",
    kind="paragraph",
    text="全年办好民生实事。",
)


@pytest.mark.parametrize(
    "answer",
    [
        "新建学校5所[1]。",
        "新建学校五所[1]。",  # Chinese numeral
        "完成投资12000万元[1]。",  # 万 and 亿 are one scale
        "同比增长４.２％[1]",  # full-width digits and ％
        "完成率60%[1]",  # 百分之六十
        "新增学位3,000个[1]",  # thousands separator
        "新增学位0.3万个[1]",
        "投资约1.2亿元[1]",
        "2024年新建学校5所[1]",  # a year is a date, not a claimed quantity
    ],
)
def test_numbers_held_by_the_cited_row_pass_in_any_spelling(answer):
    assert verify.unsupported_numbers(answer, [ROW]) == []


def test_numbers_no_cited_row_holds_are_reported_by_their_raw_text():
    assert verify.unsupported_numbers("新增学位3000个，投资3亿元[1]，共7所。", [ROW]) == ["3亿元", "7所"]


def test_a_percentage_is_not_the_same_claim_as_percentage_points():
    assert verify.unsupported_numbers("同比增长4.2个百分点[1]", [ROW]) == ["4.2个百分点"]


def test_only_the_rows_given_count():
    assert verify.unsupported_numbers("新建学校5所[1]。", [PARA]) == ["5所"]
    assert verify.unsupported_numbers("新建学校5所[1]。", []) == ["5所"]


def test_the_row_title_counts_as_evidence():
    assert verify.unsupported_numbers("办好30项民生实事[1]", [PARA]) == []


def test_citation_markers_and_source_tags_are_not_numbers():
    assert verify.unsupported_numbers("见[12]、【7】和〔a.txt 序号99〕：新建学校5所", [ROW]) == []


def test_uncited_claims_are_sentences_with_a_number_or_long_without_a_reference():
    text = "新建学校5所。已完成3所[1]。好的。" + "这是一句没有数字但是很长很长很长很长很长很长很长很长很长的陈述。" + "完成率60%【1】。"
    assert verify.uncited_claims(text) == ["新建学校5所。", "这是一句没有数字但是很长很长很长很长很长很长很长很长很长的陈述。"]


def test_uncited_claims_are_cut_to_sixty_characters():
    long = "推进重点项目建设取得积极成效" * 10 + "。"
    assert verify.uncited_claims(long) == [long[:60]]


def test_check_words_its_warnings_and_asks_for_references_only_when_told():
    assert verify.check("新建学校7所。", [ROW]) == ["未在引用来源中找到的数字：7所"]
    assert verify.check("新建学校7所。", [ROW], require_refs=True) == [
        "未在引用来源中找到的数字：7所",
        "未标注来源的陈述：新建学校7所。",
    ]
    assert verify.check("新建学校5所[1]，完成投资1.2亿元[1]。", [ROW], require_refs=True) == []
