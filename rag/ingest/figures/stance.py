"""Which clauses of a sentence speak for a target: a target word in a clause that states no figure is the policy's
prose, not the stance of the sentence's figures."""

from __future__ import annotations

import re

from rag.ingest.periods import clause_stance


def aside_target(raw: str) -> bool:
    """Every target word of the sentence sits in a clause without a figure that leads nothing ("面对…稳定任务，…努力加快
    高质量发展步伐，全省地区生产总值达到…"): a word of the policy's prose, not a target of the figures."""
    parts = re.split(r"[，,]", raw)
    hits = [p for p in parts if clause_stance(p) == "target"]
    return bool(hits) and all(not re.search(r"\d", p) and not p.rstrip().endswith(("：", ":", "是")) for p in hits)


def figure_part(raw: str) -> str:
    return "，".join(p for p in re.split(r"[，,]", raw) if clause_stance(p) != "target")
