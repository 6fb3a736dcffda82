"""Questions about a document itself (who delivered it, at which meeting) when the library holds the same place's
reports of two years, a place named with another level's suffix than the library place that shares its stem, and
去年 counted from the year the place's documents speak from. Seen failing on blind batches 022-024 (b022-27, b022-29,
b024-24); asked here of invented documents (青禾 and 桐川 are not real places)."""

from __future__ import annotations

import pytest
import testenv

from rag.ask.answer import answer


def _report(year: int, mayor: str, session: str, growth: str) -> str:
    return "\n".join([
        f"——{year}年1月20日在青禾市第十届人民代表大会{session}会议上",
        f"青禾市人民政府市长 {mayor}", "",
        "各位代表：",
        "现在，我代表市人民政府向大会报告工作，请予审议，并请市政协委员和列席人员提出意见。", "",
        f"一、{year - 1}年工作回顾", "",
        f"全年全市生产总值比上年增长{growth}，经济运行稳中向好，高质量发展迈出坚实步伐。",
        "全市新建改建农村公路120公里，新增城镇就业3.2万人。", "",
    ]) + "\n"


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    return testenv.invented_library(tmp_path_factory, {
        "qinghe_2031.txt": _report(2031, "周明远", "第二次", "5.1%"),
        "qinghe_2034.txt": _report(2034, "郑晓岚", "第五次", "4.8%"),
        "tongchuan_2035.txt": COMMUNIQUE,
    })


COMMUNIQUE = "\n".join([
    "桐川市2035年国民经济和社会发展统计公报", "",
    "桐川市统计局", "",
    "初步核算，全年全市生产总值1520.6亿元，比上年增长6.3%。",
    "全年全市一般公共预算收入98.2亿元，比上年增长4.1%。",
    "全年空气质量优良天数 318 天，优良天数比例 87.1%。", "",
]) + "\n"


def ask(library, question):
    index, settings = library
    return answer(question, index=index, settings=settings)


@pytest.mark.parametrize(("question", "doc", "who", "not_who"), [
    ("青禾31年的政府工作报告是谁作的？", "qinghe_2031.txt", "周明远", "郑晓岚"),
    ("青禾2034年政府工作报告是谁作的", "qinghe_2034.txt", "郑晓岚", "周明远"),
])
def test_the_year_of_a_report_picks_the_report_and_its_header_says_who(library, question, doc, who, not_who):
    a = ask(library, question)
    assert not a.abstained and who in a.text and not_who not in a.text, a.text
    assert a.citations[0].doc == doc and who in a.citations[0].text, a.citations


def test_a_child_place_named_with_its_own_suffix_is_not_the_library_place(library):
    """青禾县 (a county-level place) is not the library's 青禾市: refused, never answered with the city's figure."""
    a = ask(library, "青禾县去年GDP增长多少？")
    assert a.abstained and "4.8%" not in a.text and "5.1%" not in a.text, a.text
    assert not ask(library, "青禾去年GDP增长多少？").abstained


def test_last_year_is_counted_from_the_year_the_places_documents_speak_from(library):
    """A work report of 2034 speaks from 2034 (去年 is the 2033 it reviews, not 2030 of the 2031 report); a
    communiqué of 2035's results is published in 2036 (去年 is 2035)."""
    from rag.ask.present import present_year

    index, _ = library
    assert present_year(index, "青禾市") == 2034 and present_year(index, "桐川市") == 2036
    a = ask(library, "青禾去年GDP增长多少？")
    assert "4.8%" in a.text and "5.1%" not in a.text, a.text
    assert "6.3%" in ask(library, "桐川去年GDP增长了多少").text
    assert "6.3%" in ask(library, "桐川GDP比去年增长多少").text  # 比去年: the base of a growth, not the year asked


def test_a_communiques_figures_are_of_the_year_its_title_names(library):
    """桐川's 2035 communiqué says nothing of 2034: a question for 2034 is refused, not answered with 2035's figure."""
    a = ask(library, "桐川2034年空气质量优良天数多少天？")  # the sentence itself names no year
    assert a.abstained and "318" in a.text, a.text  # refused, showing the year the library has
    assert "318" in ask(library, "桐川2035年空气质量优良天数多少天").text
