"""Real PDF and HTML files for the ingest tests, made from the project's own rows.

PDFs are drawn with reportlab in the CJK font it ships (STSong-Light, an Adobe CID font: the text
layer is real, the glyphs come from the viewer; reportlab cannot embed the CFF outlines of Debian's
fonts-noto-cjk), or printed by Debian's Chromium (`--print-to-pdf`, fonts-noto-cjk embedded) for the
integration tests. STSong-Light has no glyph for U+00B7 '·': text compared across a reportlab PDF
drops it (`comparable`)."""

from __future__ import annotations

import html
import io
import subprocess
import tempfile
from pathlib import Path

from rag.domain import Row

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
FILE_004 = "004_d100e50c0866be80.txt"
HEADER = ["序号", "重点工作", "牵头单位", "完成情况"]
FONT = "STSong-Light"


def comparable(s: str) -> str:
    """Text as compared across formats: without white space (a wrapped line loses the space it broke
    at) and without '·' (missing from STSong-Light)."""
    return "".join(s.replace("·", "").split())


def rows_004() -> list[Row]:
    """The 102 rows of the bundled 余杭区 table, as the project parses the .txt."""
    from rag.ingest.corpus import read_document
    from rag.ingest.parse import finalize, parse_document

    doc = read_document(CORPUS / FILE_004, {}, 10**8)
    return finalize([parse_document(doc)])[0].rows


def cells_004() -> list[list[str]]:
    return [HEADER] + [[str(r.row), r.task, r.unit, r.progress] for r in rows_004()]


def _styles(size: float = 8):
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    cell = ParagraphStyle("cell", fontName=FONT, fontSize=size, leading=size * 1.3, wordWrap="CJK")
    body = ParagraphStyle("body", parent=cell, fontSize=11, leading=16, firstLineIndent=22, spaceAfter=4)
    head = ParagraphStyle("head", parent=body, firstLineIndent=0, fontSize=12, leading=18, spaceBefore=6)
    return cell, body, head


def _furniture(running: str):
    """Page callback: a running header and a '- N -' page number, as printed reports have."""
    def draw(canvas, doc) -> None:  # noqa: ANN001 (reportlab's callback signature)
        canvas.saveState()
        canvas.setFont(FONT, 9)
        if running:
            canvas.drawCentredString(doc.pagesize[0] / 2, doc.pagesize[1] - 30, running)
        canvas.drawCentredString(doc.pagesize[0] / 2, 25, f"- {doc.page} -")
        canvas.restoreState()

    return draw


def table_pdf(cells: list[list[str]], title: str = "", widths: tuple[float, ...] = (30, 170, 60, 260),
              running: str = "", size: float = 8) -> bytes:
    """A ruled table over as many pages as it needs: the header repeated on each page, a row too long
    for the page split across the break (its rest under the repeated header), cells wrapped."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    cell, _, head = _styles(size)
    data = [[Paragraph(html.escape(c), cell) for c in r] for r in cells]
    table = Table(data, colWidths=list(widths), repeatRows=1, splitInRow=1)
    line = ("LINEBELOW", (0, 0), (-1, -1), 0.5, colors.black)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                               line, ("LINEABOVE", (0, 0), (-1, -1), 0.5, colors.black)]))
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A4, title=title)
    story = ([Paragraph(html.escape(title), head)] if title else []) + [table]
    doc.build(story, onFirstPage=_furniture(running), onLaterPages=_furniture(running))
    return buf.getvalue()


def prose_pdf(title: str, blocks: list[str], running: str = "") -> bytes:
    """A narrative report: headings (一、… / （一）…) and indented paragraphs that wrap and run over pages."""
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    _, body, head = _styles()
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A4, title=title)
    story = [Paragraph(html.escape(title), head)]
    for b in blocks:
        is_head = b.startswith(("一、", "二、", "三、", "四、", "五、", "（")) and len(b) <= 40
        story.append(Paragraph(html.escape(b), head if is_head else body))
    doc.build(story, onFirstPage=_furniture(running), onLaterPages=_furniture(running))
    return buf.getvalue()


def image_pdf(pages: int = 2) -> bytes:
    """What a scanner makes: pages that are one picture each, no text layer."""
    from PIL import Image, ImageDraw
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    img = Image.new("L", (600, 850), 255)
    draw = ImageDraw.Draw(img)
    for y in range(60, 800, 24):
        draw.rectangle((60, y, 540, y + 10), fill=40)  # lines of "print"
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    for _ in range(pages):
        c.drawImage(ImageReader(img), 0, 0, *A4)
        c.showPage()
    c.save()
    return buf.getvalue()


def table_html(cells: list[list[str]], title: str, charset: str = "utf-8") -> str:
    """A plain HTML page holding one table (no chrome): what a portal's table looks like saved."""
    head = "".join(f"<th>{html.escape(c)}</th>" for c in cells[0])
    body = "\n".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in r) + "</tr>" for r in cells[1:])
    return (f'<!DOCTYPE html><html><head><meta charset="{charset}"><title>{html.escape(title)}</title>'
            "<style>table{border-collapse:collapse}td,th{border:1px solid #000;vertical-align:top;"
            "font:12px 'Noto Sans CJK SC'}</style></head>"
            f"<body><h1>{html.escape(title)}</h1><table><thead><tr>{head}</tr></thead><tbody>\n{body}\n"
            "</tbody></table></body></html>")


def chromium_pdf(page: str) -> bytes:
    """Print an HTML page to PDF with headless Chromium (a <thead> repeats on every printed page)."""
    from screenshots import CHROMIUM

    with tempfile.TemporaryDirectory() as tmp:
        src, out = Path(tmp) / "page.html", Path(tmp) / "page.pdf"
        src.write_text(page, encoding="utf-8")
        subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                        f"--user-data-dir={Path(tmp) / 'profile'}", f"--print-to-pdf={out}", src.as_uri()],
                       check=True, capture_output=True, timeout=120)
        return out.read_bytes()
