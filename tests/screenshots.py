"""A minimal Chrome DevTools Protocol driver for the browser test, and a script that saves
screenshots of the four pages into docs/screenshots/ (`.venv/bin/python tests/screenshots.py`).

Stdlib + the `websockets` package (already installed with Streamlit's dependencies); drives Debian's
/usr/bin/chromium headless against `streamlit run app.py` on a free loopback port."""

from __future__ import annotations

import base64
import contextlib
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def have_chromium() -> bool:
    return Path(CHROMIUM).exists() and os.access(CHROMIUM, os.X_OK)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_http(url: str, timeout: float) -> None:
    end = time.time() + timeout
    while time.time() < end:
        try:
            with urllib.request.urlopen(url, timeout=2) as r:  # noqa: S310 - loopback only
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"{url} did not answer within {timeout:.0f}s")


@contextlib.contextmanager
def streamlit_server(env: dict[str, str], log: Path) -> Iterator[str]:
    """`streamlit run app.py` on a free loopback port; yields its URL."""
    port = free_port()
    cmd = [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.headless", "true",
           "--server.port", str(port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false"]
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, cwd=ROOT, env={**os.environ, **env}, stdout=out, stderr=subprocess.STDOUT)
        try:
            _wait_http(f"http://127.0.0.1:{port}/_stcore/health", 90)
            yield f"http://127.0.0.1:{port}/"
        finally:
            proc.terminate()
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()


class Chrome:
    """Headless Chromium with one page, driven over CDP."""

    def __init__(self, width: int = 1400, height: int = 1500) -> None:
        from websockets.sync.client import connect

        self._stack = contextlib.ExitStack()
        self.profile = Path(tempfile.mkdtemp(prefix="cdp-"))
        self.proc = subprocess.Popen(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-dev-shm-usage", "--no-first-run", "--remote-allow-origins=*", "--remote-debugging-port=0",
             f"--user-data-dir={self.profile}", f"--window-size={width},{height}", "--lang=zh-CN", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        port_file = self.profile / "DevToolsActivePort"
        end = time.time() + 30
        while not port_file.exists() or not port_file.read_text().strip():
            if time.time() > end or self.proc.poll() is not None:
                self.close()
                raise RuntimeError("chromium did not start (no DevToolsActivePort)")
            time.sleep(0.1)
        port = int(port_file.read_text().split()[0])
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=5) as r:  # noqa: S310
            pages = [t for t in json.load(r) if t.get("type") == "page"]
        self.ws = self._stack.enter_context(connect(pages[0]["webSocketDebuggerUrl"], max_size=None, open_timeout=10))
        self._id = 0
        self.send("Page.enable")
        self.send("Runtime.enable")
        self.send("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})

    def send(self, method: str, params: dict[str, Any] | None = None, timeout: float = 60) -> dict[str, Any]:
        self._id += 1
        self.ws.send(json.dumps({"id": self._id, "method": method, "params": params or {}}))
        end = time.time() + timeout
        while True:
            msg = json.loads(self.ws.recv(timeout=max(0.1, end - time.time())))
            if msg.get("id") == self._id:
                if "error" in msg:
                    raise RuntimeError(f"{method}: {msg['error']}")
                return dict(msg.get("result", {}))

    def js(self, expression: str) -> Any:
        res = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True, "awaitPromise": True})
        return res.get("result", {}).get("value")

    def goto(self, url: str) -> None:
        self.send("Page.navigate", {"url": url})

    def wait_for(self, expression: str, timeout: float = 60) -> Any:
        end = time.time() + timeout
        while time.time() < end:
            val = self.js(expression)
            if val:
                return val
            time.sleep(0.3)
        raise TimeoutError(f"timed out waiting for: {expression}")

    def text(self) -> str:
        return str(self.js("document.body ? document.body.innerText : ''") or "")

    def click_text(self, selector: str, text: str) -> bool:
        return bool(self.js(
            f"(() => {{ const el = [...document.querySelectorAll({json.dumps(selector)})]"
            f".find(e => e.innerText.includes({json.dumps(text)})); if (el) el.click(); return !!el; }})()"))

    def ask(self, question: str) -> None:
        """Type into Streamlit's chat input and press Enter."""
        self.wait_for("!!document.querySelector('[data-testid=stChatInputTextArea]')")
        self.js("document.querySelector('[data-testid=stChatInputTextArea]').focus()")
        self.send("Input.insertText", {"text": question})
        time.sleep(0.3)
        for kind in ("keyDown", "keyUp"):
            self.send("Input.dispatchKeyEvent", {"type": kind, "key": "Enter", "code": "Enter",
                                                 "windowsVirtualKeyCode": 13, "text": "\r" if kind == "keyDown" else ""})

    def choose(self, label: str, option: str, timeout: float = 30) -> None:
        """Pick the option containing `option` in the selectbox labelled `label` (typed to filter, then clicked;
        typed again if the list did not open, e.g. while the page was still rerunning)."""
        sel = json.dumps(f"input[role=combobox][aria-label='{label}']", ensure_ascii=False)
        opts = f"[...document.querySelectorAll('[role=option]')].find(o => o.innerText.includes({json.dumps(option)}))"
        for _ in range(3):
            self.idle()
            self.wait_for(f"!!document.querySelector({sel}) && !document.querySelector({sel}).disabled", timeout)
            self.js(f"(() => {{ const e = document.querySelector({sel}); e.focus(); e.select(); e.click(); }})()")
            self.send("Input.insertText", {"text": option})
            try:
                self.wait_for(f"!!{opts}", timeout / 3)
                break
            except TimeoutError:
                self.send("Input.dispatchKeyEvent", {"type": "keyDown", "key": "Escape", "code": "Escape"})
        self.js(f"{opts}.click()")
        self.idle()

    def type_into(self, selector: str, text: str) -> None:
        """Replace the text of the input `selector` names, as typing would (React sees the input events)."""
        self.wait_for(f"!!document.querySelector({json.dumps(selector)})")
        self.js(f"(() => {{ const e = document.querySelector({json.dumps(selector)}); e.focus(); e.select(); }})()")
        self.send("Input.insertText", {"text": text})
        time.sleep(0.3)

    def set_files(self, selector: str, *paths: Path) -> None:
        """Choose files in the file input `selector` names, as the file dialog would."""
        self.wait_for(f"!!document.querySelector({json.dumps(selector)})")
        root = self.send("DOM.getDocument", {"depth": -1, "pierce": True})["root"]["nodeId"]
        node = self.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
        if not node:
            raise RuntimeError(f"no element matches {selector}")
        self.send("DOM.setFileInputFiles", {"nodeId": node, "files": [str(p) for p in paths]})

    def click_at(self, x: float, y: float) -> None:
        for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
            self.send("Input.dispatchMouseEvent", {"type": kind, "x": x, "y": y, "button": "left", "clickCount": 1})

    def hover(self, x: float, y: float) -> None:
        self.send("Input.dispatchMouseEvent", {"type": "mouseMoved", "x": x, "y": y})

    def rect(self, expression: str) -> dict[str, float] | None:
        """The bounding box of the element `expression` evaluates to (None when there is none)."""
        return self.js(f"(() => {{ const e = {expression}; if (!e) return null; const r = e.getBoundingClientRect();"
                       " return {x: r.x, y: r.y, w: r.width, h: r.height}; })()")

    def page(self, name: str, ready: str, timeout: float = 60) -> None:
        """Switch page with the sidebar's page switch and wait for a text of that page."""
        self.click_text("[data-testid=stSidebar] label", name)
        self.wait_for(f"document.body.innerText.includes({json.dumps(ready)})", timeout)
        self.idle()

    def idle(self, timeout: float = 60) -> None:
        """Wait until Streamlit has finished running the script (no 'Running' status widget)."""
        time.sleep(0.5)
        self.wait_for("!document.querySelector('[data-testid=stStatusWidget]')", timeout)

    def screenshot(self, path: Path) -> Path:
        data = self.send("Page.captureScreenshot", {"format": "png"})["data"]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(data))
        return path

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self._stack.close()
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        shutil.rmtree(self.profile, ignore_errors=True)


def copy_data(tmp: Path) -> dict[str, str]:
    """A private copy of the project's corpus and index, so the server never touches the real one."""
    shutil.copytree(ROOT / "corpus", tmp / "corpus")
    shutil.copytree(ROOT / ".rag", tmp / "data", ignore=shutil.ignore_patterns("tiktoken"))
    return {"RAG_CORPUS_DIR": str(tmp / "corpus"), "RAG_DATA_DIR": str(tmp / "data"),
            "TIKTOKEN_CACHE_DIR": str(ROOT / ".rag" / "tiktoken")}


CHIPS = "[...document.querySelectorAll('button')].filter(b => /^\\[1\\] /.test(b.innerText))"  # first chips


def pick_bar(chrome: Chrome, nth: int = 0, tries: int = 4) -> None:
    """Click the nth bar of the 各区进度 chart until the page says it filtered by it. Vega re-embeds the chart
    when the script reruns, so a click that lands while it is redrawing is lost; the chart is scrolled into
    view, the position measured afresh and the click repeated (a user clicks again too)."""
    chrome.idle()
    chrome.js("(() => { const c = document.querySelector('[class*=st-key-d_chart]'); "
              "if (c) c.scrollIntoView({block: 'center'}); })()")
    for attempt in range(tries):
        time.sleep(0.5)
        chrome.click_at(*bar_center(chrome, nth))
        try:
            chrome.wait_for("document.body.innerText.includes('已按图表筛选')", 10)
            return
        except TimeoutError:
            chrome.idle()  # a slow rerun may still bring the filter: never click a picked bar again (it unpicks)
            if chrome.js("document.body.innerText.includes('已按图表筛选')"):
                return
            if attempt == tries - 1:
                raise


def bar_center(chrome: Chrome, nth: int = 0) -> tuple[float, float]:
    """The centre of the nth bar segment of the 各区进度 chart (Vega draws them as SVG paths)."""
    r = chrome.wait_for(f"(() => {{ const p = [...document.querySelectorAll('[class*=st-key-d_chart] svg path[role=graphics-symbol]')]"
                        f".filter(e => e.getBoundingClientRect().height > 8)[{nth}]; if (!p) return null;"
                        " const r = p.getBoundingClientRect(); return {x: r.x + r.width / 2, y: r.y + r.height / 2}; })()")
    return float(r["x"]), float(r["y"])


def upload(chrome: Chrome, path: Path, done: str, timeout: float) -> None:
    """As the editor on 资料库: put `path` in the uploader, add it, and wait until the page says `done`."""
    chrome.set_files("[data-testid=stFileUploaderDropzoneInput]", path)
    chrome.wait_for("document.body.innerText.includes('添加到资料库并重建索引')", 30)
    chrome.idle()
    chrome.click_text("button", "添加到资料库并重建索引")
    chrome.wait_for(f"document.body.innerText.includes({json.dumps(done)})", timeout)
    chrome.idle()


def bulletin_of(chrome: Chrome, district: str) -> bool:
    """On 摘要: open the 通报 tab and pick `district` (which sets the sidebar's 区 filter); False when its button
    was not there."""
    chrome.click_text("[data-testid=stMainBlockContainer] label", "通报")
    chrome.wait_for("document.body.innerText.includes('通报按区生成')", 30)
    chrome.idle()
    picked = chrome.click_text("button", district)
    chrome.wait_for(f"document.body.innerText.includes({json.dumps('生成' + district + '通报')})", 30)
    chrome.idle()
    return bool(picked)


def _shoot_qa(chrome: Chrome, out: Path) -> None:
    chrome.ask("余杭区实际利用外资完成了吗？")
    chrome.wait_for(f"{CHIPS}.length >= 1", 90)
    chrome.idle()
    chrome.ask("钱塘区2023年GDP增长多少？")
    chrome.wait_for(f"{CHIPS}.length >= 2 && document.body.innerText.includes('4.2%')", 90)
    chrome.idle()
    chrome.js(f"{CHIPS}.pop().click()")
    chrome.wait_for("[...document.querySelectorAll('.rag-source')].some(e => e.innerHTML.includes("
                    "'<mark>4.2%</mark>'))", 30)
    time.sleep(1)
    print(chrome.screenshot(out / "qa.png"))
    chrome.ask("钱塘哪些目标滞后？")
    chrome.wait_for("document.body.innerText.includes('无法判断（缺少可比数据）')", 90)
    chrome.idle()
    chrome.click_text("[data-testid=stExpander] summary", "无法判断")
    time.sleep(1.5)
    print(chrome.screenshot(out / "qa_status.png"))


def _shoot_dashboard(chrome: Chrome, out: Path) -> None:
    chrome.page("进度看板", "下载 CSV")
    time.sleep(1.5)
    print(chrome.screenshot(out / "dashboard.png"))
    pick_bar(chrome, 2)
    chrome.idle()
    time.sleep(1.5)
    print(chrome.screenshot(out / "dashboard_filtered.png"))


def _shoot_summary(chrome: Chrome, out: Path) -> None:
    chrome.page("摘要", "生成摘要")
    chrome.click_text("button", "生成摘要")
    chrome.wait_for("document.body.innerText.includes('下载 DOCX')", 90)
    chrome.idle()
    time.sleep(1.5)
    print(chrome.screenshot(out / "summary.png"))
    chrome.js("[...document.querySelectorAll('h4')].find(h => h.innerText.includes('核验提示') ||"
              " h.innerText.includes('来源')).scrollIntoView()")
    time.sleep(1)
    print(chrome.screenshot(out / "summary_sources.png"))


def _shoot_bulletin(chrome: Chrome, out: Path) -> None:
    """The 通报 of 余杭区, picked on the page (which sets the sidebar's 区 filter)."""
    chrome.page("摘要", "生成摘要")
    bulletin_of(chrome, "余杭区")
    chrome.click_text("button", "生成余杭区通报")
    chrome.wait_for("document.body.innerText.includes('期间取自')", 90)
    chrome.idle()
    time.sleep(1.5)
    print(chrome.screenshot(out / "bulletin.png"))


SAMPLE_REPORT = ("西湖区政府工作报告\n——2023年3月29日在西湖区第二届人民代表大会第三次会议上\n一、2022年工作回顾\n"
                 "过去一年，全区实现地区生产总值1234亿元，同比增长5.1%。\n二、工作安排\n今年预期增长6%左右。\n")


def _shoot_library(chrome: Chrome, out: Path) -> None:
    """资料库 as a reader, then as an editor right after an upload (the form to check what was detected)."""
    chrome.page("资料库", "以编辑身份登录")
    time.sleep(1.5)
    print(chrome.screenshot(out / "library.png"))
    chrome.type_into("input[type=password]", EDITOR_PASSWORD)
    chrome.click_text("button", "以编辑身份登录")
    chrome.wait_for("document.body.innerText.includes('上传报告')", 60)
    chrome.idle()
    sample = chrome.profile / "西湖区报告.txt"
    sample.write_text(SAMPLE_REPORT, encoding="utf-8")
    upload(chrome, sample, "核对新文档的信息", 300)
    chrome.js("[...document.querySelectorAll('h2, h3')].find(h => h.innerText.includes('上传报告')).scrollIntoView()")
    time.sleep(1.5)
    print(chrome.screenshot(out / "library_upload.png"))


def _shoot_filtered_chat(chrome: Chrome, out: Path) -> None:
    """Issue Q: chat with the sidebar's 区 set to 钱塘区: a question naming 余杭 is answered for 余杭 (and says the
    filter was set aside); one naming no place says "按筛选：钱塘区" with a button that clears it."""
    chrome.page("问答", "余杭区实际利用外资")
    chrome.click_text("button", "清空对话")
    chrome.idle()
    chrome.choose("区", "钱塘区")
    chrome.ask("余杭5G基站去年建了多少个？")
    chrome.wait_for("document.body.innerText.includes('未按侧栏筛选')", 90)
    chrome.idle()
    chrome.ask("实际利用外资完成了多少？")
    chrome.wait_for("document.body.innerText.includes('按筛选：钱塘区')", 90)
    chrome.idle()
    time.sleep(1.5)
    print(chrome.screenshot(out / "qa_filter.png"))
    chrome.click_text("button", "清除筛选")
    chrome.idle()


def _shoot_behind_list(chrome: Chrome, out: Path) -> None:
    """Issue Q: the rows behind schedule, grouped by district and numbered, units named with their district."""
    chrome.page("问答", "余杭区实际利用外资")
    chrome.click_text("button", "清空对话")
    chrome.idle()
    chrome.ask("哪些目标滞后？")
    chrome.wait_for("document.body.innerText.includes('按区分组')", 90)
    chrome.idle()
    time.sleep(1.5)  # Streamlit keeps the chat scrolled to its end; then show the list's start
    chrome.js("[...[...document.querySelectorAll('[data-testid=stChatMessage]')].pop().querySelectorAll('p')]"
              ".find(p => p.innerText.includes('按区分组')).scrollIntoView({block: 'start'})")
    time.sleep(1)
    print(chrome.screenshot(out / "qa_behind_grouped.png"))


def _shoot_pdf_upload(chrome: Chrome, out: Path) -> None:
    """Issue Q: the upload form right after a PDF upload, its title, place and period read from the PDF's text."""
    sys.path.insert(0, str(ROOT / "tests"))
    from docmake import prose_pdf

    chrome.page("资料库", "上传报告")
    pdf = chrome.profile / "qinghe_2024h1.pdf"
    pdf.write_bytes(prose_pdf("清河区2024年上半年政府工作报告重点工作进展情况",
                              ["一、2024年上半年工作进展", "上半年，清河区新增5G基站88个，同比增长12%。",
                               "二、下半年工作安排", "全力推进数字经济发展。"]))
    upload(chrome, pdf, "核对新文档的信息：清河", 300)
    chrome.js("[...document.querySelectorAll('h2, h3')].find(h => h.innerText.includes('上传报告')).scrollIntoView()")
    time.sleep(1.5)
    print(chrome.screenshot(out / "library_upload_pdf.png"))


SHOTS = {"qa": _shoot_qa, "dashboard": _shoot_dashboard, "summary": _shoot_summary, "bulletin": _shoot_bulletin,
         "library": _shoot_library, "filter": _shoot_filtered_chat, "behind": _shoot_behind_list,
         "pdf": _shoot_pdf_upload}
EDITOR_PASSWORD = "screenshot-editor"  # the private copy's editor password, for the library shots


def main(names: list[str]) -> None:
    """`python tests/screenshots.py [qa dashboard summary bulletin library filter behind pdf]`: those pages
    (default all),
    in that order (the 通报 shot sets the sidebar's 区 filter, so the filtered pages come first)."""
    out = ROOT / "docs" / "screenshots"
    unknown = set(names) - set(SHOTS)
    if unknown:
        raise SystemExit(f"unknown screenshot {sorted(unknown)}: choose from {' '.join(SHOTS)}")
    with tempfile.TemporaryDirectory() as tmp:
        env = {**copy_data(Path(tmp)), "RAG_EDITOR_PASSWORD": EDITOR_PASSWORD}
        with streamlit_server(env, Path(tmp) / "streamlit.log") as url:
            chrome = Chrome()
            try:
                chrome.goto(url)
                chrome.wait_for("document.body.innerText.includes('问答')", 90)
                chrome.idle(90)
                for name, shoot in SHOTS.items():
                    if name in names or not names:
                        shoot(chrome, out)
            finally:
                chrome.close()


if __name__ == "__main__":
    main(sys.argv[1:])
