"""AppTest of the 通报 action on the 摘要 tab, over a real index of the bundled corpus in a temporary data
dir: the switch, the district select, the counts, the preview and both downloads."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import testenv

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.integration  # AppTest over the real index


@pytest.fixture(scope="module")
def app_env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    from rag.index.build import ingest

    tmp = tmp_path_factory.mktemp("bulletin_page")
    corpus, data = tmp / "corpus", tmp / "data"
    shutil.copytree(ROOT / "corpus", corpus)
    data.mkdir()
    if (ROOT / ".rag" / "embeddings.sqlite").exists():
        shutil.copy(ROOT / ".rag" / "embeddings.sqlite", data / "embeddings.sqlite")
    ingest(testenv.settings(corpus_dir=corpus, data_dir=data))
    env = {"RAG_CORPUS_DIR": str(corpus), "RAG_DATA_DIR": str(data), "RAG_EMBEDDER": testenv.EMBEDDER}
    old = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    yield
    for k, v in old.items():
        if v is None:
            os.environ.pop(k, None)
        else:
            os.environ[k] = v


def test_bulletin_action_previews_and_downloads(app_env) -> None:
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    assert not at.exception and not at.error
    at.radio(key="s_kind").set_value("通报").run()
    assert at.selectbox(key="b_district").options == ["临安区", "余杭区", "钱塘区"]
    at.selectbox(key="b_district").set_value("钱塘区").run()
    at.button(key="b_go").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    text = "\n".join(m.value for m in at.markdown)
    assert "二、未达到序时进度的任务" in text and "以前三季度计，序时进度为75.0%" in text
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["任务总数"] == "136"
    labels = [b.proto.label for b in at.get("download_button")]
    assert "下载通报 Markdown" in labels and "下载通报 DOCX" in labels
    at.text_input(key="b_period").set_value("1-8月").run()
    at.button(key="b_go").click().run()
    assert "以1-8月计，序时进度为66.7%" in "\n".join(m.value for m in at.markdown)
