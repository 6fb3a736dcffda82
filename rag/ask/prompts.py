"""Prompt files: data, not code. Each file under prompts/ starts with a header line declaring its
variables (`# vars: question, sources, history`); the rest is a template with `{name}` placeholders
and `{{` / `}}` for literal braces (the syntax of both str.format and LangChain's f-string templates).

Loading checks the file against its header (every placeholder declared, every declared variable
used); rendering is strict: a missing or an undeclared variable raises PromptError naming the file,
the variable and the fix. Files are re-read when they change on disk."""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rag.errors import PromptError

PROMPTS_DIR = Path(__file__).resolve().parents[2] / "prompts"
HEADER = "# vars:"


@dataclass(frozen=True)
class Prompt:
    """One parsed prompt file: its declared variables and its template body."""

    name: str
    path: Path
    variables: tuple[str, ...]
    template: str

    def check(self, values: Mapping[str, object]) -> None:
        """Raise PromptError unless `values` has exactly the declared variables."""
        for var in self.variables:
            if var not in values:
                raise PromptError(
                    f"prompt {self.path.name} needs variable {var!r} but it was not given — "
                    f"pass {var}=... when rendering (declared: {', '.join(self.variables) or 'none'})"
                )
        for key in values:
            if key not in self.variables:
                raise PromptError(
                    f"prompt {self.path.name} does not declare variable {key!r} — remove it from the call "
                    f"or add it to the '{HEADER}' line of {self.path}"
                )

    def render(self, **values: object) -> str:
        """The template with every placeholder filled; strict about missing and extra variables."""
        self.check(values)
        return self.template.format(**{k: str(v) for k, v in values.items()})


def placeholders(template: str, where: str = "template") -> tuple[str, ...]:
    """Names of the `{name}` placeholders in `template`, in first-use order. Positional (`{}`),
    attribute/index (`{a.b}`, `{a[0]}`), conversions and format specs are refused."""
    names: list[str] = []
    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError as e:
        raise PromptError(f"{where}: malformed braces ({e}) — write {{{{ and }}}} for literal braces") from None
    for _, field, spec, conversion in parsed:
        if field is None:
            continue
        if not field.isidentifier() or spec or conversion:
            shown = "{" + field + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}"
            raise PromptError(
                f"{where}: placeholder {shown} is not a plain {{name}} — use a declared variable name, "
                f"or write {{{{ and }}}} for literal braces"
            )
        if field not in names:
            names.append(field)
    return tuple(names)


def parse(text: str, path: Path) -> Prompt:
    """Parse a prompt file's text: the `# vars:` header line, then the template body."""
    first, _, body = text.partition("\n")
    first = first.strip().lstrip("\ufeff")
    if not first.startswith(HEADER):
        raise PromptError(
            f"{path}: first line must declare the variables, like '{HEADER} question, sources' "
            f"(found {first[:60]!r}) — add the header line"
        )
    declared = [v.strip() for v in first[len(HEADER) :].split(",") if v.strip()]
    for var in declared:
        if not var.isidentifier():
            raise PromptError(f"{path}: {var!r} in the '{HEADER}' line is not a valid variable name — rename it")
    if len(set(declared)) != len(declared):
        raise PromptError(f"{path}: the '{HEADER}' line repeats a variable — list each one once")
    body = body.rstrip("\n")
    used = placeholders(body, str(path))
    for var in used:
        if var not in declared:
            raise PromptError(
                f"{path}: placeholder {{{var}}} is used but not declared — add {var} to the '{HEADER}' line "
                f"or write {{{{{var}}}}} for literal braces"
            )
    for var in declared:
        if var not in used:
            raise PromptError(
                f"{path}: variable {var!r} is declared in the '{HEADER}' line but never used — "
                f"remove it from the header or add {{{var}}} to the body"
            )
    return Prompt(path.name.removesuffix(".txt"), path, tuple(declared), body)


@lru_cache(maxsize=64)
def _load_cached(path: Path, mtime_ns: int) -> Prompt:
    return parse(path.read_text(encoding="utf-8"), path)


def load(name: str, directory: Path | None = None) -> Prompt:
    """Load `prompts/<name>.txt` (name like "answer.user"), checked against its header."""
    path = (directory or PROMPTS_DIR) / (name if name.endswith(".txt") else f"{name}.txt")
    try:
        mtime = path.stat().st_mtime_ns
    except FileNotFoundError:
        raise PromptError(f"prompt file {path} is missing — restore it (git checkout -- prompts/{path.name})") from None
    try:
        return _load_cached(path, mtime)
    except UnicodeDecodeError:
        raise PromptError(f"prompt file {path} is not UTF-8 — re-save it as UTF-8") from None


def render(name: str, /, **values: object) -> str:
    """Load `prompts/<name>.txt` and render it in one step (strict, see Prompt.render)."""
    return load(name).render(**values)
