"""Library changes, each one whole: take the library lock, change the corpus (upload, replace, metadata edit,
remove, restore), re-index (rag.index.build.ingest, which re-uses the embedding cache, so a restored document is not
re-embedded), and append one audit line with the rows before and after. The page's editor controls and `rag library`
both call `Library`; nothing here knows about streamlit.

Nothing is lost: a removed document and the old version of a replaced one go to the trash with their manifest entry;
`restore` brings them back (swapping out, into the trash, a current file of the same name)."""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rag.errors import CorpusError
from rag.index.build import IngestReport, Progress, ingest
from rag.ingest.corpus import list_files
from rag.ingest.library import audit, meta, trash
from rag.ingest.library.lock import WAIT_S, library_lock
from rag.ingest.upload import check_upload, save_upload
from rag.settings import Settings


@dataclass(frozen=True)
class Change:
    """What one change did: the audit line written and the ingest that followed."""

    entry: audit.AuditEntry
    report: IngestReport | None = None
    waited_s: float = 0.0  # time spent waiting for another editor's change to finish
    trashed: tuple[str, ...] = field(default_factory=tuple)  # trash ids created by this change


def published_rows(settings: Settings) -> int | None:
    """Rows of the published index (None when there is none yet)."""
    data = settings.data_dir
    try:
        gen = data / (data / "CURRENT").read_text(encoding="utf-8").strip()
        with (gen / "rows.jsonl").open("rb") as f:
            return sum(1 for line in f if line.strip())
    except OSError:
        return None


class Library:
    """One editor's handle on the library. `actor` is what the audit log records (a login, or "password editor"
    plus a session id, or "cli:<user>"); `wait_s` is how long a change waits for another editor's."""

    def __init__(self, settings: Settings, actor: str, wait_s: float = WAIT_S, progress: Progress | None = None):
        if not actor.strip():
            raise ValueError("a library change needs an actor for the audit log")
        self.settings, self.actor, self.wait_s, self.progress = settings, actor, wait_s, progress

    # ------------------------------------------------------------ the changes

    def upload(self, name: str, data: bytes, replace: bool = False) -> Change:
        """Add a report (its detected place/title/period go into the manifest); with `replace`, a current file of
        the same name goes to the trash first and keeps its manifest entry."""
        s = self.settings
        with library_lock(s.data_dir, self.actor, "upload", self.wait_s) as waited:
            before = published_rows(s)
            base = check_upload(s, name, data)
            found = meta.detect(base, data)  # refuses bytes that are not a readable report, before writing
            old = s.corpus_dir / base
            change = self._intent("replace" if replace and old.is_file() else "upload", base, _sha(data), before)
            trashed: tuple[str, ...] = ()
            if replace and old.is_file():
                trashed = (trash.move_to_trash(s.data_dir, old, meta.entry(s.corpus_dir, base), self.actor,
                                               "replace").id,)
            path = save_upload(s, base, data)
            if not meta.entry(s.corpus_dir, path.name):
                meta.set_entry(s.corpus_dir, path.name, {**found.model_dump(), "source": "detected"})
            detail = {"trash": trashed[0]} if trashed else {"detected": found.model_dump()}
            return self._finish("replace" if trashed else "upload", path.name, _sha(data), before, detail,
                                waited, trashed, change=change)

    def edit(self, file: str, fields: dict[str, Any]) -> Change:
        """Set a document's place, title and period in the manifest (validated), then re-index."""
        s = self.settings
        new = meta.checked(fields)
        with library_lock(s.data_dir, self.actor, "edit", self.wait_s) as waited:
            before = published_rows(s)
            path = self._corpus_file(file)
            old = meta.entry(s.corpus_dir, path.name)
            change = self._intent("edit", path.name, trash.sha256_file(path), before)
            meta.set_entry(s.corpus_dir, path.name, {**old, **new.model_dump(), "source": "editor"})
            detail = {"before": {k: old.get(k, "") for k in meta.EDITABLE}, "after": new.model_dump()}
            return self._finish("edit", path.name, trash.sha256_file(path), before, detail, waited, change=change)

    def remove(self, file: str) -> Change:
        """Move a document and its manifest entry to the trash, then re-index."""
        s = self.settings
        with library_lock(s.data_dir, self.actor, "remove", self.wait_s) as waited:
            before = published_rows(s)
            path = self._corpus_file(file)
            change = self._intent("remove", path.name, trash.sha256_file(path), before)
            item = trash.move_to_trash(s.data_dir, path, meta.entry(s.corpus_dir, path.name), self.actor, "remove")
            meta.set_entry(s.corpus_dir, path.name, None)
            return self._finish("remove", path.name, item.sha256, before, {"trash": item.id}, waited, (item.id,),
                                change=change, allow_shrink=True)  # an explicit removal may shrink the library

    def restore(self, name: str) -> Change:
        """Bring the newest trash copy of `name` (a file name or trash id) back, with its manifest entry."""
        s = self.settings
        with library_lock(s.data_dir, self.actor, "restore", self.wait_s) as waited:
            before = published_rows(s)
            item = trash.find(s.data_dir, name)
            target = s.corpus_dir / item.file
            for p in list_files(s.corpus_dir):
                if p != target and trash.sha256_file(p) == item.sha256:
                    raise CorpusError(f"{item.file}：与资料库里的 {p.name} 内容相同，无需恢复")
            change = self._intent("restore", item.file, item.sha256, before)
            trashed: tuple[str, ...] = ()
            if target.is_file():  # the current version of that name makes way, into the trash
                trashed = (trash.move_to_trash(s.data_dir, target, meta.entry(s.corpus_dir, item.file), self.actor,
                                               "replace").id,)
            trash.take_out(s.data_dir, item, target)
            meta.set_entry(s.corpus_dir, item.file, item.manifest or None)
            detail = {"trash": item.id, **({"replaced": trashed[0]} if trashed else {})}
            return self._finish("restore", item.file, item.sha256, before, detail, waited, trashed, change=change)

    def rebuild(self, full: bool = False, allow_shrink: bool = False) -> Change:
        """Re-index the corpus as it is (`full`: drop the vector store first). A corpus that would drop the
        published documents is refused unless `allow_shrink` (rag.index.guard)."""
        s = self.settings
        with library_lock(s.data_dir, self.actor, "rebuild", self.wait_s) as waited:
            before = published_rows(s)
            change = self._intent("rebuild", "", "", before)
            return self._finish("rebuild", "", "", before, {"full": full, "allow_shrink": allow_shrink}, waited,
                                full=full, change=change, allow_shrink=allow_shrink)

    def purge(self, older_than_s: float, now: float | None = None) -> list[trash.TrashItem]:
        """Delete for good the trash items older than the age; one audit line each."""
        s = self.settings
        with library_lock(s.data_dir, self.actor, "purge", self.wait_s):
            rows = published_rows(s)
            cutoff = (time.time() if now is None else now) - older_than_s
            due = [i for i in trash.list_trash(s.data_dir) if i.removed_at < cutoff]
            change = self._intent("purge", "、".join(i.file for i in due), "", rows) if due else ""
            gone = trash.purge(s.data_dir, older_than_s, now)
            for item in gone:
                audit.append(s.data_dir, audit.AuditEntry(
                    time=audit.now_iso(), actor=self.actor, action="purge", file=item.file, sha256=item.sha256,
                    rows_before=rows, rows_after=rows, detail={"trash": item.id, "removed_at": item.when},
                    phase="outcome", change=change))
            return gone

    # ------------------------------------------------------------ helpers

    def _corpus_file(self, file: str) -> Path:
        """One of the corpus files, by exact name; never a path built from what the user typed."""
        files = {p.name: p for p in list_files(self.settings.corpus_dir)}
        if file not in files:
            raise CorpusError(f"资料库里没有 {file!r} — 现有：{'、'.join(sorted(files)) or '（空）'}")
        return files[file]

    def _intent(self, action: str, file: str, sha: str, before: int | None) -> str:
        """The audit line written before a change (phase "intent"); its id links the outcome line. A change killed
        half way leaves an intent without an outcome, which `rag library log` shows as unfinished."""
        change = audit.new_change_id()
        audit.append(self.settings.data_dir, audit.AuditEntry(
            time=audit.now_iso(), actor=self.actor, action=action, file=file, sha256=sha, rows_before=before,
            phase="intent", change=change))
        return change

    def _finish(self, action: str, file: str, sha: str, before: int | None, detail: dict[str, Any],
                waited: float, trashed: tuple[str, ...] = (), full: bool = False, change: str = "",
                allow_shrink: bool = False) -> Change:
        """Re-index and write the outcome line, also when re-indexing fails (the corpus did change)."""
        report = None
        try:
            report = ingest(self.settings, self.progress, rebuild=full, allow_shrink=allow_shrink)
            return self._log(action, file, sha, before, report, detail, waited, trashed, change)
        except Exception as e:
            if report is None:
                self._log(action, file, sha, before, None, {**detail, "ingest_error": type(e).__name__}, waited, (),
                          change)
            raise

    def _log(self, action: str, file: str, sha: str, before: int | None, report: IngestReport | None,
             detail: dict[str, Any], waited: float, trashed: tuple[str, ...], change: str = "") -> Change:
        if report is not None:
            detail = {**detail, "embedded": report.embedded, "problems": len(report.problems)}
        entry = audit.AuditEntry(time=audit.now_iso(), actor=self.actor, action=action, file=file, sha256=sha,
                                 rows_before=before, rows_after=report.rows if report else None, detail=detail,
                                 phase="outcome", change=change)
        audit.append(self.settings.data_dir, entry)
        return Change(entry=entry, report=report, waited_s=waited, trashed=trashed)


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
