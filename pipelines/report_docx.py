"""The parts of an administrative document (Nghị định 30/2020/NĐ-CP, Phụ lục I) in python-docx: A4 with
its margins, the heading block (issuing body and "Số: …" on the left, Quốc hiệu, Tiêu ngữ and the place
and date on the right), the title, the closing block (Nơi nhận on the left, the signature on the right),
and plain tables. Times New Roman, or Liberation Serif on a machine without it.
"""

import datetime as dt
import functools
import shutil
import subprocess
from collections.abc import Sequence

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import Table, _Cell, _Row

from pipelines.report_settings import ReportSettings

PREFERRED_FONT, FALLBACK_FONT = "Times New Roman", "Liberation Serif"
NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
BODY_PT = 14
TABLE_PT = 12
ANNEX_PT = 10
# Paragraph styles for table cells: one style per cell instead of a font size and spacing on each run,
# which python-docx inserts slowly (hundreds of cells in the annex).
TABLE_TEXT, ANNEX_TEXT = "Table Text", "Annex Text"


@functools.cache
def document_font() -> str:
    """Times New Roman where fontconfig knows it (or where there is no fontconfig to ask, as on the
    office's Windows machines), else its metric twin Liberation Serif."""
    if shutil.which("fc-list") is None:
        return PREFERRED_FONT
    found = subprocess.run(
        ["fc-list", f":family={PREFERRED_FONT}", "family"], capture_output=True, text=True, check=False
    )
    return PREFERRED_FONT if found.stdout.strip() else FALLBACK_FONT


def date_vi(day: dt.date) -> str:
    """'ngày 05 tháng 02 năm 2023', 'ngày 14 tháng 3 năm 2023': a day below 10 and the months 1 and 2
    take a leading zero (Nghị định 30/2020/NĐ-CP)."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def new_document() -> DocxDocument:
    """A4 portrait, margins top and bottom 20 mm, left 30 mm, right 15 mm; body text 14 pt."""
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    font = document_font()
    for style_name in ("Normal", "Table Grid"):
        style = document.styles[style_name]
        style.font.name = font
        style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:cs"), font)
    document.styles["Normal"].font.size = Pt(BODY_PT)
    document.styles["Normal"].paragraph_format.space_after = Pt(6)
    for name, size in ((TABLE_TEXT, TABLE_PT), (ANNEX_TEXT, ANNEX_PT)):
        style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = document.styles["Normal"]
        style.font.size = Pt(size)
        style.paragraph_format.space_after = Pt(0)
    return document


def paragraph(
    container,
    text: str = "",
    *,
    bold: bool = False,
    italic: bool = False,
    size: float | None = None,
    align: str = "justify",
    indent: bool = False,
    space_before: float = 0,
):
    """A paragraph of one run; align is left, center, right or justify; indent: the first line 1 cm."""
    para = container.add_paragraph()
    para.alignment = getattr(WD_ALIGN_PARAGRAPH, align.upper())
    para.paragraph_format.space_before = Pt(space_before)
    if indent:
        para.paragraph_format.first_line_indent = Mm(10)
    if text:
        run = para.add_run(text)
        run.bold, run.italic = bold, italic
        if size is not None:
            run.font.size = Pt(size)
    return para


def set_column_widths(table: Table, widths_mm: Sequence[float]) -> None:
    """Word reads the cells' widths, LibreOffice the table grid's: both are set (before any merge)."""
    table.autofit = False
    for column, width in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width)
    for row in table.rows:
        for cell, width in zip(plain_cells(row), widths_mm, strict=True):
            cell.width = Mm(width)


def _tight(cell: _Cell) -> None:
    for para in cell.paragraphs:
        para.paragraph_format.space_after = Pt(0)


def heading_block(document: DocxDocument, settings: ReportSettings) -> None:
    """Issuing body and the number left to fill on the left; Quốc hiệu, Tiêu ngữ, place and date on the
    right (the office fills in the number and the date when it signs)."""
    table = document.add_table(rows=1, cols=2)
    set_column_widths(table, (62, 103))
    left, right = table.rows[0].cells
    for index, line in enumerate(settings.issuer_heading):
        para = left.paragraphs[0] if index == 0 else left.add_paragraph()
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = para.add_run(line)
        run.bold, run.font.size = True, Pt(13)
    paragraph(left, f"Số: ……/{settings.document_code}", size=13, align="center")
    right.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = right.paragraphs[0].add_run(NATIONAL_NAME)
    run.bold, run.font.size = True, Pt(12)
    motto = paragraph(right, MOTTO, bold=True, size=13, align="center")
    motto.runs[0].underline = True
    paragraph(right, settings.place_and_blank_date, italic=True, size=13, align="center")
    _tight(left)
    _tight(right)


def closing_block(document: DocxDocument, settings: ReportSettings) -> None:
    """Nơi nhận on the left, the signature block on the right (Nghị định 30/2020/NĐ-CP)."""
    paragraph(document)
    table = document.add_table(rows=1, cols=2)
    set_column_widths(table, (85, 80))
    left, right = table.rows[0].cells
    run = left.paragraphs[0].add_run("Nơi nhận:")
    run.bold, run.italic, run.font.size = True, True, Pt(12)
    for index, recipient in enumerate(settings.recipients):
        ending = "." if index == len(settings.recipients) - 1 else ";"
        paragraph(left, f"- {recipient.rstrip('.;')}{ending}", size=11, align="left")
    right.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = right.paragraphs[0].add_run(settings.signer_authority)
    run.bold = True
    paragraph(right, settings.signer_title, bold=True, align="center")
    _tight(left)
    _tight(right)


def title(document: DocxDocument, lines: Sequence[str], note: str | None = None) -> None:
    heading = paragraph(document, "BÁO CÁO", bold=True, size=14, align="center", space_before=12)
    heading.paragraph_format.space_after = Pt(0)
    for line in lines:
        paragraph(document, line, bold=True, size=14, align="center").paragraph_format.space_after = Pt(0)
    if note:
        paragraph(document, note, italic=True, size=13, align="center")
    paragraph(document, "______", bold=True, align="center")


def grid_table(
    container,
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    widths_mm: Sequence[float],
    number_from: int = 1,
) -> Table:
    """A bordered table, header row bold and repeated on each page; columns from `number_from` on are
    numbers, aligned right."""
    table = container.add_table(rows=1 + len(rows), cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    set_column_widths(table, widths_mm)
    style = document_style(container, TABLE_TEXT)
    for row_index, (row, values) in enumerate(zip(table.rows, [headers, *rows], strict=True)):
        for column, (cell, value) in enumerate(zip(plain_cells(row), values, strict=True)):
            para = cell.paragraphs[0]
            set_style(para, style)
            if row_index == 0:
                para.alignment = WD_ALIGN_PARAGRAPH.CENTER
                para.add_run(value).bold = True
                continue
            if column >= number_from:
                para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            para.add_run(value)
    repeat_header_rows(table, 1)
    return table


def document_style(container, name: str) -> str:
    """The id of a paragraph style of the document that `container` (itself, or a cell) belongs to."""
    return container.part.document.styles[name].style_id


def set_style(para, style_id: str) -> None:
    # `para.style = …` looks the style up among all the document's styles on every call: slow over the
    # hundreds of cells of a table; the id is written directly instead.
    para._p.get_or_add_pPr().style = style_id


def plain_cells(row: _Row) -> list[_Cell]:
    """The cells of a row without merged cells. python-docx's own row.cells and table.cell() walk the
    whole table on every call (for its merges), which made a 60-row table take seconds."""
    return [_Cell(tc, row.table) for tc in row._tr.tc_lst]


def repeat_header_rows(table: Table, n_rows: int) -> None:
    for row in table.rows[:n_rows]:
        flag = OxmlElement("w:tblHeader")
        flag.set(qn("w:val"), "true")
        row._tr.get_or_add_trPr().append(flag)


def landscape_section(document: DocxDocument) -> None:
    """A new page in landscape for a wide table, same margins turned."""
    previous = document.sections[-1]
    section = document.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = previous.page_height, previous.page_width
    section.left_margin = section.right_margin = Mm(15)
    section.top_margin, section.bottom_margin = Mm(20), Mm(15)
