"""The LLM path gets the same place and period filtering as the offline answer: the model never reads
another place's report, nor rows that only speak for another year than the one asked."""

from __future__ import annotations

import testenv

from rag.ask.answer import answer, model_rows
from rag.ask.evidence import other_time_only
from rag.ask.pipeline import run
from rag.ask.question import analyze
from rag.ask.retrieve import Filters, retrieve


def test_model_rows_keep_the_place_and_drop_rows_of_another_year(built_index):
    f = Filters(district="钱塘区")
    for q in ("钱塘区2023年GDP增长多少", "钱塘区2021年GDP增长多少"):
        rows = model_rows(run(q, f, None, built_index, 12))
        everything = [h.row for h in retrieve(built_index, q, f, k=12)]
        assert all(r.district == "钱塘区" for r in rows)
        asked = analyze(q, ["钱塘区"], [])
        assert all(not other_time_only(asked, r) for r in rows)
        assert {r.id for r in rows} <= {r.id for r in everything}
    assert len(model_rows(run("钱塘区2021年GDP增长多少", f, None, built_index, 12))) < len(everything)


def test_an_unlisted_place_is_refused_before_any_model_is_asked(built_index):
    # a closed port: had the model been asked, the answer would carry "模型服务不可用"
    s = testenv.settings({"OPENAI_BASE_URL": "http://127.0.0.1:9/v1", "OPENAI_MODEL": "m", "RAG_LLM_RETRIES": "0"},
                         data_dir=built_index.settings.data_dir)
    a = answer("西湖区2023年GDP增长多少", index=built_index, settings=s, backend="openai")
    assert a.abstained and "西湖区" in a.text and not a.citations
    assert not any("模型" in w for w in a.warnings)
