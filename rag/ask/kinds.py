"""Whether a clause holds the kind of answer asked (rag.ask.evidence): a status word, a list, a rank, a date, a
figure of the kind asked, or a place of the kind a "哪个街道" asks for."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from rag.ask.lists import cell_text, colon_items, parallel_leads
from rag.ask.question import NUMERIC_WANTS, Asked
from rag.domain import Quantity
from rag.status.quantities import numbers_in

if TYPE_CHECKING:
    from rag.ask.evidence import Clause

_MONEY = re.compile(r"(亿|万元|元|美元)")
_DATE = re.compile(r"(\d{1,2}月\d{1,2}日|\d{1,2}月(?:底|末|中旬|上旬|下旬)|20\d\d年\d{1,2}月|\d{1,2}日)")

_RANK = re.compile(r"(第[一二三四五六七八九十\d]+|前[一二三四五六七八九十\d]+|首位|居.{0,6}前列)")


@lru_cache(maxsize=65536)
def clause_numbers(text: str) -> tuple[Quantity, ...]:
    return tuple(numbers_in(text))


def type_share(asked: Asked, clause: Clause) -> float:
    """The share of the kinds asked that the clause holds (1.0 when nothing in particular is asked)."""
    if not asked.wants:
        return 1.0
    return sum(_type_ok(w, asked, clause) for w in asked.wants) / len(asked.wants)


PERSONLESS = 0.5  # a clause naming no person still answers "谁…" (a unit may be the answer), ranked below one that does


@lru_cache(maxsize=16384)
def names_person(text: str) -> bool:
    """The clause names a person: a word jieba tags as a person's name (保定市人民政府市长 闫继红)."""
    import jieba.posseg

    return any(tag == "nr" and len(word) >= 2 for word, tag in jieba.posseg.cut(text))


_LIST = re.compile(r"[、；;]|[（(]?[一二三四五六七八九十\d]+[)）、.．]")


def _new_numbers(asked: Asked, clause: Clause) -> tuple[Quantity, ...]:
    """The clause's figures that the question does not state itself ("造林0.71万亩的任务完成了多少" is not
    answered by "完成造林0.71万亩")."""
    years = bool(_HOW_MANY_YEARS.search(asked.text))
    return tuple(q for q in clause_numbers(clause.text) if q.raw not in asked.text and (years or q.unit != "年"))


# "连续4年占全国九成以上": a run of years says for how long, it is no figure of what is asked (unless 几年 is asked)
_HOW_MANY_YEARS = re.compile(r"(?:几|多少)(?:个)?年")


_DOCNUM = re.compile(r"[〔\[［(（]\s*20\d\d\s*[〕\]］)）]\s*\d+\s*号")


# words that state a status; 完成情况 / 工作进度 only name one (a table's title, "抢抓工作进度")
_STATUS_WORDS = re.compile(r"(完成(?!情况)|达到|达标|滞后|未|超额|超过|低于|高于|序时|开工|竣工|投用|建成|实现"
                           r"|已[\u4e00-\u9fff]|交付|返迁|入住|封顶|通车|投产)")  # a stage reached (已交付10个) as well


_RAISED_BY = re.compile(r"(?:提高|增加|上调|提升|多了|减少|下调|降低)了?(?:多少|几)")  # an amount changed, asked
_CHANGED_BY = re.compile(r"(?:提高|增加|上调|提升|减少|下调|降低)\s*\d[\d.]*\s*[万亿千]?[元人个家吨亩]")


def _type_ok(want: str, asked: Asked, clause: Clause) -> float:
    if want == "status":
        return bool(_STATUS_WORDS.search(clause.text))  # a status answer states a status
    if want == "docnum":
        return bool(_DOCNUM.search(clause.text))
    if want == "list" and not _names_listed_kind(asked.text, clause.text):
        return False  # "新设的两个县叫啥": the items are names of that kind (和康、和安县)
    if want == "list":  # an enumeration, or one of a run of sentences that open alike (聚焦…。聚焦…。聚焦…)
        colon = len(colon_items(cell_text(clause), clause.text)) >= 3  # after a colon: "主要目标为：A，B，C"
        return bool(_LIST.search(clause.text)) or colon or _two_of_kind(asked.text, clause.text) or (clause.text[:2] in parallel_leads(clause.row.text) and bool(
            re.search(r"(?:^|[。；;！!？?\n])\s*" + re.escape(clause.text[:8]), clause.row.text)))  # opens a sentence
    if want == "rank" and _GROWTH_RANK_ASKED.search(asked.text):  # "增速在全市排第几": the growth's rank, not 总量's
        return bool(_GROWTH_RANK.search(clause.text))
    if want == "rank":
        return bool(_RANK.search(clause.text))
    if want == "date":
        return bool(_DATE.search(clause.text))
    if want == "entity":
        return _names_kind(asked.text, clause.text)
    if want == "person":
        return 1.0 if names_person(clause.text) else PERSONLESS
    if want not in NUMERIC_WANTS:
        return True
    if FROM_TO_ASKED.search(asked.text) and not _FROM_TO.search(clause.text):
        return OTHER_UNIT  # "从多少涨到了多少": the clause that says from what to what, before a year's figure
    qs = _subjects_own(asked, clause.text, _new_numbers(asked, clause))
    unit = _ASKED_UNIT.search(asked.text)  # "运营多少公里": a figure in 公里 answers it before 运营车站60座
    if unit and qs and not any(q.unit.endswith(unit.group(1)) for q in qs):
        return OTHER_UNIT
    if want == "growth":  # a share (占GDP比重12.9%) is not a growth rate; "每月提高了多少" is answered by 提高183元
        by = _RAISED_BY.search(asked.text) and _CHANGED_BY.search(clause.text)
        return bool(by) or any(q.kind == "growth" or q.unit == "个百分点" for q in qs)
    if want == "ratio" and _SHARE_ASKED.search(asked.text):  # "占…比重是多少": a share, not the growth beside it
        return bool(re.search(r"(?:占|比重|份额|比例)[^，,。；;]{0,24}?\d[\d.]*\s*[%％]", clause.text))  # 占X的比重为Y%
    if want == "ratio":
        return any(q.kind in ("ratio", "growth") or q.unit == "%" for q in qs)
    if want == "amount":
        return any(q.kind == "level" and _MONEY.search(q.raw) for q in qs)
    if want == "count":
        return any(q.kind in ("count", "level") and q.unit not in ("%", "个百分点") for q in qs)
    # "多少" without a growth word asks for the level: a growth rate alone answers it only in part
    # (a target is usually a rate: "GDP预期目标是多少" is answered by "增长5.5%")
    return bool(qs) and (any(q.kind != "growth" for q in qs) or want != "number" or asked.stance in ("target", "both"))


_PART = re.compile(r"[，,；;]")
_SHARE_ASKED = re.compile(r"比重|占比|份额")
_GROWTH_RANK_ASKED = re.compile(r"(?:增速|增幅)[^，,。？?]{0,8}(?:排|第|名)")
_GROWTH_RANK = re.compile(r"(?:增速|增幅)[^，,。；;\d]{0,6}(?:第[一二三四五六七八九十\d]+|首位)")
FROM_TO_ASKED = re.compile(r"从多少[^，,。？?]{0,6}?(?:到|至)了?多少")
_FROM_TO = re.compile(r"从\s*\d[^，,。；;]{0,12}?(?:到|至)\s*\d")
_ASKED_UNIT = re.compile(r"(?:多少|几)(公里|千米|平方米|平方公里|亩|公顷|吨|条|座|所|家|项|人|辆|台|张|床|套|户|列|人次|天)(?!\w)")
OTHER_UNIT = 0.5  # a clause whose figures are not in the unit asked still answers, ranked below one whose are


def _subjects_own(asked: Asked, text: str, qs: tuple[Quantity, ...]) -> tuple[Quantity, ...]:
    """"较十三五末净增1万亿元，人均生产总值居全国第12位": when the part naming the subject states a figure of its own,
    the figures of the parts before it are another subject's."""
    alts = [a for t in asked.terms if t.weight >= 1.0 for a in t.alts]
    qs = tuple(q for q in qs if not _anothers(text, q, alts))
    starts = [0, *(m.end() for m in _PART.finditer(text))]
    ends = [*starts[1:], len(text)]
    first = next((i for i in range(1, len(starts)) if any(a in text[starts[i] : ends[i]] for a in alts)
                  and not any(a in text[: starts[i]] for a in alts)), None)
    if first is None:
        return qs
    if not clause_numbers(text[starts[first] : ends[first]]):
        return qs  # "新增5家，均为高新技术企业": the subject's part has no figure, the one before is its
    return tuple(q for q in qs if text.find(q.raw, starts[first]) >= 0)


# "…占全国九成以上、就地转化率达45%": a part that opens with a measure's own name states that measure's figure
_OWN_MEASURE = re.compile(r"(?:^|[，,；;、])([\u4e00-\u9fff]{2,10}(?:率|量|额|值|指数|比重))(?:达到|达|为|是|超过|提高到|保持在)?\s*$")


def _anothers(text: str, q: Quantity, alts: list[str]) -> bool:
    """The figure follows, in its part, the name of another measure than the question's ("就地转化率达45%")."""
    at = text.find(q.raw)
    named = _OWN_MEASURE.search(text[max(0, at - 16) : at]) if at > 0 else None
    return named is not None and not any(a in named.group(1) or named.group(1) in a for a in alts)


_LISTED_KIND = re.compile(r"(?:哪[几些]?|[两二三四五六七八九十\d]+)[个座]?(县|市|区|镇|乡|街道|村|园区)(?![\u4e00-\u9fff]{0,1}[长委])")


def _two_of_kind(question: str, text: str) -> bool:
    """"哪几个村入围了淘宝村": two names of the kind asked joined in the clause (北龙化村和…李果庄村) are the list."""
    kind = _LISTED_KIND.search(question)
    end = kind.group(1) if kind else ""
    return bool(end) and bool(re.search(f"[\u4e00-\u9fff]{{2}}{end}(?:和|及|与|、)[\u4e00-\u9fff]*?[\u4e00-\u9fff]{{2}}{end}", text))


def _names_listed_kind(question: str, text: str) -> bool:
    """"哪几个街道", "两个县叫啥": a list of places of a kind is answered by a clause that names one of that kind."""
    kind = _LISTED_KIND.search(question)
    return not kind or bool(re.search(r"[\u4e00-\u9fff]" + kind.group(1), text))


WHICH_PLACE = re.compile(r"哪(?:个|些|几个|一个|所|座)?(街道|乡镇|社区|园区|城市|镇|乡|村)")
_WRITTEN = {"城市": "市"}  # how a name of the kind ends (吉首市 for "哪个城市")


def _names_kind(question: str, text: str) -> bool:
    """"落在哪个街道": a place of that kind is the answer, so the clause names one (下沙街道…); other entities pass."""
    kind = WHICH_PLACE.search(question)
    return not kind or bool(re.search(r"[\u4e00-\u9fff]{2}" + _WRITTEN.get(kind.group(1), kind.group(1)), text))
