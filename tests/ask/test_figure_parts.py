"""Which figures of a sentence belong to what is asked, through the whole pipeline over an invented communiqué
(青禾县 is not a real county): a total asked as a list is answered with the parts its 其中 sentence gives (规上 read
as 规模以上), and a figure of the clause before the subject's own is never the subject's."""

from __future__ import annotations

import pytest
import testenv

COMMUNIQUE = "\n".join([
    "青禾县2031年国民经济和社会发展统计公报",
    "青禾县统计局",
    "一、综合",
    "全年地区生产总值跨过300亿元、增长6.1%，较上年净增20亿元，人均产值居全市第3位。",
    "二、工业",
    "全年全县规模以上工业发电量12.6亿千瓦时，比上年增长8.1%。其中，水力发电量7.2亿千瓦时，增长5.0%；"
    "风力发电量3.1亿千瓦时，增长12.0%；光伏发电量2.3亿千瓦时，增长20.5%。",
]) + "\n"


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    return testenv.invented_library(tmp_path_factory, {"qinghe_2031_gb.txt": COMMUNIQUE})


ask = testenv.ask_offline


def test_a_total_asked_as_a_list_is_answered_with_the_parts_of_its_qizhong_sentence(library):
    a = ask(library, "青禾县2031年规上发电分哪几类，各多少")
    assert not a.abstained, a.text
    assert all(v in a.text for v in ("12.6亿千瓦时", "7.2亿千瓦时", "3.1亿千瓦时", "2.3亿千瓦时")), a.text


def test_the_figure_of_the_clause_before_the_subjects_own_is_not_the_subjects(library):
    a = ask(library, "青禾县2031年人均产值多少元")
    assert a.abstained, a.text  # 20亿元 is the GDP's; the per-capita clause states only a rank


def test_a_list_of_places_of_a_kind_is_answered_only_by_a_clause_naming_one():
    from rag.ask.kinds import _names_listed_kind

    assert _names_listed_kind("新设的两个县叫啥", "新设和康、和安县加快建设")
    assert not _names_listed_kind("新设的两个县叫啥", "做优增量、盘活存量")
    assert _names_listed_kind("新设了哪些项目", "做优增量、盘活存量")  # no kind of place asked
