"""A subject the library does not write is read as the library word it abbreviates by the first characters of its
words (抽蓄 -> 抽水蓄能); a word that abbreviates nothing there is still a reason to refuse. Texts are invented
(青禾县 is not a real county)."""

from __future__ import annotations

import pytest
import testenv

from rag.ask.answer import answer
from rag.ask.subjects import abbreviation

TEXT = "\n".join([
    "青禾县2031年重点工作半年进展情况表", "",
    "序号\t工作任务\t责任单位\t进展情况",
    "1\t推进白沙抽水蓄能电站前期工作。\t县发改局\t完成抽水蓄能电站选址报告编制，已报省能源局审查。",
    "2\t新建城北污水处理厂。\t县水务集团\t主体结构完成60%。",
]) + "\n"


def test_an_abbreviation_is_read_as_the_words_it_shortens():
    texts = ["推进白沙抽水蓄能电站前期工作，完成抽水蓄能电站选址。", "规上工业增加值增长6%"]
    assert abbreviation("抽蓄", lambda: texts) == "抽水蓄能"
    assert abbreviation("规工", lambda: texts) == "规上工业"
    assert abbreviation("核电", lambda: texts) is None  # nothing there starts 核… 电…
    assert abbreviation("抽水蓄能电站", lambda: texts) is None  # a long word is a name, not an abbreviation


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    return testenv.invented_library(tmp_path_factory, {"qinghe_h1.txt": TEXT})


def test_a_question_in_the_abbreviation_is_answered(library):
    index, settings = library
    a = answer("青禾白沙抽蓄电站进展到哪了", index=index, settings=settings)
    assert not a.abstained and "选址报告" in a.text, a.text


def test_a_concept_the_library_lacks_is_still_refused(library):
    index, settings = library
    a = answer("青禾白沙核电站进展到哪了", index=index, settings=settings)
    assert a.abstained, a.text
