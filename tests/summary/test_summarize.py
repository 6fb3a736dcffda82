"""Cited summaries on the real index: sections, citations, number verification, Markdown and Word."""

from __future__ import annotations

import re

import pytest

from rag.errors import ConfigError
from rag.status.rules import assess
from rag.summary.build import SECTIONS, Sentence, Summary, summarize, to_docx, to_markdown
from rag.summary.export import md_escape

UNIT = "区商务局"


@pytest.fixture(scope="module")
def commerce(built_index) -> Summary:
    return summarize(built_index, built_index.settings, district="余杭区", unit="商务局")


def _all(summary: Summary) -> list[Sentence]:
    return [s for _, sents in summary.sections for s in sents]


def _numbers_supported(s: Sentence) -> list[str]:
    """Quoted numbers missing from the cited rows; computed ones ("89%（8.89÷10，系计算）") must recompute
    from them (rag.ask.verify)."""
    from rag.ask.verify import unsupported_numbers

    return unsupported_numbers(s.text, s.rows)


def test_computed_shares_survive_verification(built_index) -> None:
    """The status engine's shares and gaps are marked 系计算 with their inputs; the summary keeps them."""
    summary = summarize(built_index, built_index.settings, district="钱塘区")
    marked = [s for s in summary.section("滞后事项") if "系计算" in s.text]
    assert marked, "behind rows with computed shares keep them"
    for s in marked:
        m = re.search(r"(\d+(?:\.\d+)?)%（([\d.]+)÷([\d.]+)，系计算）", s.text)
        if m:
            assert round(float(m[2]) / float(m[3]) * 100, 1) == float(m[1])
    assert not any("系计算" in w for w in summary.warnings), summary.warnings
    assert not summary.warnings, summary.warnings  # nor list markers ("5. 全力保障…") taken for figures


def test_sections_and_citations(commerce: Summary) -> None:
    assert [name for name, _ in commerce.sections] == list(SECTIONS)
    for name, sents in commerce.sections:
        assert sents, f"section {name} is empty"
    for s in _all(commerce):
        assert s.rows, s.text
        assert all(UNIT in r.units and r.district == "余杭区" for r in s.rows), s.text
    assert commerce.citations and len({r.id for r in commerce.citations}) == len(commerce.citations)


def test_every_number_is_in_its_cited_rows(built_index, commerce: Summary) -> None:
    others = [summarize(built_index, built_index.settings, district=d) for d in ("钱塘区", "临安区")]
    others.append(summarize(built_index, built_index.settings, district="钱塘区", topic="数字经济"))
    for summary in (commerce, *others):
        for s in _all(summary):
            if s.computed:  # 概况 counts: recounted instead
                continue
            assert not _numbers_supported(s), (s.text, _numbers_supported(s))
    overview = commerce.section("概况")
    assert overview[0].computed and f"共{len(overview[0].rows)}条" in overview[0].text


def test_every_behind_row_is_listed(built_index) -> None:
    summary = summarize(built_index, built_index.settings, district="钱塘区")
    behind = {r.id for r in built_index.rows
              if r.district == "钱塘区" and r.kind == "progress_row" and assess(r).lagging}  # 滞后 and 部分滞后
    assert behind
    listed = [r.id for s in summary.section("滞后事项") for r in s.rows]
    assert set(listed) == behind and len(listed) == len(behind)
    assert all("关注：" in s.text for s in summary.section("下一步关注"))


def test_markdown_has_markers_and_sources(commerce: Summary) -> None:
    md = to_markdown(commerce)
    for name in SECTIONS:
        assert f"## {name}" in md
    appendix = md.split("## 来源", 1)[1]
    assert "<details>" in appendix.split("|", 1)[0]  # the source table is folded by default
    for n, r in enumerate(commerce.citations, 1):
        line = next(x for x in appendix.splitlines() if x.startswith(f"| \\[{n}\\] "))
        # document text is Markdown-escaped (it is data, never links, images or HTML)
        assert f"序号{r.row}" in line and md_escape(r.doc) in line and md_escape(" ".join(r.progress.split())) in line
        assert "余杭2023全年" in line  # the document's short Chinese name
    body = md.split("## 来源", 1)[0]
    assert len(re.findall(r"^- .*\[\d+\]$", body, re.M)) == len(_all(commerce))


def test_docx_round_trip(commerce: Summary, tmp_path) -> None:
    from docx import Document

    path = to_docx(commerce, tmp_path / "out" / "summary.docx")
    doc = Document(str(path))
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    assert headings[0] == commerce.title
    assert [h for h in headings if h in (*SECTIONS, "来源")] == [*SECTIONS, "来源"]
    rows = [[c.text for c in row.cells] for row in doc.tables[-1].rows]
    assert rows[0] == ["编号", "文档", "位置", "牵头单位", "任务", "进展/原文", "文件"]
    assert len(rows) - 1 == len(commerce.citations)
    for (num, name, anchor, unit, task, progress, file), r in zip(rows[1:], commerce.citations, strict=True):
        assert anchor == f"序号{r.row}" and num.startswith("[") and file == r.doc and name == "余杭2023全年"
        assert task == r.task and progress == " ".join(r.progress.split()) and unit == r.unit
    source = next(p for p in doc.paragraphs if p.text == "来源")
    assert source._p.xpath("./w:pPr/*[local-name()='collapsed']"), "the 来源 heading is collapsed by default"
    bullets = "\n".join(p.text for p in doc.paragraphs)
    assert all(s.text in bullets for s in _all(commerce))


def test_unknown_unit_or_district(built_index) -> None:
    with pytest.raises(ConfigError, match="不存在局") as e:
        summarize(built_index, built_index.settings, district="余杭区", unit="不存在局")
    assert "区" in str(e.value).split("—", 1)[1]
    with pytest.raises(ConfigError, match="西湖区"):
        summarize(built_index, built_index.settings, district="西湖区")


def test_topic_without_matches_is_an_answer(built_index) -> None:
    s = summarize(built_index, built_index.settings, district="余杭区", topic="量子纠缠火星基地")
    assert not s.citations and s.warnings
    assert "## 来源" in to_markdown(s)


def test_llm_failure_falls_back(built_index, monkeypatch) -> None:
    import rag.ask.llm as llm

    def boom(*_a: object, **_k: object) -> str:
        raise RuntimeError("endpoint down")

    monkeypatch.setattr(llm, "summarize_map", boom, raising=False)
    s = summarize(built_index, built_index.settings, district="余杭区", unit=UNIT, backend="openai")
    assert s.section("主要进展") and any("抽取式" in w for w in s.warnings)


def test_llm_sentences_are_verified(built_index, monkeypatch) -> None:
    import rag.ask.llm as llm

    def fake_map(rows, _settings, _focus="", *, start=1, model=None) -> str:  # noqa: ANN001
        assert rows[0].row == 14 and start == 1
        return "全年累计集中签约重大产业项目326个[1]。\n全年新增外资企业999家[1]。\n没有来源的句子说了很多事情。"

    monkeypatch.setattr(llm, "summarize_map", fake_map)
    monkeypatch.setattr(llm, "summarize_reduce", lambda parts, *_a, **_k: parts[0])
    s = summarize(built_index, built_index.settings, district="余杭区", unit=UNIT, backend="openai")
    main = s.section("主要进展")
    assert [x.text for x in main] == ["全年累计集中签约重大产业项目326个。"] and main[0].rows[0].row == 14
    assert any("999" in w for w in s.warnings) and any("无来源" in w for w in s.warnings)


def test_citations_in_first_cited_order(commerce: Summary) -> None:
    later = Summary("t", "s", (("a", (Sentence("x", commerce.citations[2:0:-1]),)),
                               ("b", (Sentence("y", commerce.citations[:3]),))))
    assert later.citations == (commerce.citations[2], commerce.citations[1], commerce.citations[0])


def test_notices_tell_readers_what_was_removed_and_keep_details_apart() -> None:
    from rag.summary.build import notices

    details = ("004 序号3：数字 5%；6% 不在引用原文中，已删去所在表述（…）", "004 序号9：数字 7个 不在引用原文中，已删去所在表述（…）",
               "已删去无来源的模型表述：没有来源的句子", "模型摘要不可用，已改用抽取式摘要（RuntimeError: down）",
               "范围内没有匹配的条目（地区：余杭区；单位：全部；主题：无）")
    assert notices(details) == ("3 处数字无法在原文中核实，已删去", "1 处模型表述没有标注来源，已删去",
                                "模型摘要不可用，已改用抽取式摘要", details[-1])
    s = Summary("t", "s", (), details)
    md = to_markdown(s)
    assert "- 3 处数字无法在原文中核实，已删去" in md.split("## 来源")[0]
    assert "## 核验明细" in md and md.index("## 核验明细") > md.index("## 来源")
