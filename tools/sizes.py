"""Print modules over 300 lines and functions over 60 lines under rag/ (the style limits)."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

MODULE_LINES, FUNCTION_LINES = 300, 60


def oversized(root: Path) -> tuple[list[tuple[str, int]], list[tuple[str, int]]]:
    modules, functions = [], []
    for path in sorted(root.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        n = len(text.splitlines())
        if n > MODULE_LINES:
            modules.append((str(path), n))
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > FUNCTION_LINES:
                    functions.append((f"{path}:{node.lineno} {node.name}", length))
    return modules, functions


def main() -> int:
    modules, functions = oversized(Path(sys.argv[1] if len(sys.argv) > 1 else "rag"))
    print(f"modules over {MODULE_LINES} lines: {len(modules)}")
    for name, n in modules:
        print(f"  {name}: {n}")
    print(f"functions over {FUNCTION_LINES} lines: {len(functions)}")
    for name, n in functions:
        print(f"  {name}: {n}")
    return 1 if modules or functions else 0


if __name__ == "__main__":
    sys.exit(main())
