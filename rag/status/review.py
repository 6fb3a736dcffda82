"""A model's second opinion on the rows the deterministic status rules leave `unknown` (only
those). The caller passes the reviewer (the CLI passes rag.ask.llm.review_status, whose reply is
validated by pydantic), so this stage never imports the model client. An accepted label is marked
as model-made (Status.by_model). Any failure keeps the rule's label."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import Any

from rag.domain import Status
from rag.errors import BackendError, ConfigError

Reviewer = Callable[[str], dict[str, Any]]  # row text -> {"status": ..., "reason": ...}
LIMIT = 50  # rows sent to the model per call: bounds the time a review can take


def review_unknown(statuses: Iterable[Status], reviewer: Reviewer, *, limit: int = LIMIT) -> tuple[list[Status], list[str]]:
    """The statuses with up to `limit` unknown ones reviewed by the model; plus warnings."""
    out: list[Status] = []
    warnings: list[str] = []
    asked = 0
    for st in statuses:
        if st.status != "unknown" or asked >= limit:
            out.append(st)
            continue
        asked += 1
        try:
            verdict = reviewer(st.row.text)
        except (BackendError, ConfigError) as e:
            warnings.append(f"{st.row.doc} 序号{st.row.row}: 模型复核失败，保留规则结论（{str(e)[:80]}）")
            out.append(st)
            continue
        out.append(replace(st, status=verdict["status"], reason=f"模型复核：{verdict['reason']}", by_model=True))
    return out, warnings
