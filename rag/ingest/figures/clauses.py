"""Figure records from the clauses of a row or paragraph ("全年实现地区生产总值（GDP）19917.0 亿元，按可比价格计算，
比上年增长 8.6%"). Each sentence is read segment by segment (between commas): a segment names its subject (an
indicator on the list, else the words just before its number) or carries on the one before it ("，增长8.6%");
each number with a unit becomes a record of that subject, its measure read from the words around it. Numbers
in a list after 分别 and ratios without a unit are not read (which number belongs to which subject is unclear)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from rag.domain import Row
from rag.ingest.figures import vocab
from rag.ingest.figures.model import Figure, level_of
from rag.ingest.figures.stance import aside_target, figure_part
from rag.ingest.figures.subject import BASE, CHANGE, DOWN, LEAD, SUBREGION, subject_of
from rag.ingest.figures.vocab import Mention, find, kinds, mentions, normalise, number_unit, scale, unit_fits, unit_of
from rag.ingest.periods import clause_period, period_spans, years_in

_SENTENCE = re.compile(r"[^。；;！？!?\n]+[。；;！？!?]?")
# a clause between commas; a short bracketed note is inside it ("固定资产投资（不含农户，下同）比上年下降4.2%")
_SEGMENT = re.compile(r"(?:[（(][^（()）]{0,20}[）)]|[^，,])+")
_SHARE = re.compile(r"(占|比重|比例|占比)")
_RANK = re.compile(r"(?:居|位居|排名|排|列|保持)([^，,。；、]{0,6}?)第\s*([一二三四五六七八九十\d]+)")
_ITEMS = re.compile(r"(\d(?:\.\d+)?[^\d\s、，,。；;（(]{0,4})、(?=[\u4e00-\u9fff“]|\d?[A-Za-z])")
_FLAT = re.compile(r"(与上年持平|同比持平|比上年持平|保持持平|持平)")
_GAP = re.compile(r"(?:高于|低于|快于|慢于|领先|超出|好于|优于)[^，,]{0,10}$")  # "高于全国平均0.3个百分点"
_THRESHOLD = re.compile(r"(?:突破|超过|超|跨越|跨过|迈过|迈上|站上)\s*$")  # "首次突破2万元、达到20793元": a round mark passed
# "由2.57万元增加到3.52万元", "由上年729万人增加到732万人": the value it started from, not the year's
_FROM = re.compile(r"[由从](?:上年末?|去年末?|前年|年初|\d{4}年(?:末|底)?)?\s*$")
_REPORT_ONLY = re.compile(r"^(?:首次|全年|年末|累计)?(?:达到|达|为|增至|增加到|提高到|提升至|升至|扩大到)$")
_CN_NUM = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_ITS_AMOUNT = ("总量", "规模", "总额", "总值", "总规模", "总数")  # the word for an amount of the subject already named


def _measure(before: str, unit: str, indicator: str, listed: bool) -> tuple[str, float]:
    """(measure, sign) of a number from the words just before it and its unit."""
    kind = kinds().get(indicator, "") if listed else ""
    change = CHANGE.search(before)
    sign = -1.0 if change and change.group(1) in DOWN else 1.0
    if unit == "个百分点":
        return "change_pp", sign
    if unit == "%":
        if change:
            return ("avg_growth" if "年均" in before else "growth"), sign
        if kind == "rate" or indicator.endswith(("率", "强度")):
            return "level", 1.0
        if _SHARE.search(before):
            return "share", 1.0
        return ("growth", 1.0) if kind == "index" or BASE.search(before) else ("", 1.0)
    if not unit:
        return ("level", 1.0) if kind == "ratio" else ("index", 1.0)  # 城乡收入倍差缩小至1.43: the ratio itself
    return ("change", sign) if change else ("level", 1.0)


def _segment_figures(seg: str, subject: tuple[str, str, bool] | None, sentence: str,
                     last_unit: dict[str, str]) -> Iterator[tuple]:
    nums = [m for m in number_unit().finditer(seg) if m.group(2) or _index_ok(seg, m, subject)]
    if subject is None:
        return
    rank = _RANK.search(seg)
    if rank and not nums and len(re.sub(r"[^\u4e00-\u9fff]|总量|增速|和|均|都|也", "", LEAD.sub("", seg[: rank.start()]))) > 2:
        rank = None  # "回迁安置完成率居全市第一": the rank of something the segment names, not of the subject
        # ("总量和增速均居全国第5位" is the subject's own)
    if rank and not nums:
        n = rank.group(2)
        yield subject, "rank", float(n) if n.isdigit() else float(_CN_NUM.get(n, 0)), "位", rank.group(1), ""
    if not nums:
        return
    if "分别" in seg and len(nums) > 1 or len(nums) == 2 and subject[1].startswith("城乡") \
            and seg[nums[0].end() : nums[1].start()].strip() in ("、", "和"):
        yield from _town_and_country(seg, subject, nums)  # "城乡居民人均可支配收入35352元、13565元" too
        return
    pos = 0
    levels = 0
    for m in nums:
        before = seg[pos : m.start()]
        pos = m.end()
        unit = unit_of(m.group(2) or "")
        if _THRESHOLD.search(seg[: m.start()]) and re.match(r"\s*[^\d，,]{0,4}?(?:达到|达)\s*\d", seg[m.end() :]):
            continue  # "突破300亿元达到301.5亿元": the mark passed, then the value
        if _FROM.search(seg[: m.start()]):
            continue  # "由2.57万元增加到3.52万元": the value it started from, years before
        if _GAP.search(seg[: m.start()]):
            continue  # "增长6.2%、高于全国平均0.3个百分点": a gap to another place or indicator, not the subject's change
        if before.strip() in ("、", "和", "及") or seg[m.end() :].startswith(("大关", "台阶", "关口", "以上的", "及以上的")):
            continue  # "年均增长5.3%、8.1%": whose the second is, is unclear; "跨越5000亿元大关": a threshold
        measure, sign = _measure(seg[: m.start()][-8:] if not before.strip() else before, unit, subject[0], subject[2])
        if not measure:
            continue  # a percentage with no word saying what it is (growth, share, a rate)
        value = float(m.group(1).replace(",", "").replace("−", "-")) * sign
        if subject[2] and not unit_fits(subject[0], unit):
            continue
        if measure == "change" and unit != (last_unit.get(subject[0]) or unit):
            continue  # "完成营造林627万亩，新增4家国家生态文明…": an increase of something else
        if measure == "level":
            last_unit[subject[0]] = unit
        levels += measure == "level"
        if measure == "level" and levels > 1:
            continue  # "63个住宅小区、33个机关事业单位…": a second amount in the segment names its own thing
        base = BASE.search(sentence[: sentence.find(seg) + m.start()] if seg in sentence else seg)
        yield subject, measure, value, unit, base.group(1) if base and measure != "level" else "", vocab.qualifier_of(before, measure)


def _town_and_country(seg: str, subject: tuple[str, str, bool], nums: list[re.Match[str]]) -> Iterator[tuple]:
    """"城乡居民人均可支配收入分别增长5.3%、7.1%", "…分别达到41520元和22100元", "…收入35352元、13565元": the first
    number is the towns', the second the countryside's."""
    words = subject[1]
    if not words.startswith("城乡") or len(nums) != 2 or len({m.group(2) for m in nums}) != 1:
        return
    for m, side in zip(nums, ("城镇", "农村")):
        name = side + words[2:]
        ind = find(name)
        unit = unit_of(m.group(2) or "")
        measure, sign = _measure(seg[: nums[0].start()][-8:], unit, ind or name, bool(ind))
        if measure:
            yield (ind or name, name, bool(ind)), measure, float(m.group(1)) * sign, unit, "", ""


def _index_ok(seg: str, m: re.Match[str], subject: tuple[str, str, bool] | None) -> bool:
    """A number without a unit is a figure only of an index (上年=100: 80–120, with 指数 said) or of a ratio (城乡收入
    倍差1.43, 2.27:1: 1–10)."""
    kind = kinds().get(subject[0]) if subject and subject[2] else None
    value = float(m.group(1))
    return kind == "index" and 80 <= value <= 120 and "指数" in seg \
        or kind == "ratio" and 1 <= value <= 10 and seg[m.start() - 1 : m.start()] not in (":", "：")  # 2.27:1's 1


def sentence_figures(sentence: str) -> list[tuple[tuple[str, str, bool], str, float, str, str]]:
    """(subject, measure, value, unit, base) of every figure a (normalised) sentence states."""
    return [f[:5] for f in timed_figures(sentence)]


def _segment_period(seg: str) -> tuple[str, str]:
    """A segment that opens with its own period ("上半年增长6.1%", "一季度地区生产总值同比增长4.7%"): (the period,
    the segment without it); else ("", the segment)."""
    head = re.match(r"[:：、（）()“”\"\s]*", seg)
    at = head.end() if head else 0
    spans = period_spans(seg[at:])
    if spans and spans[0].start == 0 and spans[0].label:
        return spans[0].label, seg[:at] + " " * (spans[0].end - spans[0].start) + seg[at + spans[0].end :]
    return "", seg


def timed_figures(sentence: str) -> list[tuple[tuple[str, str, bool], str, float, str, str, str, str]]:
    """(subject, measure, value, unit, base, qualifier, period) of every figure a (normalised) sentence states; the
    period is '' unless a segment opens with its own ("分季度看，一季度…增长4.7%，上半年增长6.1%，前三季度增长6.4%": each
    figure its part of the year), kept by the segments after it."""
    out = []
    last_unit: dict[str, str] = {}  # the unit of each subject's last amount in the sentence
    sentence = _ITEMS.sub(r"\1，", sentence)  # "度假区2个、5A级景区1个": each item names its own thing
    found = mentions(sentence)
    current: tuple[str, str, bool] | None = None
    when = ""
    for sm in _SEGMENT.finditer(sentence):
        own, seg = _segment_period(sm.group(0))
        when = own or when
        local = mentions(seg) if own else [Mention(m.start - sm.start(), m.end - sm.start(), m.indicator, m.words)
                                           for m in found if sm.start() <= m.start < sm.end()]
        first = next((m for m in number_unit().finditer(seg) if m.group(2)), None)
        if first is not None:
            subject = subject_of(seg, first.start(), local)
            if subject is not None and current is not None and subject[1] in _ITS_AMOUNT:  # "地区生产总值增长6.0%…，
                subject = (current[0].removeprefix("新增"), current[1].removeprefix("新增"), current[2])  # 总量达到…";
                # "新增境内外上市公司45家、总量达1224家": the total of 境内外上市公司, not of the new ones
            if subject is not None:
                current = subject
            elif not (_FLAT.search(seg) or CHANGE.search(seg[: first.start()]) or BASE.search(seg[: first.start()])
                      or seg.startswith("占") or _REPORT_ONLY.match(seg[: first.start()].strip())):
                current = None  # a new number with no name of its own and no change word: whose it is is unclear
        elif local:
            current = (local[-1].indicator, local[-1].words, True)
        if _FLAT.search(seg) and current is not None and first is None:
            out.append((current, "growth", 0.0, "%", "比上年", "", when))
        found_here = [(*f, when) for f in _segment_figures(sm.group(0), current, sentence, last_unit)]
        if found_here and out and _passed_mark(out[-1], found_here[0], sentence, sm.start()):
            out.pop()  # "突破2万元，达到20793元": the round mark passed is not the figure
        out.extend(found_here)
        if first is not None and (seg.startswith("占") or _SHARE.search(seg)):
            current = None  # "…，比上年提高0.7个百分点" after a share is the share's change, not the subject's
    return out


_SPAN_OPENS = re.compile(r"^(?:过去|这|近|本届政府任期)?五年(?:来|间|中|[，,])|^“?十[一二三四五六七八九]五”?(?:以来|期间|时期)")
_SPAN = re.compile(r"^(?:20\d\d年)?每年|[较比](?:“|\")?十[一二三四五六七八九]五|五年(?:来|累计|间)?累计|(?:十[一二三四五六七八九]五|五年)(?:期间|时期)?(?:累计|合计)")


def _passed_mark(prev: tuple, new: tuple, sentence: str, at: int) -> bool:
    """The previous record is a round mark ("突破2万元") the next segment states exactly ("达到20793元")."""
    if prev[0] != new[0] or prev[1] != "level" or new[1] != "level":
        return False
    head = sentence[max(0, at - 30) : at]
    num = head.rfind(f"{prev[2]:g}")
    return num > 0 and bool(_THRESHOLD.search(head[:num])) and scale(prev[3]) is not None and scale(new[3]) is not None


def unlisted_id(words: str) -> str:
    """An indicator not on the list, by its words with the output said one way (棉花总产, 棉花总产量 -> 棉花产量)."""
    return re.sub(r"总产量?$", "产量", words) if len(words) > 3 else words


def row_figures(row: Row, place: str, communique_year: int | None = None, cite: Row | None = None) -> list[Figure]:
    """Every figure the row's clauses state, with the row's (or the clause's own) year, period and stance; in a
    statistical communiqué, the year it reports on (unless the clause names its own) and always an actual."""
    out: list[Figure] = []
    for sm in _SENTENCE.finditer(row.text):
        raw = sm.group(0).strip()
        if not re.search(r"\d", raw) or raw.startswith(("[", "［", "注")):
            continue
        sentence = normalise(raw)
        year, period, stance = clause_period(raw, row)
        if stance == "target" and aside_target(raw):
            year, again, stance = clause_period(figure_part(raw), row)
            period = again or period
        if _SPAN.search(sentence) or _SPAN_OPENS.match(row.text.strip()) and not years_in(raw):
            period = "多年"  # "累计超1.6万亿元、较“十三五”增长16.3%", a paragraph opening "五年来": five years' figures
        if stance == "target" and re.search(r"目标任务?[^，。；]{0,8}(?:完成|实现)", raw):
            stance = "actual"  # "主要目标任务较好完成，地区生产总值5.53万亿元": a review of results
        if communique_year:
            own = years_in(raw)
            year, stance = (own[-1][1] if own else communique_year), "actual"
        if period == "全年" and re.match(r"^(?:20\d\d年)?(?:年末|年底|末)", sentence) and "全年" not in sentence:
            period = "年末"
        for (ind, words, listed), measure, value, unit, base, qualifier, when in timed_figures(sentence):
            if words == "经济总量" and SUBREGION.search(sentence):
                continue  # "成渝地区双城经济圈…经济总量超9万亿元": a region's total, not the place's
            out.append(Figure(
                doc=row.doc, place=place, level=level_of(place), year=year, period=when or period, stance=stance,
                indicator=ind if listed else unlisted_id(ind), words=words, measure=measure, value=value, unit=unit, base=base, text=raw,
                qualifier=qualifier, row_id=(cite or row).id, row=row.row, paragraph=row.paragraph, page=row.page,
                title=row.title, listed=listed, source="clause"))
    return out
