"""The audit log: two JSON lines per library change in <data dir>/audit.jsonl — an "intent" line written before the
change touches anything and an "outcome" line after it (time, actor, action, file, sha256, rows before and after, a
short detail), linked by a change id; a change killed half way leaves its intent without an outcome (`unfinished`).
Append-only: the file is only ever opened with O_APPEND and each entry is written with one write() call, so earlier
lines are never rewritten. It is created 0600 (the owner only; an admin may give a group read access, 0640). The
actor is the editor identity: "password editor" plus a session id, the OIDC e-mail, or cli:<login name of the
process owner> (from the uid, never $USER). Nothing secret goes in."""

from __future__ import annotations

import json
import os
import secrets
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
    phase: str = "outcome"  # intent (written before the change) | outcome (after it)
    change: str = ""  # links the intent and outcome lines of one change

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def new_change_id() -> str:
    return secrets.token_hex(6)


def unfinished(entries: list[AuditEntry]) -> set[str]:
    """Change ids with an intent line and no outcome line (the change was killed or is still running)."""
    done = {e.change for e in entries if e.phase == "outcome"}
    return {e.change for e in entries if e.phase == "intent" and e.change not in done}


def _open_log(path: Path) -> int:
    """The log opened for appending: created 0600; one an older version left readable by others is narrowed to
    0600 (a group may keep read access, 0640, when an admin gives it: chmod 640 and chgrp)."""
    try:
        return os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        fd = os.open(path, os.O_WRONLY | os.O_APPEND)
        mode = os.fstat(fd).st_mode & 0o777
        if mode & 0o077 and mode != 0o640:  # readable beyond the owner (and not an admin's 0640)
            try:
                os.fchmod(fd, 0o600)
            except OSError:
                pass  # not the owner: leave it
        return fd


def now_iso() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


def append(data_dir: Path, entry: AuditEntry) -> None:
    """Add one line to the log (never rewrites what is there)."""
    if entry.action not in ACTIONS:
        raise ValueError(f"unknown audit action {entry.action!r}: one of {', '.join(ACTIONS)}")
    data_dir.mkdir(parents=True, exist_ok=True)
    line = (json.dumps(entry.to_json(), ensure_ascii=False) + "\n").encode("utf-8")
    fd = _open_log(data_dir / AUDIT_FILE)
    try:
        os.write(fd, line)
        os.fsync(fd)
    finally:
        os.close(fd)


def read(data_dir: Path, last: int | None = None, every: bool = False) -> list[AuditEntry]:
    """The log, oldest first (the `last` N entries when given): one line per change, its outcome, or its intent when
    it has none (unfinished); `every` gives the intent lines too. A damaged line is skipped, not fatal."""
    path = data_dir / AUDIT_FILE
    if not path.exists():
        return []
    out: list[AuditEntry] = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        try:
            out.append(AuditEntry(**json.loads(line)))
        except (ValueError, TypeError):
            continue
    if not every:
        open_ = unfinished(out)
        out = [e for e in out if e.phase == "outcome" or e.change in open_]
    return out[-last:] if last else out
