"""Domain values shared by every pipeline stage: Document, Row, Citation, Answer, Status.

Small frozen dataclasses, no behaviour beyond derived views. Pydantic lives only where untrusted
data enters (LLM structured output, eval files)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Kind = Literal["progress_row", "paragraph"]
StatusLabel = Literal["done", "on_track", "partial", "behind", "unknown"]

STATUS_ZH: dict[str, str] = {
    "done": "已完成",
    "on_track": "按进度推进",
    "partial": "部分滞后",  # some parts of a multi-part target short, others met
    "behind": "滞后",
    "unknown": "无法判断",
}
LAGGING: tuple[str, ...] = ("partial", "behind")  # the labels that name a lead unit as lagging


def content_hash(*parts: object, n: int = 16) -> str:
    """Stable short hash of the given parts (used for row ids, chunk ids and cache keys)."""
    h = hashlib.sha256()
    for p in parts:
        h.update(json.dumps(p, ensure_ascii=False, sort_keys=True, default=str).encode("utf-8"))
        h.update(b"\x1f")
    return h.hexdigest()[:n]


def anchor(row: int | None, paragraph: int | None, page: int | None = None) -> str:
    """'序号15', '第3段', or with a page '第3页 序号15'."""
    where = f"序号{row}" if row is not None else (f"第{paragraph}段" if paragraph is not None else "")
    return f"第{page}页 {where}".strip() if page is not None else where


@dataclass(frozen=True)
class Document:
    """One source file after reading: its text plus what the manifest says about it."""

    name: str
    text: str
    district: str = ""
    title: str = ""
    period: str = ""
    layout: str = ""  # detected: tabs | lines | pipes | prose
    year: int | None = None  # detected by rag.ingest.periods.document_period
    period_label: str = ""
    notes: tuple[str, ...] = ()  # what reading changed (bytes replaced while decoding), shown as parse notes


@dataclass(frozen=True)
class Row:
    """One citable unit: a progress-table row (row = 序号) or a prose paragraph (row = None)."""

    doc: str
    row: int | None
    district: str
    title: str
    period: str
    kind: Kind
    text: str
    section: str = ""
    task: str = ""
    leader: str = ""
    unit: str = ""
    units: tuple[str, ...] = ()
    progress: str = ""
    paragraph: int | None = None
    heading: str = ""
    progress_normalized: str = ""
    data_quality: tuple[str, ...] = ()
    page: int | None = None  # the PDF page the row or paragraph starts on; None for other formats
    # what the row's figures describe (rag.ingest.periods): `period` above is the document's manifest text
    year: int | None = None
    period_label: str = ""  # 全年 | 上半年 | 一季度 | 前三季度 | 1-8月 | 截至10月 | 10月 … ('' unknown)
    period_fraction: float | None = None  # the share of the year that label covers (1-8月 0.667)
    stance: str = ""  # target | actual | '' (unclear)

    @property
    def id(self) -> str:
        return content_hash(self.doc, self.row, self.paragraph, self.text)

    @property
    def anchor(self) -> str:
        """Human citation anchor: 序号 for table rows, ¶ number for paragraphs, after the page when known."""
        return anchor(self.row, self.paragraph, self.page)

    def to_json(self) -> dict[str, Any]:
        d = asdict(self)
        d["id"] = self.id
        d["units"] = list(self.units)
        d["data_quality"] = list(self.data_quality)
        return d


@dataclass(frozen=True)
class Citation:
    id: str
    doc: str
    row: int | None
    title: str
    text: str
    score: float = 0.0
    paragraph: int | None = None
    page: int | None = None

    @property
    def anchor(self) -> str:
        return anchor(self.row, self.paragraph, self.page)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "doc": self.doc,
            "row": self.row,
            "paragraph": self.paragraph,
            "page": self.page,
            "title": self.title,
            "text": self.text,
            "score": round(self.score, 4),
        }

    @classmethod
    def of(cls, row: Row, score: float = 0.0) -> Citation:
        return cls(row.id, row.doc, row.row, row.title, row.text, score, row.paragraph, row.page)


@dataclass(frozen=True)
class Answer:
    question: str
    text: str
    citations: tuple[Citation, ...] = ()
    backend: str = "offline"
    abstained: bool = False
    warnings: tuple[str, ...] = ()
    route: str = "ask"

    def to_json(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "answer": self.text,
            "abstained": self.abstained,
            "backend": self.backend,
            "route": self.route,
            "citations": [c.to_json() for c in self.citations],
            "warnings": list(self.warnings),
        }


@dataclass(frozen=True)
class Quantity:
    """A number found in text: value in base units, the unit word, and what kind of quantity."""

    value: float
    unit: str
    kind: str  # growth | ratio | level | count | rank
    raw: str


@dataclass(frozen=True)
class PartStatus:
    """One part of a row's target (顶尖人才20名) judged on its own: the figures of the progress text matched
    to it by their nouns (summed when the text splits the part), the reason with its arithmetic."""

    name: str
    status: StatusLabel
    reason: str
    target: Quantity | None = None
    progress: Quantity | None = None
    figures: tuple[Quantity, ...] = ()  # the progress figures behind `progress` (several when summed)

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "status": self.status, "reason": self.reason,
                "target": asdict(self.target) if self.target else None,
                "progress": asdict(self.progress) if self.progress else None,
                "figures": [asdict(q) for q in self.figures]}


@dataclass(frozen=True)
class Status:
    row: Row
    status: StatusLabel
    reason: str
    target: Quantity | None = None
    progress: Quantity | None = None
    elapsed: float = 1.0
    comparison: str = ""
    by_model: bool = False
    parts: tuple[PartStatus, ...] = ()  # every part compared, for multi-part targets (empty: one figure or words)

    @property
    def lagging(self) -> bool:
        """滞后 or 部分滞后: the row names its lead unit as lagging."""
        return self.status in LAGGING

    @property
    def label_zh(self) -> str:
        return STATUS_ZH[self.status]

    def to_json(self) -> dict[str, Any]:
        r = self.row
        return {
            "doc": r.doc,
            "row": r.row,
            "district": r.district,
            "unit": r.unit,
            "task": r.task,
            "progress": r.progress,
            "status": self.status,
            "status_zh": self.label_zh,
            "reason": self.reason,
            "evidence": {
                "target": asdict(self.target) if self.target else None,
                "progress": asdict(self.progress) if self.progress else None,
                "elapsed": self.elapsed,
                "comparison": self.comparison,
                "by_model": self.by_model,
            },
            "parts": [p.to_json() for p in self.parts],
        }


@dataclass(frozen=True)
class Chunk:
    """What is embedded and keyword-indexed: a row, or a token-bounded piece of a long one."""

    id: str
    row_id: str
    text: str
    metadata: dict[str, Any] = field(default_factory=dict)
