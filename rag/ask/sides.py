"""A question that asks several things at once, split into its parts as texts (rag.ask.question reads each part):

- two sentences ("…是多少？增幅在全省排第几？"): the second continues the first's subject;
- two asks joined by 、 ("明确了多少项目标任务、细化为多少个具体工作内容");
- a side-by-side ask ("景观和土建各做了多少", "A和B的形象进度分别多少"): one part per thing named before 各/分别,
  each the whole question about that thing alone;
- an ellipsis ("X做到几成了？Y呢", "X多少，Y呢"): Y asked as X was.

Pure functions over text; which words may be split off (not places, periods or ask words) is the caller's test."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from rag.ask.terms import known_word

_ASK = re.compile(r"(多少|几|什么|哪|谁|是否|如何|吗|没有|多[大高快长久]|咋|怎么样|啥)")
_EACH = ("各", "分别", "各是", "各自", "各为")  # "A和B各多少": the ask is made of each thing named before it
_JOIN = ("和", "与", "及", "、", "跟", "以及", "同")
_COUNTED = re.compile(r"^[两二三四五六七八九]+[个项大类条家座]?$")  # "A、B两个产业": how many things were named
_PAIR = re.compile(r"^[两二三][块项个件类]$")  # "两块", "两个" right after the things named
MAX_LISTED = 6  # words an item of a 、-list may run back over (智能汽车|及|智能|装备, 4 in 033's b033-17): to the clause's
# start, which a boundary word or comma ends first
_BOUNDARY = re.compile(r"^[\W_\d]+$|^(的|之|在|是|为|对|把|将|由|牵头|负责|有关|关于|年|月)$")


@dataclass(frozen=True)
class Side:
    """One part of the question as a text of its own."""

    text: str
    follows: bool = False  # a later sentence: it continues the first part's subject
    ellipsis: bool = False  # "Y呢": the first part's ask, made of Y
    item: str = ""  # "…到什么程度了？一期、二期分开说": the part of the thing this side asks about


def _tokens(text: str) -> list[str]:
    """jieba's words, with 各 cut off a verb it was glued to (各涨 -> 各|涨: not a word of the dictionary, as 各项 is)."""
    import jieba

    out: list[str] = []
    for t in jieba.lcut(text):
        glued = len(t) >= 2 and t[0] == "各" and t not in _EACH and not known_word(t)
        out += ["各", t[1:]] if glued else [t] if t else []
    return out


def _conjuncts(tokens: list[str], at: int, whole: bool = False) -> tuple[int, int, int] | None:
    """For the 各/分别 at tokens[at]: (start of A's last words, the joining word, end of B) when the clause
    before it reads "…A和B(的X)"; B's words are as many as A's last words taken (A may carry a shared head:
    "杭绍甬高速河庄互通和义蓬枢纽" joins 河庄互通 and 义蓬枢纽)."""
    end = at
    de = next((i for i in range(at - 1, -1, -1) if tokens[i] == "的" or _BOUNDARY.match(tokens[i])), -1)
    if de >= 0 and tokens[de] == "的" and any(tokens[i] in _JOIN for i in range(de)):
        end = de  # "A和B的形象进度各多少"
    join = next((i for i in range(end - 1, -1, -1) if tokens[i] in _JOIN), -1)
    comma = next((i for i in range(end - 1, -1, -1) if tokens[i] == "、" or _BOUNDARY.match(tokens[i])), -1)
    if comma >= 0 and tokens[comma] == "、" and comma < join:  # "批发和零售业、卫生和社会工作各…": the list's 、 joins
        join = comma  # the items; a 和 after it is inside the last item's name
    counted = next((k for k in range(join + 2, end) if _COUNTED.match(tokens[k])), None) if join > 0 else None
    end = counted if counted is not None else end  # "A、B两个产业产值目标各…": B ends at the count of them
    if join <= 0 or join == end - 1 or any(_BOUNDARY.match(t) for t in tokens[join + 1 : end]):
        return None
    listed = tokens[join] == "、"  # "A、B": a list's items are whole names (A may hold 及)
    n = MAX_LISTED if listed or whole else end - join - 1  # whole: A is every word back to the clause's start
    start = join
    while start > 0 and join - start < n and not _BOUNDARY.match(tokens[start - 1]) \
            and (tokens[start - 1] not in _JOIN or listed and tokens[start - 1] != "、"):
        start -= 1
    return (start, join, end) if start < join else None


def side_by_side(question: str, separable: Callable[[str], bool]) -> list[Side]:
    """"景观和土建各做了多少" -> "景观做了多少", "土建做了多少": each thing named before 各/分别 asked alone, when both
    are `separable` (not a place, a period or an ask word: those are read elsewhere)."""
    tokens = _tokens(question)
    at = next((i for i, t in enumerate(tokens) if t in _EACH and _ASK.search("".join(tokens[i + 1 :]))), -1)
    counted = at < 0  # "A和B两块进度怎么样", "A和B这两个目标…": the count of the things named stands for 各
    if counted:
        at = next((i for i, t in enumerate(tokens) if _PAIR.match(t) and i > 2 and _ASK.search("".join(tokens[i + 1:]))), -1)
        tokens, at = (tokens[: at - 1] + tokens[at:], at - 1) if at > 0 and tokens[at - 1] == "这" else (tokens, at)
    if at > 1 and tokens[at - 1] in ("，", ","):  # "A和B，分别哪个单位负责": the pause before 分别
        tokens, at = tokens[: at - 1] + tokens[at:], at - 1
    found = _conjuncts(tokens, at, whole=counted) if at > 0 else None
    if found is None:
        return []
    start, join, end = found
    while join - start > 1 and not separable("".join(tokens[start:join])):
        start += 1  # "青禾东湖二小和…": the place before A is the question's, not part of A
    a, b = "".join(tokens[start:join]), "".join(tokens[join + 1 : end])
    if not (separable(a) and separable(b)):
        return []
    middle = "".join(tokens[end + 1 if _COUNTED.match(tokens[end]) else end : at])  # 两个 dropped: each is one
    before, tail = "".join(tokens[:start]), "".join(tokens[at + 1 :])
    return [Side(before + a + middle + tail), Side(before + b + middle + tail)]


def _ellipsis(part: str) -> bool:
    bare = part.strip().rstrip("？?。！!")
    return bare.endswith("呢") and not _ASK.search(bare) and len(bare) <= 16


# "一期、二期分开说一下", "城镇和农村分别讲讲": the question before asked of each part named, one by one
_EACH_TOLD = re.compile(r"^\s*([^，,、和与及跟？?。]{1,10}?)(?:、|和|与|及|跟)([^，,、和与及跟？?。]{1,10}?)"
                        r"(?:都|也)?(?:各自|分别|分开|各|单独)(?:说|讲|介绍|列|谈|汇报)"
                        # "一期二期分开讲讲": numbered parts written side by side
                        r"|^\s*([一二三四五六七八九十\d]{1,2}[期标段批])([一二三四五六七八九十\d]{1,2}[期标段批])"
                        r"(?:都|也)?(?:各自|分别|分开|各|单独)(?:说|讲|介绍|列|谈|汇报)")


def each_told(question: str) -> list[Side]:
    """"X推进到什么程度了？一期、二期分开说一下" -> X asked of 一期, then of 二期."""
    parts = [p for p in re.split(r"[？?]", question) if p.strip()]
    told = _EACH_TOLD.match(parts[-1]) if len(parts) >= 2 else None
    if told is None or _ASK.search(parts[-1]) or not _ASK.search(parts[0]):
        return []
    head = "？".join(parts[:-1])
    items = [g for g in told.groups() if g]
    return [Side(f"{item} {head}", item=item) for item in items]


def sides(question: str, separable: Callable[[str], bool]) -> list[Side]:
    """The parts of a question that asks several things, in order; [] for a question that asks one."""
    each = side_by_side(question, separable) or each_told(question) or keyword_times(question) \
        or keyword_who(question)
    if each:
        return each
    sentences = [p for p in re.split(r"[？?]", question) if p.strip()]
    parts = sentences[:1] + [q for p in sentences[1:] for q in _asks(p)]  # a later sentence's own asks, each
    if len(parts) < 2:
        tail = re.match(r"^(.*[，,])([^，,]+)$", question.rstrip("？?。"))  # "X多少，Y呢"
        if tail and _ASK.search(tail.group(1)) and _ellipsis(tail.group(2)):
            return [Side(tail.group(1).rstrip("，,")), Side(tail.group(2), ellipsis=True)]
        pair = [p for p in question.split("、") if p.strip()]
        if len(pair) == 2 and all(_ASK.search(p) for p in pair) and not re.search(r"多少[、，,和及]", question):
            return [Side(pair[0]), Side(pair[1])]
        return []
    if not _ASK.search(parts[0]):
        return []
    if all(_ASK.search(p) for p in parts[1:]):
        return [Side(parts[0]), *(Side(p, follows=True) for p in parts[1:])]
    if all(_ellipsis(p) for p in parts[1:]):
        return [Side(parts[0]), *(Side(p, ellipsis=True) for p in parts[1:])]
    return []


TIME_WORD = re.compile(r"^(?:去年|今年|前年|明年|(?:20)?\d\d年)$")  # a keyword that is a year


def keyword_times(question: str) -> list[Side]:
    """"清苑区 去年 社零 总额 增速 今年 社零目标": keywords naming two times, each with words of its own after it, ask
    each time's words; the words before the first time (the place) belong to both."""
    words = question.strip().split()
    at = [i for i, w in enumerate(words) if TIME_WORD.match(w)]
    if len(words) < 4 or len(at) != 2 or at[1] - at[0] < 2 or at[1] == len(words) - 1 or _ASK.search(question):
        return []
    head = words[: at[0]]
    return [Side(" ".join(head + words[at[0] : at[1]])), Side(" ".join(head + words[at[1] :]))]


_WHO_WORD = re.compile(r"牵头|负责|责任(?:单位|部门)|领导")
_FIGURE_WORD = re.compile(r"(?:[户套人个次家件项台亩]数|总数|总额|金额|增速|增幅|面积|公里|产值|规模)$")


def keyword_who(question: str) -> list[Side]:
    """"钱塘区 景园小区 整体搬迁 具体牵头单位 搬迁总户数": keywords asking who leads a task and a figure of it ask each;
    the words before the first of them (the place, the task) belong to both."""
    words = question.strip().split()
    who = [i for i, w in enumerate(words) if _WHO_WORD.search(w)]
    figure = [i for i, w in enumerate(words) if _FIGURE_WORD.search(w) and i not in who]
    if len(words) < 4 or len(who) != 1 or not figure or _ASK.search(question):
        return []
    first = min(who[0], figure[0])
    if first < 2:
        return []
    head = words[:first]
    return [Side(" ".join([*head, words[who[0]]])), Side(" ".join(w for i, w in enumerate(words) if i != who[0]))]


def _asks(sentence: str) -> list[str]:
    """A later sentence's clauses when each asks something of its own ("…干了多少个亿？同比涨了多少，在全市排第几？"),
    else the sentence (a first sentence "GDP目标是多少，实际增长多少" is one question of two stances)."""
    clauses = [c for c in re.split(r"[，,]", sentence) if c.strip()]
    if re.search(r"目标|计划|预期|任务", sentence):  # "全年目标多少，完成了多少": a target and its result, one ask
        return [sentence]
    return clauses if len(clauses) > 1 and all(_ASK.search(c) for c in clauses) else [sentence]


def indicators_listed(question: str) -> list[Side]:
    """"GDP 服务业增加值 增速": two listed indicators named as keywords, each asked with the measure said after them
    (rag.ask.indicator_multi.split, which the indicator answerer reads the same way; in prose, "A和B增速", the
    answerers pair them themselves)."""
    from rag.ask.indicator_multi import split  # the indicator answerer's reading; imported late (it imports this)

    parts = split(question)
    names = [question.find(p.name) for p in parts]
    keywords = all(0 <= a < b and not question[a + len(p.name) : b].strip()
                   for a, b, p in zip(names, names[1:], parts))  # only a space between them: keywords, not prose
    return [Side(p.question) for p in parts] if len(parts) >= 2 and keywords else []
