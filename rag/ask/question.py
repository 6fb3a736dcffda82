"""What a question asks, as fields rather than regexes scattered through the answerer: its content
terms (with lexicon synonyms), the year and period it names, whether it wants a target or a result,
and the kind of answer it wants (growth, ratio, amount, count, number, date, person, unit, status,
stage, list, entity). Word lists are data in rag/data/question.json."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from rag.ask.question_time import MONTHS, periods_in, report_period, years_asked
from rag.ask.required import required_terms
from rag.ask.retrieve import lexicon
from rag.ask.sides import indicators_listed, sides
from rag.ask.stance import stance_of
from rag.ask.terms import (
    ASKS_YES_NO,
    OTHER_MEASURE,
    QUESTION_ADJECTIVE,
    WEIGHTS,
    Term,
    after_list_word,
    answer_types_soft,
    count_predicates,
    counted,
    function_char,
    glued,
    is_common,
    is_filler,
    strip_preposition,
    tags,
    words,
)
from rag.ask.terms import question_data as question_words
from rag.ask.wording import COUNTED_KIND, UNIT_NOTE, bracket_aliases, by_report, listed_kind, two_soft
from rag.index.keyword import words as segment
from rag.ingest.periods import asked_spans
from rag.ingest.places import mentions as place_mentions
from rag.ingest.places import speakers, stem_of

_YEAR = re.compile(r"(20\d\d)\s*年")
_TWO_DIGIT_YEAR = re.compile(r"(?<![\d.])\d{2}\s*年")  # "26年政府工作报告" names a report by its year

_THING = (("n",), ("vn",), ("j",), ("nz",), ("nr",), ("ns",), ("nt",), ("eng",))  # a thing named, not a status word
NUMERIC_WANTS = ("growth", "ratio", "amount", "count", "number")


@dataclass(frozen=True)
class Asked:
    text: str
    terms: tuple[Term, ...]
    years: tuple[int, ...] = ()
    relative: str = ""  # "last" (去年) | "this" (今年) | ""
    months: int | None = None  # period named: months of the year covered (6 = 上半年, 12 = 全年)
    period_label: str = ""
    stance: str = ""  # "target" | "actual" | "both" | ""
    want: str = ""  # see NUMERIC_WANTS and ask_words kinds
    wants: tuple[str, ...] = ()  # every kind asked: "多少、增长多少" wants a number and a growth rate
    places: tuple[str, ...] = field(default=())
    periods: tuple[tuple[int, str], ...] = ()  # every period named: "1-8月和全年各完成多少" asks two
    required: tuple[str, ...] = ()  # what is counted or measured ("多少个学位"): an answer must name it
    pieces: tuple[Asked, ...] = ()  # a question asking two things ("…是多少？增幅在全省排第几？"), each on its own
    by_report: bool = False  # the period names the report ("三季度报里的…", "半年报上"): that period's table answers

    @property
    def numeric(self) -> bool:
        return self.want in NUMERIC_WANTS


_NUMERAL = "[一二两三四五六七八九十\\d]+"
_NAMED_LIST = re.compile(f"哪(?!一){_NUMERAL}[个条项家所座类大样种件块栋]|{_NUMERAL}[个条项家所座类大样种件块栋][^，,。？?]{{1,12}}"
                         "(?:叫什么|叫啥|是什么|是啥|是指|指的是|指什么|都有什么|包括什么|是哪|名称|名字)")
_ANSWER_NOUN = re.compile(r"(时间|日期)\s*[？?。]?$")  # only at the end: "时间过半", "用3年时间" ask no date


def figure_wants(name: str) -> tuple[str, ...]:
    """What a measure named alone asks: its figure, in % for a rate (失业率)."""
    return ("ratio",) if name.endswith("率") else ("number",)


def wants_of(question: str) -> tuple[str, ...]:
    """The kinds of answer asked, first the main one; numeric kinds may come in pairs (多少、增长多少)."""
    kinds = question_words()["ask_words"]
    found = [k for k, phrases in kinds.items() if k != "about" and any(p in question for p in phrases)]
    if re.search(r"率(?!先)[^，,。？?；;]{0,6}?多少", question):  # 开工率是多少, 失业率控制在多少: a rate (a figure in %)
        found = ["ratio", *[k for k in found if k not in ("ratio", "number")]]
    if _ANSWER_NOUN.search(question) and "date" not in found:
        found.append("date")  # "最终排名 公布时间": the noun that ends the question names the answer's kind
    if not found and re.search(r"(?:情况|进展|进度)\s*[？?。]?$", question):
        found = ["stage"]  # "青山湖学校招生情况": the state of the thing named, from its progress
    if not found and ("是否" in question or ASKS_YES_NO.search(question)):
        found = ["status"]  # 是否已有指标完成…, 是不是都在下降: a yes/no question about a status
    if "list" in found and found[0] == "status":
        found.remove("list")  # "哪几项滞后序时": the items of a status, listed
        found.insert(0, "list")
    if _NAMED_LIST.search(question) and (not found or found[0] in ("entity", "number", "count")):
        found = ["list"]  # "“新三园”是指哪三个园", "3条研学线路叫什么": the items a defined name stands for
    if not found:
        return ()
    if found[0] not in NUMERIC_WANTS:
        return (found[0],)
    numeric = [k for k in found if k in NUMERIC_WANTS]
    if len(numeric) > 1 and numeric[-1] == "number" and not re.search(r"多少[、，,和及]|[、，,和及].{0,6}多少", question):
        numeric = numeric[:-1]  # a lone 多少 inside "增长多少" is the same ask
    return tuple(numeric)


SOFT_WEIGHT = WEIGHTS.soft  # generic words (项目, 增长, 完成): they may be missing from the evidence without a refusal
NUMBER_WEIGHT = WEIGHTS.number  # numbers in a question (126条): a label, often written differently in the source


_SOFT_TAGS = ("v", "vd", "vg", "a", "ad", "d", "t", "f", "q", "ul", "uz", "uj", "u", "y", "p", "c")  # verbs,
# adjectives, adverbs, time and direction words, and the particles that go with them (投了, 新招, 收了)


@lru_cache(maxsize=8192)
def _is_soft(token: str) -> bool:
    """Verbs and adverbs phrase the ask (到位, 开放, 下旬), which the source may phrase otherwise; nouns must be found."""
    import jieba.posseg

    tags = [t for _, t in jieba.posseg.cut(token)]
    # a pure adjective (老旧小区's 老旧) says which thing is meant: it stays a term that must be found
    return bool(tags) and all(t in _SOFT_TAGS for t in tags) and not all(t in ("a", "ad") for t in tags)


@lru_cache(maxsize=8192)
def _joins(char: str) -> bool:
    """A single character jieba cut off a name (美迪|凯) joins the word before it; a particle (实际|用, 项目|已) does not."""
    import jieba.posseg

    tags = [t for _, t in jieba.posseg.cut(char)]
    return not function_char(char) and bool(tags) and tags[0] not in _SOFT_TAGS


def _listed_around(q: str, hit: str) -> tuple[str, list[str]] | None:
    """The longest name of a listed indicator (rag/data/indicators.json) that the question writes around a lexicon
    synonym (城镇|居民人均可支配收入), with the indicator's names; None when there is none."""
    from rag.lexicons.indicators import indicator_list

    names = [(n, [i.id, *i.aliases]) for i in indicator_list().indicators for n in (i.id, *i.aliases)
             if len(n) > len(hit) and hit.lower() in n.lower() and n.lower() in q.lower()]
    return max(names, key=lambda x: len(x[0])) if names else None


def content_terms(question: str, drop: list[str]) -> list[Term]:
    """What the question is about: lexicon indicators (with their synonyms), then jieba words (美迪|凯 joined back)."""
    q = QUESTION_ADJECTIVE.sub(" ", _TWO_DIGIT_YEAR.sub(" ", _YEAR.sub(" ", question)))  # a year is never a subject
    out: list[Term] = []
    for group in lexicon():  # indicators first: an ask word inside one (社会消费品零售总额) must not break it
        hit = next((t for t in sorted(group, key=len, reverse=True) if t.lower() in q.lower()), None)
        listed = _listed_around(q, hit) if hit else None
        if listed:  # "城镇居民人均可支配收入": a listed indicator around the synonym is one subject, not 城镇 + 居民收入
            hit, group = listed
        if hit:  # "占GDP多大比重": the base of a share ranks, but the clause need not name it (it says 占…比重)
            base = re.search(r"占(?:全[省市区县国])?" + re.escape(hit), q, flags=re.I)
            at = q.lower().find(hit.lower())
            plain = not OTHER_MEASURE.search(q[max(0, at - 3) : at])  # "余杭GDP", not "人均GDP", "单位GDP能耗"
            out.append(Term(tuple(group), SOFT_WEIGHT if base else 1.0, hit, plain))
            q = re.sub(re.escape(hit), " ", q, flags=re.I)
    for d in sorted(drop, key=len, reverse=True):
        if d:
            q = q.replace(d, " ")
    stop, soft = set(words()["stopwords"]), set(words()["soft_terms"])
    kinds = set(COUNTED_KIND.findall(question))
    toks: list[str] = []
    prev_joinable = False
    for tok in (strip_preposition(t.strip()) for t in segment(q)):
        question_word = tok.startswith(("几", "哪", "多少")) or tok.endswith(("什么", "多少", "几")) \
            or tok in ("为什么", "为啥", "百分之")  # 百分之几, 百分之|多少: a share asked, not a subject
        if not tok or tok in stop or question_word or re.fullmatch(r"[\W_]+", tok) or _YEAR.fullmatch(tok) \
                or is_filler(tok) or tok in kinds:
            prev_joinable = False
            continue
        if len(tok) == 1 and not tok.isdigit():
            if prev_joinable and _joins(tok) and "\u4e00" <= tok <= "\u9fff" and not toks[-1][-1].isdigit():
                toks[-1] += tok
            prev_joinable = False
            continue
        toks.append(tok)
        prev_joinable = True
    for tok in (counted(t) for t in toks):
        spelled = all(ch in "零一二两三四五六七八九十百千万亿" for ch in tok)  # 破千亿: a paraphrase, not a label
        common = tok in soft or spelled or _is_soft(tok) or is_common(tok) or glued(tok) or two_soft(tok, soft)
        weight = SOFT_WEIGHT if common else NUMBER_WEIGHT if tok[:1].isdigit() else 1.0
        units = question_words()["measure_units"].get(tok, ())  # 新增面积: 1.8万平方米 states an area
        out.append(Term((tok, *question_words().get("measure_names", {}).get(tok, ())), weight, units=tuple(units)))
    out += [Term((m.group(0),), 1.0) for m in _RANKED.finditer(question)]  # "哪几项增速全市第一": the rank picks
    return answer_types_soft(question, list({t.alts: t for t in out}.values()))


# a rank stated in the question ("全市第一", "全省首位"): what picks the items, never the scope word alone
_RANKED = re.compile(r"全[省市区县国州](?:第[一二三四五六七八九十\d]+|首位)")


_NAMES_A_MEASURE = re.compile(r"[\u4e00-\u9fff](?:数|额|量|率|值|收入)\s*(?:[（(][^）)]{1,6}[）)])?\s*[？?。]?$")
_MARK_VERB = re.compile(r"(突破|过没过|没过|超没超|超过|达到|够)(?=[\d一二两三四五六七八九十百千万亿])")
_WHICH_CITY = re.compile(r"哪(?:个|些|几个|一个|座)?城市")


def _drop_words(question: str) -> list[str]:
    """Words that say what kind of answer is wanted, not what it is about."""
    out: list[str] = []
    for kind, phrases in question_words()["ask_words"].items():
        if kind != "about":
            out += [p for p in phrases if len(p) >= 2 and p in question]
    out += [w for w in question_words()["relative_years"] if w != "about" and w in question]
    out += [p for p in question_words()["period_words"] if p != "about" and p in question]
    out += [w for w in words()["doc_words"] if w in question]
    out += speakers(question) + UNIT_NOTE.findall(question)  # who gave the report; "（以万人计）": the unit wanted
    out += ["城市"] if _WHICH_CITY.search(question) else []  # "按哪个城市测的": the kind of name asked (吉首市)
    out += [m.group(1) for m in _ANSWER_NOUN.finditer(question)]  # "公布时间": when, not what
    out += [m.group(1) for m in _MARK_VERB.finditer(question)]  # "是否突破千亿元": a mark the figure is held to
    out += [w for w in (*words()["target_words"], *words()["stance_markers"])  # stance, not content, unless the
            if w in question and not re.search(r"哪(?:些|几[个项条])[\u4e00-\u9fff]{0,4}" + re.escape(w), question)]
    return out  # targets are the items asked ("定了哪些主要预期目标")


# "目标达到没有", "定的社零、固投增长目标，到年底兑现了没有": the target asked with whether it was reached
_TARGET_REACHED = re.compile(r"(目标|预期)[^。；？?]{0,10}(达到|完成|实现|做到|达标|够|兑现)[^，,。；？?]{0,3}(没有|了吗|吗|没)")


def analyze(question: str, places: list[str], drop: list[str]) -> Asked:
    """What the question asks, with its pieces when it asks several things (rag.ask.sides). A later sentence inherits
    the first piece's subject, an ellipsis ("Y呢") its ask about Y (the first piece's subject words only rank)."""
    whole = _analyze(question, places, drop)
    parts = sides(question, lambda w: _separable(w, drop)) or indicators_listed(question)
    if len(parts) < 2:
        return whole
    head = _analyze(parts[0].text, places, drop)
    head = _gated(head, parts[0].item)
    pieces = [head]
    for part in parts[1:]:
        piece = _analyze(part.text, places, drop)
        if part.ellipsis:
            soft, own = [Term(t.alts, min(t.weight, SOFT_WEIGHT), t.main) for t in head.terms], \
                piece.wants or (("number",) if head.numeric else head.wants)  # "城乡收入倍差呢": a figure, any unit
            piece = replace(head, text=part.text, terms=tuple({t.alts: t for t in (*soft, *piece.terms)}.values()),
                            want=own[0] if own else "", wants=own)
        elif part.item:
            piece = _gated(piece, part.item)
        elif part.follows or not any(t.weight >= 1.0 for t in piece.terms):
            own = head.wants if piece.wants == ("number",) and head.wants[:1] in (("growth",), ("ratio",)) else piece.wants
            mine, theirs = {t.alts for t in piece.terms if t.weight >= 1.0}, {h.alts for h in head.terms}  # 东盟 said again
            new = bool(mine & theirs) and any(tags(a[0])[-1:] in _THING for a in mine - theirs)  # and 进口: 出口 ranks only
            kept = [Term(t.alts, min(t.weight, SOFT_WEIGHT), t.main) if new else t for t in head.terms]  # ranks only
            piece = replace(piece, terms=tuple({t.alts: t for t in (*kept, *piece.terms)}.values()),
                            want=own[0] if own else "", wants=own,  # "增速达标了吗？23年是多少": 23年's 增速
                            years=piece.years or head.years,  # a target asked after a part of the year is the year's
                            months=piece.months or (None if piece.stance == "target" else head.months),
                            period_label=piece.period_label or ("" if piece.stance == "target" else head.period_label),
                            stance=piece.stance or head.stance,  # "打算新建几个…？…又建几个": still the plan
                            by_report=piece.by_report or head.by_report and not piece.months)
        pieces.append(piece)
    periods = tuple(dict.fromkeys(p for piece in pieces for p in piece.periods))  # "到8月底…？全年最后…？": both
    return replace(whole, pieces=tuple(pieces), periods=max(whole.periods, periods, key=len))


def _gated(piece: Asked, item: str) -> Asked:
    """"一期、二期分开说": the part named must be found."""
    return piece if not item else replace(piece, terms=(*(t for t in piece.terms if item not in t.alts), Term((item,), 1.0)))


def _separable(word: str, drop: list[str]) -> bool:
    """A thing asked side by side ("景观和土建各…"): not a place (compared), a period or an ask word (总量和增速)."""
    return not (any(d and (d in word or word in d) for d in drop) or re.search(r"\d", word) or asked_spans(word)
                or wants_of(word) or place_mentions(word, need_confirm=False) or word in question_words()["period_words"])


def _analyze(question: str, places: list[str], drop: list[str]) -> Asked:
    spans = periods_in(question)
    wants = wants_of(re.sub("|".join(map(re.escape, words()["doc_words"])), " ", question))
    # "三季度进展表里…打通几条了": a figure so far, as of that report (a stage asked of it is the row's own words)
    report = None if spans or wants[:1] not in tuple((k,) for k in NUMERIC_WANTS) else report_period(question)
    months, label = spans[0] if spans else report or (None, "")
    if not wants and (measure := _NAMES_A_MEASURE.search(question)):  # "余杭去年技术交易额": a measure named alone
        wants = figure_wants(measure.group(0)[:2])  # asks its figure
    named = [m.name for m in place_mentions(question, need_confirm=False)]
    drop = [*drop, *named, *(stem_of(n) for n in named if len(stem_of(n)) >= 2)]
    rel = next((v for k, v in question_words()["relative_years"].items() if k != "about" and k in question), "")
    q = re.sub(r"\d{1,2}\s*月(?:份|底|末)?", " ", MONTHS.sub(" ", question))  # months are periods, never content
    for sp in reversed(asked_spans(q)):  # 年底, 全年: periods as well
        q = q[: sp.start] + " " + q[sp.end :]
    terms = bracket_aliases(q, content_terms(q, [*drop, *_drop_words(question)]))
    stance = stance_of(question)
    if wants[:1] in (("status",), ()) and stance in ("actual", "") and _TARGET_REACHED.search(question):
        stance = "both"  # "目标最后达到没有": the target and the result, side by side
    if wants[:1] == ("count",):  # "几个建成几个在建", "谈了几个": the verb that picks what is counted must be found
        verbs = count_predicates(q)
        said = {v for v, _ in verbs} | {v + "了" for v, _ in verbs}
        terms = [t for t in terms if t.alts[0] not in said] + [Term((v,), weight) for v, weight in verbs]
    if wants[:1] == ("list",):  # "哪些事项滞后": the predicate decides what belongs in the list, so it must be found
        terms = [Term(t.alts, 1.0, t.main) if t.weight == SOFT_WEIGHT and _is_soft(t.alts[0])
                 and after_list_word(t.alts[0], question) else t for t in terms]
        terms += listed_kind(q, terms)
    return Asked(
        text=question, terms=tuple(terms), required=required_terms(question, terms), by_report=by_report(question) or bool(report),
        years=years_asked(question), relative=rel, months=months, period_label=label, stance=stance,
        want=wants[0] if wants else "", wants=wants, places=tuple(places), periods=tuple(spans),
    )
