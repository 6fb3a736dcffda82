"""Who may change the library on the page. Reading (问答, 看板, 摘要, downloads, the library's lists) is open to
everyone who reaches the page; uploading, editing, removing, restoring and rebuilding need an editor:

- RAG_EDITOR_PASSWORD: the session types the password (settings keep only its hash and compare in constant time);
  after MAX_TRIES wrong tries the session must wait LOCKOUT_S before the next try is even checked. The audit log
  names such an editor "password editor" plus a random session id, never the password.
- RAG_EDITOR_EMAILS with Streamlit's OIDC login (st.login, configured under [auth] in .streamlit/secrets.toml): a
  logged-in user whose email is listed is an editor, named by that email.

With neither configured the page is read-only and says that `rag` on the command line is the admin tool."""

from __future__ import annotations

import secrets
import time

import streamlit as st

from rag.settings import Settings

MAX_TRIES = 5  # wrong passwords one session may try in a row
LOCKOUT_S = 300  # then it waits this long before a password is checked again
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


def _check_password(settings: Settings, attempt: str) -> None:
    ss = st.session_state
    now = time.monotonic()
    if ss.get("editor_locked_until", 0.0) > now:
        st.error(f"口令错误次数过多，请 {int(ss.editor_locked_until - now) + 1} 秒后再试。")
        return
    if settings.editor_password_ok(attempt):
        ss.editor_fails = 0
        ss.editor_actor = f"password editor {_session_id()}"
        st.rerun()
    ss.editor_fails = ss.get("editor_fails", 0) + 1
    if ss.editor_fails >= MAX_TRIES:
        ss.editor_fails = 0
        ss.editor_locked_until = now + LOCKOUT_S
        st.error(f"口令错误已达 {MAX_TRIES} 次，请 {LOCKOUT_S // 60} 分钟后再试。")
    else:
        st.error(f"口令不正确（还可尝试 {MAX_TRIES - ss.editor_fails} 次）。")


def _password_form(settings: Settings) -> None:
    with st.form("lib_login", clear_on_submit=True):
        attempt = st.text_input("编辑口令", type="password", key="lib_password", placeholder="输入口令后可修改资料库")
        sent = st.form_submit_button("以编辑身份登录", key="lib_login_go")
    if sent:
        _check_password(settings, attempt)


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
        st.caption(f"编辑：口令登录（会话 {_session_id()}）")
        if st.button("退出编辑", key="lib_logout"):
            st.session_state.pop("editor_actor", None)
            st.rerun()
        return actor
    if settings.editor_password_hash:
        _password_form(settings)
    return None
