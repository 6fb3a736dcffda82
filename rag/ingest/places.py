"""Places: which place a document is about, and which places a question names. Any level (省…街道) is found by its
suffix with a stem at a word boundary: never inside a word jieba reads there, never with a parent's name glued on
(保定|蠡县); common nouns that end like one (全区, 地区生产总值) are refused (rag/data/places.json). A document's place
is scored from its title, "XX人民政府" / "XX第N届人民代表大会" and how often each name recurs (全县 -> a 县)."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from rag.ingest.place_jieba import PROPER as _PROPER
from rag.ingest.place_jieba import inside_word as _inside_word
from rag.ingest.place_jieba import is_function_word as _is_function_word
from rag.ingest.place_jieba import last_place_word as _last_place_word
from rag.ingest.place_jieba import one_place_word as _one_place_word
from rag.ingest.place_jieba import word_start as _word_start
from rag.lexicons import place_words

CONFIRM_ONLY = ("地区", "州", "盟")  # suffixes taken only when jieba knows the name or the context is strong
MAX_STEM = 4  # longest stem tried before a suffix (呼和浩特市); 2 is the common case
MAX_ZONE_STEM = 8  # a zone's official name is longer: 宁川经济技术开发区
ZONE_SUFFIXES = ("开发区", "高新区", "经开区", "新区", "自治区", "自治州", "自治县", "自治旗")  # long official stems
TITLE_WEIGHT = 100  # a name in the title line decides unless the body contradicts it
STRONG_WEIGHT = 50  # "XX人民政府", "在XX第N届人民代表大会", "XX政府工作报告"
LEVEL_FACTOR = 2  # names of the level the report calls itself (全县 -> 县) count double
FIRST_CHAR_CITY = 3  # a city this long before 市 is also called by its first character (乌市, 呼市); 苏州 is not (苏市)
MIN_SCORE = 1  # one confirmed mention is enough when nothing else competes (灌云县 in r-type excerpts)


@dataclass(frozen=True)
class Place:
    """A place name as written (汉滨区), with its parent (安康市) and aliases (汉南区) when known."""

    name: str
    parent: str = ""
    aliases: tuple[str, ...] = field(default=())

    @property
    def written(self) -> str:
        """How the document's place is stored (manifest, index): the full name, with its alias in brackets."""
        return self.full + (f"（{self.aliases[0]}）" if self.aliases else "")

    @property
    def full(self) -> str:
        return self.parent + self.name if self.parent and not self.name.startswith(self.parent) else self.name

    @property
    def stem(self) -> str:
        return stem_of(self.name)

    def names(self) -> tuple[str, ...]:
        """Every way a question may name this place: 安康市汉滨区, 汉滨区, 汉滨 (and aliases)."""
        out = [self.full, self.name, *self.aliases]
        out += [stem_of(n) for n in (self.name, *self.aliases) if len(stem_of(n)) >= 2]
        out += [self.stem[0] + "市"] if self.name.endswith("市") and len(self.stem) >= FIRST_CHAR_CITY else []  # 乌市
        return tuple(dict.fromkeys(n for n in out if n))


# the peoples an autonomous region or prefecture is named for, written between its name and 自治区/自治州
# (宁夏回族自治区 is 宁夏, 湘西土家族苗族自治州 湘西); 维吾尔 is written without 族
_PEOPLES = re.compile(r"(?:[\u4e00-\u9fff]{1,3}族|维吾尔)+")


def _without_peoples(stem: str) -> str:
    """The place's own name before the peoples: the cut that leaves a name jieba's dictionary tags as a place."""
    import jieba.posseg

    tags = jieba.posseg.dt.word_tag_tab
    cuts = [stem[:i] for i in range(2, len(stem) - 1) if _PEOPLES.fullmatch(stem[i:])]
    return next((c for c in cuts if tags.get(c) == "ns"), stem)


def stem_of(name: str) -> str:
    for suf in place_words().suffixes:
        if name.endswith(suf) and len(name) - len(suf) >= 2:
            stem = name[: -len(suf)]
            return _without_peoples(stem) if suf.startswith("自治") else stem
    return name


def _valid_stem(stem: str, short_ok: bool = False) -> bool:
    d = place_words()
    if (len(stem) < 2 and not short_ok) or any(ch in d.not_place_chars for ch in stem):
        return False
    if not all("\u4e00" <= ch <= "\u9fff" for ch in stem):
        return False
    stops = d.not_place_stems
    return stem not in stops and not any(len(s) >= 2 and stem.endswith(s) for s in stops)


@dataclass(frozen=True)
class Mention:
    name: str
    start: int
    end: int
    strong: bool = False  # followed by 人民政府 / 政府工作报告 / 第N届人民代表大会


_STRONG = re.compile(r"^(?:人民政府|人民代表大会|政府工作报告|第[一二三四五六七八九十\d]+届人民代表大会|统计局|\d{4}年国民经济和社会发展统计公报|国民经济和社会发展统计公报)")


@lru_cache(maxsize=4096)
def confirmed(name: str, stem: str) -> bool:
    """jieba's dictionary knows the name: the whole candidate, or its stem, is one proper-noun token
    (灌云县, 寿县, 钱塘|区), not a verb or preposition before a bare suffix (按照|县, 通过|区)."""
    import jieba.posseg

    toks = [(w, t) for w, t in jieba.posseg.cut(name)]
    if len(toks) == 1:  # one word: a proper noun, or a noun whose stem is a valid place stem (保定市 is n)
        return toks[0][1] in _PROPER or (toks[0][1] == "n" and len(stem) >= 2 and _valid_stem(stem))
    return toks[0][0] == stem and toks[0][1] in _PROPER and len(stem) >= 2


def mentions(text: str, *, need_confirm: bool = True) -> list[Mention]:
    """Every place name in `text`, in order. The text's start counts as a word boundary. A candidate
    counts when jieba knows it as a proper noun or it stands before 人民政府/政府工作报告/人大 (strong)."""
    sufs = sorted(place_words().suffixes, key=len, reverse=True)
    out: list[Mention] = []
    for end in range(2, len(text) + 1):
        suf = next((x for x in sufs if text.endswith(x, 0, end)), None)
        if suf is None:
            continue
        s_end = end - len(suf)
        strong = bool(_STRONG.match(text[end : end + 12]))
        found = _longest_known(text, s_end, end)
        generic_use = text[end : end + 1] in place_words().generic_after  # 区领导, 县委, 市直: the suffix starts a word
        loose_ok = suf not in CONFIRM_ONLY  # 地区/州/盟 are too common to take on context alone (地区生产总值)
        if found is None and (strong or (not need_confirm and not generic_use and loose_ok)):
            found = _by_context(text, s_end, end)
        if found is not None and text[end : end + 1] == "长" and person_name(text[found:s_end]):
            continue  # "闫继红市长": a mayor's title after a person's name, not a place
        if found is not None and found > 0:  # 临安|清凉|峰镇: never inside a word jieba reads there (清凉峰镇)
            at = _word_start(text[max(0, found - 3) : end], min(found, 3)) + max(0, found - 3)
            found = at if at != found and _valid_stem(text[at:s_end]) and s_end - at <= MAX_STEM else found
        if found is not None and len(suf) == 1:  # 保定|蠡县: a parent's name glued before a whole place word
            found = end - _last_place_word(text[found:end])
        if found is not None and not _inside_word(text[found : end + 4], end - found):
            out.append(Mention(text[found:end], found, end, strong))
    return _drop_overlaps(out)


_SPEAKER = re.compile(r"([\u4e00-\u9fff]{2,3})(?:省长|市长|县长|区长|州长|主席)")


def speakers(text: str) -> list[str]:
    """"闫继红市长": a person's name with the title of a government's head, as written."""
    return [m.group(0) for m in _SPEAKER.finditer(text) if person_name(m.group(1))]


def person_name(stem: str) -> bool:
    """A stem jieba reads as one person's name (闫继红, 李强)."""
    import jieba.posseg

    cut = list(jieba.posseg.cut(stem))
    return len(cut) == 1 and cut[0].flag.startswith("nr")


def _longest_known(text: str, s_end: int, end: int) -> int | None:
    """Start of the longest stem jieba confirms (灌云县, not 云县), if any."""
    longest = MAX_ZONE_STEM if text[s_end:end] in ZONE_SUFFIXES else MAX_STEM
    for n in range(longest, 0, -1):
        start = s_end - n
        if start >= 0 and n >= 2 and _one_place_word(text[start:end]) and text[start:s_end] not in place_words().not_place_stems:
            return start  # jieba knows the whole name as one place word (和田地区, though 和 often starts a phrase)
        if n == 1 and text[s_end:end] in CONFIRM_ONLY:
            continue  # 杭州, 福州: a city's bare name, not a 州-level place
        if start < 0 or not _valid_stem(text[start:s_end], n == 1) or text[s_end - 1] in "省市州县区旗" + text[s_end]:
            continue  # (汉滨区|区委: a name's own suffix is not the next word's)
        if n == 1 and start and "\u4e00" <= text[start - 1] <= "\u9fff" and text[start - 1] not in place_words().boundary:
            continue  # a one-character stem (寿县, 萧县) only at a word boundary, never inside a word (纳入省)
        if confirmed(text[start:end], text[start:s_end]):
            return start
    return None


def _by_context(text: str, s_end: int, end: int) -> int | None:
    """Start of the shortest stem (two characters or more) that begins at a word boundary."""
    boundary = place_words().boundary
    if text[:end].endswith(tuple(place_words().common_endings)):
        return None  # 钱塘城镇, 景园小区: a common noun, not a name
    longest = MAX_ZONE_STEM if text[s_end:end] in ZONE_SUFFIXES else MAX_STEM
    for n in range(2, longest + 1):
        start = s_end - n
        if start < 0:
            return None
        before = text[start - 1] if start else ""
        edge = not before or before in boundary or before in "省市州县区旗" or not "\u4e00" <= before <= "\u9fff"
        if text[s_end - 1] in "省市州县区旗":
            return None  # 钱塘区|地区生产总值: a name's suffix is not the start of another name's stem
        if edge and _valid_stem(text[start:s_end]) and not _is_function_word(text[start:s_end]):
            return start
    return None


def _drop_overlaps(found: list[Mention]) -> list[Mention]:
    keep: list[Mention] = []
    for m in found:
        if keep and m.start < keep[-1].end:
            if m.end - m.start > keep[-1].end - keep[-1].start:
                keep[-1] = m
            continue
        keep.append(m)
    return keep


def _structure(text: str, found: list[Mention]) -> tuple[dict[str, str], dict[str, list[str]]]:
    """Parents (安康市 directly before 汉滨区) and aliases (汉南区 in brackets right after)."""
    parents: dict[str, str] = {}
    aliases: dict[str, list[str]] = {}
    for a, b in zip(found, found[1:]):
        if b.start == a.end and not a.name.endswith(("镇", "乡", "街道")):
            parents.setdefault(b.name, a.name)
        elif b.start == a.end + 1 and text[a.end] in "（(" and text[b.end : b.end + 1] in "）)":
            aliases.setdefault(a.name, []).append(b.name)
    return parents, aliases


def detect_place(text: str, title: str = "") -> Place | None:
    """The place a document is about, from its own content; None when nothing is clear enough."""
    head = text[:30000]
    found = mentions(head)
    if not found and not title:
        return None
    scores: Counter[str] = Counter()
    strong: set[str] = set()
    for m in found:
        scores[m.name] += 1
        if m.strong and m.name not in strong:  # once per name: a government listed in many unit cells is not the title
            strong.add(m.name)
            scores[m.name] += STRONG_WEIGHT
    in_title = mentions(title, need_confirm=False)
    for m, nxt in zip(in_title, [*in_title[1:], None]):
        if nxt is None or nxt.start != m.end:  # 安康市汉滨区: the title is about the district, not its city
            scores[m.name] += TITLE_WEIGHT
    level = _self_level(head)
    if level:
        for name in scores:
            if name.endswith(level):
                scores[name] *= LEVEL_FACTOR
    for name in list(scores):  # a sub-place (镇/乡/街道) is the document's place only when the title says so
        if name.endswith(("镇", "乡", "街道")) and scores[name] < TITLE_WEIGHT:
            del scores[name]
    if not scores:
        return None
    best, score = scores.most_common(1)[0]
    if score < MIN_SCORE:
        return None
    parents, aliases = _structure(head, found)
    for key, value in _structure(title, mentions(title, need_confirm=False))[0].items():
        parents.setdefault(key, value)
    official = place_words().official_names.get(best)
    if official:  # 湘西自治州 -> 湘西土家族苗族自治州, the short form kept as an alias
        return Place(name=official, parent=parents.get(best, ""), aliases=(best, *aliases.get(best, ())))
    return Place(name=best, parent=parents.get(best, ""), aliases=tuple(aliases.get(best, ())))


def _self_level(text: str) -> str:
    counts: Counter[str] = Counter()
    for word, level in place_words().self_words.items():
        counts[level] += text.count(word)
    best = counts.most_common(1)
    return best[0][0] if best and best[0][1] else ""


def parse_place(value: str) -> Place:
    """A place written by a person (manifest, upload form): '安康市汉滨区' -> 汉滨区 with parent 安康市."""
    value = re.sub(r"\s+", "", value)
    bracket = re.fullmatch(r"(.+?)[（(]([^）)]+)[)）]", value)
    if bracket:  # 武汉经开区（汉南区）
        main = parse_place(bracket.group(1))
        return Place(name=main.name, parent=main.parent, aliases=(bracket.group(2),))
    found = mentions(value)
    if len(found) >= 2 and found[-1].end == len(value) and found[-2].end == found[-1].start:
        return Place(name=found[-1].name, parent=found[-2].name)
    return Place(name=value)


def same_place(a: str, b: str) -> bool:
    """钱塘 == 钱塘区 == 杭州市钱塘区; 安康市 != 汉滨区."""
    if not a or not b:
        return False
    pa, pb = parse_place(a), parse_place(b)
    return bool(set(pa.names()) & {pb.name, pb.full}) or bool(set(pb.names()) & {pa.name, pa.full})


_LEVELS = (("自治区", "province"), ("省", "province"), ("特别行政区", "province"), ("自治州", "prefecture"),
           ("地区", "prefecture"), ("盟", "prefecture"), ("州", "prefecture"), ("市", "city"), ("自治县", "county"),
           ("自治旗", "county"), ("县", "county"), ("旗", "county"), ("街道", "town"), ("镇", "town"),
           ("乡", "town"), ("村", "village"), ("社区", "village"), ("开发区", "zone"), ("高新区", "zone"),
           ("经开区", "zone"), ("新区", "zone"), ("园区", "zone"), ("园", "zone"), ("平台", "zone"), ("区", "county"))


def level_of(name: str) -> str:
    """The administrative level a name's suffix says: province (省, 自治区), prefecture (自治州, 地区, 盟, 州),
    city (市; a prefecture-level or county-level city), county (区, 县, 旗), town (街道, 镇, 乡), village (村,
    社区) or zone (开发区, 高新区, 园区, 平台); "" when it has none."""
    name = re.sub(r"[（(].*?[)）]$", "", name)
    return next((level for suf, level in _LEVELS if name.endswith(suf)), "")
