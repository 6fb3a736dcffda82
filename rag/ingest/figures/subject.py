"""The subject of a figure in a clause (rag.ingest.figures.clauses): the listed indicator named before its number, else
the words just before it, cleaned of reporting verbs and marks ("全年实现…", "…跨过"), or None when the segment carries
on the subject before it."""

from __future__ import annotations

import re

from rag.ingest.figures.vocab import Mention, number_unit
from rag.lexicons.indicators import indicator_list

DOWN = frozenset(indicator_list().change_words["down"])  # the figure after these is negative
CHANGE = re.compile("(" + "|".join(sorted((w for ws in indicator_list().change_words.values() for w in ws), key=len,
                                           reverse=True)) + r")\s*$")
BASE = re.compile(r"(比上年末|比上年同期|比上年|比去年|较上年|同比|与上年相比|比(?:20\d\d)年(?:末)?|较(?:20\d\d)年)")
SUBREGION = re.compile(r"经济区|经济圈|湾区|片区|新区|城市群|都市圈|县域|示范区|园区|自贸|试验区|开发区|高新区")
_TOWARD = re.compile(r"(?:^|[，,])对.{0,14}(?:国家|地区|市场|经济体)")
_MODIFIED = re.compile(r"^[“\"]?[\u4e00-\u9fff]{2}")  # "34个大模型": the number counts the noun after it
_NOT_A_NOUN = re.compile(r"^(?:以上|左右|以内|增长|下降|比上|同比|其中|全部|的|分别|占|较|和|及|与|达|为|共|累计|实现|完成|居|位居)")
_VERB_FIRST = re.compile(r"^(?:在|对|向|从|把|将|以|为|由|按|经)")
_TRAILING = re.compile(r"(?:年均|预计|累计|同比|比上年|分别|共|合计|均|已|接近|近|逾|约|各|左右|占|扩展至|增至|增加到|提高到|提升至|扩大到|达到|突破|超过|超|至|到)+$")
_HOPE = re.compile(r"^(?:确保|力争|预计|努力|争取|计划|全力|提出)+")
_ADVERB = re.compile(r"(?:微|略|小幅|大幅|明显|稳步|持续|继续)$")  # said before a change word, not of the name
_NOTE = re.compile(r"[（(][^（()）]{2,}[）)]$")
LEAD = re.compile(r"^(?:其中|每年|全年|年末|全市|全省|全区|全州|全县|全地区|实现|完成|共有|拥有|达到|达|共|为|累计|按[^，]{0,8}计算|"
                   r"以上|全年全市|本年|当年|新增了|分别|[:：、（）()“”\"\s])+")
_WORDS = re.compile(r"((?:PM2\.5|PM10|[\u4e00-\u9fffA-Za-z（）()“”]|\d(?=[A-Za-z])){2,16}?)(?:为|达到|达|实现|完成|共计|共|约|超过|超|控制在|保持在|稳定在)?$")
_VERSUS_OTHER = re.compile(r"^(?:稳居|位居|居(?=[全第前首各同榜省国市])|跻身|跃居|高于|低于|快于|慢于|领先|超出|好于|优于)")
# "普通初中有在校学生", "前六大主导行业实现产值": a verb of reporting between a whole and what is counted of it
_INNER_VERB = re.compile(r"(?<=[\u4e00-\u9fff]{2})(?<![拥共具没持])(?:有|实现)(?=[\u4e00-\u9fff]{2})")
MAX_WORDS = 14  # longer "words" before a number are a clause, not a name


def subject_of(seg: str, first_number: int, found: list[Mention]) -> tuple[str, str, bool] | None:
    """(indicator, words, listed) the segment is about: the last listed name before its first number, else
    the words right before that number (an indicator not on the list), else None (it carries on)."""
    before = [m for m in found if m.end <= first_number]
    if before:
        last = before[-1]
        if SUBREGION.search(seg[: last.start]) or _TOWARD.search(seg[: last.start]):
            return None  # 成都平原经济区经济总量, 对“一带一路”沿线国家实现进出口总额: a part, not the whole
        return last.indicator, last.words, True
    head = seg[:first_number]
    change = CHANGE.search(head)
    if change:  # "其中交通和通信类上涨4.3%": the words before the change word, when there are some
        head = BASE.sub("", head[: change.start()])
        words = _HOPE.sub("", _ADVERB.sub("", _TRAILING.sub("", LEAD.sub("", head).strip("：:，,、 "))))  # CPI微|降
        if _VERSUS_OTHER.match(words):
            return None  # "稳居全国前十强、增长4.8%": the growth is the subject's before it
        if len(words) < 2 or re.search(r"[比较由从]|计算(?!机)|分别|平均|年均|后$|^”", words) or _VERB_FIRST.match(words):
            return None
        listed_name = "、" in words and len(words) <= 2 * MAX_WORDS  # 铁路、船舶、航空航天和其他运输设备制造业
        return (words, words, False) if len(words) <= MAX_WORDS or listed_name else None
    if not head or BASE.search(head) or head.startswith("占"):
        return None
    words = LEAD.sub("", head).strip("：:，,、 ")
    note = _NOTE.search(words)  # "可再生能源发电量（风力发电和太阳能发电）": the name, then its note
    words, note_text = (words[: note.start()], note.group(0)) if note else (words, "")
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
    name = _INNER_VERB.sub("", _TRAILING.sub("", _HOPE.sub("", LEAD.sub("", m.group(1))))) + note_text
    if name.startswith("年") and cut[-1:].isdigit():
        return None
    if not (2 <= len(re.sub(r"[（(][^（()）]*[）)]", "", name)) <= MAX_WORDS) or re.search(r"[比较由从]|全年|年末|计算(?!机)|左右|^”|后$", name) or _VERB_FIRST.match(name) \
            or not _balanced(name) or name.startswith(("积极", "持续", "大力", "全力", "着力", "深入", "强化")) \
            or re.fullmatch(r"(?:前三季度|上半年|一季度|全年|[一二三四]季度|\d+月)", name):
        return None
    if name.endswith("的") or _is_verb(name):  # "建设10个国家临床重点专科": the thing counted comes after
        follow = re.sub(r"^(?:以上|左右|多)", "", follow)  # "形成10个以上典型案例": the noun after the bound
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
