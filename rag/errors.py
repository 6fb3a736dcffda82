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
