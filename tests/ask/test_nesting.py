"""Places named one inside another: a city written before its own district is that district, a place the library
lacks written right after a library place lies inside it (its figures are not the whole's), and "全省/全区/全疆" in a
comparison names the library place around the one asked. Places and texts are invented."""

from __future__ import annotations

import pytest
import testenv

from rag.ask.answer import answer
from rag.ask.nesting import one_per_place, written_under
from rag.ask.parent_scope import scope_parent


def test_a_city_written_before_its_district_is_the_district():
    assert one_per_place("青禾白沙区GDP多少", ["青禾市", "青禾市白沙区"]) == (["青禾市白沙区"], {})
    assert one_per_place("青禾和白沙区GDP各多少", ["青禾市", "青禾市白沙区"]) == (["青禾市", "青禾市白沙区"], {})


def test_a_place_written_after_a_higher_library_place_lies_inside_it():
    assert written_under("青川州白石市GDP多少", "白石市", "city", ["青川自治州"]) == ("青川自治州",)
    assert written_under("白石市GDP多少", "白石市", "city", ["青川自治州"]) == ()
    assert written_under("青禾县白石市", "白石市", "city", ["青禾县"]) == ()  # a county holds no city


def test_the_whole_said_by_its_scope_word_is_the_place_around():
    counts = {"青川省": 30, "白水省": 1, "青禾市": 200}
    assert scope_parent("青禾GDP增速比全省高多少", "青禾市", lambda _: counts) == "青川省"
    assert scope_parent("青禾GDP增速多少", "青禾市", lambda _: counts) is None
    assert scope_parent("青禾比全省高多少", "青禾市", lambda _: {"青川省": 3, "白水省": 2}) is None  # no one place


PROVINCE = ("青川省2032年政府工作报告\n\n2031年，全省地区生产总值增长5.1%。青禾市、白石市协同发展，青禾都市圈建设提速，"
            "青禾新区获批。\n")
CITY = "青禾市2031年国民经济和社会发展统计公报\n\n全年全市地区生产总值3200亿元，比上年增长6.3%。青川省内排名第二。\n"
PREFECTURE = "白水自治州2031年国民经济和社会发展统计公报\n\n全年全州地区生产总值412亿元，比上年增长4.4%。\n"


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    return testenv.invented_library(tmp_path_factory, {"p.txt": PROVINCE, "c.txt": CITY, "z.txt": PREFECTURE})


def test_a_city_compared_with_its_whole_province(library):
    index, settings = library
    a = answer("青禾2031年GDP增速比全省高多少", index=index, settings=settings)
    assert "6.3%" in a.text and "5.1%" in a.text, a.text


def test_a_place_inside_a_prefecture_is_not_answered_with_the_prefectures_figure(library):
    index, settings = library
    a = answer("白水州白石市2031年GDP多少", index=index, settings=settings)
    assert a.abstained and "412" not in a.text, a.text
    b = answer("白水州2031年GDP多少", index=index, settings=settings)
    assert "412亿元" in b.text, b.text
