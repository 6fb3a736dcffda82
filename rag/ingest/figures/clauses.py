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
from rag.ingest.figures.vocab import Mention, find, kinds, mentions, normalise, number_unit, scale, unit_fits, unit_of
from rag.ingest.periods import clause_period, period_spans, years_in

_SENTENCE = re.compile(r"[^。；;！？!?\n]+[。；;！？!?]?")
# a clause between commas; a short bracketed note is inside it ("固定资产投资（不含农户，下同）比上年下降4.2%")
_SEGMENT = re.compile(r"(?:[（(][^（()）]{0,20}[）)]|[^，,])+")
_UP = ("增长", "上涨", "提高", "增加", "增", "上升", "涨", "提升", "扩大", "多增", "净增")
_DOWN = ("下降", "减少", "降低", "回落", "下跌", "降", "缩小", "减", "少增", "压减", "净减")
_CHANGE = re.compile(r"(增长|上涨|提高|增加|上升|提升|扩大|多增|净增|新增|下降|减少|降低|回落|下跌|缩小|压减|净减|增|降|涨|减|少增)\s*$")
_BASE = re.compile(r"(比上年末|比上年同期|比上年|比去年|较上年|同比|与上年相比|比(?:20\d\d)年(?:末)?|较(?:20\d\d)年)")
_SHARE = re.compile(r"(占|比重|比例|占比)")
_RANK = re.compile(r"(?:居|位居|排名|排|列|保持)([^，,。；、]{0,6}?)第\s*([一二三四五六七八九十\d]+)")
_ITEMS = re.compile(r"(\d(?:\.\d+)?[^\d\s、，,。；;（(]{0,4})、(?=[\u4e00-\u9fff“]|\d?[A-Za-z])")
_SUBREGION = re.compile(r"经济区|经济圈|湾区|片区|新区|城市群|都市圈|县域|示范区|园区|自贸|试验区|开发区|高新区")
_TOWARD = re.compile(r"(?:^|[，,])对.{0,14}(?:国家|地区|市场|经济体)")
_MODIFIED = re.compile(r"^[“\"]?[\u4e00-\u9fff]{2}")  # "34个大模型": the number counts the noun after it
_NOT_A_NOUN = re.compile(r"^(?:以上|左右|以内|增长|下降|比上|同比|其中|全部|的|分别|占|较|和|及|与|达|为|共|累计|实现|完成|居|位居)")
_VERB_FIRST = re.compile(r"^(?:在|对|向|从|把|将|以|为|由|按|经)")
_TRAILING = re.compile(r"(?:年均|预计|累计|同比|比上年|分别|共|合计|均|已|接近|近|逾|约|各|左右|占|扩展至|增至|增加到|提高到|提升至|扩大到|达到|突破|超过|超|至|到)+$")
_HOPE = re.compile(r"^(?:确保|力争|预计|努力|争取|计划|全力)+")
_FLAT = re.compile(r"(与上年持平|同比持平|比上年持平|保持持平|持平)")
_LEAD = re.compile(r"^(?:其中|每年|全年|年末|全市|全省|全区|全州|全县|全地区|实现|完成|共有|拥有|达到|达|共|为|累计|按[^，]{0,8}计算|"
                   r"以上|全年全市|本年|当年|新增了|分别|[:：、（）()“”\"\s])+")
_WORDS = re.compile(r"((?:PM2\.5|PM10|[\u4e00-\u9fffA-Za-z（）()“”]|\d(?=[A-Za-z])){2,16}?)(?:为|达到|达|实现|完成|共计|共|约|超过|超|控制在|保持在|稳定在)?$")
_VERSUS_OTHER = re.compile(r"^(?:稳居|位居|居(?=[全第前首各同榜省国市])|跻身|跃居|高于|低于|快于|慢于|领先|超出|好于|优于)")
_GAP = re.compile(r"(?:高于|低于|快于|慢于|领先|超出|好于|优于)[^，,]{0,10}$")  # "高于全国平均0.3个百分点"
_THRESHOLD = re.compile(r"(?:突破|超过|超|跨越|跨过|迈过|迈上|站上)\s*$")  # "首次突破2万元、达到20793元": a round mark passed
# "由2.57万元增加到3.52万元", "由上年729万人增加到732万人": the value it started from, not the year's
_FROM = re.compile(r"[由从](?:上年末?|去年末?|前年|年初|\d{4}年(?:末|底)?)?\s*$")
_REPORT_ONLY = re.compile(r"^(?:首次|全年|年末|累计)?(?:达到|达|为|增至|增加到|提高到|提升至|升至|扩大到)$")
_CN_NUM = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_ITS_AMOUNT = ("总量", "规模", "总额", "总值", "总规模")  # the word for an amount of the subject already named
# "普通初中有在校学生", "前六大主导行业实现产值": a verb of reporting between a whole and what is counted of it
_INNER_VERB = re.compile(r"(?<=[\u4e00-\u9fff]{2})(?<![拥共具没持])(?:有|实现)(?=[\u4e00-\u9fff]{2})")
MAX_WORDS = 14  # longer "words" before a number are a clause, not a name


def _subject(seg: str, first_number: int, found: list[Mention]) -> tuple[str, str, bool] | None:
    """(indicator, words, listed) the segment is about: the last listed name before its first number, else
    the words right before that number (an indicator not on the list), else None (it carries on)."""
    before = [m for m in found if m.end <= first_number]
    if before:
        last = before[-1]
        if _SUBREGION.search(seg[: last.start]) or _TOWARD.search(seg[: last.start]):
            return None  # 成都平原经济区经济总量, 对“一带一路”沿线国家实现进出口总额: a part, not the whole
        return last.indicator, last.words, True
    head = seg[:first_number]
    change = _CHANGE.search(head)
    if change:  # "其中交通和通信类上涨4.3%": the words before the change word, when there are some
        head = _BASE.sub("", head[: change.start()])
        words = _TRAILING.sub("", _LEAD.sub("", head).strip("：:，,、 "))
        if _VERSUS_OTHER.match(words):
            return None  # "稳居全国前十强、增长4.8%": the growth is the subject's before it
        if len(words) < 2 or re.search(r"[比较由从]|计算|分别|平均|年均|后$|^”", words) or _VERB_FIRST.match(words):
            return None
        return (words, words, False) if len(words) <= MAX_WORDS else None
    if not head or _BASE.search(head) or head.startswith("占"):
        return None
    words = _LEAD.sub("", head).strip("：:，,、 ")
    m = _WORDS.search(words)
    if not m:
        return None
    cut = words[: m.start(1)]
    if cut.endswith(("、", "和", "及")) or (cut[-1:].isdigit()):
        return None  # "中小学、幼儿园37所", "世界500强企业": the words are a list's last item or a name's tail
    num = number_unit().match(seg, first_number)
    follow = seg[num.end() :] if num else ""
    if _MODIFIED.match(follow) and not _NOT_A_NOUN.match(follow) and not _is_verb(m.group(1)):
        return None  # "长虹云帆等34个大模型": what is counted comes after the number
    name = _INNER_VERB.sub("", _TRAILING.sub("", _HOPE.sub("", _LEAD.sub("", m.group(1)))))
    if name.startswith("年") and cut[-1:].isdigit():
        return None
    if not (2 <= len(re.sub(r"[（(][^（()）]*[）)]", "", name)) <= MAX_WORDS) or re.search(r"[比较由从]|全年|年末|计算|左右|^”|后$", name) or _VERB_FIRST.match(name) \
            or not _balanced(name) or name.startswith(("积极", "持续", "大力", "全力", "着力", "深入", "强化")) \
            or re.fullmatch(r"(?:前三季度|上半年|一季度|全年|[一二三四]季度|\d+月)", name):
        return None
    if name.endswith("的") or _is_verb(name):  # "建设10个国家临床重点专科": the thing counted comes after
        after = re.match(r"[“\"]?[\u4e00-\u9fff]{2,12}(?:[”\"][\u4e00-\u9fff]{0,6})?", follow)  # 6个“千万工程”项目
        if name.endswith("的") or (after and follow[after.end() : after.end() + 1] in ("、", "和")):
            return None  # "推进8个国家级、4个省级…中心": a list of kinds
        name = name + after.group(0) if after else name
    return name, name, False


def _balanced(words: str) -> bool:
    """"三北”工程造林种草", "固定）互联网宽带…": a name cut inside quotes or brackets is not a name."""
    return all(words.count(a) == words.count(b) for a, b in ("“”", "（）", "()"))


def _is_verb(words: str) -> bool:
    import jieba.posseg

    tags = [t for _, t in jieba.posseg.cut(words)]
    return len(words) <= 4 and bool(tags) and all(t.startswith("v") for t in tags)


def _measure(before: str, unit: str, indicator: str, listed: bool) -> tuple[str, float]:
    """(measure, sign) of a number from the words just before it and its unit."""
    kind = kinds().get(indicator, "") if listed else ""
    change = _CHANGE.search(before)
    sign = -1.0 if change and change.group(1) in _DOWN else 1.0
    if unit == "个百分点":
        return "change_pp", sign
    if unit == "%":
        if change:
            return ("avg_growth" if "年均" in before else "growth"), sign
        if kind == "rate" or indicator.endswith(("率", "强度")):
            return "level", 1.0
        if _SHARE.search(before):
            return "share", 1.0
        return ("growth", 1.0) if kind == "index" or _BASE.search(before) else ("", 1.0)
    if not unit:
        return ("level", 1.0) if kind == "ratio" else ("index", 1.0)  # 城乡收入倍差缩小至1.43: the ratio itself
    return ("change", sign) if change else ("level", 1.0)


def _segment_figures(seg: str, subject: tuple[str, str, bool] | None, sentence: str,
                     last_unit: dict[str, str]) -> Iterator[tuple]:
    nums = [m for m in number_unit().finditer(seg) if m.group(2) or _index_ok(seg, m, subject)]
    if subject is None:
        return
    rank = _RANK.search(seg)
    if rank and not nums and len(re.sub(r"[^\u4e00-\u9fff]|总量|增速|和|均|都|也", "", _LEAD.sub("", seg[: rank.start()]))) > 2:
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
        base = _BASE.search(sentence[: sentence.find(seg) + m.start()] if seg in sentence else seg)
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
            subject = _subject(seg, first.start(), local)
            if subject is not None and current is not None and current[2] and subject[1] in _ITS_AMOUNT:
                subject = current  # "地区生产总值增长6.0%…，总量达到4773.3亿元": the amount of the subject before
            if subject is not None:
                current = subject
            elif not (_FLAT.search(seg) or _CHANGE.search(seg[: first.start()]) or _BASE.search(seg[: first.start()])
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
            if words == "经济总量" and _SUBREGION.search(sentence):
                continue  # "成渝地区双城经济圈…经济总量超9万亿元": a region's total, not the place's
            out.append(Figure(
                doc=row.doc, place=place, level=level_of(place), year=year, period=when or period, stance=stance,
                indicator=ind, words=words, measure=measure, value=value, unit=unit, base=base, text=raw,
                qualifier=qualifier, row_id=(cite or row).id, row=row.row, paragraph=row.paragraph, page=row.page,
                title=row.title, listed=listed, source="clause"))
    return out
