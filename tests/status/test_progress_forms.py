"""Progress documents beyond the bundled tables (issue P): flattened tables whose progress cell is a bare share,
督查通报 prose listing the projects 未达到序时进度, run-on lists of items, and documents whose only period is in
their own text. Every row here is invented; the realworld folder is read only when present."""

from __future__ import annotations

from pathlib import Path

import pytest

from rag.domain import Row
from rag.evals.facts import StatusLabel
from rag.evals.labels import match_labels, status_metrics
from rag.status.prose import prose_item
from rag.status.rules import assess, row_elapsed

REALWORLD = Path(__file__).resolve().parents[3] / "shared" / "realworld" / "corpus"


def row(task: str, progress: str, period: str = "", fraction: float | None = None, doc: str = "f.txt") -> Row:
    return Row(doc=doc, row=3, district="示例县", title="示例", period=period, kind="progress_row",
               text=f"{task}｜{progress}", task=task, progress=progress, progress_normalized=progress,
               period_fraction=fraction)


def test_a_document_without_a_manifest_period_is_judged_against_the_period_its_text_names() -> None:
    r = row("培训应急救护人员300人。", "已培训150人。", fraction=4 / 12)
    assert row_elapsed(r) == pytest.approx(4 / 12)
    assert assess(r).status == "on_track"  # 50% done by April, not "全年目标未完成"
    assert row_elapsed(row("a", "b", period="2023 H1", fraction=4 / 12)) == 0.5  # the manifest's period wins


def test_a_bare_share_cell_is_the_share_of_the_work_done() -> None:
    assert assess(row("建设乡村道路40公里。", "95%", fraction=10 / 12)).status == "on_track"
    s = assess(row("推进职教中心扩容。", "20%（严重滞后）", fraction=10 / 12))
    assert s.status == "behind" and "20%" in s.reason


def test_a_delay_pinned_on_some_of_several_items_is_partial() -> None:
    s = assess(row("建成东村、西村、南村等3家养老中心。", "60%（东村、西村偏慢）", fraction=10 / 12))
    assert s.status == "partial" and "东村、西村偏慢" in s.reason
    s = assess(row("新建公办园4所。", "90%（城南幼儿园进度滞后）", fraction=10 / 12))
    assert s.status == "partial"


def test_a_fall_the_target_wants_is_not_a_delay() -> None:
    s = assess(row("单位产值综合能耗", "预计下降3.1%，达到省级考核目标要求。", fraction=1.0))
    assert not s.lagging


def test_a_project_named_in_a_bulletin_sentence_takes_what_the_sentence_says_of_it() -> None:
    text = ("部分项目进展缓慢。东湖安置小区一期、县人民医院新院区、职教园迁建等均未达序时。"
            "甲项目、乙园区等已提前完成。丙基地、丁工程等项目有序推进。")
    host = Row(doc="g.txt", row=None, district="示例县", title="三季度完成情况通报", period="", kind="paragraph",
               text=text, paragraph=2)
    got = {q: assess(prose_item(host, q, "前三季度")).status  # type: ignore[arg-type]
           for q in ("县人民医院新院区", "甲项目", "丁工程")}
    assert got == {"县人民医院新院区": "behind", "甲项目": "done", "丁工程": "on_track"}
    item = prose_item(host, "东湖安置小区一期", "前三季度")
    assert item is not None and item.task == "东湖安置小区一期" and "未达序时" in item.progress
    assert prose_item(host, "不在文中的项目", "前三季度") is None


def test_an_item_of_a_run_on_list_splits_at_its_progress_verb() -> None:
    host = Row(doc="h.txt", row=None, district="示例县", title="9月份民生工程进展情况", period="", kind="paragraph",
               text="剩余项目中，4个养老驿站建设已完成1个(25%)、20个幸福院建设已完成18个(90%)。", paragraph=1)
    item = prose_item(host, "4个养老驿站建设已完成1个(25%)", "", 9 / 12)
    assert item is not None and item.task == "4个养老驿站建设" and item.progress == "已完成1个(25%)"
    assert assess(item).status == "behind"
    assert assess(prose_item(host, "20个幸福院建设已完成18个(90%)", "", 9 / 12)).status == "on_track"  # type: ignore[arg-type]


def test_false_lagging_rate_counts_met_rows_called_lagging() -> None:
    triples = [("a", "甲", "done", "partial"), ("a", "甲", "on_track", "on_track"), ("a", "甲", "behind", "partial"),
               ("a", "甲", "partial", "partial")]
    m = status_metrics(triples)
    assert m["n"] == 4 and m["agreement"] == 0.5 and m["false_lagging"] == 1 and m["false_lagging_rate"] == 0.25
    assert m["confusion"]["done"] == {"partial": 1} and m["by_doc"]["a"]["lagging_recall"] == 1.0
    legacy = status_metrics([("a", "甲", "behind", "partial")])  # a label file written before 部分滞后
    assert legacy["agreement"] == 1.0 and legacy["partial_read_as_behind"]


def test_labels_name_rows_by_number_or_by_quote() -> None:
    table = row("新建学校4所", "已建成学校4所。")
    host = Row(doc="g.txt", row=None, district="示例县", title="通报", period="全年", kind="paragraph",
               text="甲项目、乙项目等均未达序时。", paragraph=1)
    labels = [StatusLabel(doc="f.txt", row=3, status="done"), StatusLabel(doc="g.txt", status="behind", quote="乙项目"),
              StatusLabel(doc="g.txt", status="behind", quote="丙项目")]
    matched, missing = match_labels([table, host], labels)
    assert [r.task for _, r in matched] == ["新建学校4所", "乙项目"] and missing == ["g.txt#丙项目"]


@pytest.mark.skipif(not REALWORLD.is_dir(), reason="../shared/realworld not present")
def test_realworld_progress_rows_get_a_status_and_reasons_that_check_out() -> None:
    from rag.ingest.corpus import read_corpus
    from rag.ingest.parse import finalize, parse_document
    from rag.status.check import unsupported_figures

    docs, _ = read_corpus(REALWORLD, 10**8)
    rows = [r for res in finalize([parse_document(d) for d in docs]) for r in res.rows if r.kind == "progress_row"]
    assert rows
    for r in rows:
        s = assess(r)
        assert s.reason and (not s.lagging or unsupported_figures(s) == []), (r.doc, r.row, s.reason)
