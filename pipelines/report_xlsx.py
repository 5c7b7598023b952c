"""Biểu số 06/VPCP/KSTT (Thông tư 01/2020/TT-VPCP) written as .xlsx, laid out as the form is filled in:
a sheet for all units (reported by the city), then one per unit (reported by that unit), from the rows
of rpt_bieu_06. The header block names the reporting and receiving units (catalogues/report.csv), the
period and the data's as-of date; a signature block closes each sheet; each prints on A4 landscape, one
page wide, with the header rows repeated. No cell is a formula: every text cell is written as a string,
so a lĩnh vực or unit name starting with = + - @ stays text, and the numbers are values.
"""

import re
from pathlib import Path

import polars as pl
import xlsxwriter
import xlsxwriter.exceptions

from pipelines.bieu_06 import (
    FORM_BASIS,
    FORM_CODE,
    HEAD,
    HEAD_NOTE,
    HEADER_CELLS,
    MEASURE,
    PREPARER,
    PREPARER_NOTE,
    TITLE,
    as_of_lines,
    form_rows,
    period_line,
    withdrawn_note,
)
from pipelines.errors import TthcError
from pipelines.report_data import FormData

SUMMARY_SHEET = "Tổng hợp"
HEADER_TOP = 6  # first of the three header rows; the column numbers follow, then the data
FIRST_DATA_ROW = HEADER_TOP + 4
_LAST_COLUMN = 12  # M: column (13)
_RIGHT_BLOCK = 9  # J: where the units, the measure and the head's signature start
_SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def _formats(workbook: xlsxwriter.Workbook) -> dict[str, object]:
    base = {"font_name": "Times New Roman", "font_size": 11, "valign": "vcenter"}
    cell = {**base, "border": 1}
    return {
        "unit": workbook.add_format({**base, "text_wrap": True}),
        "form_code": workbook.add_format({**base, "bold": True}),
        "form_basis": workbook.add_format({**base, "italic": True, "font_size": 10, "text_wrap": True}),
        "title": workbook.add_format({**base, "bold": True, "align": "center", "font_size": 13}),
        "period": workbook.add_format({**base, "bold": True, "align": "center"}),
        "as_of": workbook.add_format({**base, "italic": True, "align": "center"}),
        "warning": workbook.add_format({**base, "italic": True, "bold": True, "font_color": "#c00000"}),
        "measure": workbook.add_format({**base, "italic": True, "align": "right"}),
        "sign_place": workbook.add_format({**base, "italic": True, "align": "center"}),
        "sign_title": workbook.add_format({**base, "bold": True, "align": "center"}),
        "sign_note": workbook.add_format({**base, "italic": True, "align": "center"}),
        "header": workbook.add_format({**cell, "bold": True, "align": "center", "text_wrap": True}),
        "column_number": workbook.add_format({**cell, "italic": True, "align": "center"}),
        "text": workbook.add_format({**cell, "text_wrap": True}),
        "text_bold": workbook.add_format({**cell, "bold": True, "text_wrap": True}),
        "stt": workbook.add_format({**cell, "align": "center"}),
        "stt_bold": workbook.add_format({**cell, "align": "center", "bold": True}),
        "number": workbook.add_format({**cell, "num_format": "#,##0"}),
        "number_bold": workbook.add_format({**cell, "num_format": "#,##0", "bold": True}),
        "note": workbook.add_format({**base, "italic": True, "font_size": 10}),
    }


def _merge_text(
    sheet, first_row: int, first_col: int, last_row: int, last_col: int, text: str, cell_format
) -> None:
    # merge_range() writes its text with write(), which turns "{=…}" into an array formula.
    sheet.merge_range(first_row, first_col, last_row, last_col, "", cell_format)
    sheet.write_string(first_row, first_col, text, cell_format)


def _write_header(
    sheet, fmt: dict[str, object], form: FormData, reporting_unit: str, receiving_unit: str
) -> None:
    right = (_RIGHT_BLOCK, _LAST_COLUMN)
    _merge_text(sheet, 0, 0, 0, 4, FORM_CODE, fmt["form_code"])
    _merge_text(sheet, 1, 0, 1, 4, FORM_BASIS, fmt["form_basis"])
    _merge_text(sheet, 0, right[0], 0, right[1], f"Đơn vị báo cáo: {reporting_unit}", fmt["unit"])
    _merge_text(sheet, 1, right[0], 1, right[1], f"Đơn vị nhận báo cáo: {receiving_unit}", fmt["unit"])
    _merge_text(sheet, 2, 0, 2, _LAST_COLUMN, TITLE, fmt["title"])
    _merge_text(sheet, 3, 0, 3, _LAST_COLUMN, period_line(form.period), fmt["period"])
    as_of, warning = as_of_lines(form.period, form.as_of_date)
    _merge_text(sheet, 4, 0, 4, _LAST_COLUMN, as_of, fmt["as_of"])
    if warning:
        _merge_text(sheet, 5, 0, 5, right[0] - 1, warning, fmt["warning"])
    _merge_text(sheet, 5, right[0], 5, right[1], MEASURE, fmt["measure"])

    for first_col, last_col, first_row, last_row, text in HEADER_CELLS:
        top, bottom = HEADER_TOP + first_row, HEADER_TOP + last_row
        if (first_col, top) == (last_col, bottom):
            sheet.write_string(top, first_col, text, fmt["header"])
        else:
            _merge_text(sheet, top, first_col, bottom, last_col, text, fmt["header"])
    for column in range(_LAST_COLUMN + 1):
        sheet.write_string(HEADER_TOP + 3, column, f"({column + 1})", fmt["column_number"])


def _write_signatures(sheet, fmt: dict[str, object], first_row: int, place_and_date: str) -> None:
    """Place and date over the head's signature on the right, the preparer's on the left."""
    right = (first_row, _RIGHT_BLOCK, first_row, _LAST_COLUMN)
    _merge_text(sheet, *right, place_and_date, fmt["sign_place"])
    for offset, (left_text, right_text, style) in enumerate(
        ((PREPARER, HEAD, "sign_title"), (PREPARER_NOTE, HEAD_NOTE, "sign_note")), start=1
    ):
        sheet.write_string(first_row + offset, 1, left_text, fmt[style])
        _merge_text(
            sheet, first_row + offset, _RIGHT_BLOCK, first_row + offset, _LAST_COLUMN, right_text, fmt[style]
        )


def _write_rows(sheet, fmt: dict[str, object], rows: pl.DataFrame) -> int:
    """Write the table rows; return the index of the row after the last."""
    row_index = FIRST_DATA_ROW
    for row in form_rows(rows):
        bold = "_bold" if row.is_bold else ""
        sheet.write_string(row_index, 0, row.stt, fmt[f"stt{bold}"])
        sheet.write_string(row_index, 1, row.label, fmt[f"text{bold}"])
        for column, number in enumerate(row.numbers, start=2):
            sheet.write_number(row_index, column, number, fmt[f"number{bold}"])
        row_index += 1
    return row_index


def _write_sheet(
    workbook,
    fmt: dict[str, object],
    sheet_name: str,
    form: FormData,
    units: tuple[str, str],
    rows: pl.DataFrame,
) -> None:
    """units: the reporting and the receiving unit of this sheet."""
    sheet = workbook.add_worksheet(sheet_name)
    _write_header(sheet, fmt, form, *units)
    after_last = _write_rows(sheet, fmt, rows)
    sheet.write_string(after_last + 1, 1, withdrawn_note(rows), fmt["note"])
    _write_signatures(sheet, fmt, after_last + 3, form.settings.place_and_blank_date)
    sheet.set_column(0, 0, 6)
    sheet.set_column(1, 1, 44)
    sheet.set_column(2, _LAST_COLUMN, 11)
    sheet.set_row(0, 30)
    sheet.set_row(1, 30)
    sheet.set_row(HEADER_TOP + 2, 48)
    sheet.freeze_panes(FIRST_DATA_ROW, 2)
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.fit_to_pages(1, 0)  # one page wide, as many pages long as the rows need
    sheet.center_horizontally()
    sheet.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.5)
    sheet.repeat_rows(HEADER_TOP, FIRST_DATA_ROW - 1)


def _sheet_name(unit_name: str, taken: set[str]) -> str:
    """Excel's rules: at most 31 characters, none of []:*?/\\, unique ignoring case."""
    base = _SHEET_NAME_FORBIDDEN.sub(" ", unit_name).strip().strip("'")[:31].strip() or "Đơn vị"
    name, n = base, 2
    while name.casefold() in taken:
        suffix = f" ({n})"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(name.casefold())
    return name


def write_bieu_06(path: Path, form: FormData) -> None:
    """The summary sheet, reported by the city, then one sheet per unit, reported by that unit."""
    workbook = xlsxwriter.Workbook(
        str(path), {"strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False}
    )
    fmt = _formats(workbook)
    settings = form.settings
    taken = {SUMMARY_SHEET.casefold()}
    city = (settings.issuer_name, settings.receiving_unit)
    _write_sheet(workbook, fmt, SUMMARY_SHEET, form, city, form.summary)
    for unit_name, rows in form.unit_tables:
        units = (unit_name, settings.unit_receiving_unit)
        _write_sheet(workbook, fmt, _sheet_name(unit_name, taken), form, units, rows)
    try:
        workbook.close()
    except xlsxwriter.exceptions.FileCreateError as exc:
        raise TthcError(f"Không ghi được tệp báo cáo {path}: {exc}") from exc
