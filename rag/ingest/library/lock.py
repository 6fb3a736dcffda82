"""One lock around every library change (upload, metadata edit, remove, restore, rebuild, purge), so two editors
never write the corpus, manifest or index at the same time. An fcntl.flock on <data dir>/library.lock: it is held
per open file, so it serialises threads of one server as well as separate processes (the page and `rag`), and the
kernel drops it when a holder dies. The second editor waits up to `wait_s`, then gets LibraryBusy naming who holds
it since when."""

from __future__ import annotations

import fcntl
import json
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from rag.errors import LibraryBusy

LOCK_FILE = "library.lock"
WAIT_S = 60.0  # a page edit re-indexes in seconds with the embedding cache; a minute covers a new large report
_POLL_S = 0.05  # how often a waiting editor retries the lock


def _holder(fd: int) -> str:
    try:
        info = json.loads(os.pread(fd, 4096, 0).decode("utf-8") or "{}")
        return f"{info.get('actor', '?')}（{info.get('action', '?')}，{info.get('since', '?')} 起）"
    except (OSError, ValueError):
        return "另一位编辑"


@contextmanager
def library_lock(data_dir: Path, actor: str, action: str, wait_s: float = WAIT_S) -> Iterator[float]:
    """Hold the library lock for one change; yields the seconds spent waiting for it."""
    data_dir.mkdir(parents=True, exist_ok=True)
    fd = os.open(data_dir / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        t0 = time.monotonic()
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() - t0 >= wait_s:
                    raise LibraryBusy(
                        f"资料库正被 {_holder(fd)} 修改，等待 {wait_s:.0f} 秒仍未结束 — 请稍后再试"
                    ) from None
                time.sleep(_POLL_S)
        waited = time.monotonic() - t0
        since = time.strftime("%Y-%m-%d %H:%M:%S")
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps({"actor": actor, "action": action, "since": since}, ensure_ascii=False).encode(), 0)
        try:
            yield waited
        finally:
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
