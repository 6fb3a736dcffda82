"""The error hierarchy. Every message names the bad value and the fix; the edges (cli, app) turn
these into exit codes and st.error. "Nothing relevant found" is an answer, never one of these."""

from __future__ import annotations


class RagError(Exception):
    """Base class: a problem the user can fix. `exit_code` is what the CLI exits with."""

    exit_code = 1


class ConfigError(RagError):
    """A setting (environment variable or option) has a bad value."""

    exit_code = 2


class CorpusError(RagError):
    """A corpus file or folder cannot be read or parsed."""

    exit_code = 3


class DataDirError(RagError):
    """The data dir is missing, corrupt or from another version."""

    exit_code = 4


class BackendError(RagError):
    """The configured model endpoint failed after retries."""

    exit_code = 5


class PromptError(RagError):
    """A prompt file is missing or was rendered with missing/extra variables."""

    exit_code = 6


class LibraryBusy(RagError):
    """Another editor is changing the library (the library lock) and did not finish within the wait."""

    exit_code = 7


_FULL = ("disk is full", "no space left", "file too large", "disk quota", "disk i/o error")
_READ_ONLY = ("readonly database", "read-only file system", "permission denied", "unable to open database file",
              "attempt to write a readonly")


def _chain(e: BaseException) -> list[BaseException]:
    out: list[BaseException] = []
    while e is not None and e not in out and len(out) < 10:
        out.append(e)
        e = e.__cause__ or e.__context__  # type: ignore[assignment]
    return out


def storage_error(e: BaseException, data_dir: object = "the data dir") -> DataDirError | None:
    """A disk-full or read-only failure (OSError, sqlite3 or Chroma wrapping them) as a DataDirError naming the fix;
    None for anything else. The edges (cli, page) call this on errors that are not RagErrors."""
    import errno

    for x in _chain(e):
        code = getattr(x, "errno", None)
        said = str(x).lower()
        where = getattr(x, "filename", None) or data_dir
        if code in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG) or any(w in said for w in _FULL):
            return DataDirError(f"disk full (or failing) while writing {where} — free space on that disk (or pass "
                                "--data-dir on another one), then run the command again; the published index is "
                                "unchanged")
        if code in (errno.EROFS, errno.EACCES, errno.EPERM) or any(w in said for w in _READ_ONLY):
            return DataDirError(f"cannot write {where}: the data dir is read-only or not yours — make it writable "
                                f"(chmod -R u+w {data_dir}, or mount it read-write), or pass --data-dir to a writable "
                                "folder; `rag ingest --rebuild` would not help")
    return None
