"""Short forms: a word the library writes longer (抽蓄 for 抽水蓄能, 国办 for 国务院办公厅, 科小 for 科技型中小企业), or
shorter (高速 for 高速公路), read as the library writes it. Part of reading a question's subjects (rag.ask.subjects)."""

from __future__ import annotations

import re
from collections.abc import Callable

from rag.ask.indicator_abbrev import in_order
from rag.ask.terms import Term, known_word, tags

ABBREVIATED = (2, 3)  # lengths of a word read as an abbreviation (抽蓄, 规工企): longer ones are names of their own
SKIPPED = 1  # words of the full name an abbreviation may leave out (电诈: 电信|网络|诈骗 skips 网络)
CJK = re.compile(r"[\u4e00-\u9fff]+")


def _initials(word: str, toks: list[str]) -> str | None:
    """The full name when the word's characters begin consecutive tokens, in order, from the first (抽|蓄 of
    抽水|蓄能), at most SKIPPED tokens left out between them, one of them longer than its character."""
    i, skipped = 0, 0
    used: list[str] = []
    for c in word:
        while i < len(toks) and toks[i][:1] != c and used and skipped < SKIPPED:
            i, skipped = i + 1, skipped + 1
        if i >= len(toks) or toks[i][:1] != c:
            return None
        used.append(toks[i])
        i += 1
    return "".join(toks[: i]) if any(len(t) > 1 for t in used) else None


def _inside(word: str, toks: list[str]) -> str | None:
    """The full name when the word's first character begins the first token and each later one is a character of
    the next token, in order (科小 of 科技型|中小企业: a word's second morpheme stands for it, as 中小 does here)."""
    if len(toks) < len(word) or toks[0][:1] != word[0]:
        return None
    last = toks[len(word) - 1]
    if all(c in t for c, t in zip(word[1:], toks[1:], strict=False)) and (len(last) >= 3 or len(word) >= 3) \
            and tags(last)[0][:1] in ("n", "j"):  # a name's head (中小企业, 保租房: 住房), not a verb (村社|获评)
        return "".join(toks[: len(word)])
    return None


def _one_name(word: str, toks: list[str]) -> str | None:
    """The full name when the tokenizer keeps the name the word shortens as one word, and the word is the first
    character of each of its halves (刑案 of 刑事|案件, 国办 of 国务院|办公厅), or jieba tags the word an abbreviation
    (tag j) and the name opens with its first character and holds the rest in order."""
    name = toks[0] if toks else ""
    if name[:1] != word[:1] or len(name) < 2 * len(word):
        return None
    halves = len(word) == 2 and len(name) in (4, 6) and name[len(name) // 2] == word[1]
    return name if halves or tags(word) == ("j",) and in_order(word, name) else None


def _dropped(word: str, toks: list[str]) -> str | None:
    """The full name when the word keeps its first and last characters and at least half of a run of whole tokens,
    in order (保障房 of 保障性|住房): characters dropped inside a name, as staff shorten it."""
    full = ""
    for t in toks:
        full += t
        if full.endswith(word[-1]) and len(full) > len(word) and 2 * len(word) >= len(full):
            return full if in_order(word, full) else None
        if 2 * len(word) < len(full):
            return None
    return None


def abbreviation(word: str, texts: Callable[[], list[str]]) -> str | None:
    """The library's word that `word` abbreviates (抽蓄 -> 抽水|蓄能, 规工 -> 规上|工业, 电诈 -> 电信|网络|诈骗,
    保障房 -> 保障性|住房): the first characters of consecutive words of the library text as the tokenizer cuts
    them, or a run of whole words that keeps the word's characters in order with its first and last; the most
    frequent such spelling."""
    if not ABBREVIATED[0] <= len(word) <= ABBREVIATED[1] or not CJK.fullmatch(word):
        return None
    from rag.index.keyword import words as segment

    probe = re.compile("".join(re.escape(c) + "[\u4e00-\u9fff]{0,3}" for c in word[:-1]) + re.escape(word[-1]))
    seen: dict[str, int] = {}
    for text in texts():
        for m in probe.finditer(text):
            toks = segment(text[m.start() : m.end() + 3])
            full = _initials(word, toks) or (_dropped(word, toks) if len(word) >= 3 else None) or _inside(word, toks) \
                or _one_name(word, toks)
            if full and full != word:
                seen[full] = seen.get(full, 0) + 1
    return max(seen, key=lambda k: seen[k]) if seen else None


def expanded(term: Term, present: Callable[[str], bool], texts: Callable[[], list[str]] | None) -> Term:
    """A subject the library does not write, or an abbreviation jieba knows (国办, also written inside 依法治国办),
    read as the library word it abbreviates (alternatives: either counts); else a long word by the head the library
    writes (高速公路: 高速, a shorter name, which Term.factor counts by half when it is two or more characters
    shorter)."""
    word = term.alts[0]
    known_short = tags(word) == ("j",) or ABBREVIATED[0] <= len(word) <= ABBREVIATED[1] and not known_word(word)
    # 国办: jieba's abbreviation; 自贸港: a short word jieba does not know: also found by its full name
    guessed = term.weight < 1.0 and not known_word(word) and not present(word)  # 拆违: a verb only to jieba's guess
    if texts is None or term.main or len(term.alts) != 1 or term.weight < 1.0 and not (guessed and known_short) \
            or (present(word) and not known_short):
        return term
    full = abbreviation(word, texts)
    if full:  # a short form of a name the library writes (拆违: 拆除违法建筑) is that name, and must be found
        return Term((word, full), 1.0 if guessed else term.weight)
    if guessed:
        return term
    head = _head_word(word, present) if not present(word) else ""
    return Term((word, head), term.weight, word) if head else term  # found as 高速 (by half: a shorter name)


def _head_word(word: str, present: Callable[[str], bool]) -> str:
    """The library's short form of a long word it never writes: the word's first sub-word as jieba cuts it for
    search (高速公路 -> 高速 of 京雄高速), counted by half as any shorter name is (Term.factor)."""
    import jieba

    if len(word) < 4:
        return ""
    subs = [w for w in jieba.lcut_for_search(word) if len(w) >= 2 and w != word and word.startswith(w)]
    return next((w for w in subs if present(w)), "")


_LATIN = re.compile(r"[A-Za-z][A-Za-z&.]*")
_PHRASE_END = re.compile(r"(?:(?![和的及、])[\u4e00-\u9fff])+(?:与(?:(?![和的及、])[\u4e00-\u9fff])+)*$")


def latin_named(before: str, inside: str, terms: list[Term]) -> list[Term] | None:
    """"研究与试验发展（R&D）": a Latin abbreviation in brackets names the whole phrase before it (back to 和, 的, 及 or
    、; 与 joins inside one name), so the phrase's words are one subject, found as the phrase or the abbreviation; None
    when the bracket is not Latin or the phrase holds fewer than two of the terms."""
    tail = _PHRASE_END.search(before)
    if not _LATIN.fullmatch(inside) or tail is None:
        return None
    phrase = tail.group(0)
    parts = [t for t in terms if (t.main or t.alts[0]) in phrase and inside not in t.alts]
    if len(parts) < 2:
        return None
    named = [t for t in terms if inside in t.alts and t not in parts]  # the abbreviation's own term, its synonyms
    alts = (phrase, inside, *(a for t in (*parts, *named) for a in t.alts[1:]))
    merged = Term(tuple(dict.fromkeys(alts)), max(t.weight for t in parts))
    return [merged if t is parts[0] else t for t in terms if t not in parts[1:] and t not in named]
