"""The layout is the architecture: dependencies point one way (ui, cli -> ask/status/summary -> index
-> ingest -> domain), streamlit/pandas only under rag/ui, and the size limits hold."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

from sizes import oversized  # noqa: E402

# A module may import from its own stage or an earlier one (a lower number), never a later one.
STAGES = {
    "rag.domain": 0, "rag.errors": 0, "rag.settings": 0, "rag.config": 0, "rag.lexicons": 0,
    "rag.ingest": 1, "rag.index": 2, "rag.status": 3, "rag.ask": 4, "rag.summary": 5,
    "rag.evals": 6, "rag.ui": 7, "rag.cli": 7, "rag.__main__": 7,
}


def _stage(module: str) -> int | None:
    best = None
    for prefix, n in STAGES.items():
        if module == prefix or module.startswith(prefix + "."):
            best = n
    return best


def _imports(path: Path) -> list[str]:
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.append(node.module)
        elif isinstance(node, ast.Import):
            out.extend(a.name for a in node.names)
    return out


def _modules() -> list[tuple[str, Path]]:
    out = []
    for path in sorted((ROOT / "rag").rglob("*.py")):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out.append((".".join(parts), path))
    return out


def test_dependencies_point_one_way():
    wrong = []
    for name, path in _modules():
        mine = _stage(name)
        for imp in _imports(path):
            theirs = _stage(imp)
            if mine is not None and theirs is not None and theirs > mine:
                wrong.append(f"{name} imports {imp}")
    assert not wrong, wrong


def test_every_module_belongs_to_a_stage_and_relative_imports_are_not_used():
    for name, path in _modules():
        assert name == "rag" or _stage(name) is not None, name
        rel = [n for n in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
               if isinstance(n, ast.ImportFrom) and n.level]
        assert not rel, f"{name} uses a relative import"


def test_streamlit_and_pandas_only_in_the_ui():
    for name, path in _modules():
        if name.startswith("rag.ui"):
            continue
        heavy = {i.split(".")[0] for i in _imports(path)} & {"streamlit", "pandas", "altair"}
        assert not heavy, f"{name} imports {heavy}"


def test_modules_and_functions_stay_small():
    modules, functions = oversized(ROOT / "rag")
    assert not modules and not functions, (modules, functions)


def test_each_module_opens_with_a_docstring():
    for name, path in _modules():
        assert ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))), name
