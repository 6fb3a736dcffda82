"""The trash: <data dir>/trash/<id>/ holds a removed (or replaced) corpus file, unchanged, beside item.json with
its manifest entry, who removed it, when and why. Restoring moves both back; purging deletes items older than an
age. Ids sort by time, so the newest copy of a name is the last one."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from rag.errors import ConfigError, CorpusError

TRASH_DIR = "trash"
ITEM_FILE = "item.json"
_AGE = re.compile(r"^\s*(\d+)\s*([dhw]?)\s*$")
_AGE_S = {"": 86400, "d": 86400, "h": 3600, "w": 7 * 86400}


@dataclass(frozen=True)
class TrashItem:
    id: str
    file: str
    sha256: str
    removed_at: float  # epoch seconds
    actor: str
    reason: str  # "remove" or "replace"
    manifest: dict[str, Any] = field(default_factory=dict)  # the file's manifest entry, {} when it had none

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @property
    def when(self) -> str:
        return time.strftime("%Y-%m-%d %H:%M", time.localtime(self.removed_at))


def sha256_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def trash_dir(data_dir: Path) -> Path:
    return data_dir / TRASH_DIR


def move_to_trash(data_dir: Path, path: Path, manifest: dict[str, Any], actor: str, reason: str) -> TrashItem:
    """Move a corpus file into a new trash item (a rename when the trash is on the same disk)."""
    digest = sha256_file(path)
    now = time.time()
    item_id = f"{time.strftime('%Y%m%dT%H%M%S', time.localtime(now))}-{int(now * 1e6) % 10**6:06d}-{digest[:8]}"
    folder = trash_dir(data_dir) / item_id
    folder.mkdir(parents=True)
    item = TrashItem(id=item_id, file=path.name, sha256=digest, removed_at=now, actor=actor, reason=reason,
                     manifest=dict(manifest))
    (folder / ITEM_FILE).write_text(json.dumps(item.to_json(), ensure_ascii=False, indent=1), encoding="utf-8")
    shutil.move(str(path), str(folder / path.name))
    return item


def list_trash(data_dir: Path) -> list[TrashItem]:
    """Every item, oldest first; a folder without a readable item.json is skipped."""
    root = trash_dir(data_dir)
    out = []
    for folder in sorted(root.iterdir()) if root.is_dir() else []:
        try:
            item = TrashItem(**json.loads((folder / ITEM_FILE).read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError):
            continue
        if (folder / item.file).is_file():
            out.append(item)
    return out


def find(data_dir: Path, name: str) -> TrashItem:
    """The newest item whose file name (or id) is `name`."""
    items = [i for i in list_trash(data_dir) if name in (i.file, i.id)]
    if not items:
        have = sorted({i.file for i in list_trash(data_dir)})
        raise CorpusError(f"回收站里没有 {name!r} — 现有：{'、'.join(have) or '（空）'}（`rag library trash` 列出）")
    return items[-1]


def take_out(data_dir: Path, item: TrashItem, target: Path) -> None:
    """Move the item's file to `target` (a rename) and drop the emptied item."""
    folder = trash_dir(data_dir) / item.id
    shutil.move(str(folder / item.file), str(target))
    shutil.rmtree(folder, ignore_errors=True)


def parse_age(text: str) -> float:
    """'30d' / '12h' / '2w' / '30' (days) -> seconds."""
    m = _AGE.match(text or "")
    if not m:
        raise ConfigError(f"--older-than {text!r} is not an age — write it like 30d, 12h or 2w")
    return int(m.group(1)) * _AGE_S[m.group(2)]


def purge(data_dir: Path, older_than_s: float, now: float | None = None) -> list[TrashItem]:
    """Delete for good the items removed more than `older_than_s` ago; returns them."""
    cutoff = (time.time() if now is None else now) - older_than_s
    gone = [i for i in list_trash(data_dir) if i.removed_at < cutoff]
    for item in gone:
        shutil.rmtree(trash_dir(data_dir) / item.id)
    return gone
