"""The Chinese-UI check every page test shares (issue K): the fixed list of English strings Streamlit or the
manifest would put on the page, and, for AppTest pages, every input widget's label and placeholder in Chinese.
The Chromium tests (test_browser.py) check the same list against the rendered page's text."""

from __future__ import annotations

import re
from collections.abc import Iterator

# Streamlit's own English (toolbar, multiselect, selectbox, uploader, text input hint, the tables' toolbar, an empty
# table), the manifest's periods, and the readers' English reasons (issue Q: "binary data, not text")
ENGLISH = ("Deploy", "Choose options", "Select all", "Upload", "20MB per file", "full year",
           "Choose an option", "Browse files", "Drag and drop", "Press Enter to",
           "Download as CSV", "Search", "Fullscreen", "Show/hide columns", "empty", "binary data", "not text",
           "no text layer", "python-docx", "password editor", "cli:")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_INPUTS = ("Selectbox", "Multiselect", "TextInput", "TextArea", "Radio", "Button", "DownloadButton", "Toggle",
           "Checkbox", "FileUploader")


def english_in(text: str) -> list[str]:
    return [w for w in ENGLISH if w in text]


def walk(node) -> Iterator[object]:
    yield node
    for child in getattr(node, "children", {}).values():
        yield from walk(child)


def ui_text(at) -> str:
    """Every string an AppTest page shows or offers: values, labels, placeholders, help, options, table
    cells (the page's own <style> block is code, not text)."""
    out = []
    for el in walk(at._tree):
        for attr in ("value", "label", "placeholder", "help", "options", "body"):
            try:
                v = getattr(el, attr)
            except Exception:  # noqa: BLE001 - not every element has every attribute
                continue
            if hasattr(v, "to_csv"):
                v = v.to_csv()
            if isinstance(v, str) and not v.lstrip().startswith("<style>"):
                out.append(v)
            elif isinstance(v, list | tuple):
                out.extend(str(x) for x in v)
    return "\n".join(out)


def _label(el) -> str:
    label = getattr(el, "label", None)
    return str(label if label is not None else el.proto.label)


def assert_chinese(at) -> None:
    """No English UI string from the fixed list; every input widget has a Chinese label, and every
    selectbox, multiselect, text input and chat input a Chinese placeholder."""
    found = english_in(ui_text(at))
    assert not found, found
    for el in walk(at._tree):
        kind = type(el).__name__
        if kind in _INPUTS:
            assert _CJK.search(_label(el)) or _label(el).startswith("["), (kind, _label(el))
        if kind in ("Selectbox", "Multiselect", "TextInput", "ChatInput"):
            assert _CJK.search(el.proto.placeholder), (kind, getattr(el, "key", None), el.proto.placeholder)
