"""What the browser tests share: their marks, and a headless Chromium on a fresh `streamlit run app.py` that
prints the server's log, the page text and a screenshot when the test fails, and always closes."""

from __future__ import annotations

import contextlib
import importlib.util
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from screenshots import Chrome, have_chromium, streamlit_server

MARKS = [
    pytest.mark.browser,
    pytest.mark.integration,
    pytest.mark.skipif(not have_chromium(), reason="chromium not installed (run `make install-browser`)"),
    pytest.mark.skipif(importlib.util.find_spec("websockets") is None, reason="the websockets package is missing"),
]


@contextlib.contextmanager
def session(env: dict[str, str], tmp_path: Path, path: str | None = None,
            ready: str = "") -> Iterator[tuple[Chrome, str]]:
    """(chrome, server url); with `path`, the page at url + path is open and shows `ready`."""
    log = tmp_path / "streamlit.log"
    with streamlit_server(env, log) as url:
        chrome = Chrome()
        try:
            if path is not None:
                chrome.goto(url + path)
                chrome.wait_for(f"document.body.innerText.includes({json.dumps(ready)})", 90)
                chrome.idle(90)
            yield chrome, url
        except Exception:
            print(log.read_text(errors="replace")[-3000:])
            print(chrome.text()[-3000:])
            chrome.screenshot(tmp_path / "failed.png")
            raise
        finally:
            chrome.close()
