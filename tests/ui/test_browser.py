"""End to end in a real browser: `streamlit run app.py` + headless Debian Chromium over CDP. Asks a
question in the chat input, waits for the answer's citation chips, opens one, takes a screenshot; checks
every page (问答, 进度看板, 摘要, 通报, 资料库 as reader and as editor) against the fixed list of English UI
strings; uploads a report whose year is only in a heading, corrects its period in the upload form and asks
about that year."""

from __future__ import annotations

import json
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from screenshots import Chrome, bulletin_of, copy_data, upload  # noqa: E402

from ui.browser import MARKS, session  # noqa: E402
from ui.chinese import english_in  # noqa: E402

pytestmark = MARKS


def test_ask_in_browser_shows_cited_answer(tmp_path):
    env = copy_data(tmp_path)
    with session(env, tmp_path, "", "进度看板") as (chrome, _):
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


PAGES = (("问答", "余杭区实际利用外资"), ("进度看板", "下载 CSV"), ("摘要", "生成摘要"), ("资料库", "只读"))


def _english(chrome: Chrome) -> list[str]:
    return english_in(chrome.text())


def test_page_in_browser_is_chinese_pinned_and_filters_by_chart(tmp_path):
    """Issue K in a real browser: no English UI strings on any page, citation chips with short Chinese
    names and the file name on hover, the chat input pinned below the conversation, a status list
    that says what it left out, a click on a bar filtering the dashboard table, summary sources folded, and
the 通报 of the district picked for the sidebar filter, its period source in Chinese. 资料库 is seen here as
a reader; test_upload_with_year_in_heading_then_correct_period_and_ask sees it as an editor."""
    from screenshots import CHIPS, pick_bar

    env = copy_data(tmp_path)
    with session(env, tmp_path, "", "进度看板") as (chrome, _):
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
        pick_bar(chrome, 2)
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
        # 通报 of 余杭区: its 序时进度 comes from the manifest's period
        assert bulletin_of(chrome, "余杭区")  # sets the sidebar's 区 filter
        chrome.click_text("button", "生成余杭区通报")
        chrome.wait_for("document.body.innerText.includes('期间取自文档清单期间')", 90)
        chrome.idle()
        assert "文档清单期间“2023年全年”" in chrome.text() and not _english(chrome)


PASSWORD = "Browser-Editor-5521"
DOC = "004_d100e50c0866be80.txt"
REPORT = ("政府工作报告\n——2023年3月29日在西湖区第二届人民代表大会第三次会议上\n一、2022年工作回顾\n"
          "过去一年，全区实现地区生产总值1234亿元，同比增长5.1%。\n二、工作安排\n今年预期增长6%左右。\n")


def _small_library(tmp: Path) -> dict[str, str]:
    """The 余杭 table alone, indexed with the hashed fake embedder (fast), and an editor password."""
    from rag.index.build import ingest
    from rag.settings import Settings

    corpus, data = tmp / "corpus", tmp / "data"
    corpus.mkdir()
    root = Path(__file__).resolve().parents[2]
    shutil.copy(root / "corpus" / DOC, corpus / DOC)
    manifest = json.loads((root / "corpus" / "manifest.json").read_text(encoding="utf-8"))
    manifest["documents"] = [d for d in manifest["documents"] if d["file"] == DOC]
    (corpus / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    ingest(Settings.from_env({"RAG_EMBEDDER": "hash"}, corpus_dir=corpus, data_dir=data))
    return {"RAG_EMBEDDER": "hash", "RAG_CORPUS_DIR": str(corpus), "RAG_DATA_DIR": str(data),
            "RAG_EDITOR_PASSWORD": PASSWORD, "TIKTOKEN_CACHE_DIR": str(root / ".rag" / "tiktoken")}


def _ask(chrome: Chrome, question: str, expect: str) -> str:
    """Ask on the 问答 page; the text of the newest answer once it shows `expect` and its citation chips."""
    chrome.ask(question)
    last = "[...document.querySelectorAll('[data-testid=stChatMessage]')].pop().innerText"
    chrome.wait_for(f"(() => {{ const t = {last}; return t.includes({json.dumps(expect)}) && t.includes('[1] '); }})()",
                    90)
    chrome.idle()
    return str(chrome.js(last))


def test_upload_with_year_in_heading_then_correct_period_and_ask(tmp_path):
    """Issue K, item 1 in a real browser: an editor uploads a report whose year is only in a heading
    (一、2022年工作回顾), sees the detected period in the form after the upload, corrects it, and a question
    naming that year is answered from the report; 资料库 as reader and as editor has no English UI string."""
    env = _small_library(tmp_path)
    report = tmp_path / "西湖区报告.txt"
    report.write_text(REPORT, encoding="utf-8")
    with session(env, tmp_path, "?page=资料库", "以编辑身份登录") as (chrome, _):
        assert not _english(chrome)  # 资料库 as a reader
        chrome.type_into("input[type=password]", PASSWORD)
        chrome.click_text("button", "以编辑身份登录")
        chrome.wait_for("document.body.innerText.includes('上传报告')", 60)
        chrome.idle()
        assert not _english(chrome)  # 资料库 as an editor, with the uploader
        upload(chrome, report, "核对新文档的信息", 90)
        period = "input[aria-label='时期']"
        assert chrome.js(f"document.querySelector({json.dumps(period)}).value") == "2022年回顾"  # from the heading
        assert chrome.js("document.querySelector(\"input[aria-label='标题']\").value") == "政府工作报告"
        assert not _english(chrome)
        chrome.type_into(period, "2022年回顾、2023年计划")
        chrome.click_text("button", "保存文档信息")
        chrome.wait_for("document.body.innerText.includes('已保存 西湖区报告.txt 的文档信息')", 90)
        chrome.idle()
        entry = json.loads((Path(env["RAG_CORPUS_DIR"]) / "manifest.json").read_text(encoding="utf-8"))
        assert [d["period"] for d in entry["documents"] if d["file"] == "西湖区报告.txt"] == ["2022年回顾、2023年计划"]
        chrome.click_text("[data-testid=stSidebar] label", "问答")
        chrome.wait_for("!!document.querySelector('[data-testid=stChatInputTextArea]')", 60)
        chrome.idle()
        assert "1234亿元" in _ask(chrome, "西湖区2022年地区生产总值是多少？", "1234亿元")
        assert "6%" in _ask(chrome, "西湖区2023年预期增长多少？", "6%")  # the year the correction added
        assert not _english(chrome)
