"""Verification, on both backends: every number in an answer must appear in a cited row (after
normalising 万/亿/%, 个百分点, full-width digits and Chinese numerals), and every claim must carry a
citation. Returns warnings; the caller decides to fall back.

Two kinds of numbers are not quotes and are checked differently:
- computed numbers, written with their inputs and marked "系计算" ("为目标的89%（8.89÷10，系计算）",
  "差4.8个百分点（8−3.2，系计算）"): accepted when every input is in a cited row (or is a month count
  of the period the row names) and the inputs recompute to the stated value;
- counts of what the text itself lists ("共5项：" followed by five items) or tallies of status
  judgements ("另有8项无法判断"): recounted, or not claims about the sources at all.
Only numbers neither in the sources nor derivable from them are flagged."""

from __future__ import annotations

import re
from collections.abc import Sequence

from rag.ask.context import CITE_RE
from rag.domain import STATUS_ZH, Quantity, Row
from rag.status.match import period_spans
from rag.status.quantities import numbers_in, same_number, to_halfwidth

__all__ = ["check", "computed_numbers", "uncited_claims", "unsupported_numbers"]

_CLAIM_SPLIT = re.compile(r"(?<=[。；;！？!?\n])")
_REF = re.compile(rf"{CITE_RE.pattern}|〔[^〕]*〕")  # [n] citations and our 〔doc 序号N〕 source tags
_NUM = r"\d+(?:,\d{3})*(?:\.\d+)?"
_OPERAND = rf"\(?[-−]?{_NUM}[^÷×+−\-()（），,\d]*\)?"
COMPUTED = re.compile(  # "89%（8.89÷10，系计算）"; a sum of pieces "228个（12个+216个，系计算）"
    rf"(?P<num>{_NUM})\s*(?P<unit>%|个百分点)?(?P<tail>[万亿]?[^\d\s（(，,；;。÷×+−\-]{{0,4}}?)\s*[（(]\s*(?P<a>{_OPERAND})"
    rf"\s*(?P<op>[÷×+−-])\s*(?P<b>{_OPERAND}(?:\s*\+\s*{_OPERAND})*)\s*[，,]\s*系计算\s*[）)]"
)
_LIST_COUNT = re.compile(r"共(?:计)?(?P<n>\d+)(?P<unit>项|条|个|处|份)(?:[（(][^）)]*[）)])?[：:]")
_LIST_ITEM = re.compile(r"^\s*(?:\d+[.、．]|[-•*·])\s*\S", re.M)
_TALLY = re.compile(r"(?:另有|还有|其余|共)\d+项(?=" + "|".join(map(re.escape, STATUS_ZH.values())) + r")|共比对\d+项指标")
MONTHS_IN_YEAR = 12  # "8个月÷12个月": the time share of a year is a calendar fact, not a source figure
TOLERANCE = 1e-6  # float slack when comparing a recomputed value with its written rounding


def _value(operand: str) -> float:
    """"(−2.9)" -> -2.9, "8.89" -> 8.89 (a bare number as written), "3.75万人" -> 37500 (with its unit)."""
    m = re.search(rf"([-−]?)\s*({_NUM})", operand)
    if not m:
        return float("nan")
    qs = numbers_in(operand.strip("() ").lstrip("-−"))
    value = qs[0].value if qs and qs[0].unit else float(m[2].replace(",", ""))
    return -abs(value) if m[1] else value


def _literal(q: Quantity) -> float | None:
    """The number as written, without multiplier or unit: "8.89亿美元" -> 8.89."""
    m = re.search(_NUM, to_halfwidth(q.raw))
    return float(m[0].replace(",", "")) if m else None


def _operand_ok(op: str, rows: Sequence[Row], have: list[Quantity]) -> bool:
    """An input of a computation: in a cited row (bare "8.89" matches "8.89亿美元"), or a month count
    ("8个月") of a period the row names (1-8月, 半年度, the document's period), or the 12 months of a year."""
    op = op.strip("() ").lstrip("-−")
    value = abs(_value(op))
    if op.endswith("个月"):
        months = {round(frac * MONTHS_IN_YEAR) for r in rows
                  for _, _, frac in period_spans(to_halfwidth(f"{r.text} {r.progress} {r.period}"))}
        return value == MONTHS_IN_YEAR or value in months
    qs = numbers_in(op)
    if qs and qs[0].unit:
        return any(same_number(qs[0], h) for h in have)
    return any(_literal(h) == value for h in have)


def _recomputes(m: re.Match[str]) -> bool:
    a, op = _value(m["a"]), m["op"]
    b = sum(_value(x) for x in m["b"].split("+")) if op == "+" else _value(m["b"])
    if op == "÷":
        value = a / b * (100 if m["unit"] == "%" else 1) if b else float("nan")
    else:
        value = a * b if op == "×" else a + b if op == "+" else a - b
    places = len(m["num"].split(".")[1]) if "." in m["num"] else 0
    written = float(m["num"].replace(",", ""))
    result = numbers_in(f"{m['num']}{m['tail']}") if m["tail"] and written else []
    if result:  # a sum written with its unit ("4.1万方"): compare in the unit's base, as the operands are
        value /= result[0].value / written
    return abs(abs(value) - written) <= 0.5 * 10**-places + TOLERANCE


def computed_numbers(text: str, rows: Sequence[Row]) -> tuple[str, list[str]]:
    """The text with every computed number (and its marked inputs) taken out, and a note for each one
    whose inputs are not in the rows or do not give the stated value. A result that checks out may be the
    input of a later computation ("4.1万方（2.6万方+1.5万方，系计算），为目标的41%（4.1万方÷10万平方米，系计算）")."""
    have = _source_numbers(rows)
    bad: list[str] = []

    def one(m: re.Match[str]) -> str:
        shown = f"{m['num']}{m['unit'] or ''}（{m['a']}{m['op']}{m['b']}）"
        terms = [m["a"], *(m["b"].split("+") if m["op"] == "+" else [m["b"]])]
        if not all(_operand_ok(x, rows, have) for x in terms):
            bad.append(f"{shown}，输入不在引用原文中")
        elif not _recomputes(m):
            bad.append(f"{shown}，重算结果不符")
        else:
            have.extend(numbers_in(f"{m['num']}{m['unit'] or ''}{m['tail']}"))
        return " "

    return COMPUTED.sub(one, text), bad


def _counts(text: str) -> tuple[str, list[str]]:
    """The text without the counts it makes itself: "共5项：" before five listed items (recounted), and
    tallies of status judgements ("另有8项无法判断")."""
    bad: list[str] = []
    marks = list(_LIST_COUNT.finditer(text))
    for i, m in enumerate(marks):
        block = text[m.end() : marks[i + 1].start() if i + 1 < len(marks) else len(text)]
        listed = len(_LIST_ITEM.findall(block))
        if listed and listed != int(m["n"]):
            bad.append(f"共{m['n']}{m['unit']}（实际列出{listed}{m['unit']}）")
    text = _LIST_COUNT.sub(lambda m: " " if len(_LIST_ITEM.findall(text[m.end() :])) else m[0], text)
    return _TALLY.sub(" ", text), bad


_TABLE_UNIT = re.compile(r"^表[^：:（(]{0,8}（单位：([^）]{1,6})）[：:]")


def _header_unit(text: str) -> list[Quantity]:
    """A table line cited with its header's unit ("表1（单位：亿元）：地区生产总值 | 20817.5 | 2.8"): each bare cell
    value read with that unit too (20817.5亿元)."""
    m = _TABLE_UNIT.match(text)
    if m is None:
        return []
    cells = re.findall(rf"(?<![\d.]){_NUM}(?![\d.]|\s*[%万亿元])", text[m.end() :])
    return [q for c in cells for q in numbers_in(f"{c}{m[1]}")]


def _source_numbers(rows: Sequence[Row]) -> list[Quantity]:
    """Every number the cited rows state, table cells also with their header's unit."""
    return [q for r in rows for q in numbers_in(r.text + " " + r.title) + _header_unit(r.text)]


def _findings(text: str, rows: Sequence[Row]) -> tuple[list[str], list[str], list[str]]:
    """(quoted numbers no row contains, computed numbers that do not check out, miscounted lists)."""
    text, computed = computed_numbers(_REF.sub(" ", text), rows)
    text, counts = _counts(text)
    have = _source_numbers(rows)
    return [q.raw for q in numbers_in(text) if not any(same_number(q, h) for h in have)], computed, counts


def unsupported_numbers(text: str, rows: Sequence[Row]) -> list[str]:
    """Numbers in `text` that no cited row contains and that are not computed or counted (see above)."""
    quoted, computed, counts = _findings(text, rows)
    return quoted + computed + counts


def uncited_claims(text: str) -> list[str]:
    """Sentences with a number or a factual verb but no [n] citation (LLM backend)."""
    out = []
    for sent in _CLAIM_SPLIT.split(text):
        s = sent.strip()
        if len(s) < 6 or _REF.search(s):
            continue
        if re.search(r"\d", s) or len(s) > 30:
            out.append(s[:60])
    return out


def check(text: str, rows: Sequence[Row], require_refs: bool = False) -> list[str]:
    quoted, computed, counts = _findings(text, rows)
    warnings = [f"未在引用来源中找到的数字：{n}" for n in quoted]
    warnings += [f"无法核实的计算：{c}" for c in computed] + [f"列举数量不符：{c}" for c in counts]
    if require_refs:
        warnings += [f"未标注来源的陈述：{c}" for c in uncited_claims(text)]
    return warnings
