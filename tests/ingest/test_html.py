"""rag.ingest.html on saved portal pages: a GBK page wrapped in site chrome with a rowspan/colspan
progress table, a narrative page (headings and paragraphs), charsets, and pages with nothing but
chrome. Real files through read_document/read_corpus; nothing mocked."""

from __future__ import annotations

import pytest

from rag.errors import CorpusError
from rag.ingest.corpus import read_corpus, read_document
from rag.ingest.html import declared_charset, html_to_text
from rag.ingest.parse import finalize, parse_document
from rag.ingest.upload import ALLOWED

CHROME_WORDS = ("无障碍", "长辈版", "扫一扫", "分享到", "字号", "当前位置", "网站地图", "版权所有", "政务公开", "ICP备")

PORTAL = """<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>余杭区2023年政府工作报告重点工作完成情况_杭州市余杭区人民政府</title>
<script>var _hmt = "统计代码 字号";</script><style>.nav{color:red}</style></head>
<body>
<div class="top-bar"><a href="#">无障碍浏览</a> | <a href="#">长辈版</a> | <a href="#">繁體</a></div>
<div id="header"><img alt="logo"> 杭州市余杭区人民政府</div>
<ul class="nav"><li>首页</li><li>政务公开</li><li>政务服务</li><li>互动交流</li></ul>
<div class="location">当前位置：首页 &gt; 政务公开 &gt; 规划计划 &gt; 正文</div>
<div class="article">
  <h1>余杭区2023年政府工作报告
      重点工作完成情况</h1>
  <div class="info">发布日期：2024-01-15　来源：区发改局　<span>字号：【大 中 小】</span></div>
  <p>　　根据区政府工作报告确定的重点工作，现将2023年完成情况公布如下。</p>
  <table border="1">
    <tr><td colspan="4">余杭区2023年政府工作报告重点工作完成情况表</td></tr>
    <tr><th>序号</th><th>重点工作</th><th>牵头单位</th><th>完成情况</th></tr>
    <tr><td>1</td><td>新增城镇就业2万人</td><td rowspan="2">区人力社保局</td><td>全年新增城镇就业2.3万人。</td></tr>
    <tr><td>2</td><td>开展职业技能培训3万人次</td><td>完成职业技能培训3.4万人次。</td></tr>
    <tr><td>3</td><td>建成口袋公园12个</td><td>区园林局</td><td>已建成13个，
        其余推进中。</td></tr>
    <tr><td rowspan="2">4</td><td rowspan="2">改造老旧小区30个</td><td>区建设局</td><td>完成改造18个。</td></tr>
    <tr><td>区住建局</td><td>12个正在施工。</td></tr>
  </table>
  <p>注：数据截至2023年12月底。</p>
</div>
<div class="share">分享到：<a>微信</a><a>微博</a></div>
<div class="ewm">扫一扫在手机打开当前页</div>
<div id="footer"><p>主办单位：杭州市余杭区人民政府办公室　网站标识码：3301100001</p>
<p>浙ICP备05001254号　浙公网安备 33011002000001号</p><p>网站地图 | 联系我们</p></div>
</body></html>"""

REPORT = """<html><head><meta charset="utf-8"></head><body>
<nav><a>首页</a> &gt; <a>政府工作报告</a></nav>
<div class="bread-crumbs">您现在的位置：首页 › 政府信息公开</div>
<h1>钱塘区2024年政府工作报告</h1>
<p>各位代表：</p>
<p>现在，我代表区人民政府向大会报告工作，请予以审议，并请区政协委员和其他列席人员提出意见。</p>
<h2>一、2023年工作回顾</h2>
<p>全年实现地区生产总值1270亿元、同比增长4.2%；规上工业增加值738亿元、同比增长2.4%。</p>
<p>服务业增加值433亿元、同比增长6.9%；固定资产投资709亿元、同比增长30.8%，综合排名全省第一。</p>
<h2>二、2024年工作安排</h2>
<p>全区地区生产总值增长6%左右，一般公共预算收入同口径增长5%以上。</p>
<footer>版权所有 © 杭州市钱塘区人民政府</footer>
</body></html>"""


def _rows(tmp_path, name: str, data: bytes):
    (tmp_path / name).write_bytes(data)
    doc = read_document(tmp_path / name, {}, 10**8)
    return doc, finalize([parse_document(doc)])[0].rows


def test_gbk_portal_page_table_with_merged_cells_and_no_chrome(tmp_path):
    data = PORTAL.encode("gbk")
    assert declared_charset(data) == "gb18030"
    doc, rows = _rows(tmp_path, "yuhang.html", data)
    assert doc.title == "余杭区2023年政府工作报告重点工作完成情况" and doc.district == "余杭区"
    table = [r for r in rows if r.kind == "progress_row"]
    assert [r.row for r in table] == [1, 2, 3, 4]
    assert [r.unit for r in table] == ["区人力社保局", "区人力社保局", "区园林局", "区建设局、区住建局"]  # rowspan copied
    assert table[1].progress == "完成职业技能培训3.4万人次。"
    assert table[2].progress == "已建成13个，其余推进中。"  # a source line break inside Chinese text is no space
    assert table[3].progress == "完成改造18个。 12个正在施工。"  # a row spanned by 序号 is folded into the row above
    for r in rows:
        assert not any(w in r.text for w in CHROME_WORDS), r.text
    for w in CHROME_WORDS + ("统计代码", "浙公网安备", "微博"):
        assert w not in doc.text


def test_report_page_headings_and_paragraphs(tmp_path):
    doc, rows = _rows(tmp_path, "qiantang.htm", REPORT.encode("utf-8"))
    assert doc.title == "钱塘区2024年政府工作报告" and doc.layout == "" and doc.district == "钱塘区"
    assert all(r.kind == "paragraph" for r in rows) and len(rows) == 4
    assert rows[0].text.startswith("现在，我代表区人民政府") and rows[0].heading == ""
    assert rows[1].heading == "一、2023年工作回顾" and "1270亿元" in rows[1].text
    assert rows[3].heading == "二、2024年工作安排" and rows[3].anchor == "第4段" and rows[3].page is None
    assert not any(w in doc.text for w in ("您现在的位置", "版权所有", "政府工作报告\n首页"))


@pytest.mark.parametrize("encoding", ["utf-8", "gbk", "gb18030"])
def test_undeclared_charset_is_detected(encoding):
    page = "<html><body><h1>临安区2023年重点工作半年度进展情况</h1><p>全区新增城镇就业1.2万人，完成年度目标的60%。</p></body></html>"
    text = html_to_text(page.encode(encoding), "p.html")
    assert text.splitlines() == ["临安区2023年重点工作半年度进展情况", "全区新增城镇就业1.2万人，完成年度目标的60%。"]


def test_wrong_declaration_falls_back_to_detection():
    page = '<html><head><meta charset="utf-8"></head><body><p>全区新增城镇就业1.2万人，完成年度目标。</p></body></html>'
    assert "新增城镇就业" in html_to_text(page.encode("gbk"), "p.html")


def test_chrome_only_and_empty_pages_are_clear_problems(tmp_path):
    (tmp_path / "nav.html").write_bytes("<html><body><nav>首页 政务公开</nav><div class='footer'>版权所有</div>"
                                        "<p>无障碍浏览 长辈版</p></body></html>".encode())
    (tmp_path / "empty.htm").write_bytes(b"")
    (tmp_path / "ok.html").write_bytes(REPORT.encode("utf-8"))
    docs, problems = read_corpus(tmp_path, 10**8)
    assert [d.name for d in docs] == ["ok.html"]
    reasons = {p.file: p.reason for p in problems}
    assert "site chrome" in reasons["nav.html"] and "empty" in reasons["empty.htm"]
    with pytest.raises(CorpusError, match="nav.html"):
        html_to_text((tmp_path / "nav.html").read_bytes(), "nav.html")


def test_long_paragraph_mentioning_chrome_words_is_kept():
    text = ("推进老字号品牌保护，鼓励市民通过扫一扫方式办理业务，实现无障碍设施改造全覆盖，"
            "全年完成无障碍环境建设项目120个，惠及残疾人和老年人3万余人，群众满意度明显提升。")
    assert html_to_text(f"<html><body><p>{text}</p></body></html>".encode(), "p.html") == text


def test_uploads_accept_pdf_and_html():
    assert {".pdf", ".html", ".htm"} <= set(ALLOWED)
