"""End to end in a real browser: `streamlit run app.py` + headless Debian Chromium over CDP. Asks a
question in the chat input, waits for the answer's citation chips, opens one, takes a screenshot."""

from __future__ import annotations

import importlib.util
import sys
import time
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
            chrome.wait_for("document.body.innerText.includes('[1] 钱塘')", 90)  # a citation chip
            chrome.idle()
            assert "4.2%" in chrome.text()
            assert chrome.click_text("button", "[1] 钱塘")
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


ENGLISH = ("Deploy", "Choose options", "Select all", "Upload", "20MB per file", "full year")  # issue K
PAGES = (("问答", "余杭区实际利用外资"), ("进度看板", "下载 CSV"), ("摘要", "生成摘要"), ("资料库", "上传报告"))


def _english(chrome: Chrome) -> list[str]:
    text = chrome.text()
    return [w for w in ENGLISH if w in text]


def test_page_in_browser_is_chinese_pinned_and_filters_by_chart(tmp_path):
    """Issue K in a real browser: no English UI strings on any page, citation chips with short Chinese
    names and the file name on hover, the chat input pinned below the conversation, a status list
    that says what it left out, a click on a bar filtering the dashboard table, summary sources folded."""
    from screenshots import CHIPS, bar_center

    env = copy_data(tmp_path)
    log = tmp_path / "streamlit.log"
    with streamlit_server(env, log) as url:
        chrome = Chrome()
        try:
            chrome.goto(url)
            chrome.wait_for("document.body.innerText.includes('进度看板')", 90)
            chrome.idle(90)
            for name, ready in PAGES:
                chrome.page(name, ready)
                assert not _english(chrome), (name, _english(chrome))
            chrome.page("问答", "余杭区实际利用外资")
            chrome.ask("钱塘哪些目标滞后？")
            chrome.wait_for("document.body.innerText.includes('无法判断（缺少可比数据）')", 90)
            chrome.idle()
            labels = chrome.js(f"{CHIPS}.map(b => b.innerText)")
            assert labels and labels[0].startswith("[1] 钱塘2023三季度 · 序号"), labels
            box = chrome.rect(f"{CHIPS}[0]")
            chrome.hover(box["x"] + box["w"] / 2, box["y"] + box["h"] / 2)
            tip = chrome.wait_for("(() => { const t = document.querySelector('[data-testid=stTooltipContent]');"
                                  " return t && t.innerText; })()", 15)
            assert "000_89436030b738289b.txt" in tip
            chrome.js("window.scrollTo(0, 0)")
            time.sleep(0.5)
            chat = chrome.rect("document.querySelector('[data-testid=stChatInput]')")
            last = chrome.rect("[...document.querySelectorAll('[data-testid=stChatMessage]')].pop()")
            height = chrome.js("window.innerHeight")
            assert chat["y"] + chat["h"] <= height + 1 and chat["y"] > height - 200  # pinned at the bottom
            assert chat["y"] > last["y"]  # below the newest message, not above it
            assert not _english(chrome)
            chrome.page("进度看板", "下载 CSV")
            before = chrome.js("document.body.innerText.match(/共 (\\d+) 行/)[1]")
            chrome.click_at(*bar_center(chrome, 2))
            chrome.wait_for("document.body.innerText.includes('已按图表筛选')", 30)
            chrome.idle()
            after = chrome.js("document.body.innerText.match(/共 (\\d+) 行/)[1]")
            assert int(after) < int(before)
            chrome.page("摘要", "生成摘要")
            chrome.click_text("button", "生成摘要")
            chrome.wait_for("document.body.innerText.includes('下载 DOCX')", 90)
            chrome.idle()
            folded = chrome.js("[...document.querySelectorAll('details')].filter(d => d.innerText.includes('条来源'))"
                               ".map(d => d.open)")
            assert folded == [False], folded
            assert not _english(chrome)
        except Exception:
            print(log.read_text(errors="replace")[-3000:])
            raise
        finally:
            chrome.close()
