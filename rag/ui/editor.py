"""Who may change the library on the page. Reading (问答, 看板, 摘要, downloads, the library's lists) is open to
everyone who reaches the page; uploading, editing, removing, restoring and rebuilding need an editor:

- RAG_EDITOR_PASSWORD: the session types its name and the password (settings keep only its hash and compare in
  constant time). Wrong tries are counted per server (per library) and per client address where Streamlit gives one,
  not per browser session, so a reload resets nothing: after MAX_TRIES from one address (SERVER_MAX_TRIES from all)
  those clients wait LOCKOUT_S before the next try is even checked. Each wrong try is an audit-log line
  (login_failed). The log names such an editor "password editor", a random session id and the typed name; never the
  password.
- RAG_EDITOR_EMAILS with Streamlit's OIDC login (st.login, configured under [auth] in .streamlit/secrets.toml): a
  logged-in user whose email is listed is an editor, named by that email.

With neither configured the page is read-only and says that `rag` on the command line is the admin tool."""

from __future__ import annotations

import secrets
import threading
import time

import streamlit as st

from rag.ingest.library import audit
from rag.settings import Settings

MAX_TRIES = 5  # wrong passwords in a row from one client address (or, without one, to the whole server)
SERVER_MAX_TRIES = 20  # wrong passwords in a row to the whole server, whoever sends them
LOCKOUT_S = 300  # then the counter's clients wait this long before a password is checked again
_FAILS: dict[str, tuple[int, float]] = {}  # counter -> (wrong tries in a row, locked until: time.monotonic())
_GUARD = threading.Lock()  # one Streamlit server runs every session in its own thread
READ_ONLY = ("资料库在网页上为只读：未配置编辑口令（RAG_EDITOR_PASSWORD）或单位账号登录（RAG_EDITOR_EMAILS）。"
             "管理员请在服务器上使用命令行：`rag ingest`、`rag library trash | restore 文件 | remove 文件 | "
             "purge --older-than 30d | log`。")


def _session_id() -> str:
    sid: str = st.session_state.setdefault("editor_sid", secrets.token_hex(4))
    return sid


def _oidc_editor(settings: Settings) -> str | None:
    """The logged-in user's email when it is an editor's; offers the login (or says why it cannot)."""
    logged_in = st.user.get("is_logged_in")
    if logged_in is None:  # st.user has no is_logged_in when secrets.toml has no [auth] section
        st.warning("已设置 RAG_EDITOR_EMAILS，但 .streamlit/secrets.toml 中没有 [auth] 登录配置，无法用单位账号登录。")
        return None
    if not logged_in:
        st.button("用单位账号登录", key="lib_oidc_login", on_click=st.login)
        return None
    email = str(st.user.get("email") or "").strip().lower()
    if email and email in settings.editor_emails:
        return email
    st.caption(f"已登录 {email or '（无邮箱）'}，不在资料库编辑名单中，只能查看。")
    st.button("退出登录", key="lib_oidc_logout", on_click=st.logout)
    return None


def _client() -> str | None:
    """The client's address where Streamlit gives one (None on localhost and in tests)."""
    try:
        ip = st.context.ip_address
    except Exception:  # noqa: BLE001 - an older Streamlit or no request context
        return None
    return ip if isinstance(ip, str) and ip else None


def _counters(settings: Settings) -> list[tuple[str, int]]:
    """(counter key, its limit): one per server (per library), one per client address when there is one."""
    server, ip = f"server:{settings.data_dir}", _client()
    if ip is None:
        return [(server, MAX_TRIES)]
    return [(server, SERVER_MAX_TRIES), (f"{server}|ip:{ip}", MAX_TRIES)]


def locked_for(settings: Settings, now: float | None = None) -> float:
    """Seconds this client must still wait before a password is checked (0.0: it may try)."""
    now = time.monotonic() if now is None else now
    with _GUARD:
        return max([_FAILS.get(k, (0, 0.0))[1] - now for k, _ in _counters(settings)] + [0.0])


def _fail(settings: Settings) -> tuple[int, bool]:
    """Count a wrong password on every counter; (tries left before a lockout, whether one started now)."""
    now, left, started = time.monotonic(), MAX_TRIES, False
    with _GUARD:
        for key, limit in _counters(settings):
            fails = _FAILS.get(key, (0, 0.0))[0] + 1
            if fails >= limit:
                _FAILS[key], started = (0, now + LOCKOUT_S), True
            else:
                _FAILS[key] = (fails, 0.0)
            left = min(left, limit - fails)
    _audit_failure(settings, started)
    return max(left, 0), started


def _audit_failure(settings: Settings, locked: bool) -> None:
    """One audit line per wrong password (never the attempt itself), through the audit log's writer."""
    detail = {"client": _client() or "本机或未知", "locked_s": LOCKOUT_S if locked else 0}
    try:
        audit.append(settings.data_dir, audit.AuditEntry(time=audit.now_iso(), actor=f"web {_session_id()}",
                                                         action="login_failed", detail=detail))
    except (OSError, ValueError):
        pass  # a read-only data dir must not turn a wrong password into a crash


def _check_password(settings: Settings, name: str, attempt: str) -> None:
    ss = st.session_state
    if (wait := locked_for(settings)) > 0:
        st.error(f"口令错误次数过多，请 {int(wait) + 1} 秒后再试。")
        return
    if settings.editor_password_ok(attempt):
        clean = "".join(ch for ch in name.strip() if ch.isprintable())[:20]
        ss.editor_actor = f"password editor {_session_id()}" + (f" {clean}" if clean else "")
        st.rerun()
    left, started = _fail(settings)
    if started:
        st.error(f"口令错误次数过多，请 {LOCKOUT_S // 60} 分钟后再试。")
    else:
        st.error(f"口令不正确（还可尝试 {left} 次）。")


def _password_form(settings: Settings) -> None:
    with st.form("lib_login", clear_on_submit=True):
        name = st.text_input("姓名", key="lib_editor_name", max_chars=20, placeholder="记入操作记录，如 张三")
        attempt = st.text_input("编辑口令", type="password", key="lib_password", placeholder="输入口令后可修改资料库")
        sent = st.form_submit_button("以编辑身份登录", key="lib_login_go")
    if sent:
        _check_password(settings, name, attempt)


def actor_zh(actor: str) -> str:
    """An audit-log actor as a person reads it: "password editor 1a2b3c4d 张三" -> "张三（口令登录）",
    "cli:root" -> "命令行（root）", "web 1a2b3c4d" -> "网页会话 1a2b3c4d"; an email as it is."""
    parts = actor.split(" ", 3)
    if actor.startswith("password editor "):
        return f"{parts[3]}（口令登录）" if len(parts) > 3 else f"口令登录的编辑（会话 {parts[2] if len(parts) > 2 else ''}）"
    if actor.startswith("cli:"):
        return f"命令行（{actor[4:] or '未知用户'}）"
    if actor.startswith("web "):
        return f"网页会话 {actor[4:]}"
    return actor


def editor(settings: Settings) -> str | None:
    """Render the editor sign-in; the audit-log name of this session's editor, or None (read-only)."""
    if not settings.editor_password_hash and not settings.editor_emails:
        st.info(READ_ONLY)
        return None
    if settings.editor_emails and (email := _oidc_editor(settings)):
        st.caption(f"编辑：{email}")
        st.button("退出登录", key="lib_oidc_logout", on_click=st.logout)
        return email
    actor: str | None = st.session_state.get("editor_actor")
    if actor and settings.editor_password_hash:
        st.caption(f"编辑：{actor_zh(actor)}")
        if st.button("退出编辑", key="lib_logout"):
            st.session_state.pop("editor_actor", None)
            st.rerun()
        return actor
    if settings.editor_password_hash:
        _password_form(settings)
    return None
