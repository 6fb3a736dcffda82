"""Cells of a download (CSV, XLSX) made inert: a spreadsheet runs text that starts with = + - @ (or a tab or CR before
one) as a formula — `=HYPERLINK(...)` in a task or progress text would become a live link, `=cmd|...` worse. As OWASP
advises for CSV injection, such a cell is written with a leading apostrophe, so Excel and LibreOffice show it as the
text it is. Numbers stay numbers; only text is changed."""

from __future__ import annotations

from typing import TypeVar

__all__ = ["FORMULA_START", "neutralise_cell"]

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
T = TypeVar("T")


def neutralise_cell(value: T) -> T | str:
    """`value` as it is, or with a leading ' when it is text a spreadsheet would run as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value
