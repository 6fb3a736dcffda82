"""AppTest of the 通报 action on the 摘要 page, over a real index of the bundled corpus in a temporary data
dir: the switch, the district taken from the sidebar's 区 filter (no second district select), the counts, the
preview, both downloads, and the 序时进度 period input of this page alone."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import testenv

from ui.chinese import assert_chinese

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


def _markdown(at) -> str:
    return "\n".join(m.value for m in at.markdown)


def test_bulletin_action_previews_and_downloads(app_env) -> None:
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    at.radio(key="nav").set_value("摘要").run()
    at.radio(key="s_kind").set_value("通报").run()
    assert not at.exception and not at.error
    # the district is the sidebar's 区 filter; with 全部 the page offers the districts that have a table
    assert not [w for w in at.selectbox if w.key and w.key.startswith("b_")]  # no second 区 select
    assert sorted(b.label for b in at.button if b.key and b.key.startswith("b_pick_")) == ["临安区", "余杭区", "钱塘区"]
    assert "b_go" not in {b.key for b in at.button}
    at.button(key="b_pick_钱塘区").click().run()
    assert at.selectbox(key="f_district").value == "钱塘区"
    assert any("当前筛选（侧栏）：钱塘区" in c.value for c in at.caption)
    assert at.text_input(key="b_period").label.endswith("（可选，仅本页）")
    at.button(key="b_go").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    text = _markdown(at)
    assert "二、未达到序时进度的任务" in text and "以前三季度计，序时进度为75.0%" in text
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["任务总数"] == "136"
    labels = [b.proto.label for b in at.get("download_button")]
    assert "下载通报 Markdown" in labels and "下载通报 DOCX" in labels
    assert_chinese(at)
    at.text_input(key="b_period").set_value("1-8月").run()
    at.button(key="b_go").click().run()
    assert "以1-8月计，序时进度为66.7%" in _markdown(at)
    # another district in the sidebar: the 钱塘 draft is not shown as if it were 余杭's
    at.selectbox(key="f_district").set_value("余杭区").run()
    assert not at.metric and "关于钱塘区" not in _markdown(at)
    at.text_input(key="b_period").set_value("").run()
    at.button(key="b_go").click().run()
    text = _markdown(at)
    assert "关于余杭区" in text and "期间取自文档清单期间“2023年全年”" in text  # the manifest period, in Chinese
    at.selectbox(key="f_unit").set_value(at.selectbox(key="f_unit").options[1]).run()
    assert any("牵头单位、文档筛选不用于通报" in c.value for c in at.caption)
    assert_chinese(at)
