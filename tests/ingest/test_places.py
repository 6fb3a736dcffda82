"""Places (rag.ingest.places): which place a document is about, at any level, with its hierarchy and aliases;
what only looks like a place (units, indicators, common nouns, question words) is not one.

Texts are invented for these tests (invented places such as 宁川市, 桐川县, 临溪镇 beside real names such as
安康市汉滨区, 灌云县, 义乌市); none is copied from a report."""

from __future__ import annotations

import pytest

from rag.ask.retrieve import match_district, mentioned_district
from rag.ingest.places import Place, detect_place, mentions, parse_place, same_place

# ---------------------------------------------------------------------------------- levels, from content


@pytest.mark.parametrize(("text", "title", "name"), [
    # 县, from "XX人民政府" and the recurring name
    ("桐川县人民政府关于2023年国民经济和社会发展计划执行情况的报告\n全县实现地区生产总值312亿元，增长5.6%。"
     "桐川县规上工业增加值增长7%。", "", "桐川县"),
    # a real county jieba knows: the recurring name is enough
    ("2023年，全县经济稳中有进。灌云县新增规上企业40家。灌云县实现增长。", "", "灌云县"),
    # 市, from "在XX第N届人民代表大会第N次会议上"
    ("——在宁川市第十六届人民代表大会第二次会议上\n过去一年，全市上下团结奋斗。宁川市地区生产总值增长6%。", "", "宁川市"),
    # 县级市
    ("义乌市2023年政府工作报告\n全市实现进出口5660亿元。义乌市小商品贸易持续增长。", "义乌市2023年政府工作报告", "义乌市"),
    ("全市经济运行平稳。昆山市规上工业产值增长。", "昆山市2023年政府工作报告", "昆山市"),
    # 区
    ("全区实现增长。青山区新增市场主体。", "宁川市青山区2023年政府工作报告", "青山区"),
    # 新区, 开发区 (short forms), 旗
    ("全区实现增长。浦东新区推进改革。", "浦东新区2023年政府工作报告", "浦东新区"),
    ("全区实现增长。", "南湖新区2023年工作报告", "南湖新区"),
    ("全区实现增长。", "宁川开发区2023年工作报告", "宁川开发区"),
    ("全区实现增长。", "宁川经开区2023年工作报告", "宁川经开区"),
    ("全区实现增长。", "宁川高新区2023年工作报告", "宁川高新区"),
    ("全旗实现增长。", "达拉特旗2023年政府工作报告", "达拉特旗"),
    # 镇 and 街道 when the title names them
    ("全镇经济平稳。临溪镇推进项目。", "临溪镇2023年工作总结", "临溪镇"),
    ("街道经济平稳。", "2023年西溪街道工作总结", "西溪街道"),
])
def test_a_document_knows_its_place_at_any_level(text, title, name):
    place = detect_place(text, title)
    assert place is not None and place.name == name


def test_a_town_is_the_place_only_when_the_title_says_so():
    body = "全镇经济平稳。临溪镇推进项目。临溪镇持续发展。"
    assert detect_place(body) is None
    assert detect_place(body, "临溪镇2023年工作总结") == Place(name="临溪镇")
    county = "桐川县人民政府工作报告\n全县增长。临溪镇建成园区。临溪镇新增企业。临溪镇完成改造。青石镇推进。"
    assert detect_place(county).name == "桐川县"  # towns named often in a county report do not take over


def test_nothing_clear_is_no_place():
    assert detect_place("全区经济运行平稳，各项指标好于预期。") is None
    assert detect_place("") is None


# ---------------------------------------------------------------------------------- hierarchy and aliases


def test_hierarchy_is_kept_and_a_question_naming_the_district_matches_it():
    place = detect_place("安康市汉滨区2023年政府工作报告\n全区生产总值增长5%。汉滨区新增就业1.1万人。")
    assert place == Place(name="汉滨区", parent="安康市")
    assert place.full == "安康市汉滨区"
    library = [place.full, "余杭区"]
    assert match_district("汉滨区GDP增长多少", library) == "安康市汉滨区"
    assert match_district("汉滨今年新增就业多少", library) == "安康市汉滨区"
    assert match_district("安康市汉滨区GDP增长多少", library) == "安康市汉滨区"
    assert mentioned_district("汉滨区GDP增长多少", library) is None  # not a place the library lacks
    assert mentioned_district("宁川县GDP增长多少", library) == "宁川县"  # another place is


def test_a_library_places_stem_with_another_levels_suffix_is_another_place():
    """和田市 and 和田县 lie inside 和田地区: the library's prefecture never answers for them; a suffix that starts
    the next word (钱塘|市场监管局) or the place's own (州 / 自治州) still names the library place."""
    from rag.ask.retrieve import other_levels

    library = ["桐川地区", "宁安区", "湘西土家族苗族自治州"]
    assert match_district("桐川市去年GDP增长多少", library) is None
    assert other_levels("桐川市去年GDP增长多少", library) == ["桐川市"]
    assert match_district("桐川县GDP", library) is None and other_levels("桐川县GDP", library) == ["桐川县"]
    assert match_district("桐川去年GDP增长多少", library) == "桐川地区"
    assert match_district("桐川地区GDP", library) == "桐川地区" and other_levels("桐川地区GDP", library) == []
    assert match_district("宁安市场监管局牵头的任务", library) == "宁安区"
    assert match_district("湘西州GDP", library) == "湘西土家族苗族自治州"


def test_hierarchy_in_a_body_line_and_in_what_a_person_writes():
    place = detect_place("全县实现增长。宁川市榆阳县人民政府")
    assert place == Place(name="榆阳县", parent="宁川市")
    assert parse_place("安康市汉滨区") == Place(name="汉滨区", parent="安康市")
    assert parse_place("安康市汉滨区").names() == ("安康市汉滨区", "汉滨区", "汉滨")
    assert same_place("汉滨区", "安康市汉滨区") and same_place("汉滨", "汉滨区")
    assert not same_place("安康市", "安康市汉滨区")  # a parent is not its district


def test_an_alias_in_brackets_is_kept():
    place = detect_place("武汉经开区（汉南区）2023年政府工作报告\n全区实现增长。武汉经开区推进改革。")
    assert place is not None and place.name == "武汉经开区" and place.aliases == ("汉南区",)
    assert "汉南区" in place.names()


def test_a_question_naming_the_alias_matches_the_library_place():
    place = detect_place("武汉经开区（汉南区）2023年政府工作报告\n全区实现增长。武汉经开区推进改革。")
    library = [place.written]  # what corpus.guess_meta keeps: 武汉经开区（汉南区）
    assert mentioned_district("汉南区GDP增长多少", library) is None
    assert match_district("汉南区GDP增长多少", library) == place.written


def test_a_title_naming_city_and_district_gives_the_district():
    text = "安康市汉滨区2024年重点项目进展情况\n序号\t工作任务\t进展情况\n1\t城西学校新建工程\t完成主体施工\n"
    assert detect_place(text, "安康市汉滨区2024年重点项目进展情况") == Place(name="汉滨区", parent="安康市")


# ---------------------------------------------------------------------------------- self-level preference


def test_the_level_the_report_calls_itself_is_preferred():
    mixed = "宁川市下达任务。榆阳县完成。宁川市考核。榆阳县推进。"
    assert detect_place(mixed + "全县实现增长。").name == "榆阳县"
    assert detect_place(mixed + "全市实现增长。").name == "宁川市"


# ---------------------------------------------------------------------------------- what is not a place

NOT_PLACES = ["区商务局", "县发改局", "市生态环境局钱塘分局", "地区生产总值", "综合保税区", "化工区",
              "关于区", "完成区", "按照县", "通过区", "景园小区", "钱塘城镇"]


def test_units_indicators_and_common_nouns_in_a_report_are_not_places():
    body = ("青山区人民政府工作报告\n区商务局、县发改局、市生态环境局钱塘分局共同推进。地区生产总值增长5%。"
            "综合保税区、化工区建设提速。关于区属国企改革。完成区级验收12项。按照县统一部署。通过区人大审议。"
            "景园小区改造完成。钱塘城镇化率提高。全区实现增长。")
    names = {m.name for m in mentions(body)}
    assert names == {"青山区"}
    assert detect_place(body).name == "青山区"
    assert detect_place(body.split("\n", 1)[1]) is None  # without its own name nothing is taken for it


@pytest.mark.parametrize("phrase", ["景园小区", "钱塘城镇", "综合保税区", "化工区"])
def test_a_common_noun_is_not_a_place_even_where_names_are_taken_on_context(phrase):
    assert mentions(f"{phrase}建设进展", need_confirm=False) == []


@pytest.mark.parametrize("question", [
    "区商务局牵头的任务有哪些", "县发改局负责什么", "市生态环境局钱塘分局负责哪些任务", "地区生产总值增长多少",
    "综合保税区进出口多少", "化工区搬迁进展如何", "关于区属国企改革的任务", "完成区级验收的项目有哪些",
    "景园小区改造进展", "哪个区GDP增速最高", "哪位区领导牵头城西学校", "哪几个区完成了目标", "哪个县排第一",
])
def test_question_words_and_units_in_a_question_are_not_places(question):
    assert mentions(question, need_confirm=False) == []
    assert mentioned_district(question, ["余杭区", "安康市汉滨区"]) is None


@pytest.mark.parametrize(("question", "names"), [
    ("新设市场主体到9月底够2万家了吗", []),  # jieba: 新设|市场主体 (新设市 is one nt word alone)
    ("谁牵头的新设市场主体那项", []),
    ("灌云县城的污水管网改了多少", ["灌云县"]),  # 灌云|县城: the stem is a place word, so the name stands
])
def test_a_suffix_that_starts_a_longer_word_makes_no_place_unless_its_stem_is_one(question, names):
    assert [m.name for m in mentions(question, need_confirm=False)] == names


@pytest.mark.parametrize("question", ["通过区审定的项目有几个", "按照县要求完成了多少"])
def test_a_verb_before_a_suffix_in_a_question_is_not_a_place(question):
    assert mentioned_district(question, ["余杭区"]) is None


def test_a_place_followed_by_its_own_bodies_is_that_place():
    assert [m.name for m in mentions("余杭区区委区政府")] == ["余杭区"]
    body = "在汉滨区区委的坚强领导下，全区经济稳中向好。汉滨区区长办公会议研究部署。汉滨区实现增长。"
    assert detect_place(body).name == "汉滨区"


def test_a_government_named_as_a_responsible_unit_does_not_outweigh_the_title():
    title = "宁川市2024年重点项目推进情况表"
    text = (f"{title}\n序号\t项目名称\t责任单位\t进展情况\n1\t城西学校\t青山区人民政府\t已完成主体\n"
            "2\t临溪大桥\t青山区人民政府、市交通局\t完成桩基\n3\t青石水厂\t榆阳县人民政府\t完成设备安装\n")
    assert detect_place(text, title).name == "宁川市"


def test_a_development_zone_by_its_full_name():
    place = detect_place("全区实现增长。", "宁川经济技术开发区2023年工作报告")
    assert place is not None and place.name.endswith("开发区")


def test_places_of_provinces_regions_prefectures_and_communiques():
    from rag.ingest.places import detect_place

    cases = [
        ("——2024年1月21日在河北省第十四届人民代表大会第二次会议上\n河北省人民政府省长 王正谱\n各位代表：",
         "河北省人民政府省长王正谱", "河北省"),
        ("现在，我代表保定市人民政府向大会报告工作。北京市、天津市。", "――2022年1月23日在保定市第十六届人民代表大会第二次会议上",
         "保定市"),
        ("2026年宁夏回族自治区政府工作报告\n在宁夏回族自治区第十三届人民代表大会第四次会议上\n石嘴山高新区", "2026年宁夏回族自治区政府工作报告",
         "宁夏回族自治区"),
        ("2025年和田地区国民经济和社会发展\n统计公报\n和田地区统计局\n2025年,全地区上下", "2025年和田地区国民经济和社会发展", "和田地区"),
        ("湘西自治州2025年国民经济和社会发展统计公报\n湘西州统计局 国家统计局湘西调查队\n吉首市", "湘西自治州2025年国民经济和社会发展统计公报",
         "湘西土家族苗族自治州"),
    ]
    for text, title, want in cases:
        place = detect_place(text, title)
        assert place is not None and place.name == want, (title, place)


def test_a_gdp_word_after_a_district_is_not_a_place():
    names = [m.name for m in mentions("钱塘区地区生产总值增长多少", need_confirm=False)]
    assert names == [] or all("地区" not in n for n in names)
    assert [m.name for m in mentions("推动《杭州钱塘新区条例》落地", need_confirm=False)] == ["钱塘新区"]


def test_an_autonomous_region_is_named_by_its_own_name_without_its_peoples():
    from rag.ingest.places import parse_place, stem_of

    assert stem_of("宁夏回族自治区") == "宁夏" and stem_of("广西壮族自治区") == "广西"
    assert stem_of("延边朝鲜族自治州") == "延边"  # two peoples or one, cut where a known place name is left
    assert "新疆" in parse_place("新疆维吾尔自治区").names()
    assert stem_of("青禾彝族自治县") == "青禾彝族"  # a name jieba does not know as a place: nothing cut on a guess
    assert stem_of("宁川区") == "宁川"


def test_a_persons_name_before_a_mayors_title_is_not_a_place():
    from rag.ingest.places import mentions

    assert not mentions("闫继红市长22年那份报告里说", need_confirm=False)
    assert [m.name for m in mentions("保定市长城汽车海外销售", need_confirm=False)] == ["保定市"]


def test_a_head_of_governments_name_with_the_title_is_who_spoke_not_what_is_asked():
    from rag.ask.question import analyze
    from rag.ingest.places import speakers

    assert speakers("闫继红市长今年报告里说，保定去年空气质量") == ["闫继红市长"]
    assert speakers("保定市长城汽车") == []
    terms = [t.alts[0] for t in analyze("闫继红市长报告里说，保定去年空气质量综合指数多少", ["保定市"], []).terms]
    assert "闫继红" not in terms and "市长" not in terms, terms


def test_a_place_the_dictionary_does_not_know_is_read_without_the_verb_before_it():
    from rag.ingest.places import mentions

    got = [m.name for m in mentions("2024年2月5日经青禾区第一届人民代表大会第四次会议审议通过", need_confirm=False)]
    assert got == ["青禾区"], got


def test_a_long_named_city_is_also_called_by_its_first_character():
    assert "乌市" in parse_place("乌鲁木齐市").names()
    assert "呼市" in parse_place("呼和浩特市").names()
    assert "苏市" not in parse_place("苏州市").names()  # a two-character name is never shortened so
    assert match_district("乌市去年GDP多少", ["乌鲁木齐市", "新疆维吾尔自治区"]) == "乌鲁木齐市"
