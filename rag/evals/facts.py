"""Evaluation: hand-labelled facts (evals/facts.jsonl) and status labels (evals/status_labels.jsonl)
scored against the offline answerer, its retrieval, the status rules, and a naive LangChain
baseline (rag.evals.baseline) in the same run. `run_eval(...) -> dict`; `write_report(...)`
(rag.evals.report, re-exported here) writes Markdown with every miss. Pydantic validates the eval
files (the only untrusted input here)."""

from __future__ import annotations

import json
import re
import time
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ValidationError, model_validator

from rag.ask.answer import answer
from rag.ask.retrieve import retrieve
from rag.evals.labels import status_agreement
from rag.evals.report import write_report
from rag.index.build import Index
from rag.settings import Settings

Kind = Literal["numeric", "entity", "unanswerable", "progress", "crossdoc", "list", "status"]


class Source(BaseModel):
    doc: str
    row: int | None = None
    quote: str


class Fact(BaseModel):
    id: str
    question: str
    answer: str = ""
    accept: list[str] = []
    items: list[str] = []
    kind: Kind
    district: str | None = None
    sources: list[Source] = []
    note: str = ""

    @model_validator(mode="before")
    @classmethod
    def _dev_set_form(cls, data: Any) -> Any:
        """The realworld development set's form ({doc, must, quote}): every `must` string is required."""
        if isinstance(data, dict) and "must" in data:
            data = dict(data)
            must = data.pop("must") or []
            doc, quote = data.pop("doc", ""), data.pop("quote", "")
            data.setdefault("items", must)
            data.setdefault("accept", must[:1])
            if doc and quote:
                data.setdefault("sources", [{"doc": doc, "row": None, "quote": quote}])
            data["all_items"] = True
        return data

    all_items: bool = False  # every item must appear (dev-set facts), whatever the kind

    @property
    def answerable(self) -> bool:
        return self.kind != "unanswerable"


class LabelPart(BaseModel):
    part: str
    target: str = ""
    progress: str = ""
    status: Literal["done", "on_track", "partial", "behind", "unknown"]


class StatusLabel(BaseModel):
    """A blind status label: a table row (doc + 序号) or, for prose progress documents, an item named by a
    verbatim quote (row None). 'partial' (部分滞后) is a row with some parts behind and others not."""

    doc: str
    row: int | None = None
    quote: str = ""
    status: Literal["done", "on_track", "partial", "behind", "unknown"]
    target: str = ""
    progress: str = ""
    parts: list[LabelPart] = []
    reason: str = ""
    confidence: str = ""


M = TypeVar("M", bound=BaseModel)


class EvalFileError(ValueError):
    """A malformed eval file; the message names the file, line and field."""


def _load(path: Path, model: type[M]) -> list[M]:
    out: list[M] = []
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            out.append(model.model_validate(json.loads(line)))
        except json.JSONDecodeError as e:
            raise EvalFileError(f"{path}:{n}: not valid JSON ({e.msg})") from None
        except ValidationError as e:
            err = e.errors()[0]
            field = ".".join(str(p) for p in err["loc"]) or "(line)"
            raise EvalFileError(f"{path}:{n}: field {field!r}: {err['msg']}") from None
    return out


def load_facts(path: Path) -> list[Fact]:
    return _load(path, Fact)


def load_labels(path: Path) -> list[StatusLabel]:
    return _load(path, StatusLabel)


# ---------------------------------------------------------------- matching

_NUM = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")


def _num(m: re.Match[str]) -> str:
    s = m.group(0).replace(",", "")
    return s.rstrip("0").rstrip(".") if "." in s else s


def norm(text: str) -> str:
    """NFKC, no whitespace, lower case, numbers canonical ("4.20%" ~ "4.2%", "1,270" ~ "1270")."""
    t = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or "")).lower()
    return _NUM.sub(_num, t)


def answer_ok(fact: Fact, text: str) -> bool:
    got = norm(text)
    if (fact.kind == "list" or fact.all_items) and fact.items:
        items = all(norm(i) in got for i in fact.items)
        # a status answer holds the judgement (accept) as well as the figures it rests on (items)
        return items and (fact.kind != "status" or not fact.accept or any(norm(a) in got for a in fact.accept))
    return any(norm(a) in got for a in fact.accept)


def cite_ok(fact: Fact, doc: str, row: int | None, text: str) -> bool:
    """Same doc and row for table sources; for prose sources the cited text contains the quote."""
    for s in fact.sources:
        if s.doc != doc:
            continue
        if s.row is not None and row == s.row:
            return True
        if s.row is None and norm(s.quote) in norm(text):
            return True
    return False


def chunk_ok(fact: Fact, doc: str, text: str) -> bool:
    """Baseline chunks: the chunk holds (the first 12 chars of) a source quote from that doc."""
    return any(s.doc == doc and norm(s.quote)[:12] in norm(text) for s in fact.sources)


def _pct(xs: Sequence[float], p: float) -> float:
    if not xs:
        return 0.0
    s = sorted(xs)
    return round(s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))], 2)


def _ratio(ok: Iterable[bool]) -> float:
    xs = list(ok)
    return round(sum(xs) / len(xs), 4) if xs else 0.0


def _rank(flags: Sequence[bool]) -> int | None:
    return next((i + 1 for i, f in enumerate(flags) if f), None)


def _retrieval(ranks: Sequence[int | None]) -> dict[str, float]:
    return {
        "recall_at_1": _ratio(r is not None and r <= 1 for r in ranks),
        "recall_at_5": _ratio(r is not None and r <= 5 for r in ranks),
        "mrr": round(sum(1.0 / r for r in ranks if r) / len(ranks), 4) if ranks else 0.0,
    }


# ---------------------------------------------------------------- the run


def _summary(facts: list[Fact], rec: dict[str, dict[str, Any]]) -> dict[str, Any]:
    ans = [f for f in facts if f.answerable]
    una = [f for f in facts if not f.answerable]
    answered = [f for f in ans if not rec[f.id]["abstained"]]
    ranked = [rec[f.id]["rank"] for f in ans if f.sources]
    return {
        "n": len(facts),
        "answer_accuracy": _ratio(rec[f.id]["correct"] for f in ans) if ans else None,
        "answer_accuracy_all": _ratio(rec[f.id]["correct"] for f in facts),
        "citation_accuracy": _ratio(rec[f.id]["cited"] for f in answered) if answered else None,
        "abstention_accuracy": _ratio(rec[f.id]["abstained"] for f in una) if una else None,
        "false_abstentions": sum(1 for f in ans if rec[f.id]["abstained"]),
        "wrong_place": sum(1 for f in facts if rec[f.id].get("wrong_place")),
        **(_retrieval(ranked) if ranked else {"recall_at_1": None, "recall_at_5": None, "mrr": None}),
    }


def wrong_place(fact: Fact, cited_docs: list[str], index: Index) -> bool:
    """An answer that cites only documents of a place other than the fact's (its sources' place, or
    its district when it has no sources). When the fact's place is unknown (a document that never names
    its place), citing only other documents counts, as the dev set's own score.py counts it."""
    if not cited_docs:
        return False
    sources = {s.doc for s in fact.sources}
    if sources & set(cited_docs):
        return False
    place = {index.docs.get(d, {}).get("district", "") for d in sources} or {fact.district or ""}
    place.discard("")
    if not place:
        return bool(sources)
    return all(not _same_place(index.docs.get(d, {}).get("district", ""), place) for d in cited_docs)


def _same_place(district: str, places: set[str]) -> bool:
    """One place under two names: 保定市清苑区 (written with its city) is 清苑区."""
    return any(district and (district == p or district.endswith(p) or p.endswith(district)) for p in places)


def run_eval(
    settings: Settings,
    index: Index,
    backend: str = "offline",
    facts_path: Path = Path("evals/facts.jsonl"),
    labels_path: Path = Path("evals/status_labels.jsonl"),
    baseline: bool = True,
) -> dict[str, Any]:
    facts = load_facts(facts_path)
    labels = load_labels(labels_path) if Path(labels_path).exists() else []
    ours: dict[str, dict[str, Any]] = {}
    latencies: list[float] = []
    misses: list[dict[str, Any]] = []
    for f in facts:
        t0 = time.perf_counter()
        a = answer(f.question, index=index, settings=settings, backend=backend)
        latencies.append((time.perf_counter() - t0) * 1000)
        hits = retrieve(index, f.question, None, k=10)
        correct = a.abstained if not f.answerable else (not a.abstained and answer_ok(f, a.text))
        ours[f.id] = {
            "abstained": a.abstained,
            "correct": correct,
            "cited": any(cite_ok(f, c.doc, c.row, c.text) for c in a.citations),
            "rank": _rank([cite_ok(f, h.row.doc, h.row.row, h.row.text) for h in hits]),
            "wrong_place": not a.abstained and wrong_place(f, [c.doc for c in a.citations], index),
        }
        if not correct:
            expected = "（应拒答）" if not f.answerable else (f.answer or " / ".join(f.accept))
            misses.append({"id": f.id, "kind": f.kind, "question": f.question, "expected": expected,
                           "got": a.text[:400]})
    result: dict[str, Any] = {"facts": len(facts), "backend": backend}
    s = _summary(facts, ours)
    s.pop("n")
    result.update(s)
    result["latency_ms"] = {"p50": _pct(latencies, 50), "p95": _pct(latencies, 95)}
    result["by_kind"] = {k: _summary([f for f in facts if f.kind == k], ours)
                         for k in sorted({f.kind for f in facts})}
    result["status_agreement"] = status_agreement(index, labels) if labels else {}
    result["misses"] = misses
    result["wrong_place_ids"] = [i for i, r in ours.items() if r["wrong_place"]]
    if baseline:
        from rag.evals.baseline import run_baseline

        result["baseline"] = run_baseline(settings, index, facts)
    return result


__all__ = ["EvalFileError", "Fact", "Source", "StatusLabel", "load_facts", "load_labels", "run_eval", "write_report"]
