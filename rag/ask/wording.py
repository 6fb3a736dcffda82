"""How a question is written, read as the written question it means: a two-digit year written out (24年 -> 2024年),
spoken question words in their written form (啥 -> 什么), and a relative year said of a report counted from the
report's year ("2025年报告里说的去年" -> 2024年)."""

from __future__ import annotations

import re
from functools import cache, lru_cache

from rag.ask.short_forms import latin_named
from rag.ask.terms import Term, question_data, tags
from rag.ingest.periods import asked_spans
from rag.lexicons import status_words
from rag.status.numerals import CN_DIGIT

_SHORT_YEAR = re.compile(r"(?<![\d.近这几多前后十余每第])([12]\d)(?=\s*年(?![来间内以期前后]|[^，,。？?]{0,4}(?:报告|公报|那份)))")
# a year in Chinese digits: 二〇二五年 / 二零二五年, or the 2020s by their last two (二五年; 三五年 may be "three to five")
_CN_YEAR = re.compile(r"(?<![〇零一二两三四五六七八九十百千第近前这每\d])(?:二[〇零]([一二三四五六七八九〇零])|二)([〇零一二三四五六七八九])(?=年(?![来间内以期前后]))")
# a year written bare: before an indicator's Latin name ("钱塘2021 GDP"), as a keyword of its own set off by a space
# ("成都 2021 汽车产量"), or right after a place's name ("钱塘2024实际利用外资"); a figure after a verb of reaching or
# before a unit (超2021个, 建成2021公里) is not one
_BARE_YEAR = re.compile(
    r"(?<![\d.超达破过约近])(20(?:1\d|2\d|3[0-5]))(?!\s*[年月日个项家件条座所万亿元%人户辆台套间吨米亩次名位起只张部种批千平])"
    r"(?=\s*(?:GDP|CPI|PPI)|\s+[A-Za-z\u4e00-\u9fff]|\s*$|[\u4e00-\u9fff]|\s+20(?:1\d|2\d|3[0-5])(?!\d))"  # "2021 2022"
)


def _bare_year(m: re.Match[str]) -> str:
    """The year written out, unless it sits glued between words and no place is named right before it."""
    text, at = m.string, m.start()
    glued = m.end() < len(text) and "\u4e00" <= text[m.end()] <= "\u9fff"
    return m.group(1) + "年" if not glued or _place_before(text[max(0, at - 8) : at]) else m.group(0)


def _place_before(text: str) -> bool:
    import jieba.posseg

    last = list(jieba.posseg.cut(text))[-1:] if text else []
    return bool(last) and (last[0].flag == "ns" or last[0].word[-1:] in "省市区县州")


def _cn_year(m: re.Match[str]) -> str:
    tens = CN_DIGIT[m.group(1)] if m.group(1) else 2
    return f"20{tens}{CN_DIGIT[m.group(2)]}"


def full_years(question: str) -> str:
    """"24年社零" is 2024年: a two-digit year (10-29) written out, so retrieval and the year filter see it, and so is
    one in Chinese digits (二〇二五年, 二五年); a year that names a document ("26年政府工作报告里说的去年…") is left
    as it was written."""
    question = _CN_YEAR.sub(_cn_year, question)
    question = _BARE_YEAR.sub(_bare_year, question)
    return _SHORT_YEAR.sub(lambda m: "20" + m.group(1), question)


# a month in Chinese digits (八月底, 十一月份) and the first months of the year (前八个月, 前8个月 = 1-8月)
_CN_MONTH = re.compile(r"(?<![〇零一二两三四五六七八九十百千万第几每\d])(十[一二]?|[一二三四五六七八九])(?=\s*月)")
_CN_FIRST = re.compile(r"(?<=前)(\s*)(十[一二]?|[一二三四五六七八九])(?=\s*个\s*月)")  # 前八个月; "一个月多少钱" is no month
_FIRST_MONTHS = re.compile(r"前\s*(1[0-2]|[1-9])\s*个\s*月(?:份)?")
_CN_MONTH_N = {"十": 10, "十一": 11, "十二": 12}


def digit_months(question: str) -> str:
    """"到八月底" is 到8月底 and "前八个月" is 1-8月: months in Chinese digits, and the first N months, written as the
    period parsers read them (rag.ingest.periods, rag.ask.question_time)."""
    question = _CN_MONTH.sub(lambda m: str(_CN_MONTH_N.get(m.group(1)) or CN_DIGIT[m.group(1)]), question)
    question = _CN_FIRST.sub(lambda m: str(_CN_MONTH_N.get(m.group(2)) or CN_DIGIT[m.group(2)]), question)
    question = re.sub(r"前\s*两\s*个\s*月", "前2个月", question)
    return _FIRST_MONTHS.sub(lambda m: f"1-{m.group(1)}月", question)


_WHOLE_OF = re.compile(r"全(省|市)(?!域)")  # 宁夏全区, 湘西全州: a region's scope word is not its name


def _place_stem(text: str) -> bool:
    import jieba.posseg

    cut = list(jieba.posseg.cut(text))
    return len(cut) == 1 and cut[0].flag == "ns"


def _whole_of(question: str) -> str:
    """"跟湖南全省比": the place said with its scope, read as its name (湖南省); 实现全省第一 stays."""
    for m in reversed(list(_WHOLE_OF.finditer(question))):
        stem = next((question[m.start() - n : m.start()] for n in (3, 2) if m.start() >= n
                     and _place_stem(question[m.start() - n : m.start()])), None)
        if stem:
            question = question[: m.start()] + m.group(1) + question[m.end() :]
    return question


def written(question: str) -> str:
    """Spoken question words in their written form (啥 -> 什么, 咋样 -> 怎么样, 多少来着 -> 多少): rag/data/question.json;
    a place said with its scope ("湖南全省") as its name (湖南省)."""
    table = {k: v for k, v in question_data().get("colloquial", {}).items() if k != "about"}
    for spoken in sorted(table, key=len, reverse=True):
        question = question.replace(spoken, table[spoken])
    return _whole_of(question)


# "2026年四川报告提到，去年…", "25年政府工作报告里说的去年": a year that names a document, and a relative year
_REPORT_YEAR = re.compile(r"(?<!\d)((?:19|20)?\d\d)\s*年[^，,。？?；;]{0,14}?(?:政府工作报告|统计公报|公报|报告|通报)")
_OFFSET = {"last": -1, "this": 0}


def report_year(question: str) -> int | None:
    """The year that names a report ("22年政府工作报告", "2025年统计公报"), written out."""
    doc = _REPORT_YEAR.search(question)
    if doc is None:
        return None
    year = int(doc.group(1))
    return year + 2000 if year < 100 else year


def anchored(question: str) -> tuple[str, int | None]:
    """A relative year said of a report, counted from the report's year and written out once, for every reader
    of the question: "2025年报告里说的去年GDP" -> "2025年报告里说的2024年GDP" (with the report's year, 2025)."""
    doc = _REPORT_YEAR.search(question)
    table = {k: v for k, v in question_data()["relative_years"].items() if k != "about" and v in _OFFSET}
    word = next((w for w in sorted(table, key=len, reverse=True) if w in question[doc.end() :]), None) if doc else None
    if doc is None or word is None:
        return question, None
    at = question.index(word, doc.end())
    # the report said nearest before the word ("2025年报告里定的…？到2026年报告说去年…": 2026's 去年 is 2025)
    doc = [m for m in _REPORT_YEAR.finditer(question) if m.end() <= at][-1]
    year = int(doc.group(1))
    year = year + 2000 if year < 100 else year
    return question[:at] + f"{year + _OFFSET[table[word]]}年" + question[at + len(word) :], year


# a yes/no asked at the end of a clause ("投用了没，现在什么情况"), not only of the question
_YES_NO = re.compile(r"(吗|没|没有|了没|与否|否|不[\u4e00-\u9fff]{0,2})(?:啊|呀|呢|哈|啦)?[？?。！!]*(?:[，,；;]|$)")
_YES_NO_FIRST = re.compile(r"有没有|是否|能否|能不能|是不是|有无")  # the yes/no asked before the word: "有没有过半"
_HOW_FAR_WORDS = ("够", "过半", "一半", "正常", "做到", "跟得上", "跟上", "赶上", "达标", "到位", "落实", "兑现", "完成", "实现",
                  "达到", "完了", "好了", "用上", "过线", "线过", "过关", "达线", "达成", "突破", "没过", "过没过",
                  "打通", "通了", "建好", "修好", "搞定", "做完", "弄完", "办完")  # 线过: "那条线过了没" cut by jieba


@cache
def _how_far() -> re.Pattern[str]:
    """What a yes/no asks of a target: reached (够, 过半, 达标, 整治完了) or delivered (投用, 建成, 通车: the status
    rules' deliverable verbs, rag/data/status.json)."""
    return re.compile("|".join(map(re.escape, (*_HOW_FAR_WORDS, *status_words().deliverable_verbs))))


def _without_yes_no(term: str) -> str:
    """好了没, 完了吗, 落后没: the word asked, without its yes/no."""
    return re.sub(r"了?(?:没有|没|吗)$", "", term)


def how_far_word(term: str) -> bool:
    """够数, 过半, 正常, 投用, 投入使用: a short word or a deliverable verb that is the status asked, not a subject
    (提前完成 is a subject)."""
    core = _without_yes_no(term)
    return (len(core) <= 2 or core in status_words().deliverable_verbs) and bool(_how_far().search(term))


def status_word(term: str) -> bool:
    """落后, 滞后, 达标, 时序: a word of the status vocabulary (rag/data/status.json) says which status is asked, in a
    status question never what it is about."""
    core = _without_yes_no(term)
    asked = status_words().status_question
    return any(core in ws for ws in (asked.behind, asked.done, asked.on_track, asked.schedule))


# "到50%了没有", "超过2万家了吗": a yes/no that names the mark to reach
MARK_VERBS = "突破|超过|达到|破|超|过|到|满|上"  # how a yes/no names the mark to reach (rag.ask.judge reads the same)
_MARK = re.compile(f"(?:{MARK_VERBS})" + r"\s*\d[\d.]*\s*[%万亿千百个家项人元吨亩米]{0,3}[\u4e00-\u9fff]{0,3}?了?(?:吗|没有|没)"
                   # "50%那条线过了没": the mark named first, then the line it draws
                   r"|\d[\d.]*\s*[%万亿千百个家项人元吨亩米]{0,3}[那这]?[条道个]?(?:线|关|门槛|标准)[\u4e00-\u9fff]{0,2}?了?(?:吗|没有|没)")


def names_mark(question: str) -> bool:
    """"到50%了没有": the yes/no names the figure to reach, so it asks a status even in a figure's words (比重)."""
    return bool(_YES_NO.search(question) and _MARK.search(question))


def asks_how_far(question: str) -> bool:
    """A yes/no about how a target stands (够数没, 过半了吗, 投用了没, 到50%了没有…): asked of its status, whatever it
    is about."""
    return names_mark(question) or bool(_YES_NO.search(question) and _how_far().search(question)) \
        or _yes_no_first(question)


def _yes_no_first(clause: str) -> bool:
    """The yes/no asked right before the word of how far ("有没有过半", "是否已经完成"), not anywhere in the question
    ("有没有哪个区GDP突破千亿" asks which place)."""
    m = _YES_NO_FIRST.search(clause)
    return m is not None and bool(_how_far().match(re.sub(r"^(?:已经|已|都|均|全部|全)", "", clause[m.end() :])))


# a clause that asks a figure, a bar (是否突破2万元, 突破千亿了没: the indicator answer judges it) or a comparison with
# the place around (跟得上全省吗): not a status of a target
_NOT_A_STATUS = re.compile(r"多少|几|哪|\d|[千万亿]|全[国省市区州县]")


def how_far_piece(question: str) -> bool:
    """A clause of its own that asks only the yes/no ("上半年完成了多少？有没有过半？"), beside one asking a figure: the
    figure is the progress the status states, so the whole is a status question. A yes/no naming the figure to reach
    ("是否突破2万元") is a bar the indicator answer judges (rag.ask.judge), not a status."""
    clauses = [c for c in re.split(r"[，,？?。；;！!]", question) if c.strip()]
    figure = any(re.search(r"多少|几", c) for c in clauses)
    return figure and any((_YES_NO.search(c) and _how_far().search(c) or _yes_no_first(c))
                          and not _NOT_A_STATUS.search(re.sub(r"20\d\d\s*年", "", c)) for c in clauses)  # a year is no bar


# "细颗粒物（PM2.5）", "研究与试验发展（R&D）经费": a name with another name of it in brackets
_BRACKETED = re.compile(r"([\u4e00-\u9fffA-Za-z0-9.&]{2,16})[（(]([^（）()，,。？?]{1,16})[）)]")


_WHAT_IS_ASKED = ("姓名", "名字", "名称", "全称", "单位", "数量", "金额", "具体")
# "（以万人计）", "（单位：亿元）": the unit the answer is wanted in, not a subject
UNIT_NOTE = re.compile(r"[（(](?:以|按)[^（）()]{1,4}计[）)]|[（(]单位[:：][^（）()]{1,6}[）)]")


def _abbreviated_phrase(before: str, short: str, terms: list[Term]) -> tuple[str, list[Term]] | None:
    """(phrase, its terms) when the bracketed short name takes, in order, a character of each of two or more words
    the phrase before the bracket ends with (城中村|改造 -> 城改), whose first word may be qualified by the ones
    before it (主城区城中村改造（城改）: the whole phrase is what 城改 names)."""
    words = [t for t in terms if (t.main or t.alts[0]) in before]
    words.sort(key=lambda t: before.find(t.main or t.alts[0]))
    if len(words) < 2 or not before.endswith(words[-1].main or words[-1].alts[0]) or not 2 <= len(short) <= 4:
        return None
    firsts = "".join((t.main or t.alts[0])[0] for t in words)
    if not firsts.endswith(short):
        return None
    start = before.find(words[0].main or words[0].alts[0])
    return before[start:], words


def bracket_aliases(question: str, terms: list[Term]) -> list[Term]:
    """A name followed by another name of it in brackets is one subject with two names (细颗粒物 or PM2.5): either will do."""
    out = list(terms)
    for m in _BRACKETED.finditer(question):
        latin = None if m.group(2) in _WHAT_IS_ASKED else latin_named(m.group(1), m.group(2), out)
        if m.group(2) in _WHAT_IS_ASKED or latin is not None:  # "哪位县长（姓名）": what to answer;
            out = latin or out  # "研究与试验发展（R&D）": the whole phrase's other name
            continue
        inside = [t for t in out if (t.main or t.alts[0]) in m.group(2)]
        whole = _abbreviated_phrase(m.group(1), m.group(2), [t for t in out if t not in inside])
        if len(inside) == 1 and whole:  # "主城区城中村改造（城改）": the short name is of the whole phrase
            phrase, parts = whole
            merged = Term(tuple(dict.fromkeys((phrase, *inside[0].alts))), max(t.weight for t in (*parts, *inside)))
            out = [merged if t is parts[0] else t for t in out if t not in parts[1:] and t is not inside[0]]
            continue
        before = [t for t in out if m.group(1).removesuffix("号").endswith(t.main or t.alts[0]) and t not in inside]
        if inside and before:  # "地铁（城市轨道交通）", "长安号（中欧班列西安）": the bracket's words are one other name
            a, names = before[-1], (*inside[0].alts,) if len(inside) == 1 else ("".join(t.alts[0] for t in inside),)
            merged = Term(tuple(dict.fromkeys((*a.alts, *names))), max(a.weight, *(t.weight for t in inside)))
            out = [merged if t is a else t for t in out if t not in inside]
    return out


_BY_REPORT = re.compile(r"^(?:那张|那份|这张|这份|的)?(?:报(?![送名批告])|(?:进展|进度)?(?:情况)?表)")


def by_report(question: str) -> bool:
    """A period said as the report's name ("三季度报里的", "半年报上", "三季度那张进展表上"): the figures that report gives,
    whatever month they run to (a third-quarter table reports 1-8月)."""
    ends = [sp.end for sp in asked_spans(question)]
    ends += [question.find(p) + len(p) for p in question_data()["period_words"] if p != "about" and p in question]
    return any(_BY_REPORT.match(question[end:]) for end in ends)


_ONE_CHARACTER_KIND = re.compile("[一二两三四五六七八九十\\d]+[个条项家所座类种件块栋处]([\u4e00-\u9fff])"
                                 "(?=叫|名|是|分别|都|有|各|[？?，,。、\\s]|$)")  # 两个县叫啥, 哪三个园, 4条线分别


def two_soft(token: str, soft: set[str]) -> bool:
    """"各项任务": two soft words (各项, 任务) jieba glued into one token stay soft."""
    return any(token[:i] in soft and token[i:] in soft for i in range(2, len(token) - 1))


# "哪几条河", "几座桥": a classifier and one character after a question word is the kind of item asked, not a subject
COUNTED_KIND = re.compile(r"(?<=[几哪])([个条项家所座类种件块栋处][\u4e00-\u9fff])(?=[？?，,。、\s]|$|是|叫|分别)")


_PARTICLE = (("y",), ("e",), ("uj",), ("ul",), ("uz",), ("ug",), ("ud",), ("uv",))  # 呀, 啊, 的, 了: no kind


def listed_kind(question: str, terms: list[Term]) -> list[Term]:
    """"两个县叫啥": the things listed are 县, one character the source writes beside each item (和康、和安县), so it
    must be found; nothing when a term already holds it."""
    kind = _ONE_CHARACTER_KIND.search(question)
    if kind is None or any(kind.group(1) in a for t in terms for a in t.alts) or tags(kind.group(1))[:1] in _PARTICLE:
        return []  # "哪两条呀": a particle, not a kind
    return [Term((kind.group(1),), 1.0)]


@lru_cache(maxsize=256)
def single_char_starts(text: str) -> frozenset[int]:
    """Where jieba's cut of the text has a one-character word (公|租房: 公 is cut off), cut once per question."""
    from rag.index.keyword import words

    starts, pos = set(), 0
    for tok in words(text):
        if len(tok) == 1:
            starts.add(pos)
        pos += len(tok)
    return frozenset(starts)
