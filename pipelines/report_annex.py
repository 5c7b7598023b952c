"""The narrative report's annex: Biểu số 06/VPCP/KSTT for all units, on a landscape page, with the
form's header grouping (pipelines.bieu_06) and the same rows as the workbook's summary sheet."""

from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from pipelines.bieu_06 import (
    FORM_CODE,
    HEADER_CELLS,
    MEASURE,
    N_COLUMNS,
    TITLE,
    as_of_lines,
    form_rows,
    period_line,
    withdrawn_note,
)
from pipelines.labels import format_count_vi
from pipelines.report_data import FormData
from pipelines.report_docx import (
    ANNEX_TEXT,
    document_style,
    landscape_section,
    paragraph,
    plain_cells,
    repeat_header_rows,
    set_column_widths,
    set_style,
)

ALIGN = {
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
}
N_HEADER_ROWS = 4  # the three rows of the grouping and the row of column numbers
COLUMN_WIDTHS_MM = (11, 62, *([18.5] * 11))  # 267 mm: A4 landscape less 15 mm margins


def _write(cell, style, text: str, bold: bool = False, italic: bool = False, align: str = "center") -> None:
    para = cell.paragraphs[0]
    set_style(para, style)
    para.alignment = ALIGN[align]
    run = para.add_run(text)
    if bold:
        run.bold = True
    if italic:
        run.italic = True


def add_bieu_06_annex(document: DocxDocument, form: FormData) -> None:
    landscape_section(document)
    paragraph(document, "PHỤ LỤC", bold=True, align="center").paragraph_format.space_after = Pt(0)
    paragraph(document, f"{FORM_CODE}: {TITLE}", bold=True, size=12, align="center")
    settings = form.settings
    paragraph(
        document,
        f"(Kèm theo Báo cáo số ……/{settings.document_code} ngày …… tháng …… năm …… "
        f"của {settings.issuer_name})",
        italic=True,
        size=12,
        align="center",
    )
    paragraph(document, period_line(form.period), italic=True, size=12, align="center")
    as_of, warning = as_of_lines(form.period, form.as_of_date)
    paragraph(document, as_of, italic=True, size=12, align="center")
    if warning:
        paragraph(document, warning, bold=True, italic=True, size=12, align="center")
    paragraph(document, MEASURE, italic=True, size=11, align="right")

    rows = form_rows(form.summary)
    table = document.add_table(rows=N_HEADER_ROWS + len(rows), cols=N_COLUMNS)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    set_column_widths(table, COLUMN_WIDTHS_MM)
    style = document_style(document, ANNEX_TEXT)
    grid = [
        plain_cells(row) for row in table.rows[:N_HEADER_ROWS]
    ]  # taken before merging: ranges are disjoint
    for first_col, last_col, first_row, last_row, text in HEADER_CELLS:
        cell = grid[first_row][first_col]
        if (first_col, first_row) != (last_col, last_row):
            cell = cell.merge(grid[last_row][last_col])
        _write(cell, style, text, bold=True)
    for column, cell in enumerate(grid[N_HEADER_ROWS - 1]):
        _write(cell, style, f"({column + 1})", italic=True)
    for row, values in zip(table.rows[N_HEADER_ROWS:], rows, strict=True):
        cells = plain_cells(row)
        _write(cells[0], style, values.stt, bold=values.is_bold)
        _write(cells[1], style, values.label, bold=values.is_bold, align="left")
        for cell, number in zip(cells[2:], values.numbers, strict=True):
            _write(cell, style, format_count_vi(number), bold=values.is_bold, align="right")
    repeat_header_rows(table, N_HEADER_ROWS)
    paragraph(document, withdrawn_note(form.summary), italic=True, size=11, align="left")
