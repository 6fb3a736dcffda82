"""Cells back under their columns, by content. A row with a missing cell (a merged cell that the web page or the
converter left out) shifts its later cells left: the progress text lands under 牵头单位. Units end like
organisations (局/委/办/中心/公司/街道/镇…), leaders are 2-3 character names, progress text mentions 已/完成/截至/
正在/推进 or figures, so the cells can be put back in order. Pure functions."""

from __future__ import annotations

import re
from functools import lru_cache

from rag.ingest.parse.units import is_leader_cell, is_unit_cell
from rag.lexicons import parse_words

__all__ = ["align_cells", "looks_like_progress"]

# score of a cell under a column: a unit under 牵头单位, a name under 牵头领导 fit well; a unit or a name under
# a text column, or text under either, is a misfit. Progress-like text under 进展情况 breaks ties.
_FIT, _MISFIT, _PROGRESS_BONUS = 3, -4, 1


@lru_cache(maxsize=1)
def _cues() -> tuple[str, ...]:
    return tuple(parse_words().progress_cues)


def looks_like_progress(cell: str) -> bool:
    """Text that reports a state: 已/完成/截至/正在/推进…, a percentage or a date."""
    return any(c in cell for c in _cues()) or bool(re.search(r"\d{1,2}月(?:\d{1,2}日|底|份)", cell))


def _score(cell: str, role: str, marked: frozenset[str]) -> int:
    if role in ("unit", "leader"):
        fits = is_unit_cell(cell) if role == "unit" else is_leader_cell(cell)
        return _FIT if fits else _MISFIT
    if "unit" in marked and is_unit_cell(cell):
        return _MISFIT
    if "leader" in marked and is_leader_cell(cell):
        return _MISFIT
    return _PROGRESS_BONUS if role == "progress" and looks_like_progress(cell) else 0


def _best(cells: list[str], roles: list[str], marked: frozenset[str]) -> tuple[int, list[int]]:
    """Best order-keeping placement of the cells into distinct columns: (score, column of each cell)."""
    n, k = len(cells), len(roles)
    neg = -(10**9)
    # best[i][j]: best score placing cells[:i] into roles[:j]
    best = [[neg] * (k + 1) for _ in range(n + 1)]
    take = [[False] * (k + 1) for _ in range(n + 1)]
    for j in range(k + 1):
        best[0][j] = 0
    for i in range(1, n + 1):
        for j in range(i, k + 1):
            skip = best[i][j - 1]
            put = best[i - 1][j - 1] + _score(cells[i - 1], roles[j - 1], marked)
            best[i][j], take[i][j] = (put, True) if put >= skip else (skip, False)
    cols: list[int] = []
    i, j = n, k
    while i > 0:
        if take[i][j]:
            cols.append(j - 1)
            i -= 1
        j -= 1
    return best[n][k], cols[::-1]


def align_cells(cells: list[str], roles: list[str]) -> tuple[list[str], bool]:
    """Values per column for one row's cells (序号 excluded). Cells stay where they stand unless a cell misfits
    its column and putting the non-empty cells in order into other columns fits better; then the second value
    is True (the row was shifted: a cell was missing)."""
    marked = frozenset(r for r in roles if r in ("unit", "leader"))
    cells = list(cells)
    if len(cells) > len(roles):
        cells = [c for c in cells if c]
    if len(cells) > len(roles):  # still too many: the last column keeps the rest
        cells = cells[: len(roles) - 1] + [" ".join(cells[len(roles) - 1 :])]
    here = [_score(c, r, marked) if c else 0 for c, r in zip(cells, roles)]
    if _MISFIT not in here:
        return cells + [""] * (len(roles) - len(cells)), False
    filled = [c for c in cells if c]
    score, cols = _best(filled, roles, marked)
    if score <= sum(here):
        return cells + [""] * (len(roles) - len(cells)), False
    out = [""] * len(roles)
    for c, j in zip(filled, cols):
        out[j] = c
    return out, True
