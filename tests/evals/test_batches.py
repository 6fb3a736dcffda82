"""How a blind batch's documents are assembled from its folders (unit logic on invented files)."""

from __future__ import annotations

import json
from pathlib import Path

from rag.evals.batches import _assemble


def test_a_sets_own_notes_are_not_documents(tmp_path: Path) -> None:
    src = tmp_path / "set"
    src.mkdir()
    (src / "a01.txt").write_text("清河县2030年政府工作报告", "utf-8")
    (src / "README.md").write_text("本集收录清河县、白沙市的报告", "utf-8")
    (src / "SOURCES.md").write_text("a01：清河县，2030年", "utf-8")
    (src / "notes.md").write_text("清河县会议纪要", "utf-8")
    (src / "manifest.json").write_text(json.dumps({"documents": [{"file": "a01.txt"}]}), "utf-8")
    into = tmp_path / "out"
    _assemble([src], into)
    assert sorted(p.name for p in into.iterdir()) == ["a01.txt", "manifest.json", "notes.md"]
    assert json.loads((into / "manifest.json").read_text("utf-8")) == {"documents": [{"file": "a01.txt"}]}
