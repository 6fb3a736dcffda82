"""rag.index.keyword without an index build: jieba tokens (numbers kept whole, 序号 anchors, taught
unit names), BM25 scores that rank the row holding the query's words first, and the saved index
loading back with the same ids and scores (or refusing another version)."""

from __future__ import annotations

import json

import numpy as np
import pytest

from rag.index.keyword import VERSION, KeywordIndex, add_words, tokenize, words

IDS = ["school", "invest", "housing"]
TEXTS = [
    "序号1｜新建改扩建中小学校5所，新增学位3000个。",
    "序号2｜完成固定资产投资4.2亿元，同比增长8.89%。",
    "序号7｜完成老旧小区综合整治20个。",
]


def test_tokenize_keeps_decimals_and_anchors_whole_and_drops_punctuation():
    toks = tokenize("序号12｜完成投资4.2亿元，增长8.89%！ABC")
    assert {"4.2", "8.89", "12", "序号12", "投资", "亿元", "abc"} <= set(toks)  # lower-cased
    assert not {"，", "！", "｜", "%", ".", ""} & set(toks)


def test_tokenize_without_digits_adds_no_number_tokens():
    assert tokenize("推进老旧小区整治") == ["推进", "老旧", "小区", "整治"]


def test_taught_unit_names_become_single_tokens():
    name = "区虚构测试服务局"  # made up, so teaching it changes no other test's tokens
    assert name not in words(f"{name}牵头推进")
    add_words([name, ""])  # empty names are ignored
    assert words(f"{name}牵头推进")[0] == name
    assert name in tokenize(f"{name}牵头推进")


def test_bm25_ranks_the_row_holding_the_query_terms_first():
    idx = KeywordIndex.build(IDS, TEXTS)
    for query, best in [("投资4.2亿元", "invest"), ("序号7", "housing"), ("学校 学位", "school"), ("8.89", "invest")]:
        scores = idx.scores(query)
        assert scores.shape == (3,) and scores.dtype == np.float32
        assert IDS[int(np.argmax(scores))] == best, query
        assert sorted(scores)[-2] < scores.max(), query  # a clear winner, not a tie


def test_queries_with_no_known_terms_score_zero():
    idx = KeywordIndex.build(IDS, TEXTS)
    assert idx.scores("火星基地").tolist() == [0.0, 0.0, 0.0]
    assert idx.scores("，。！").tolist() == [0.0, 0.0, 0.0]  # no tokens at all


def test_an_empty_index_scores_nothing():
    assert KeywordIndex.build([], []).scores("学校").shape == (0,)


def test_save_and_load_give_the_same_ids_and_scores(tmp_path):
    idx = KeywordIndex.build(IDS, TEXTS)
    idx.save(tmp_path / "kw")
    back = KeywordIndex.load(tmp_path / "kw")
    assert back.ids == IDS and back.pos == {"school": 0, "invest": 1, "housing": 2}
    for q in ("投资4.2亿元", "序号7", "学校"):
        assert np.allclose(back.scores(q), idx.scores(q))


def test_an_empty_index_saves_and_loads(tmp_path):
    KeywordIndex.build([], []).save(tmp_path / "kw")
    back = KeywordIndex.load(tmp_path / "kw")
    assert back.ids == [] and back.scores("学校").shape == (0,)


def test_another_version_on_disk_is_refused_naming_both(tmp_path):
    KeywordIndex.build(IDS, TEXTS).save(tmp_path / "kw")
    meta = tmp_path / "kw" / "ids.json"
    meta.write_text(json.dumps({"version": VERSION + 1, "ids": IDS}), encoding="utf-8")
    with pytest.raises(ValueError, match=rf"keyword index version {VERSION + 1} != {VERSION}"):
        KeywordIndex.load(tmp_path / "kw")
