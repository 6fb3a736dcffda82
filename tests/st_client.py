"""A minimal Streamlit client over the server's own websocket protocol (no browser).

It speaks what the frontend speaks: connect to ``/_stcore/stream`` with the ``streamlit`` subprotocol,
send ``BackMsg.rerun_script`` carrying a ``ClientState`` (the widget values), read ``ForwardMsg``s until
``script_finished``, and keep the deltas of that run as a tree keyed by ``metadata.delta_path`` (a later
delta at the same path replaces the earlier one, as ``st.write_stream`` does while streaming).

    with StreamlitSession(port) as s:      # connects and runs the page once with no widget state
        text = s.ask("钱塘区2023年GDP增长多少？")   # the assistant message the page rendered
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from streamlit.proto.Alert_pb2 import Alert
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.Element_pb2 import Element
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

_FINISHED = {
    ForwardMsg.FINISHED_SUCCESSFULLY: "ok",
    ForwardMsg.FINISHED_WITH_COMPILE_ERROR: "compile_error",
    ForwardMsg.FINISHED_EARLY_FOR_RERUN: "rerun",
    ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY: "fragment_ok",
}


class StreamlitClientError(RuntimeError):
    """The server closed, timed out, or said something this client cannot follow."""


@dataclass
class Page:
    """What one script run rendered: delta path -> Element or Block (the last delta at each path)."""

    nodes: dict[tuple[int, ...], Any] = field(default_factory=dict)

    def put(self, path: tuple[int, ...], node: Any) -> None:
        # a new node at a path replaces whatever was there, including its children
        for p in [p for p in self.nodes if len(p) > len(path) and p[: len(path)] == path]:
            del self.nodes[p]
        self.nodes[path] = node

    def elements(self, under: tuple[int, ...] = ()) -> Iterator[tuple[tuple[int, ...], Element]]:
        for path in sorted(self.nodes):
            node = self.nodes[path]
            if isinstance(node, Element) and path[: len(under)] == under:
                yield path, node

    def widget_id(self, kind: str, key: str) -> str | None:
        """The id of the widget of this element type whose user key is `key` (ids end in '-<key>')."""
        for _, el in self.elements():
            if el.WhichOneof("type") == kind and getattr(el, kind).id.endswith(f"-{key}"):
                return str(getattr(el, kind).id)
        return None

    def chat_blocks(self, name: str) -> list[tuple[int, ...]]:
        return [p for p in sorted(self.nodes) if not isinstance(self.nodes[p], Element)
                and self.nodes[p].WhichOneof("type") == "chat_message" and self.nodes[p].chat_message.name == name]

    def text_under(self, path: tuple[int, ...]) -> str:
        """Markdown, text and alert bodies under a block, in page order."""
        out: list[str] = []
        for _, el in self.elements(path):
            kind = el.WhichOneof("type")
            if kind in ("markdown", "text"):
                out.append(getattr(el, kind).body)
            elif kind == "alert":
                out.append(f"[{Alert.Format.Name(el.alert.format)}] {el.alert.body}")
        return "\n".join(out)

    def assistant_text(self) -> str:
        """The last assistant chat message (the answer of this run), as rendered."""
        blocks = self.chat_blocks("assistant")
        return self.text_under(blocks[-1]) if blocks else ""

    def errors(self) -> list[str]:
        """st.error alerts and exception elements anywhere on the page."""
        out = []
        for _, el in self.elements():
            kind = el.WhichOneof("type")
            if kind == "alert" and el.alert.format == Alert.ERROR:
                out.append(el.alert.body)
            elif kind == "exception":
                out.append(f"{el.exception.type}: {el.exception.message}")
        return out


class StreamlitSession:
    """One browser-tab-like session on a running `streamlit run` server."""

    def __init__(self, port: int, host: str = "127.0.0.1", timeout: float = 120.0) -> None:
        self.host, self.port, self.timeout = host, port, timeout
        self.ws: Any = None
        self.page = Page()
        self.page_script_hash = ""
        self.session_id = ""
        self.events: list[str] = []  # session_event / status notes seen, for diagnostics
        self._ids: dict[tuple[str, str], str] = {}

    # -------------------------------------------------------------- connection

    def connect(self) -> Page:
        from websockets.sync.client import connect

        self.ws = connect(  # entered at once (websockets >= 17.1 warns about a bare connect())
            f"ws://{self.host}:{self.port}/_stcore/stream",
            subprotocols=["streamlit"],  # type: ignore[list-item]
            origin=f"http://{self.host}:{self.port}",  # type: ignore[arg-type]
            open_timeout=self.timeout,
            max_size=None,
            ping_interval=20,
            ping_timeout=self.timeout,
        ).__enter__()
        return self.run()  # the frontend's first message: rerun with an empty ClientState

    def close(self) -> None:
        if self.ws is not None:
            ws, self.ws = self.ws, None
            ws.__exit__(None, None, None)

    def __enter__(self) -> StreamlitSession:
        self.connect()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -------------------------------------------------------------- protocol

    def run(self, widgets: Iterable[WidgetState] = ()) -> Page:
        """Send rerun_script with these widget states; return the page that run rendered."""
        if self.ws is None:
            raise StreamlitClientError("not connected")
        msg = BackMsg()
        msg.rerun_script.page_script_hash = self.page_script_hash
        msg.rerun_script.widget_states.widgets.extend(widgets)
        self.ws.send(msg.SerializeToString())
        page = Page()
        end = time.monotonic() + self.timeout
        while True:
            left = end - time.monotonic()
            if left <= 0:
                raise StreamlitClientError(f"no script_finished within {self.timeout:.0f}s")
            try:
                raw = self.ws.recv(timeout=left)
            except TimeoutError as e:
                raise StreamlitClientError(f"no script_finished within {self.timeout:.0f}s") from e
            except Exception as e:  # websockets.ConnectionClosed and friends
                raise StreamlitClientError(f"connection lost: {type(e).__name__}: {e}") from e
            if isinstance(raw, str):
                raise StreamlitClientError(f"unexpected text frame: {raw[:80]!r}")
            fwd = ForwardMsg()
            fwd.ParseFromString(raw)
            kind = fwd.WhichOneof("type")
            if kind == "new_session":
                self.page_script_hash = fwd.new_session.page_script_hash
                self.session_id = fwd.new_session.initialize.session_id
            elif kind == "delta":
                path = tuple(fwd.metadata.delta_path)
                dkind = fwd.delta.WhichOneof("type")
                if dkind == "new_element":
                    page.put(path, fwd.delta.new_element)
                elif dkind == "add_block":
                    page.put(path, fwd.delta.add_block)
                # new_transient (spinners, toasts) is not part of the rendered page
            elif kind == "ref_hash":
                # only sent for hashes the client says it has cached; this client never says so
                raise StreamlitClientError(f"server referenced a cached message {fwd.ref_hash}")
            elif kind == "session_event":
                self.events.append(str(fwd.session_event).strip())
                if fwd.session_event.WhichOneof("type") == "script_compilation_exception":
                    raise StreamlitClientError(f"script compile error: {fwd.session_event}")
            elif kind == "script_finished":
                status = _FINISHED.get(fwd.script_finished, str(fwd.script_finished))
                if status == "compile_error":
                    raise StreamlitClientError("script finished with a compile error")
                if status == "rerun":  # superseded by a newer run (ours); keep reading
                    page = Page()
                    continue
                self.page = page
                return page
            # page_info_changed, page_config_changed, session_status_changed, navigation, logo,
            # heartbeat_ack, parent_message...: nothing to do for a headless client

    def heartbeat(self) -> None:
        msg = BackMsg()
        msg.app_heartbeat = True
        self.ws.send(msg.SerializeToString())

    # -------------------------------------------------------------- the QA page

    def _widget_id(self, kind: str, key: str) -> str | None:
        """Widget ids are stable for a given key and parameters, so one seen once is remembered."""
        found = self.page.widget_id(kind, key)
        if found:
            self._ids[(kind, key)] = found
        return self._ids.get((kind, key))

    def ask(self, question: str, *, clear: bool = True, key: str = "chat_q", clear_key: str = "clear_chat") -> str:
        """Type `question` into the chat input and return the assistant message of that run.

        With clear=True the page's 「清空对话」 button is pressed in the same run (when it is shown), so
        the question is answered without the session's earlier conversation as history."""
        chat_id = self._widget_id("chat_input", key)
        if chat_id is None:
            raise StreamlitClientError(f"no chat_input with key {key!r} on the page")
        states = []
        if clear and self.page.chat_blocks("assistant"):
            clear_id = self._widget_id("button", clear_key)
            if clear_id is None:
                # the page draws 「清空对话」 before it appends the answer, so the run that showed the first
                # answer has no such button yet: rerun once, as any later click in a browser would
                self.run()
                clear_id = self._widget_id("button", clear_key)
            if clear_id is None:
                raise StreamlitClientError(f"the page shows a conversation but no {clear_key!r} button")
            states.append(WidgetState(id=clear_id, trigger_value=True))
        ws = WidgetState(id=chat_id)
        ws.chat_input_value.data = question
        states.append(ws)
        page = self.run(states)
        errors = page.errors()
        if errors:
            raise StreamlitClientError(f"page shows errors: {errors}")
        users = page.chat_blocks("user")
        if not users or question not in page.text_under(users[-1]):
            raise StreamlitClientError(f"the page did not echo the question {question!r}")
        text = page.assistant_text()
        if not text.strip():
            raise StreamlitClientError(f"empty answer to {question!r}")
        return text
