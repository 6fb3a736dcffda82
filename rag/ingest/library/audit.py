"""The audit log: one JSON line per library change in <data dir>/audit.jsonl — time, actor, action, file, sha256,
rows before and after, and a short detail. Append-only: the file is only ever opened with O_APPEND and each entry is
written with one write() call, so earlier lines are never rewritten. Nothing secret goes in (the actor of a password
login is "password editor" plus a session id)."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

AUDIT_FILE = "audit.jsonl"
ACTIONS = ("upload", "replace", "edit", "remove", "restore", "rebuild", "purge", "login_failed")


@dataclass(frozen=True)
class AuditEntry:
    time: str
    actor: str
    action: str
    file: str = ""
    sha256: str = ""
    rows_before: int | None = None
    rows_after: int | None = None
    detail: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def now_iso() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


def append(data_dir: Path, entry: AuditEntry) -> None:
    """Add one line to the log (never rewrites what is there)."""
    if entry.action not in ACTIONS:
        raise ValueError(f"unknown audit action {entry.action!r}: one of {', '.join(ACTIONS)}")
    data_dir.mkdir(parents=True, exist_ok=True)
    line = (json.dumps(entry.to_json(), ensure_ascii=False) + "\n").encode("utf-8")
    fd = os.open(data_dir / AUDIT_FILE, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        os.write(fd, line)
        os.fsync(fd)
    finally:
        os.close(fd)


def read(data_dir: Path, last: int | None = None) -> list[AuditEntry]:
    """The log, oldest first (the `last` N entries when given); a damaged line is skipped, not fatal."""
    path = data_dir / AUDIT_FILE
    if not path.exists():
        return []
    out: list[AuditEntry] = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        try:
            out.append(AuditEntry(**json.loads(line)))
        except (ValueError, TypeError):
            continue
    return out[-last:] if last else out
