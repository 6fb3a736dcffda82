"""rag.lexicons: every shipped rag/data/*.json fits its model and comes back typed; a hand-edited copy with a wrong
type, an unknown or missing key, a bad regex, an empty word or broken JSON raises LexiconError naming the file, the
field and the fix. The bad copies are real files in tmp_path, read through the same models as the shipped ones."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import rag
from rag import lexicons
from rag.errors import ConfigError, RagError
from rag.lexicons import (
    HtmlChrome,
    LexiconError,
    NameWords,
    ParseWords,
    PeriodPattern,
    QueryLexicon,
    StatusWords,
    load,
    read,
)

DATA = Path(rag.__file__).parent / "data"
MODELS = lexicons.File.__subclasses__()


def _copy(tmp_path: Path, name: str, edit: Any) -> Path:
    """A copy of the shipped rag/data/<name> with `edit` applied to its parsed JSON."""
    data = json.loads((DATA / name).read_text(encoding="utf-8"))
    edit(data)
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def _error(path: Path, model: type[lexicons.File]) -> str:
    with pytest.raises(LexiconError) as e:
        read(path, model)
    return str(e.value)


def test_every_data_file_has_a_model_and_the_shipped_files_validate():
    assert sorted(m.FILE for m in MODELS) == sorted(p.name for p in DATA.glob("*.json"))
    for model in MODELS:
        data = load(model)
        assert isinstance(data, model)
        assert data.about, f"{model.FILE} lost its about note"
        assert load(model) is data  # read once, then cached


def test_values_come_back_typed():
    status = lexicons.status_words()
    assert status.multipliers["亿"] == 1e8 and isinstance(status.multipliers["万"], float)
    assert status.units.level[:2] == ("微克/立方米", "吨标准煤")
    assert "力争" in status.target_markers.high and "以下" in status.target_markers.max_after
    half = status.period_patterns[0]
    assert isinstance(half, PeriodPattern) and half.fraction == 0.5 and half.month_group == 0
    assert any(p.month_group == 1 and p.fraction is None for p in status.period_patterns)
    assert "滞后" in status.status_question.behind and "公布" in status.delay_not_task.after
    assert lexicons.html_chrome().chrome_line_max == 80
    assert ("full year", "全年") in lexicons.name_words().period_phrases
    assert lexicons.parse_words().header_roles["牵头单位"] == "unit"
    assert lexicons.radicals().map["⻚"] == "页"
    assert lexicons.place_words().self_words and "区" in lexicons.place_words().suffixes
    assert "地区" in lexicons.question_words().not_district
    assert ("GDP", "地区生产总值", "生产总值") in lexicons.query_lexicon().groups
    assert "回顾" in lexicons.library_words().review_words


def test_a_wrong_type_names_the_file_the_field_and_what_was_found(tmp_path):
    path = _copy(tmp_path, "html.json", lambda d: d.update(chrome_line_max="80"))
    msg = _error(path, HtmlChrome)
    assert str(path) in msg and "chrome_line_max" in msg and "valid integer" in msg and "'80'" in msg
    path = _copy(tmp_path, "status.json", lambda d: d["multipliers"].update({"亿": "1e8"}))
    assert "multipliers.亿: Input should be a valid number" in _error(path, StatusWords)


def test_a_typo_d_key_is_an_error_with_the_likely_name(tmp_path):
    path = _copy(tmp_path, "status.json", lambda d: d.update(growth_wrods=d.pop("growth_words")))
    msg = _error(path, StatusWords)
    assert "growth_wrods: unknown key" in msg and "did you mean 'growth_words'" in msg
    assert "growth_words: missing; add it" in msg


def test_an_unknown_key_inside_a_nested_entry_is_located(tmp_path):
    path = _copy(tmp_path, "status.json", lambda d: d["period_patterns"][0].update(fracton=0.5))
    msg = _error(path, StatusWords)
    assert "period_patterns[0].fracton: unknown key" in msg and "did you mean 'fraction'" in msg


def test_a_period_pattern_needs_exactly_one_share(tmp_path):
    path = _copy(tmp_path, "status.json", lambda d: d["period_patterns"][1].update(month_group=1))
    msg = _error(path, StatusWords)
    assert "period_patterns[1]" in msg and "exactly one of fraction" in msg


def test_a_regex_that_does_not_compile_and_an_empty_word_are_refused(tmp_path):
    path = _copy(tmp_path, "parse.json", lambda d: d["boilerplate"].append("^打印(本页"))
    msg = _error(path, ParseWords)
    assert f"boilerplate[{len(json.loads(path.read_text())['boilerplate']) - 1}]" in msg
    assert "not a valid regular expression" in msg
    path = _copy(tmp_path, "names.json", lambda d: d["period_words"].append(""))
    assert "period_words[10]: String should have at least 1 character" in _error(path, NameWords)


def test_a_pair_must_have_two_words(tmp_path):
    path = _copy(tmp_path, "names.json", lambda d: d["title_kinds"].append(["政府工作报告"]))
    assert "title_kinds[5]" in _error(path, NameWords)


def test_broken_json_duplicate_keys_and_a_missing_file(tmp_path):
    path = tmp_path / "lexicon.json"
    path.write_text('{"about": "x",\n "groups": [["GDP", "生产总值"]\n "district_aliases": {}}', encoding="utf-8")
    msg = _error(path, QueryLexicon)
    assert "not valid JSON at line 3 column 2" in msg and "missing comma" in msg
    path.write_text('{"groups": [["GDP"]], "groups": [["外资"]]}', encoding="utf-8")
    assert "'groups' appears twice" in _error(path, QueryLexicon)
    assert "is missing" in _error(tmp_path / "nowhere.json", QueryLexicon)


def test_the_error_is_a_config_error_with_a_restore_hint_for_shipped_files(tmp_path):
    path = _copy(tmp_path, "html.json", lambda d: d.pop("drop_tags"))
    with pytest.raises(LexiconError) as e:
        read(path, HtmlChrome, shown="rag/data/html.json")
    assert isinstance(e.value, ConfigError) and isinstance(e.value, RagError) and e.value.exit_code == 2
    assert "rag/data/html.json does not fit HtmlChrome" in str(e.value)
    assert "drop_tags: missing" in str(e.value) and "git checkout -- rag/data/html.json" in str(e.value)
