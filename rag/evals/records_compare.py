"""Scoring the blind labels of the figure records (issue N) against the extractor's key (rag.evals.records).

Precision: the share of sampled records exactly right on indicator, measure, value, unit, place, year and stance
(and per field). Equal is tolerant only where two writings mean the same: 9251.8 = "9251.80", 亿 = 亿元, 成都 =
成都市, 计数 = 总量; the labeller's indicator words are mapped through the project's own alias lexicon, and 其他 is
wrong against a canonical id. Recall: the share of the figures the labeller listed in the drawn paragraphs and
tables that are records (value and unit, each record used once)."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from rag.ingest.figures.vocab import find, unit_of

FIELDS = ("indicator", "measure", "value", "unit", "place", "year", "stance")
MEASURES = {
    "总量": "level", "level": "level", "绝对值": "level", "个数": "level", "count": "level", "数量": "level",
    "增速": "growth", "growth": "growth", "增长率": "growth", "年均增速": "avg_growth", "avg_growth": "avg_growth",
    "百分点变化": "change_pp", "change_pp": "change_pp", "占比": "share", "share": "share", "人均": "per_capita",
    "per_capita": "per_capita", "排名": "rank", "rank": "rank", "位次": "rank", "增减量": "change",
    "change": "change", "指数": "index", "index": "index",
}
STANCES = {"目标": "target", "target": "target", "计划": "plan", "plan": "plan", "实际": "actual", "actual": "actual"}
_SUFFIX = re.compile(r"(?:维吾尔自治区|壮族自治区|回族自治区|自治区|自治州|土家族苗族自治州|省|市|区|县|州|地区|盟|旗)$")
_OTHER = re.compile(r"^其他[:：\s]*")
_NONE = ("", "无", "none", "null", "-", "—")


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def same_value(a: Any, b: Any) -> bool:
    try:
        x, y = float(str(a).replace(",", "")), float(str(b).replace(",", ""))
    except (TypeError, ValueError):
        return False
    return abs(x - y) <= 1e-6 * max(1.0, abs(x), abs(y))


def norm_unit(u: Any) -> str:
    s = "" if u is None else str(u).strip().replace("％", "%")
    if s.lower() in _NONE:
        return ""
    s = {"亿": "亿元", "万": "万元", "百分点": "个百分点", "名": "位"}.get(s, s)
    if re.fullmatch(r"(?:上年|\d{4}年)\s*[=＝]\s*100", s):
        return ""  # "上年=100": an index's base, not a unit (the index has none)
    return unit_of(s)


def norm_place(p: Any) -> str:
    s = re.sub(r"\s+", "", str(p or ""))
    return _SUFFIX.sub("", s) if len(s) > 2 else s


def _indicator_ok(label: str, key: dict[str, Any]) -> bool:
    words = str(label or "").strip()
    other = bool(_OTHER.match(words))
    words = _OTHER.sub("", words)
    canon = None if other else find(words)
    if key.get("listed"):
        return canon == key["indicator"]
    if canon:  # the labeller names a listed indicator the extractor did not recognise
        return False
    key_words = str(key.get("words", ""))  # a sub-row is its parent's part: 「住户存款」 of 存款余额 is 住户存款余额
    a, b, own = (re.sub(r"[：:\s“”\"「」]", "", w) for w in (words, key_words, re.split(r"[：:]", key_words)[-1]))
    return bool(a) and bool(b) and (a in b or b in a or bool(own) and own in a)


def per_capita(label: dict[str, Any]) -> dict[str, Any]:
    """"人均" said as a measure is the per-capita indicator's level (人均地区生产总值 is its own indicator)."""
    if MEASURES.get(str(label.get("measure") or "").strip()) != "per_capita":
        return label
    words = _OTHER.sub("", str(label.get("indicator") or "").strip())
    return {**label, "measure": "level", "indicator": words if "人均" in words else f"人均{words}"}


def field_ok(name: str, label: dict[str, Any], key: dict[str, Any]) -> bool:
    got = label.get(name)
    want = key.get(name)
    if name == "indicator":
        return _indicator_ok(str(got or ""), key)
    if name == "measure":
        return MEASURES.get(str(got or "").strip(), str(got or "").strip()) == want
    if name == "value":
        return same_value(got, want)
    if name == "unit":
        return norm_unit(got) == norm_unit(want)
    if name == "place":  # 清苑区 is 保定市清苑区: a place written with or without its parent
        a, b = norm_place(got), norm_place(want)
        return bool(a) and bool(b) and (a == b or len(min(a, b, key=len)) >= 2 and (a.endswith(b) or b.endswith(a)))
    if name == "year":
        return str(got or "").strip().rstrip("年") == str(want or "")
    if name == "stance":
        return STANCES.get(str(got or "").strip(), str(got or "").strip()) == want
    return got == want


def precision(labels: Sequence[dict[str, Any]], key: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Exact-right share over the labelled sample and per field; a marked figure the labeller says is not a
    figure (a year, a code) is a wrong record."""
    keys = {k["id"]: k for k in key}
    per = dict.fromkeys(FIELDS, 0)
    right, n, misses = 0, 0, []
    for lab in labels:
        k = keys.get(lab.get("id"))
        if k is None:
            continue
        n += 1
        if lab.get("not_a_figure") or k.get("offset") is None:
            misses.append({"id": k["id"], "wrong": ["not_a_figure" if lab.get("not_a_figure") else "unmarked"]})
            continue
        lab = per_capita(lab)
        bad = [f for f in FIELDS if not field_ok(f, lab, k)]
        for f in FIELDS:
            per[f] += f not in bad
        right += not bad
        if bad:
            misses.append({"id": k["id"], "wrong": bad, "label": {f: lab.get(f) for f in bad},
                           "key": {f: k.get(f) for f in bad}, "text": k.get("text", "")[:160]})
    return {"n": n, "precision": round(right / n, 3) if n else None,
            "fields": {f: round(v / n, 3) if n else None for f, v in per.items()}, "misses": misses}


def recall(labels: Sequence[dict[str, Any]], key: Sequence[dict[str, Any]]) -> dict[str, Any]:
    keys = {k["id"]: k["records"] for k in key}
    stated, found, misses = 0, 0, []
    for lab in labels:
        records = list(keys.get(lab.get("id"), []))
        for fig in lab.get("figures", []):
            stated += 1
            hit = next((r for r in records if same_value(abs(float(r["value"])), abs(_num(fig.get("value"))))
                        and norm_unit(r["unit"]) == norm_unit(fig.get("unit"))), None)
            if hit is not None:
                found += 1
                records.remove(hit)
            else:
                misses.append({"id": lab.get("id"), **fig})
    return {"stated": stated, "records": found, "recall": round(found / stated, 3) if stated else None,
            "misses": misses}


def _num(v: Any) -> float:
    try:
        return float(str(v).replace(",", ""))
    except (TypeError, ValueError):
        return float("nan")


def score(folder: Path) -> dict[str, Any]:
    """Precision and recall of the labels in `folder` (labels.jsonl, recall_labels.jsonl) against its key files."""
    p = precision(read_jsonl(folder / "labels.jsonl"), read_jsonl(folder / "key.jsonl"))
    r = recall(read_jsonl(folder / "recall_labels.jsonl"), read_jsonl(folder / "key_recall.jsonl"))
    return {"precision": p, "recall": r}


def rekey(key: Sequence[dict[str, Any]], figures: Sequence[Any]) -> list[dict[str, Any]]:
    """The current code's reading of the same sampled figures (for the after-tuning score): the record of the same
    document and clause whose figure is at the same place in it; a figure no longer recorded gets offset None."""
    from rag.evals.records import key_line, offsets

    where = offsets(figures)
    at = {(f.doc, f.text, where[id(f)]): f for f in figures}
    out = []
    for k in key:
        f = at.get((k["doc"], k["text"], k["offset"]))
        out.append(key_line(f, k["id"], k["offset"]) if f is not None else {**k, "offset": None, "dropped": True})
    return out


def rekey_score(folder: Path, figures: Sequence[Any]) -> dict[str, Any]:
    """The score of the same labels against the current code's records of the sampled figures and texts."""
    from rag.evals.records import brief

    key = rekey(read_jsonl(folder / "key.jsonl"), figures)
    p = precision(read_jsonl(folder / "labels.jsonl"), key)
    p["dropped"] = sum(bool(k.get("dropped")) for k in key)
    texts = read_jsonl(folder / "recall.jsonl")
    new_key = []
    for t in texts:  # the records now read from each drawn text
        lines = {ln.strip() for ln in t["text"].splitlines()}
        mine = [f for f in figures if f.doc == t["doc"] and (f.text.strip() in lines if t["id"].startswith("T")
                                                             else f.source == "clause" and f.text in t["text"])]
        new_key.append({"id": t["id"], "records": [brief(f) for f in mine]})
    return {"precision": p, "recall": recall(read_jsonl(folder / "recall_labels.jsonl"), new_key)}
