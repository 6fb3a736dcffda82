"""Count questions about status use the bulletin's engine: the count equals the status labels, the share
is recomputed, and every behind row is cited."""

from __future__ import annotations

from rag.ask.answer import answer
from rag.status.rules import index_statuses


def test_behind_count_and_share_match_the_labels(built_index):
    a = answer("钱塘有多少项目标滞后序时进度？占比多少？", index=built_index, settings=built_index.settings)
    rows = [r for r in built_index.rows if r.kind == "progress_row" and r.district == "钱塘区"]
    sts = index_statuses(built_index)
    behind = [r for r in rows if sts[r.id].status == "behind"]
    assert a.route == "status" and not a.abstained
    assert f"共{len(rows)}项" in a.text and f"{len(behind)}项" in a.text
    assert f"{100 * len(behind) / len(rows):.1f}%" in a.text and "系计算" in a.text
    assert {(c.doc, c.row) for c in a.citations} == {(r.doc, r.row) for r in behind}


def test_a_plain_status_list_is_not_taken_for_a_count(built_index):
    a = answer("临安哪些目标滞后？", index=built_index, settings=built_index.settings)
    assert "未达到序时进度的" not in a.text and a.text.startswith("临安区滞后的目标共")


def test_a_count_question_about_a_place_without_a_progress_table_is_not_a_crash(built_index):
    a = answer("钱塘区有多少项目标滞后序时进度", index=built_index, settings=built_index.settings,
               filters=None)
    assert a.route == "status"
    b = answer("上城区有多少项目标滞后序时进度", index=built_index, settings=built_index.settings)
    assert b.abstained and "上城区" in b.text
