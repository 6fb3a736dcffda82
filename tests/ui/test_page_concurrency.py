"""Concurrency through the page's server: `streamlit run app.py` on a private copy of the index, driven by
8 concurrent sessions over Streamlit's own websocket protocol (tests/st_client.py, no browser), each
asking 25 questions -> 200 asks, 0 errors, and every question always renders the same answer.
About 80-90 s of asks here; RAG_PAGE_ASKS_PER_THREAD=N scales it down for a quick run.

Each session presses 「清空对话」 in the same run as every ask, so an answer never depends on what that
session asked before (a short question such as 余杭外资目标完成了吗 is treated as a follow-up otherwise)."""

from __future__ import annotations

import importlib.util
import os
import shutil
import statistics
import sys
import threading
import time
from collections import defaultdict
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from screenshots import streamlit_server  # noqa: E402
from st_client import StreamlitSession  # noqa: E402

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(not (ROOT / ".rag" / "CURRENT").exists(), reason="no index in .rag (run `rag ingest`)"),
    pytest.mark.skipif(importlib.util.find_spec("websockets") is None, reason="the websockets package is missing"),
]

THREADS, ASKS_PER_THREAD = 8, int(os.environ.get("RAG_PAGE_ASKS_PER_THREAD", "25"))  # 8 x 25 = 200 asks
QUESTIONS = ("钱塘区2023年GDP增长多少？", "临安区科投集团负责哪些任务", "余杭外资目标完成了吗", "西湖区2023年固投增长多少")


def _norm(text: str) -> str:
    return "".join(text.split())


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    tmp = tmp_path_factory.mktemp("page_server")
    shutil.copytree(ROOT / ".rag", tmp / "data", ignore=shutil.ignore_patterns("tiktoken"))
    env = {**os.environ, "RAG_DATA_DIR": str(tmp / "data"), "RAG_CORPUS_DIR": str(ROOT / "corpus"),
           "TIKTOKEN_CACHE_DIR": os.environ.get("TIKTOKEN_CACHE_DIR", str(ROOT / ".rag" / "tiktoken"))}
    log = tmp / "streamlit.log"
    with streamlit_server(env, log) as url:
        yield int(url.rstrip("/").rsplit(":", 1)[1])
    text = log.read_text(encoding="utf-8", errors="replace")
    assert "Traceback" not in text, text[-4000:]


@pytest.fixture(scope="module")
def baseline(server: int) -> dict[str, str]:
    """Each question asked once, in its own fresh session: the answers every later ask must match."""
    out = {}
    for q in QUESTIONS:
        with StreamlitSession(server) as s:
            out[q] = s.ask(q)
    return out


def test_one_session_answers_gdp(server, baseline):
    with StreamlitSession(server) as s:
        assert s.session_id
        text = s.ask("钱塘区2023年GDP增长多少？")
    assert "4.2%" in text, text
    assert "〔" in text and "〕" in text, text  # a source tag such as 〔002 第1段〕
    assert _norm(text) == _norm(baseline["钱塘区2023年GDP增长多少？"])


def test_history_is_cleared_between_asks(server, baseline):
    """The same session, asking after another question, still gets the fresh-session answer."""
    with StreamlitSession(server) as s:
        for q in (*QUESTIONS, *QUESTIONS):
            assert _norm(s.ask(q)) == _norm(baseline[q]), q


def test_eight_sessions_two_hundred_asks(server, baseline):
    answers: dict[str, set[str]] = defaultdict(set)
    errors: list[str] = []
    latencies: list[float] = []
    lock = threading.Lock()

    def worker(t: int) -> None:
        try:
            s = StreamlitSession(server)
            s.connect()
        except Exception as e:  # noqa: BLE001 - counted, reported below
            with lock:
                errors.extend([f"thread {t} connect: {type(e).__name__}: {e}"] * ASKS_PER_THREAD)
            return
        try:
            for i in range(ASKS_PER_THREAD):
                q = QUESTIONS[(t + i) % len(QUESTIONS)]
                t0 = time.perf_counter()
                try:
                    text = s.ask(q)
                except Exception as e:  # noqa: BLE001
                    with lock:
                        errors.append(f"thread {t} ask {i} {q}: {type(e).__name__}: {e}")
                    if s.ws is None:
                        return
                    continue
                dt = time.perf_counter() - t0
                with lock:
                    latencies.append(dt)
                    answers[q].add(_norm(text))
        finally:
            s.close()

    start = time.perf_counter()
    with ThreadPoolExecutor(THREADS) as pool:
        list(pool.map(worker, range(THREADS)))
    wall = time.perf_counter() - start
    total = THREADS * ASKS_PER_THREAD
    lat = sorted(latencies)
    if lat:
        p50 = statistics.median(lat)
        p95 = lat[min(len(lat) - 1, int(round(0.95 * len(lat))) - 1)]
        print(f"\n{THREADS} sessions x {ASKS_PER_THREAD} asks = {total} asks through the server: {len(errors)} errors, "
              f"wall {wall:.1f}s, per ask p50 {p50:.2f}s p95 {p95:.2f}s max {lat[-1]:.2f}s")
    assert not errors, f"{len(errors)} errors of {total}: {errors[:5]}"
    assert len(latencies) == total
    inconsistent = {q: len(v) for q, v in answers.items() if len(v) != 1 or v != {_norm(baseline[q])}}
    assert not inconsistent, {q: sorted(answers[q])[:3] + [_norm(baseline[q])] for q in inconsistent}
