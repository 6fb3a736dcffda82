"""A city asked as a whole when the library holds only its districts: the districts' figures are not the city's.
The library learns that the city contains its districts from its own text (苏州市东湖区); the reports are invented
(东湖区 and 西岭区 here are not real districts of 苏州)."""

from __future__ import annotations

import pytest
import testenv

from rag.ask.answer import answer

DISTRICTS = {"donghu.txt": ("东湖区", 6.4, 905), "xiling.txt": ("西岭区", 5.1, 633)}


def _report(place: str, gdp: float, total: int) -> str:
    return (f"苏州市{place}2024年政府工作报告\n\n一、2023年工作回顾\n\n"
            f"过去一年，全区地区生产总值达到{total}亿元、增长{gdp}%。苏州{place[:2]}人民团结奋斗。\n\n"
            f"二、重点工作\n\n推进{place}滨水公园建设，年内开工。\n")


@pytest.fixture(scope="module")
def districts(tmp_path_factory):
    return testenv.invented_library(tmp_path_factory, {name: _report(*spec) for name, spec in DISTRICTS.items()})


@pytest.mark.parametrize("question", ["苏州全市2023年GDP增长多少", "苏州去年地区生产总值是多少"])
def test_the_city_figure_is_refused_when_only_its_districts_are_held(districts, question):
    index, settings = districts
    a = answer(question, index=index, settings=settings)
    assert a.abstained and not a.citations, a.text
    assert "苏州" in a.text and "东湖区" in a.text  # says what it lacks and what it holds


def test_the_city_named_before_its_district_is_context(districts):
    index, settings = districts
    a = answer("苏州东湖区2023年GDP增长多少", index=index, settings=settings)
    assert not a.abstained and "6.4" in a.text
    assert {c.doc for c in a.citations} == {"donghu.txt"}
