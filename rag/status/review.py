"""A model's second opinion on the rows the deterministic status rules leave `unknown` (only
those): the reply is validated by pydantic (rag.ask.context.StatusReview via rag.ask.llm.review_status),
and an accepted label is marked as model-made (Status.by_model). Any failure keeps the rule's label."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from rag.domain import Status
from rag.errors import BackendError, ConfigError
from rag.settings import Settings


def review_unknown(statuses: Iterable[Status], settings: Settings, *, model: object = None,
                   limit: int = 50) -> tuple[list[Status], list[str]]:
    """The statuses with up to `limit` unknown ones reviewed by the model; plus warnings."""
    from rag.ask import llm

    out: list[Status] = []
    warnings: list[str] = []
    asked = 0
    for st in statuses:
        if st.status != "unknown" or asked >= limit:
            out.append(st)
            continue
        asked += 1
        try:
            verdict = llm.review_status(st.row.text, settings, model=model)  # type: ignore[arg-type]
        except (BackendError, ConfigError) as e:
            warnings.append(f"{st.row.doc} 序号{st.row.row}: 模型复核失败，保留规则结论（{str(e)[:80]}）")
            out.append(st)
            continue
        out.append(replace(st, status=verdict["status"], reason=f"模型复核：{verdict['reason']}", by_model=True))
    return out, warnings
