"""rag.ask.llm over real HTTP: a scripted stub server measures retries and error handling, and
llama.cpp's OpenAI-compatible server with Gemma 3 270M answers for real (marked llm_server)."""

from __future__ import annotations

import time

import pytest
from llm_server import (
    MODEL_ALIAS,
    Reply,
    StubServer,
    completion,
    error,
    free_port,
)

from rag.ask import llm
from rag.domain import Row
from rag.errors import BackendError
from rag.settings import Settings

KEY = "sk-stub-SECRET-456"
LLAMA_MAX_TOKENS = 64
ROWS = [
    Row("a.txt", 1, "东城区", "东城区2024年重点任务进展表", "2024年", "progress_row",
        "新建改扩建中小学校5所，新增学位3000个。进展：已完成3所学校主体施工，新增学位1800个。"),
    Row("a.txt", 2, "东城区", "东城区2024年重点任务进展表", "2024年", "progress_row",
        "完成老旧小区综合整治20个。进展：已开工18个，完工12个。"),
    Row("b.txt", None, "西城区", "西城区2024年政府工作报告", "2024年", "paragraph",
        "全年地区生产总值增长5.5%，一般公共预算收入增长3%。", paragraph=4),
]  # fmt: skip


def _stub_settings(url: str, **kw: object) -> Settings:
    return Settings.from_env({}, **{"openai_base_url": url, "openai_model": "stub", "openai_api_key": KEY, **kw})




# --- retries and errors, measured on a real HTTP stub ----------------------------------------------


@pytest.mark.parametrize(
    ("reply", "requests", "needle"),
    [
        (error(500), 3, "RAG_LLM_RETRIES"),
        (error(503), 3, "HTTP 503"),
        (error(429, "rate limited"), 3, "HTTP 429"),
        (error(401, f"bad key {KEY}"), 1, "OPENAI_API_KEY"),
        (error(400, "context too long"), 1, "RAG_CONTEXT_TOKENS"),
        (error(404, "no such model"), 1, "OPENAI_MODEL"),
        (Reply(200, "<html>maintenance</html>", "text/html"), 1, "OpenAI-compatible"),
        (Reply(200, "{not json"), 1, "OpenAI-compatible"),
        (Reply(502, "<html>bad gateway</html>", "text/html"), 3, "HTTP 502"),
    ],
)
def test_stub_errors_are_retried_only_when_retryable(waits, reply, requests, needle):
    with StubServer(reply) as stub:
        with pytest.raises(BackendError) as e:
            llm.generate("新建学校几所？", ROWS, _stub_settings(stub.url, llm_retries=2))
        assert stub.requests == requests  # the client's own retries are off: one request per attempt
    msg = str(e.value)
    assert stub.url in msg and f"after {requests} attempt" in msg and needle in msg and KEY not in msg
    assert waits == [0.5, 1.0][: requests - 1]


def test_stub_recovers_after_retryable_failures(waits):
    with StubServer(error(503), error(429), completion("新建学校3所[1]，整治小区12个[2]。")) as stub:
        reply = llm.generate("进展如何？", ROWS, _stub_settings(stub.url, llm_retries=2))
        assert stub.requests == 3 and waits == [0.5, 1.0]
    assert reply.cited == (1, 2) and reply.cited_rows == (ROWS[0], ROWS[1])
    body = stub.bodies[-1]
    assert body["model"] == "stub" and body["temperature"] == 0
    assert body["max_completion_tokens"] == body["max_tokens"] == llm.MAX_TOKENS  # both spellings for local servers
    assert [m["role"] for m in body["messages"]] == ["system", "user"]
    assert "<<<SOURCES\n[1] 《东城区2024年重点任务进展表》 序号1: " in body["messages"][1]["content"]
    assert "[3] 《西城区2024年政府工作报告》 第4段: " in body["messages"][1]["content"]


def test_stub_retry_after_header_sets_the_wait(waits):
    with StubServer(error(429, headers={"Retry-After": "3"}), error(503, headers={"retry-after-ms": "1500"}),
                    completion("新建学校3所[1]。")) as stub:
        reply = llm.generate("学校？", ROWS, _stub_settings(stub.url, llm_retries=2))
        assert stub.requests == 3
    assert waits == [3.0, 1.5] and reply.cited == (1,)


def test_stub_retry_after_beyond_the_limit_is_not_waited_out(waits):
    with StubServer(error(429, headers={"Retry-After": "3600"})) as stub:
        with pytest.raises(BackendError, match=r"after 1 attempt.*asked to wait 3600 s"):
            llm.generate("学校？", ROWS, _stub_settings(stub.url, llm_retries=2))
        assert stub.requests == 1 and waits == []


def test_stub_timeouts_are_retried_and_bounded(waits):
    with StubServer(Reply(200, "", delay_s=3.0)) as stub:
        t0 = time.monotonic()
        with pytest.raises(BackendError, match="Timeout"):
            llm.generate("q", ROWS, _stub_settings(stub.url, llm_timeout_s=0.3, llm_retries=1))
        elapsed = time.monotonic() - t0
        assert stub.requests == 2 and waits == [0.5]
    assert elapsed < 2.5


def test_stub_stream_is_retried_before_the_first_delta(waits):
    with StubServer(error(500)) as stub:
        s = llm.stream("q", ROWS, _stub_settings(stub.url, llm_retries=2))
        with pytest.raises(BackendError, match="after 3 attempt"):
            list(s)
        assert stub.requests == 3 and s.text == ""


def test_wrong_port_fails_after_bounded_retries_with_real_backoff(monkeypatch):
    slept: list[float] = []

    def sleep(s: float) -> None:
        slept.append(s)
        time.sleep(s)

    monkeypatch.setattr(llm, "_sleep", sleep)
    url = f"http://127.0.0.1:{free_port()}/v1"  # nothing listens there
    t0 = time.monotonic()
    with pytest.raises(BackendError) as e:
        llm.generate("q", ROWS, _stub_settings(url, llm_retries=2))
    elapsed = time.monotonic() - t0
    assert slept == [0.5, 1.0] and 1.5 <= elapsed < 6
    assert url in str(e.value) and "after 3 attempt" in str(e.value) and "server is running" in str(e.value)
    assert KEY not in str(e.value)


# --- llama.cpp's OpenAI-compatible server with a real model ---------------------------------------




def _llama(url: str) -> tuple[Settings, llm.Model]:
    """Settings for the llama server, and its ChatOpenAI with short replies: a 270M model on a
    small CPU runs at tens of tokens a second, and these tests check the wiring, not the prose."""
    settings = Settings.from_env(
        {}, openai_base_url=url, openai_model=MODEL_ALIAS, llm_timeout_s=120.0, llm_retries=1, context_tokens=800
    )
    return settings, llm.chat_model(settings, max_tokens=LLAMA_MAX_TOKENS)


@pytest.mark.llm_server
@pytest.mark.integration
def test_llama_generate_returns_a_reply(llama_url):
    settings, model = _llama(llama_url)
    reply = llm.generate("东城区新建改扩建了几所中小学校？", ROWS, settings, model=model)
    assert reply.text.strip() and reply.sources == tuple(ROWS)
    assert all(1 <= n <= len(ROWS) for n in reply.cited)
    assert reply.cited_rows == tuple(ROWS[n - 1] for n in reply.cited)  # [n] maps back to the n-th source
    assert set(reply.cited).isdisjoint(reply.bad_refs)


@pytest.mark.llm_server
@pytest.mark.integration
def test_llama_stream_yields_deltas(llama_url):
    settings, model = _llama(llama_url)
    s = llm.stream("东城区老旧小区整治进展如何？", ROWS, settings, [("学校？", "新建3所[1]。")], model=model)
    deltas = list(s)
    assert len(deltas) >= 2 and all(isinstance(d, str) for d in deltas)
    reply = s.reply()
    assert reply.text == "".join(deltas).strip() and reply.text
    assert reply.sources == tuple(ROWS)


@pytest.mark.llm_server
@pytest.mark.integration
def test_llama_status_review_is_validated_or_refused(llama_url):
    settings, model = _llama(llama_url)
    try:
        out = llm.review_status(ROWS[1].text, settings, model=model)
    except BackendError as e:  # a 270M model may not follow the JSON format: refused, not guessed
        assert "no valid status JSON" in str(e)
    else:
        assert out["status"] in ("done", "on_track", "behind", "unknown") and out["reason"]
