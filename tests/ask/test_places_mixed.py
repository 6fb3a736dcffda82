"""Never another place's report: in a mixed library, every question about one place is answered only
from that place's documents (or refused), whatever the other documents say. The reports are invented
here, each naming its place only in its own words (title, 人民政府, 全县/全市/全区); no manifest."""

from __future__ import annotations

import itertools

import pytest
import testenv

from rag.ask.answer import answer

REPORTS = {
    "qinghe.txt": ("青禾县", "县", "2024年青禾县人民政府工作报告", 7.1, 312, 5.6),
    "baishi.txt": ("白石市", "市", "白石市2024年政府工作报告", 5.3, 2870, 4.2),
    "donghu.txt": ("东湖区", "区", "东湖区2023年国民经济和社会发展计划执行情况的报告", 6.4, 905, 8.8),
}
QUESTIONS = ("{p}2023年地区生产总值增长多少？", "{s}去年GDP总量是多少", "{p}城镇居民人均可支配收入增长多少",
             "{s}规上工业增加值增长多少")


def _report(place: str, level: str, title: str, gdp: float, total: int, income: float) -> str:
    opening = "过去一年" if "工作报告" in title else "2023年"  # a work report looks back; a plan report names its year
    return (
        f"{title}\n\n一、2023年工作回顾\n\n"
        f"{opening}，全{level}地区生产总值达到{total}亿元、增长{gdp}%，规上工业增加值增长{gdp + 1:.1f}%。"
        f"城镇居民人均可支配收入增长{income}%。{place}人民政府坚持稳中求进。\n\n"
        f"二、2024年主要目标\n\n地区生产总值增长{gdp - 1:.1f}%左右。\n"
    )


@pytest.fixture(scope="module")
def mixed(tmp_path_factory):
    return testenv.invented_library(tmp_path_factory, {name: _report(*spec) for name, spec in REPORTS.items()})


def test_each_report_knows_its_place_from_its_content(mixed):
    index, _ = mixed
    assert {index.docs[n]["district"] for n in REPORTS} == {spec[0] for spec in REPORTS.values()}


@pytest.mark.parametrize(("asked", "other"), list(itertools.permutations(REPORTS, 2)))
def test_a_question_about_one_place_never_cites_another(mixed, asked, other):
    index, settings = mixed
    place = REPORTS[asked][0]
    for q in QUESTIONS:
        a = answer(q.format(p=place, s=place[:-1]), index=index, settings=settings)
        assert all(c.doc == asked for c in a.citations), (q, a.text, [c.doc for c in a.citations])
        assert other not in {c.doc for c in a.citations}


def test_the_place_figure_is_its_own(mixed):
    index, settings = mixed
    for name, (place, *_rest) in REPORTS.items():
        a = answer(f"{place}2023年地区生产总值增长多少？", index=index, settings=settings)
        assert not a.abstained and f"{REPORTS[name][3]}%" in a.text, a.text


def test_a_place_the_library_lacks_is_refused_and_the_places_it_has_are_listed(mixed):
    index, settings = mixed
    a = answer("红岭县2023年地区生产总值增长多少？", index=index, settings=settings)
    assert a.abstained and not a.citations and "红岭县" in a.text
    assert all(spec[0] in a.text for spec in REPORTS.values())


def test_without_a_place_every_figure_is_named_with_its_place(mixed):
    index, settings = mixed
    a = answer("2023年地区生产总值增长多少？", index=index, settings=settings)
    assert not a.abstained
    places = {index.docs[c.doc]["district"] for c in a.citations}
    assert places and all(p in a.text for p in places)


def test_a_place_is_named_by_the_short_form_the_library_gives_in_brackets():
    from rag.ask.answerers.place import _named

    assert _named("湘西土家族苗族自治州（湘西自治州）", "湘西自治州2025年地区生产总值增长4.2%")
    assert not _named("湘西土家族苗族自治州（湘西自治州）", "湖南省2025年地区生产总值增长4.8%")
