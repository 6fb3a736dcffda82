"""Paraphrase consistency: evals/paraphrases.jsonl gives, for facts of evals/facts.jsonl, three more
phrasings each (written blind, in staff chat style). A fact counts as consistent when the original and
every phrasing are answered correctly (by the facts' own matching rule); the figure reported is the share
of consistent facts, beside the share of all phrasings answered correctly."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from rag.ask.answer import answer
from rag.evals.facts import EvalFileError, Fact, answer_ok, load_facts
from rag.index.build import Index
from rag.settings import Settings


class Paraphrases(BaseModel):
    id: str
    phrasings: list[str]


@dataclass(frozen=True)
class Miss:
    id: str
    question: str
    got: str


def load_paraphrases(path: Path) -> list[Paraphrases]:
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            out.append(Paraphrases.model_validate(json.loads(line)))
        except (json.JSONDecodeError, ValidationError) as e:
            raise EvalFileError(f"{path}:{n}: not a paraphrase line {{id, phrasings}} ({e})") from None
    return out


def _correct(fact: Fact, question: str, index: Index, settings: Settings) -> tuple[bool, str]:
    a = answer(question, index=index, settings=settings, backend="offline")
    ok = a.abstained if not fact.answerable else (not a.abstained and answer_ok(fact, a.text))
    return ok, a.text


def paraphrase_consistency(settings: Settings, index: Index, paraphrases: Path, facts: Path) -> dict[str, Any]:
    by_id = {f.id: f for f in load_facts(facts)}
    groups = load_paraphrases(paraphrases)
    unknown = [g.id for g in groups if g.id not in by_id]
    if unknown:
        raise EvalFileError(f"{paraphrases}: ids not in {facts}: {', '.join(unknown[:5])}")
    consistent, right, total, misses = 0, 0, 0, []
    for g in groups:
        fact = by_id[g.id]
        results = [(q, *_correct(fact, q, index, settings)) for q in [fact.question, *g.phrasings]]
        right += sum(ok for _, ok, _ in results)
        total += len(results)
        consistent += all(ok for _, ok, _ in results)
        misses += [Miss(g.id, q, text[:200]) for q, ok, text in results if not ok]
    return {"facts": len(groups), "consistency": round(consistent / len(groups), 4) if groups else 0.0,
            "phrasings_correct": round(right / total, 4) if total else 0.0,
            "misses": [m.__dict__ for m in misses]}


__all__ = ["Paraphrases", "load_paraphrases", "paraphrase_consistency"]
