"""The header lines of a document (who issued it, when) are kept as its opening paragraph, letter-spaced names
read whole (石 家 庄 市 统 计 局 as 石家庄市统计局). Texts are invented (青禾县 is not a real county)."""

from __future__ import annotations

from rag.ingest.parse.prose import parse_prose

COMMUNIQUE = "\n".join([
    "青禾县2031年国民经济和社会发展统计公报", "",
    "青 禾 县 统 计 局", "",
    "国家统计局青禾调查队", "",
    "2032年3月20日", "",
    "2031年，全县经济运行稳中有进。",
    "初步核算，全年地区生产总值320亿元，比上年增长6.3%。",
])


def test_the_issuers_and_the_date_open_the_document():
    paras = parse_prose(COMMUNIQUE, "青禾县2031年国民经济和社会发展统计公报")
    assert paras[0].text == "青禾县统计局 国家统计局青禾调查队 2032年3月20日", paras[0].text
    assert "320亿元" in paras[2].text


def test_letter_spacing_is_only_undone_in_the_header():
    body = COMMUNIQUE + "\n青 禾 县 好\n"  # a spaced line in the body stays as written (too short: dropped)
    assert all("青禾县好" not in p.text for p in parse_prose(body, "青禾县2031年国民经济和社会发展统计公报"))
