"""End to end in a real browser: `streamlit run app.py` + headless Debian Chromium over CDP. Asks a
question in the chat input, waits for the answer's citation chips, opens one, takes a screenshot."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from screenshots import Chrome, copy_data, have_chromium, streamlit_server  # noqa: E402

pytestmark = [
    pytest.mark.browser,
    pytest.mark.integration,
    pytest.mark.skipif(not have_chromium(), reason="chromium not installed (run `make install-browser`)"),
    pytest.mark.skipif(importlib.util.find_spec("websockets") is None, reason="the websockets package is missing"),
]


def test_ask_in_browser_shows_cited_answer(tmp_path):
    env = copy_data(tmp_path)
    log = tmp_path / "streamlit.log"
    with streamlit_server(env, log) as url:
        chrome = Chrome()
        try:
            chrome.goto(url)
            chrome.wait_for("document.body.innerText.includes('进度看板')", 90)
            chrome.idle(90)
            chrome.ask("钱塘区2023年GDP增长多少？")
            chrome.wait_for("document.body.innerText.includes('[1] 0')", 90)  # a citation chip
            assert "4.2%" in chrome.text()
            assert chrome.click_text("button", "[1] 0")
            html = chrome.wait_for("document.querySelector('.rag-source') && "
                                   "document.querySelector('.rag-source').innerHTML", 30)
            assert "<mark>4.2%</mark>" in html
            assert "时期" in chrome.text()
            shot = chrome.screenshot(tmp_path / "qa.png")
            assert shot.stat().st_size > 10_000
        except Exception:
            print(log.read_text(errors="replace")[-3000:])
            raise
        finally:
            chrome.close()
