"""`rag ask --backend openai` end to end through the real openai client against real loopback
servers: llama.cpp's OpenAI-compatible server with a tiny base model (its junk must never come out
as a confident cited answer), and a closed port (the offline answer with a visible notice)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
import testenv
from llm_server import MODEL_ALIAS, ROOT, free_port

from rag.ask.answer import answer, stream
from rag.domain import Answer
from rag.settings import Settings

Q = "钱塘区2023年GDP增长多少？"


def _env(url: str) -> dict[str, str]:
    return {"OPENAI_BASE_URL": url, "OPENAI_MODEL": MODEL_ALIAS, "OPENAI_API_KEY": "test-key",
            "RAG_LLM_MAX_TOKENS": "48", "RAG_CONTEXT_TOKENS": "800", "RAG_LLM_RETRIES": "0",
            "RAG_LLM_TIMEOUT_S": "120"}


def _assert_grounded(a: dict) -> None:
    """Either the model's reply passed verification (cited rows contain its numbers), or it was
    flagged and the offline answer replaced it with a notice; never unflagged junk."""
    if a["backend"] == "openai":
        assert a["citations"] and not a["warnings"]
    else:
        assert any("模型" in w for w in a["warnings"]), a
        assert "4.2%" in a["answer"]  # the offline answer, cited


@pytest.mark.llm_server
@pytest.mark.integration
def test_cli_ask_openai_backend_flags_junk_and_falls_back(llama_url, built_index):
    env = {**os.environ, **_env(llama_url)}
    res = subprocess.run([sys.executable, "-m", "rag", "--data-dir", str(built_index.settings.data_dir), "ask", "--json",
                          "--backend", "openai", Q], capture_output=True, text=True, timeout=600, cwd=ROOT, env=env)
    assert res.returncode == 0, res.stderr
    a = json.loads(res.stdout)
    _assert_grounded(a)
    assert "test-key" not in res.stdout + res.stderr


@pytest.mark.llm_server
@pytest.mark.integration
def test_streamed_openai_answer_is_verified(llama_url, built_index):
    s = Settings.from_env(_env(llama_url), data_dir=built_index.settings.data_dir)
    parts = list(stream(Q, index=built_index, settings=s, backend="openai"))
    *deltas, final = parts
    assert len(deltas) >= 1 and all(isinstance(p, str) for p in deltas)
    assert isinstance(final, Answer) and final.question == Q
    if final.backend == "openai":  # verified: what was streamed is what is kept
        assert final.text == "".join(deltas).strip()
    else:  # flagged: the offline answer, whole, replaces the streamed text
        offline = answer(Q, index=built_index, settings=s, backend="offline")
        assert (final.text, final.citations) == (offline.text, offline.citations)
    _assert_grounded(final.to_json())



def test_refused_connection_gives_offline_answer_with_notice(built_index):
    url = f"http://127.0.0.1:{free_port()}/v1"
    s = testenv.settings({**_env(url), "RAG_LLM_TIMEOUT_S": "5"}, data_dir=built_index.settings.data_dir)
    a = answer(Q, index=built_index, settings=s, backend="openai")
    assert a.backend == "offline" and "4.2%" in a.text and a.citations
    assert any("模型服务不可用" in w for w in a.warnings)
    parts = list(stream(Q, index=built_index, settings=s, backend="openai"))
    assert len(parts) == 1  # a dead endpoint streams no text, only the offline answer
    [final] = parts
    assert isinstance(final, Answer) and (final.text, final.citations, final.backend) == (a.text, a.citations, "offline")
    assert any("模型服务不可用" in w for w in final.warnings)
