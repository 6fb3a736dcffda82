"""The 督查通报 on the real index of the bundled corpus: counts equal the status labels, every item cites a
row that exists, gaps recomputed here from the rows' own numbers, Word tables read back, the CLI."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
import testenv
from click.testing import CliRunner
from docx import Document as Docx
from langchain_core.language_models.fake_chat_models import FakeListChatModel

from rag.cli import main
from rag.status.quantities import to_halfwidth
from rag.status.rules import assess, elapsed_fraction, index_statuses
from rag.status.schedule import behind_schedule_summary
from rag.summary.bulletin import CLASSES, Bulletin, build_bulletin, item_line
from rag.summary.bulletin_export import ANNEX_HEADER, OVERVIEW_HEADER, to_docx, to_markdown
from rag.summary.export import md_escape

DISTRICTS = ("钱塘区", "临安区", "余杭区")
RULES = {"钱塘区": "以前三季度计，序时进度为75.0%", "临安区": "以上半年计，序时进度为50.0%",
         "余杭区": "以全年计，序时进度为100.0%"}


@pytest.fixture(scope="module")
def bulletins(built_index) -> dict[str, Bulletin]:
    return {d: build_bulletin(built_index, built_index.settings, district=d) for d in DISTRICTS}


def _table_rows(index, district: str) -> list:
    return [r for r in index.rows if r.district == district and r.kind == "progress_row"]


def test_counts_equal_the_status_labels(built_index, bulletins) -> None:
    labels = index_statuses(built_index)
    for d, b in bulletins.items():
        rows = _table_rows(built_index, d)
        assert b.tables[0].schedule.fraction == elapsed_fraction(rows[0].period)  # the labels' own schedule
        assert b.total == len(rows) == sum(b.counts.values())
        assert b.counts == {k: Counter(labels[r.id].status for r in rows)[k] for k in b.counts}
        assert [i.row.id for i in b.items] == [r.id for r in rows]
        for status in b.counts:
            assert {i.row.id for i in b.listed(status)} == {r.id for r in rows if labels[r.id].status == status}
        table = b.overview_table()
        assert table[-1][1] == sum(n for _, n, _ in table[:-1]) == b.total
        assert all(share == f"{100 * n / b.total:.1f}%" for _, n, share in table[:-1])
        on = b.counts["done"] + b.counts["on_track"]
        assert f"达到序时进度的{on}项，占{100 * on / b.total:.1f}%" in b.overview()[1]
        assert RULES[d] in b.overview()[0] and RULES[d] in to_markdown(b)
        chat = behind_schedule_summary(built_index, d.removesuffix("区"))
        assert (chat.count, chat.total, chat.share) == (b.counts["behind"], b.total, b.share("behind"))
        assert {s.row.id for s in chat.statuses} == {i.row.id for i in b.listed("behind")}
        assert f"未达到序时进度的{chat.count}项，占{chat.share:.1f}%" in chat.sentence


def test_every_item_cites_a_row_that_exists(built_index, corpus_rows, bulletins) -> None:
    by_cite = {(r.doc, r.row): r for r in corpus_rows if r.kind == "progress_row"}
    for b in bulletins.values():
        md = to_markdown(b)
        for item in b.items:
            name, anchor = item.citation.split(" · ")
            row = by_cite[(item.row.doc, int(anchor.removeprefix("序号")))]
            assert ".txt" not in name and name.startswith(b.district[:2])
            assert row.id == item.row.id and row.district == b.district
            assert md_escape(item.citation) in md
            if item.status.status != "unknown" and item.words:  # the table's own words, quoted
                assert item.words.rstrip("…") in " ".join(row.progress.split())
        behind = b.by_unit("behind")
        assert sum(len(v) for _, v in behind) == b.counts["behind"]
        assert all(i.unit == u and (i.unit in i.row.units or i.unit == i.row.unit) for u, v in behind for i in v)


_MULT = {"万": 1e4, "亿": 1e8}
_NUM = re.compile(r"(-?\d+(?:\.\d+)?)\s*([万亿]?)")


def _value(written: str) -> float:
    m = _NUM.search(written)
    assert m, written
    return float(m.group(1)) * _MULT.get(m.group(2), 1.0) * (-1 if written.startswith("下降") else 1)


def _elapsed(label: str) -> float:
    named = {"一季度": 0.25, "上半年": 0.5, "前三季度": 0.75, "全年": 1.0}
    m = re.fullmatch(r"1-(\d+)月", label)
    return int(m.group(1)) / 12 if m else named[label]


def test_gaps_recomputed_from_the_rows_numbers(bulletins) -> None:
    checked = 0
    for b in bulletins.values():
        table_label = re.search(r"以(.+?)计，序时进度", b.rule).group(1)  # type: ignore[union-attr]
        for item in b.listed("behind"):
            line = item_line(item, b.tables[0].schedule.fraction)
            row, g = item.row, item.gap
            assert g is not None
            if g.kind == "slow":
                assert "进展缓慢" in line and "表中称" in line
                continue
            assert to_halfwidth(item.progress.removeprefix("增长").removeprefix("下降")) in to_halfwidth(row.progress)
            own = re.search(r"（该项为(.+?)数据", line)
            elapsed = _elapsed(own.group(1) if own else table_label)
            if g.kind == "schedule" and item.target == "年度任务":  # "完成全年指标57%"
                points = elapsed * 100 - _value(item.progress)
            elif g.kind == "schedule":
                assert to_halfwidth(item.target) in to_halfwidth(row.task)
                points = elapsed * 100 - 100 * _value(item.progress) / _value(item.target)
            else:  # a growth or ratio below its target rate
                assert to_halfwidth(item.target) in to_halfwidth(row.task) and g.kind == "rate"
                points = _value(item.target) - _value(item.progress)
            assert abs(points - (g.points or 0)) < 0.051, (item.citation, points, g)
            word = "滞后序时进度" if g.kind == "schedule" else "低于目标"
            assert f"{word}{round(points, 1):.1f}个百分点" in line, line
            checked += 1
    assert checked >= 18  # 19 behind rows with two figures since issue P tuning (余杭 3 and 临安 118 left 滞后 as
    # their labels say; 余杭 28 is 部分滞后 as labelled; rows partly short are 部分滞后, checked below)


_SUM = re.compile(r"(\d+(?:\.\d+)?[万亿]?)[^\d（]{0,4}（((?:[^，（）+]+\+)+[^，（）+]+)，系计算）")


def test_partial_items_are_listed_with_their_parts_and_arithmetic_recomputed(bulletins) -> None:
    """部分滞后 rows sit in 二、 with the lagging ones, each naming its parts; every sum and share the reason
    computed (系计算) is recomputed here from its inputs."""
    checked = 0
    for b in bulletins.values():
        partial = b.listed("partial")
        assert f"部分滞后）的{b.counts['partial']}项" in b.overview()[1]
        section = {i.row.id for _, items in b.by_unit() for i in items}
        for item in partial:
            assert item.row.id in section
            line = item_line(item, b.tables[0].schedule.fraction)
            assert line.startswith(f"{item.task}。部分滞后：") and item.citation in line
            parts, reason = item.status.parts, item.status.reason
            assert not parts or any(p.status == "behind" for p in parts)
            # some part met, or another thing the task sets reported finished, or the delay pinned on some items
            assert any(p.status != "behind" for p in parts) or "另有事项进展称" in reason or "其中“" in reason
            reason = to_halfwidth(item.status.reason)
            for total, terms in _SUM.findall(reason):  # "4.1万方（2.6万方+1.5万方，系计算）"
                assert abs(sum(_value(t) for t in terms.split("+")) - _value(total)) < 1e-6, (terms, total)
                checked += 1
            for pct, a, b_ in re.findall(r"(\d+(?:\.\d+)?)%（(\d+(?:\.\d+)?[万亿]?)[^÷]*÷(\d+(?:\.\d+)?[万亿]?)[^，]*，系计算）", reason):
                assert abs(float(pct) - 100 * _value(a) / _value(b_)) <= (0.05 if "." in pct else 0.5), (pct, a, b_)  # 252.6%; 时间进度67%
                checked += 1
    assert checked >= 3


def test_docx_has_headings_and_real_tables(bulletins, built_index, tmp_path: Path) -> None:
    b = bulletins["钱塘区"]
    doc = Docx(str(to_docx(b, tmp_path / "q.docx")))
    heads = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert [h for h in heads if h in b.sections] == list(b.sections)
    assert doc.paragraphs[0].style.name == "Title" and doc.paragraphs[0].text == b.title
    overview, annex = doc.tables
    assert [c.text for c in overview.rows[0].cells] == list(OVERVIEW_HEADER)
    assert len(overview.rows) == len(CLASSES) + 2 and overview.rows[-1].cells[1].text == str(b.total)
    assert [c.text for c in annex.rows[0].cells] == list(ANNEX_HEADER) and len(annex.rows) == b.total + 1
    assert doc.core_properties.author != "python-docx" and doc.core_properties.title == b.title
    for tr, item in zip(annex.rows[1:], b.items, strict=True):
        cells = [c.text for c in tr.cells]
        assert cells[-1] == item.citation and cells[-1].endswith(f" · 序号{cells[0]}") and ".txt" not in cells[-1]
        assert cells[3] == b.class_names[item.status.status]
    md = to_markdown(b)
    assert "| " + " | ".join(ANNEX_HEADER) + " |" in md
    assert len([ln for ln in md.splitlines() if ln.startswith("| ") and "序号" in ln]) == b.total + 1


@pytest.mark.e2e  # the CLI over a built index: make test only
def test_period_and_as_of_override_the_schedule(built_index) -> None:
    s = built_index.settings
    b = build_bulletin(built_index, s, district="钱塘区", period="1-8月")
    assert b.rule == "以1-8月计，序时进度为66.7%"
    rows = _table_rows(built_index, "钱塘区")
    assert b.counts == {k: Counter(assess(r, 8 / 12).status for r in rows)[k] for k in b.counts}
    day = build_bulletin(built_index, s, district="钱塘区", as_of=date(2023, 8, 31))
    assert day.rule == "以截至2023年8月31日计，序时进度为66.7%" and day.counts == b.counts
    late = build_bulletin(built_index, s, district="临安区", as_of=date(2024, 1, 15))
    assert late.tables[0].schedule.fraction == 1.0 and late.full_year and "三、已完成的任务" in late.sections


def test_model_evaluation_is_kept_only_with_the_bulletins_numbers(built_index, bulletins) -> None:
    b, s = bulletins["临安区"], built_index.settings
    on = b.counts["done"] + b.counts["on_track"]
    good = f"总体评价：{b.total}项任务中{on}项达到序时进度，占{b.share('done', 'on_track'):.1f}%，总体平稳。"
    kept = build_bulletin(built_index, s, district="临安区", backend="openai",
                          model=FakeListChatModel(responses=[good]))
    assert kept.evaluation == good and kept.evaluation_by_model and not kept.warnings
    invented = build_bulletin(built_index, s, district="临安区", backend="openai",
                              model=FakeListChatModel(responses=["总体评价：完成率高达93.5%，进展良好。"]))
    assert not invented.evaluation_by_model and invented.evaluation == b.evaluation  # fake: scripted reply
    assert "93.5%" in invented.warnings[0]


@pytest.mark.e2e  # the CLI over a built index: make test only
def test_cli_writes_markdown_and_docx(built_index, tmp_path: Path) -> None:
    base = ["--corpus", str(built_index.settings.corpus_dir), "--data-dir", str(built_index.settings.data_dir)]
    runner, env = CliRunner(), {"RAG_EMBEDDER": testenv.EMBEDDER}
    docx_out, md_out = tmp_path / "x.docx", tmp_path / "x.md"
    res = runner.invoke(main, [*base, "bulletin", "--district", "钱塘区", "--format", "docx", "-o", str(docx_out)],
                        env=env)
    assert res.exit_code == 0, res.output
    assert len(Docx(str(docx_out)).tables) == 2
    res = runner.invoke(main, [*base, "bulletin", "--district", "余杭", "-o", str(md_out)], env=env)
    assert res.exit_code == 0, res.output
    assert md_out.read_text(encoding="utf-8").startswith("# 关于余杭区2023年")
    fresh = ["--corpus", str(built_index.settings.corpus_dir), "--data-dir", str(tmp_path / "none")]
    res = runner.invoke(main, [*fresh, "bulletin", "--district", "钱塘区", "--as-of", "2023-08-31"], env=env)
    assert res.exit_code == 0 and "no index" in res.output, res.output  # a fresh clone: the corpus is parsed directly
    assert "以截至2023年8月31日计，序时进度为66.7%" in res.output
    bad = runner.invoke(main, [*base, "bulletin", "--district", "西湖区"], env=env)
    assert bad.exit_code == 2 and "钱塘区" in bad.output
    bad = runner.invoke(main, [*base, "bulletin", "--district", "钱塘区", "--period", "明年"], env=env)
    assert bad.exit_code == 2 and "1-8月" in bad.output


def test_cli_status_lists_the_partial_rows(built_index) -> None:
    """`rag status --status partial --json`: the 部分滞后 rows, each with its parts; the same rows the bulletin
    counts as 部分滞后."""
    import json

    base = ["--corpus", str(built_index.settings.corpus_dir), "--data-dir", str(built_index.settings.data_dir)]
    res = CliRunner().invoke(main, [*base, "status", "--status", "partial", "--json"],
                             env={"RAG_EMBEDDER": testenv.EMBEDDER})
    assert res.exit_code == 0, res.output
    got = [json.loads(line) for line in res.output.splitlines() if line.startswith("{")]
    want = [st for st in index_statuses(built_index).values() if st.status == "partial"]
    assert got and len(got) == len(want)
    for d in got:
        assert d["status"] == "partial" and d["status_zh"] == "部分滞后"
        assert any(p["status"] == "behind" for p in d["parts"]) or "；" in d["reason"]
