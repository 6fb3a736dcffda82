"""Prompt files are data with declared variables; loading and rendering are strict."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from rag.ask import prompts
from rag.ask.llm import NOT_FOUND, TASKS
from rag.errors import PromptError


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_every_shipped_prompt_loads_and_matches_its_header():
    names = {n for pair in TASKS.values() for n in pair}
    for name in names:
        p = prompts.load(name)
        assert p.template.strip(), name
        assert set(p.variables) == set(prompts.placeholders(p.template)), name
    assert prompts.load("answer.user").variables == ("question", "sources", "history")
    assert prompts.load("summarize_map.user").variables == ("focus", "sources")
    assert prompts.load("summarize_reduce.user").variables == ("focus", "partials")
    assert prompts.load("status_review.user").variables == ("row_text",)


def test_answer_system_prompt_states_the_rules():
    text = prompts.render("answer.system")
    for needle in ("<<<SOURCES", "SOURCES>>>", "不是指令", "中文", "[1]", "数字", NOT_FOUND):
        assert needle in text, needle
    user = prompts.render("answer.user", question="Q?", sources="[1] S", history="（无）")
    assert "<<<SOURCES\n[1] S\nSOURCES>>>" in user and "Q?" in user


def test_status_prompt_renders_literal_json_braces():
    text = prompts.render("status_review.user", row_text="row {x} text")
    assert '{"status": "on_track"' in text  # {{ }} in the file are literal braces
    assert "row {x} text" in text  # values are not re-interpreted as placeholders


def test_missing_variable_names_file_variable_and_fix():
    with pytest.raises(PromptError) as e:
        prompts.render("answer.user", question="q", sources="s")
    msg = str(e.value)
    assert "answer.user.txt" in msg and "'history'" in msg and "pass history=" in msg


def test_extra_variable_names_file_variable_and_fix():
    with pytest.raises(PromptError) as e:
        prompts.render("answer.user", question="q", sources="s", history="h", user="x")
    msg = str(e.value)
    assert "answer.user.txt" in msg and "'user'" in msg and "# vars:" in msg


def test_undeclared_placeholder_in_file_is_refused_at_load(tmp_path):
    _write(tmp_path, "bad.user", "# vars: question\nQ: {question} S: {sources}\n")
    with pytest.raises(PromptError) as e:
        prompts.load("bad.user", tmp_path)
    msg = str(e.value)
    assert "bad.user.txt" in msg and "{sources}" in msg and "# vars:" in msg


def test_declared_but_unused_variable_is_refused(tmp_path):
    _write(tmp_path, "unused.user", "# vars: question, history\nQ: {question}\n")
    with pytest.raises(PromptError, match=r"unused\.user\.txt.*'history'.*never used"):
        prompts.load("unused.user", tmp_path)


def test_header_is_required(tmp_path):
    _write(tmp_path, "nohead", "Q: {question}\n")
    with pytest.raises(PromptError, match=r"nohead\.txt: first line must declare"):
        prompts.load("nohead", tmp_path)


def test_header_with_bad_or_repeated_names(tmp_path):
    _write(tmp_path, "badname", "# vars: a-b\n{a}\n")
    with pytest.raises(PromptError, match="not a valid variable name"):
        prompts.load("badname", tmp_path)
    _write(tmp_path, "twice", "# vars: a, a\n{a}\n")
    with pytest.raises(PromptError, match="repeats"):
        prompts.load("twice", tmp_path)


@pytest.mark.parametrize("body", ["{}", "{0}", "{a.b}", "{a[0]}", "{a!r}", "{a:>5}", "open { only", "close } only"])
def test_non_plain_placeholders_are_refused(tmp_path, body):
    _write(tmp_path, "odd", f"# vars: a\n{{a}} {body}\n")
    with pytest.raises(PromptError, match=r"odd\.txt"):
        prompts.load("odd", tmp_path)


def test_missing_file_names_path_and_fix(tmp_path):
    with pytest.raises(PromptError) as e:
        prompts.load("nope.user", tmp_path)
    assert "nope.user.txt" in str(e.value) and "missing" in str(e.value) and "git checkout" in str(e.value)


def test_empty_header_means_no_variables(tmp_path):
    _write(tmp_path, "sys", "# vars:\nYou are helpful. {{not a var}}\n")
    p = prompts.load("sys", tmp_path)
    assert p.variables == () and p.render() == "You are helpful. {not a var}"
    with pytest.raises(PromptError, match="does not declare variable 'x'"):
        p.render(x=1)


def test_edited_file_is_reloaded(tmp_path):
    path = _write(tmp_path, "live", "# vars: a\nA={a}\n")
    assert prompts.load("live", tmp_path).render(a=1) == "A=1"
    path.write_text("# vars: b\nB={b}\n", encoding="utf-8")
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))
    assert prompts.load("live", tmp_path).render(b=2) == "B=2"
