"""rag.index.chunk with real tiktoken and plain Rows: a row within the budget is one chunk; a longer
one splits at sentence ends into pieces that each keep the row's header and stay within the budget,
losing and doubling nothing; chunk ids and metadata tie every piece to its row."""

from __future__ import annotations

from dataclasses import replace

from rag.domain import Row
from rag.index import tokens
from rag.index.chunk import chunk_row, metadata
from rag.settings import Settings

HEADER = "序号7｜目标任务：建设测试项目｜牵头单位：区测试局｜进展情况："


def _row(progress: str, n: int = 7, unit: str = "区测试局") -> Row:
    return Row(
        doc="x.txt",
        row=n,
        district="测试区",
        title="测试",
        period="2024年",
        kind="progress_row",
        text=f"序号{n}｜目标任务：建设测试项目｜牵头单位：{unit}｜进展情况：{progress}",
        task="建设测试项目",
        unit=unit,
        units=(unit,) if unit else (),
        progress=progress,
    )


def _para(text: str, section: str = "一、工作回顾", n: int = 3) -> Row:
    return Row(doc="r.txt", row=None, paragraph=n, district="测试区", title="政府工作报告", period="2024年",
               kind="paragraph", text=text, section=section)


LONG = "".join(f"第{i}项工作已完成年度任务的{i * 3}%，累计投资{i}亿元。" for i in range(1, 80))


def test_short_row_is_one_chunk():
    r = _row("已完成年度任务。")
    chunks = chunk_row(r, 512)
    assert [c.text for c in chunks] == [r.text]
    assert chunks[0].row_id == r.id and chunks[0].metadata["row"] == 7 and chunks[0].metadata["part"] == 0


def test_a_row_of_exactly_the_budget_is_not_split():
    r = _row("已完成年度任务。" * 20)
    assert len(chunk_row(r, tokens.count(r.text))) == 1
    assert len(chunk_row(r, tokens.count(r.text) - 1)) > 1


def test_long_row_is_split_and_every_chunk_keeps_the_row_header():
    r = _row(LONG)
    budget = 128
    assert tokens.count(r.text) > budget * 5
    chunks = chunk_row(r, budget)
    assert len(chunks) > 5
    for i, c in enumerate(chunks):
        assert c.text.startswith(HEADER)
        assert tokens.count(c.text) <= budget
        assert c.row_id == r.id and c.metadata["part"] == i and c.metadata["row_id"] == r.id
    assert "".join(c.text[len(HEADER) :] for c in chunks) == LONG  # nothing lost, nothing doubled
    assert len({c.id for c in chunks}) == len(chunks)
    assert [c.id for c in chunk_row(r, budget)] == [c.id for c in chunks]  # stable


def test_pieces_end_at_sentence_ends():
    chunks = chunk_row(_row(LONG), 128)
    assert all(c.text.endswith("。") for c in chunks)


def test_a_row_without_a_unit_gets_a_dash_in_its_header():
    chunks = chunk_row(_row(LONG, unit=""), 128)
    assert all(c.text.startswith("序号7｜目标任务：建设测试项目｜牵头单位：—｜进展情况：") for c in chunks)


def test_hard_cut_of_one_huge_sentence_keeps_the_text():
    progress = "钱塘区数字经济核心产业增加值稳步增长产业链协同发展取得新进展" * 40  # no sentence end
    chunks = chunk_row(_row(progress), 100)
    assert len(chunks) > 1
    body = "".join(c.text[len(HEADER) :] for c in chunks)
    assert "\ufffd" not in body  # cut between whole characters
    assert body == progress
    assert all(tokens.count(c.text) <= 100 for c in chunks)


def test_a_long_paragraph_keeps_its_section_in_every_piece():
    text = "".join(f"第{i}方面，全面推进重点改革任务落地见效。" for i in range(1, 60))
    p = _para(text)
    chunks = chunk_row(p, 96)
    assert len(chunks) > 2
    assert all(c.text.startswith("[一、工作回顾] ") and tokens.count(c.text) <= 96 for c in chunks)
    assert "".join(c.text[len("[一、工作回顾] ") :] for c in chunks) == text
    bare = chunk_row(_para(text, section=""), 96)
    assert "".join(c.text for c in bare) == text  # no section: no header at all


def test_metadata_ties_the_chunk_to_its_row():
    assert metadata(_row("已完成。")) == {
        "row_id": _row("已完成。").id, "doc": "x.txt", "row": 7, "paragraph": -1, "district": "测试区",
        "unit": "区测试局", "kind": "progress_row", "period": "2024年", "year": -1, "period_label": "", "stance": "",
    }
    dated = replace(_row("1-8月完成投资8亿元。"), year=2024, period_label="1-8月", stance="actual")
    assert {k: metadata(dated)[k] for k in ("year", "period_label", "stance")} == {
        "year": 2024, "period_label": "1-8月", "stance": "actual"}
    m = metadata(_para("全年地区生产总值增长5.5%。", n=4))
    assert m["row"] == -1 and m["paragraph"] == 4 and m["kind"] == "paragraph"


def test_chunk_ids_change_with_the_row_and_its_text():
    a, b, c = _row("已完成。"), _row("已完成。", n=8), _row("已完成大部分。")
    ids = {chunk_row(r, 512)[0].id for r in (a, b, c)}
    assert len(ids) == 3


def test_real_corpus_chunks_respect_the_budget(corpus_rows):
    budget = Settings.from_env({}).chunk_tokens
    for r in corpus_rows:
        for c in chunk_row(r, budget):
            assert tokens.count(c.text) <= budget + 8, (r.doc, r.row)
