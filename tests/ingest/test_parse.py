"""The parser against the real corpus: one test per repair the five reports need.

Every expectation here was checked by reading the raw file (corpus/*.txt); where the parser is
known to be wrong the test is marked xfail(strict=True) with the bug in its reason, so the suite
stays green and the bug stays visible (and a fix turns the xfail into a failure to clean up)."""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from testenv import corpus_docs

from rag.domain import Row
from rag.index.build import parse_corpus
from rag.ingest.corpus import read_corpus
from rag.ingest.parse import detect_layout, parse_document

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
D000 = "000_89436030b738289b.txt"  # tabs, 钱塘区 Q3
D001 = "001_058a47b1a797c1c9.txt"  # prose, 钱塘区 government work report
D002 = "002_4d610bf2dc630f9d.txt"  # prose, 钱塘区 plan report
D003 = "003_4b547df35adac2a7.txt"  # one field per line, 临安区 H1, table scraped twice
D004 = "004_d100e50c0866be80.txt"  # pipes, 余杭区 full year
TITLE_000 = "2023年钱塘区政府工作报告重点工作任务三季度进展情况表"
SPAM = "中国体育彩票_澳客彩票网-游戏平台"
ODD_SPACES = ("\u00a0", "\u2002", "\u2003", "\u3000", "\ufeff", "\u200b")
TEXT_FIELDS = ("text", "section", "heading", "task", "leader", "unit", "progress", "progress_normalized")
BIG = 10**8


def raw(name: str) -> str:
    return (CORPUS / name).read_text(encoding="utf-8")


def table(rows: list[Row], doc: str) -> dict[int, Row]:
    out: dict[int, Row] = {}
    for r in rows:
        if r.doc == doc:
            assert r.row is not None and r.row not in out, f"{doc}: 序号{r.row} twice"
            out[r.row] = r
    return out


def fields(r: Row) -> list[str]:
    return [getattr(r, f) for f in TEXT_FIELDS] + list(r.units)


def parse_folder(folder: Path) -> tuple[list[Row], dict[str, str]]:
    """Rows of a folder and the layout detected for each file."""
    docs, problems = read_corpus(folder, BIG)
    assert not problems, problems
    rows, _, parsed = parse_corpus(docs)
    return rows, {name: d.layout for name, d in parsed.items()}


# ------------------------------------------------------------------------------------ 000 (tabs)


def test_000_has_136_rows_numbered_1_to_136(corpus_rows):
    t = table(corpus_rows, D000)
    assert sorted(t) == list(range(1, 137))
    assert all(r.kind == "progress_row" and r.district == "钱塘区" for r in t.values())


def test_000_row4_unit_and_progress(corpus_rows):
    r = table(corpus_rows, D000)[4]
    assert r.unit == "区财政局"
    assert r.units == ("区财政局",)
    assert "1-9月，一般公共预算收入预计增幅15.5%" in r.progress
    assert r.task == "一般公共预算收入增长与经济增长基本同步"


def test_000_merged_cells_inherit_leader_and_unit(corpus_rows):
    t = table(corpus_rows, D000)
    # rows 2 and 3 have empty leader/unit cells in the file: they belong to row 1's merged cells
    for n in (2, 3):
        line = next(ln for ln in raw(D000).splitlines() if ln.startswith(f"{n}\t"))
        assert "陶峰" not in line and "区发展改革局" not in line
        r = t[n]
        assert r.leader == "陶峰"
        assert r.unit == "区发展改革局"
        assert any("inherited" in q for q in r.data_quality)
    assert t[1].leader == "陶峰" and t[1].unit == "区发展改革局"


def test_000_leader_name_in_progress_column_is_not_progress(corpus_rows):
    line = next(ln for ln in raw(D000).splitlines() if ln.startswith("105\t"))
    assert line.rstrip("\t").endswith("胡潜")  # the name sits where the progress should be
    r = table(corpus_rows, D000)[105]
    assert r.progress == ""
    assert "胡潜" not in r.progress and "胡潜" not in r.progress_normalized
    assert r.leader == "胡潜"
    assert any("胡潜" in q and "progress" in q for q in r.data_quality)


def test_000_repeated_title_and_header_are_not_rows(corpus_rows):
    text = raw(D000)
    assert text.count(TITLE_000) > 10 and text.count("序号\t重点工作任务") > 10  # repeated per page
    rows = [r for r in corpus_rows if r.doc == D000]
    for r in rows:
        assert not r.text.startswith(TITLE_000)
        for f in fields(r):
            assert "序号\t" not in f
            assert TITLE_000 not in f
        assert r.task not in ("重点工作任务", "具体目标任务", "序号", "")
        assert r.progress not in ("进展情况", "牵头单位", "牵头区领导")


def test_000_orphan_section_lines_are_not_rows(corpus_rows):
    lines = raw(D000).splitlines()
    orphans = ("高质效推进城市更新", "高品质提升城市环境")
    for o in orphans:
        assert any(ln.strip("\t ") == o for ln in lines)  # a line of its own, no 序号
    for r in corpus_rows:
        if r.doc == D000:
            for o in orphans:
                assert o not in r.text and o not in r.task and o not in r.progress


def test_000_one_section_name_per_section(corpus_rows):
    t = table(corpus_rows, D000)
    assert t[110].section == t[115].section == t[136].section
    assert len({r.section for r in t.values()}) == 9  # 主要经济指标 + eight 突出… sections


# ------------------------------------------------------------------------- 003 (one field per line)


def test_003_table_scraped_twice_is_kept_once(corpus_rows):
    text = raw(D003)
    assert len(re.findall(r"^序号\s*$", text, re.M)) == 2  # the whole table is in the file twice
    t = table(corpus_rows, D003)
    assert sorted(t) == list(range(1, 155))
    assert t[1].task == "全年腾出用能3万吨标煤。"
    assert t[154].unit == "清凉峰镇"


def test_003_row83_unit_split_over_two_lines_is_joined(corpus_rows):
    r = table(corpus_rows, D003)[83]
    assert r.unit == "组织部(人才办)"
    assert r.units == ("组织部(人才办)",)
    assert r.progress == "引育F类及以上高层次人才829人。"


def test_003_no_nbsp_or_em_space_in_any_field(corpus_rows):
    text = raw(D003)
    assert "\u00a0" in text and "\u2003" in text  # the raw file has both
    for r in corpus_rows:
        for f in fields(r):
            for ch in ODD_SPACES:
                assert ch not in f, (r.doc, r.row, repr(ch))


def test_003_dropped_month_dates_kept_verbatim_and_normalised(corpus_rows):
    rows = [r for r in corpus_rows if r.doc == D003]
    may = [r for r in rows if "522日" in r.progress]
    june = [r for r in rows if "61——6日" in r.progress]
    assert [r.row for r in may] == [143]
    assert [r.row for r in june] == [145, 146, 147]
    for r in may:
        assert "522日" in r.text  # the source wording is what is cited
        assert "5月22日" in r.progress_normalized and "522日" not in r.progress_normalized
    for r in june:
        assert "61——6日" in r.text
        assert "6月1日" in r.progress_normalized and "61——6日" not in r.progress_normalized
    # other numbers followed by 日 are left alone
    for r in rows:
        if not re.search(r"\d日", r.progress):
            assert r.progress_normalized == r.progress


def test_003_two_digit_dropped_month_dates(corpus_rows):
    t = table(corpus_rows, D003)
    assert "66日" in t[22].progress and "6月6日" in t[22].progress_normalized
    assert "51日" in t[99].progress and "5月1日" in t[99].progress_normalized


# ----------------------------------------------------------------------------------- 004 (pipes)


def test_004_has_102_rows(corpus_rows):
    t = table(corpus_rows, D004)
    assert sorted(t) == list(range(1, 103))
    assert all(r.district == "余杭区" and r.leader == "" for r in t.values())


def test_004_row65_broken_across_lines_is_one_row(corpus_rows):
    r = table(corpus_rows, D004)[65]
    assert r.unit == "区林水局"
    assert r.progress.startswith("1.已完成全区林业碳汇")
    assert "4.完成精准提升森林质量5047亩" in r.progress
    assert any("broken" in q for q in r.data_quality)


def test_004_trailing_statement_is_not_a_row(corpus_rows):
    assert raw(D004).rstrip().endswith("声明:本文有删减")
    for r in corpus_rows:
        for f in fields(r):
            assert "声明:本文有删减" not in f and "本文有删减" not in f


def test_004_web_spam_removed_and_flagged(corpus_rows):
    assert raw(D004).count(SPAM) >= 6
    for r in corpus_rows:
        for f in fields(r):
            assert SPAM not in f and "彩票" not in f, (r.doc, r.row)
    t = table(corpus_rows, D004)
    flagged = sorted(n for n, r in t.items() if any("spam" in q for q in r.data_quality))
    assert flagged == [17, 22, 31, 76, 94]
    assert sum("spam" in q for q in t[94].data_quality) == 2  # task and progress both had it


def test_004_spam_removal_keeps_the_words_around_it(corpus_rows):
    t = table(corpus_rows, D004)
    assert "省市重点项目,形成实物投资量" in t[17].task
    assert "已撰写完成钱开区更名" in t[31].progress
    assert "总结提炼理论制度成果,推动改革项目在全国" in t[94].task


# ----------------------------------------------------------------------------------------- units


def test_units_stray_space_inside_a_name_is_joined(corpus_rows):
    line = next(ln for ln in raw(D004).splitlines() if ln.startswith("42 |"))
    assert "区综合行政 执法局" in line
    r = table(corpus_rows, D004)[42]
    assert r.unit == "区综合行政执法局"
    assert r.units == ("区综合行政执法局",)


def test_units_two_units_in_one_cell_stay_a_list(corpus_rows):
    t = table(corpus_rows, D000)
    assert t[18].units == ("区商务局", "综合保税区管理办公室")
    assert t[32].units == ("区商务局", "美丽云城管理办公室")
    assert t[32].unit == "区商务局、美丽云城管理办公室"


def test_units_run_together_names_are_split(corpus_rows):
    line = next(ln for ln in raw(D004).splitlines() if ln.startswith("49 |"))
    assert "区文广旅体局市规划和自然资源局余杭分局" in line  # no separator in the source
    r = table(corpus_rows, D004)[49]
    assert r.units == ("区文广旅体局", "市规划和自然资源局余杭分局")
    assert "牵头单位：区文广旅体局、市规划和自然资源局余杭分局" in r.text
    # 000 序号126: '区农业农村局市规划资源局钱塘分局'
    assert table(corpus_rows, D000)[126].units == ("区农业农村局", "市规划资源局钱塘分局")


def _pipe_table(units: list[str], tag: str) -> str:
    lines = ["序号 | 重点工作 | 牵头单位 | 完成情况 |"]
    for i, u in enumerate(units, 1):
        lines.append(f"{i} | {tag}任务{i}:建成示范项目{i}个。 | {u} | 已完成示范项目{i}个。 |")
    return "\n".join(lines) + "\n"


def test_units_with_and_without_district_prefix_are_one_unit(tmp_path):
    (tmp_path / "a.txt").write_text(_pipe_table(["体育局", "科协", "体育局"], "甲"), encoding="utf-8")
    (tmp_path / "b.md").write_text(_pipe_table(["区体育局", "区科协", "区民政局"], "乙"), encoding="utf-8")
    manifest = {"documents": [{"file": n, "district": "测试区", "title": n} for n in ("a.txt", "b.md")]}
    (tmp_path / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    rows, layouts = parse_folder(tmp_path)
    assert layouts == {"a.txt": "pipes", "b.md": "pipes"}
    a, b = table(rows, "a.txt"), table(rows, "b.md")
    assert a[1].unit == a[3].unit == b[1].unit == "区体育局"
    assert a[1].units == ("区体育局",)
    assert "牵头单位：区体育局" in a[1].text
    assert a[2].unit == b[2].unit == "区科协"
    assert {u for r in rows for u in r.units} == {"区体育局", "区科协", "区民政局"}


def test_units_are_canonicalised_per_district_only(tmp_path):
    (tmp_path / "a.txt").write_text(_pipe_table(["体育局"] * 3, "甲"), encoding="utf-8")
    (tmp_path / "b.txt").write_text(_pipe_table(["区体育局"] * 3, "乙"), encoding="utf-8")
    manifest = {"documents": [{"file": "a.txt", "district": "甲区"}, {"file": "b.txt", "district": "乙区"}]}
    (tmp_path / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    rows, _ = parse_folder(tmp_path)
    assert table(rows, "a.txt")[1].unit == "体育局"  # another district's 区体育局 is another office
    assert table(rows, "b.txt")[1].unit == "区体育局"


# ----------------------------------------------------------------------------------------- prose


@pytest.mark.parametrize("doc", [D001, D002])
def test_prose_paragraphs_have_number_and_heading_path(corpus_rows, doc):
    paras = [r for r in corpus_rows if r.doc == doc]
    assert len(paras) >= 20
    assert all(r.kind == "paragraph" and r.row is None for r in paras)
    assert [r.paragraph for r in paras] == list(range(1, len(paras) + 1))
    with_heading = [r for r in paras if r.heading]
    assert len(with_heading) >= 20
    assert all(r.heading.startswith(("一、", "二、", "三、", "四、", "五、", "六、")) for r in with_heading)
    assert any(" > " in r.heading for r in paras)  # nested headings give a path
    assert all(r.anchor == f"第{r.paragraph}段" for r in paras)
    # headings are paths, not paragraphs
    assert not any(r.text in ("一、2023年工作回顾",) for r in paras)


def test_prose_paragraph_with_gdp_growth_exists(corpus_rows):
    hits = [r for r in corpus_rows if r.doc == D001 and "4.2%" in r.text]
    assert hits
    p = hits[0]
    assert "全年实现地区生产总值1270亿元、同比增长4.2%" in p.text
    assert p.heading == "一、2023年工作回顾"
    assert p.paragraph is not None and p.row is None


# --------------------------------------------------------------- layout from content, not the name


def _slice(name: str, stop: str) -> str:
    """The file from its start up to (not including) the first line starting with `stop`."""
    out = []
    for ln in raw(name).split("\n"):
        if ln.startswith(stop):
            break
        out.append(ln)
    return "\n".join(out) + "\n"


SLICES = {  # first 20 rows of each table
    "x.md": (D000, "21\t", "tabs"),
    "report.txt": (D003, "21", "lines"),
    "data.txt": (D004, "21 |", "pipes"),
}


def test_layout_detected_from_content_without_manifest(tmp_path):
    for new, (src, stop, _) in SLICES.items():
        (tmp_path / new).write_text(_slice(src, stop), encoding="utf-8")
    assert not (tmp_path / "manifest.json").exists()
    docs, problems = read_corpus(tmp_path, BIG)
    assert not problems
    for d in docs:
        assert detect_layout(d.text) == SLICES[d.name][2], d.name
        res = parse_document(d)
        assert res.doc.layout == SLICES[d.name][2]
        assert [r.row for r in res.rows] == list(range(1, 21)), d.name
    rows, layouts = parse_folder(tmp_path)
    assert layouts == {n: v[2] for n, v in SLICES.items()}
    assert table(rows, "x.md")[4].unit == "区财政局"
    assert table(rows, "data.txt")[1].unit == "区科技局"


def test_layout_ignores_file_name_and_manifest(tmp_path):
    # the pipe table under the tab table's name, with the real manifest saying "tab-separated"
    shutil.copy(CORPUS / "manifest.json", tmp_path / "manifest.json")
    (tmp_path / D000).write_text(raw(D004), encoding="utf-8")
    (tmp_path / D004).write_text(raw(D001), encoding="utf-8")
    rows, layouts = parse_folder(tmp_path)
    assert layouts == {D000: "pipes", D004: "prose"}
    assert len(table(rows, D000)) == 102
    assert all(r.kind == "paragraph" for r in rows if r.doc == D004)


def test_file_missing_from_manifest_gets_title_from_first_line(tmp_path):
    (tmp_path / "x.md").write_text(_slice(D000, "21\t"), encoding="utf-8")
    prose = "\n".join(raw(D002).split("\n")[:12])
    (tmp_path / "plan.txt").write_text(prose, encoding="utf-8")
    docs, _ = read_corpus(tmp_path, BIG)
    by = {d.name: d for d in docs}
    assert by["x.md"].title == TITLE_000
    assert by["plan.txt"].title.startswith("杭州市钱塘区2023年国民经济和社会发展计划执行情况")
    rows, _ = parse_folder(tmp_path)
    assert all(r.title == TITLE_000 for r in rows if r.doc == "x.md")


def test_district_and_title_guessed_without_manifest(tmp_path):
    for src in (D000, D002, D003, D004):
        shutil.copy(CORPUS / src, tmp_path / src)
    docs, _ = read_corpus(tmp_path, BIG)
    by = {d.name: d for d in docs}
    # the place comes from the content, with the hierarchy the text gives (杭州市钱塘区)
    assert by[D000].district in ("钱塘区", "杭州市钱塘区")
    assert by[D002].district in ("钱塘区", "杭州市钱塘区")
    assert by[D004].district in ("余杭区", "杭州市余杭区")
    assert by[D003].district in ("临安区", "杭州市临安区")
    assert not by[D003].title.startswith("索引号")


def test_plain_prose_file_parses_as_paragraphs(tmp_path):
    text = (
        "某某区2024年工作安排\n\n"
        "一、总体要求\n"
        "今年全区经济社会发展的主要预期目标是：地区生产总值增长6%左右，一般公共预算收入增长5%。\n"
        "二、重点任务\n"
        "（一）扩大有效投资\n"
        "实施重大项目120个，完成投资300亿元以上；新增专项债券额度20亿元，保障项目建设。\n"
        "推进城市更新，完成老旧小区改造15个，新增公共停车泊位3000个，提升群众居住品质。\n"
    )
    (tmp_path / "notes.txt").write_text(text, encoding="utf-8")
    docs, _ = read_corpus(tmp_path, BIG)
    assert detect_layout(docs[0].text) == "prose"
    rows, layouts = parse_folder(tmp_path)
    assert layouts == {"notes.txt": "prose"}
    assert [r.paragraph for r in rows] == [1, 2, 3]
    assert all(r.kind == "paragraph" and r.row is None for r in rows)
    assert rows[0].heading == "一、总体要求"
    assert rows[2].heading == "二、重点任务 > （一）扩大有效投资"
    assert rows[0].title == "某某区2024年工作安排"


# ---------------------------------------------------------------------------------------- row ids


def test_row_ids_are_stable_content_hashes():
    a, _, _ = parse_corpus(list(corpus_docs()))  # read once this session; the second read is this test's own
    docs2, _ = read_corpus(CORPUS, BIG)
    b, _, _ = parse_corpus(docs2)
    assert [r.id for r in a] == [r.id for r in b]
    assert len({r.id for r in a}) == len(a)
    assert all(re.fullmatch(r"[0-9a-f]{16}", r.id) for r in a)


def test_editing_one_row_changes_only_its_id():
    docs = list(corpus_docs())
    before, _, _ = parse_corpus(docs)
    old, new = "百丈溪、黄湖溪成功创建省级美丽河湖", "百丈溪、黄湖溪已成功创建省级美丽河湖"
    assert raw(D004).count(old) == 1
    edited = [replace(d, text=d.text.replace(old, new)) if d.name == D004 else d for d in docs]
    after, _, _ = parse_corpus(edited)
    assert len(after) == len(before)
    changed = [(x.doc, x.row) for x, y in zip(before, after, strict=True) if x.id != y.id]
    assert changed == [(D004, 68)]


# ------------------------------------------------------------------------- the five reports, fixed counts


def test_the_five_reports_parse_to_their_fixed_counts(corpus_rows):
    """Generalising the parser must not move the seed reports: same layouts, same numbers of table rows and
    paragraphs, no numbered list in the two narrative reports turned into progress rows."""
    _, _, parsed = parse_corpus(list(corpus_docs()))
    counts = {(r.doc, r.kind): 0 for r in corpus_rows}
    for r in corpus_rows:
        counts[(r.doc, r.kind)] += 1
    assert counts == {(D000, "progress_row"): 136, (D001, "paragraph"): 52, (D002, "paragraph"): 49,
                      (D003, "progress_row"): 154, (D004, "progress_row"): 102}
    assert {n: d.layout for n, d in parsed.items()} == {
        D000: "tabs", D001: "prose", D002: "prose", D003: "lines", D004: "pipes"}


def test_prose_wrapped_at_one_width_is_read_as_paragraphs():
    """A communiqué copied from a PDF with a line break every ~28 characters (realworld2 w20): each paragraph is one
    row, and no 30-character piece of a sentence is dropped as a title line. Text invented (青禾州)."""
    from rag.ingest.parse.prose import parse_prose

    pieces = [
        "2035 年是青禾州全面推进高质量发展的关键之年，全州上下",
        "坚持稳中求进工作总基调，经济运行总体平稳、稳中有进。",
        "初步核算，全州实现生产总值（GDP）889.5 亿元，增长 4.2%。",
        "州府所在地青禾市环境空气平均优良天数比例 95.6%，同比",
        "下降 2.2 个百分点；PM2.5 浓度为 26.6 微克/立方米，同比下",
        "降 4.7%；环境空气质量综合指数 2.557，在全省排名第1。",
    ] * 3
    text = "青禾州2035年国民经济和社会发展统计公报\n青禾州统计局\n" + "\n".join(pieces) + "\n"
    paras = parse_prose(text, "青禾州2035年国民经济和社会发展统计公报")
    air = [p.text for p in paras if "优良天数" in p.text]
    assert air and all("优良天数比例 95.6%，同比下降 2.2 个百分点" in t and "排名第1。" in t for t in air), air
    assert len(paras) == 9, [p.text[:20] for p in paras]
    assert parse_prose("全年实现增长。\n短行\n另一段文字写完了。\n")[0].text == "全年实现增长。"  # unwrapped text: as before


def test_a_subscript_written_as_markup_reads_as_the_plain_figure():
    """A communiqué copied from a page with <sub> tags writes PM_2.5 or PM₂.₅; questions write PM2.5 (invented text)."""
    from rag.ingest.parse.clean import squash

    assert squash("青禾县PM_2.5浓度为25.9微克/立方米") == "青禾县PM2.5浓度为25.9微克/立方米"
    assert squash("PM₂.₅年均浓度下降，CO₂排放减少") == "PM2.5年均浓度下降，CO2排放减少"
    assert squash("PM_{10}浓度 41") == "PM10浓度 41"
    assert squash("区块_链") == "区块_链"  # an underscore between words is not a subscript
