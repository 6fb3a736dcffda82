"""The word lists and rules in rag/data/*.json, typed: one pydantic model per file (rag.lexicons.models), validated
when the file is first read and cached from then on: `load(StatusWords)`, or the accessor named after the file
(`status_words()`, `parse_words()`…).

The files are data that people extend by hand. A wrong type, a missing key, an unknown (typo'd) key, an empty word,
a duplicated key or a regular expression that does not compile raises LexiconError naming the file, the field and the
fix. Stage 0: imports only rag.errors, pydantic and the standard library."""

from __future__ import annotations

import difflib
import json
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, TypeVar, get_args

from pydantic import BaseModel, ValidationError

from rag.errors import ConfigError
from rag.lexicons.models import (
    File,
    HtmlChrome,
    LibraryWords,
    NameWords,
    NotesZh,
    ParseWords,
    PeriodPattern,
    PeriodWords,
    PlaceWords,
    QueryLexicon,
    QuestionWords,
    Radicals,
    StatusWords,
    TrustWords,
)

__all__ = [
    "File", "HtmlChrome", "LexiconError", "LibraryWords", "NameWords", "NotesZh", "ParseWords", "PeriodPattern", "PlaceWords",
    "QueryLexicon", "QuestionWords", "Radicals", "StatusWords", "html_chrome", "library_words", "load", "name_words", "notes_zh",
    "PeriodWords", "parse_words", "period_words", "place_words", "query_lexicon", "question_words", "radicals", "read",
    "status_words", "TrustWords", "trust_words",
]


class LexiconError(ConfigError):
    """A data file under rag/data/ is missing, is not JSON, or does not fit its model."""


M = TypeVar("M", bound=File)



def load(model: type[M]) -> M:
    """The shipped file rag/data/<model.FILE>, validated on first use and cached."""
    data = _shipped(model)
    assert isinstance(data, model)
    return data


@cache
def _shipped(model: type[File]) -> File:
    return read(resources.files("rag").joinpath("data", model.FILE), model, shown=f"rag/data/{model.FILE}")


def read(path: Path | Traversable, model: type[M], shown: str = "") -> M:
    """Any copy of a data file validated through `model` (not cached); LexiconError when it does not fit."""
    shown = shown or str(path)
    restore = f"restore it with `git checkout -- {shown}`" if shown.startswith("rag/data/") else "restore it"
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise LexiconError(f"{shown} is missing: {restore}.") from None
    try:
        json.loads(text, object_pairs_hook=_no_duplicates)
    except json.JSONDecodeError as e:
        raise LexiconError(f"{shown} is not valid JSON at line {e.lineno} column {e.colno}: {e.msg}. Fix the "
                           f"syntax there (a missing comma, quote or bracket) or {restore}.") from None
    except ValueError as e:
        raise LexiconError(f"{shown}: {e}. Keep one of them (merge the lists).") from None
    try:
        return model.model_validate_json(text)
    except ValidationError as e:
        problems = "\n".join(f"  - {_problem(err, model)}" for err in e.errors())
        raise LexiconError(f"{shown} does not fit {model.__name__} (rag/lexicons/models.py):\n{problems}\n"
                           f"Fix those fields (the file's `about` note says what each list is for) or {restore}.") from None


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    seen: set[str] = set()
    for key, _ in pairs:
        if key in seen:
            raise ValueError(f"key {key!r} appears twice, and only the last one would count")
        seen.add(key)
    return dict(pairs)


def _problem(err: Any, model: type[BaseModel]) -> str:
    """One validation error as "where: what, found X; fix"."""
    loc: tuple[str | int, ...] = err["loc"]
    where = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in loc).lstrip(".") or "(the whole file)"
    if err["type"] == "extra_forbidden":
        parent = _model_at(model, loc[:-1])
        known = sorted(parent.model_fields) if parent else []
        near = difflib.get_close_matches(str(loc[-1]), known, n=1, cutoff=0.8)
        hint = f"did you mean {near[0]!r}?" if near else f"the keys known here are: {', '.join(known)}"
        return f"{where}: unknown key; rename it ({hint}) or remove it (a new list also needs a field in the model)"
    if err["type"] == "missing":
        return f"{where}: missing; add it"
    found, msg = repr(err.get("input")), str(err["msg"]).removeprefix("Value error, ")
    return f"{where}: {msg}, found {found[:80]}{'…' if len(found) > 80 else ''}"


def _model_at(model: type[BaseModel], loc: tuple[str | int, ...]) -> type[BaseModel] | None:
    """The nested model that `loc` points into (for the keys it knows), or None for a plain mapping."""
    current: type[BaseModel] | None = model
    for part in loc:
        if isinstance(part, int) or current is None:
            continue
        field = current.model_fields.get(part)
        current = _nested(field.annotation) if field else None
    return current


def _nested(tp: Any) -> type[BaseModel] | None:
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return tp
    return next((m for m in map(_nested, get_args(tp)) if m is not None), None)


# One accessor per file, so call sites read `status_words().growth_words`.


def query_lexicon() -> QueryLexicon:
    return load(QueryLexicon)


def parse_words() -> ParseWords:
    return load(ParseWords)


def question_words() -> QuestionWords:
    return load(QuestionWords)


def status_words() -> StatusWords:
    return load(StatusWords)


def place_words() -> PlaceWords:
    return load(PlaceWords)


def name_words() -> NameWords:
    return load(NameWords)


def html_chrome() -> HtmlChrome:
    return load(HtmlChrome)


def radicals() -> Radicals:
    return load(Radicals)


def library_words() -> LibraryWords:
    return load(LibraryWords)


def period_words() -> PeriodWords:
    return load(PeriodWords)


def notes_zh() -> NotesZh:
    return load(NotesZh)


def trust_words() -> TrustWords:
    return load(TrustWords)
