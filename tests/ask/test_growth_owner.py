"""A growth asked of a subject whose sentence states only a neighbour's growth (rag.ask.answerers.growth_owner) is
refused, saying what the document has; a growth that is the subject's is quoted. The report is invented (青禾县 is
not a real county)."""

from __future__ import annotations

import pytest
import testenv

from rag.ask.answer import answer
from rag.ask.answerers.growth_owner import others_growth

REPORT = "\n".join([
    "青禾县2031年政府工作报告", "",
    "过去一年，全县有效发明专利拥有量突破1200件、同比增长18.5%，创新指数连续三年居全市前列。",
    "全县完成技术合同登记额7.3亿元、增长21%，引进科创团队12个。",
    "全县累计建成5G基站430个，实现乡镇全覆盖。",
]) + "\n"


def test_whose_growth_a_piece_states():
    piece = "有效发明专利拥有量突破1200件、同比增长18.5%，创新指数连续三年居全市前列"
    assert others_growth("创新指数", ["指数"], piece) == ["有效发明专利拥有量"]
    assert others_growth("技术合同登记额", ["登记额"], "完成技术合同登记额7.3亿元、增长21%") == []
    assert others_growth("创新指数", ["指数"], "全县有效发明专利拥有量增长18.5%") == []  # the subject is not named


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    return testenv.invented_library(tmp_path_factory, {"qinghe_2031.txt": REPORT})


def test_another_subjects_growth_is_no_answer(report):
    index, settings = report
    a = answer("青禾县创新指数比上年涨了多少？", index=index, settings=settings)
    assert a.abstained, a.text
    assert "有效发明专利拥有量" in a.text and "没有" in a.text


def test_the_subjects_own_growth_is_quoted(report):
    index, settings = report
    a = answer("青禾县技术合同登记额增长多少？", index=index, settings=settings)
    assert not a.abstained and "21%" in a.text, a.text


def test_what_a_piece_states_instead_of_a_growth():
    from rag.ask.answerers.growth_owner import no_growth

    assert no_growth(["登记额"], "全县技术合同登记额达到7.3亿元") == "总量"
    assert no_growth(["登记额"], "全县技术合同登记额突破7亿元，年均增长9.1%") == "年均增长"
    assert no_growth(["登记额"], "完成技术合同登记额7.3亿元、增长21%") == ""
    assert no_growth(["登记额"], "全县有效发明专利拥有量1200件") == ""  # the subject is not named


def test_a_rate_asked_of_an_amount_only_is_refused(report):
    index, settings = report
    a = answer("青禾县5G基站比上年增长多少个百分点？", index=index, settings=settings)
    assert a.abstained and "只有总量" in a.text and "430个" in a.text, a.text
    b = answer("青禾县5G基站建了多少个？", index=index, settings=settings)
    assert not b.abstained and "430个" in b.text, b.text
