"""Biểu số 06/VPCP/KSTT (Thông tư 01/2020/TT-VPCP) written as .xlsx: a sheet for all units, then one
per unit, from the rows of rpt_bieu_06. Every text cell is written as a string, so a lĩnh vực or unit
name starting with = + - @ never becomes a formula.
"""

import re
from collections.abc import Sequence
from pathlib import Path

import polars as pl
import xlsxwriter
import xlsxwriter.exceptions

from pipelines.errors import TthcError
from pipelines.labels import REPORT_BLOCK_LABELS_VI
from pipelines.periods import Period

FORM_CODE = "Biểu số 06/VPCP/KSTT"
FORM_BASIS = "(Ban hành kèm theo Thông tư số 01/2020/TT-VPCP)"
TITLE = "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT TTHC TẠI CƠ QUAN, ĐƠN VỊ TRỰC TIẾP GIẢI QUYẾT TTHC"
MEASURE = "Đơn vị tính: Số hồ sơ TTHC"
SUMMARY_SHEET = "Tổng hợp"
ALL_UNITS_NAME = "Tổng hợp các cơ quan, đơn vị trực tiếp giải quyết TTHC"

# Form columns (3) to (13), in order.
NUMBER_COLUMNS = (
    "n_received_total",
    "n_received_online",
    "n_received_offline",
    "n_carried_over",
    "n_resolved",
    "n_early",
    "n_on_time",
    "n_late",
    "n_pending",
    "n_pending_in_time",
    "n_pending_overdue",
)
_ROMAN = ("I", "II", "III", "IV", "V")
_HEADER_TOP = 6  # first of the three header rows; the column numbers follow, then the data
_FIRST_DATA_ROW = _HEADER_TOP + 4
_LAST_COLUMN = 12  # M: column (13)
_SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def _formats(workbook: xlsxwriter.Workbook) -> dict[str, object]:
    base = {"font_name": "Times New Roman", "font_size": 11, "valign": "vcenter"}
    cell = {**base, "border": 1}
    return {
        "unit": workbook.add_format({**base, "bold": True}),
        "form_code": workbook.add_format({**base, "bold": True, "align": "center"}),
        "form_basis": workbook.add_format({**base, "italic": True, "align": "center", "font_size": 10}),
        "title": workbook.add_format({**base, "bold": True, "align": "center", "font_size": 13}),
        "period": workbook.add_format({**base, "italic": True, "align": "center"}),
        "measure": workbook.add_format({**base, "italic": True, "align": "right"}),
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


def _write_header(sheet, fmt: dict[str, object], unit_name: str, period: Period) -> None:
    _merge_text(sheet, 0, 0, 0, 5, unit_name, fmt["unit"])
    _merge_text(sheet, 0, 9, 0, _LAST_COLUMN, FORM_CODE, fmt["form_code"])
    _merge_text(sheet, 1, 9, 1, _LAST_COLUMN, FORM_BASIS, fmt["form_basis"])
    _merge_text(sheet, 3, 0, 3, _LAST_COLUMN, TITLE, fmt["title"])
    dates = f"Từ ngày {period.from_date:%d/%m/%Y} đến ngày {period.to_date:%d/%m/%Y}"
    period_line = f"({dates})" if period.kind == "custom" else f"{period.label_vi} ({dates})"
    _merge_text(sheet, 4, 0, 4, _LAST_COLUMN, period_line, fmt["period"])
    _merge_text(sheet, 5, 9, 5, _LAST_COLUMN, MEASURE, fmt["measure"])

    top, middle, bottom = _HEADER_TOP, _HEADER_TOP + 1, _HEADER_TOP + 2
    header = fmt["header"]
    _merge_text(sheet, top, 0, bottom, 0, "STT", header)
    _merge_text(sheet, top, 1, bottom, 1, "Lĩnh vực, công việc giải quyết theo cấp", header)
    for first, last, group_title, sub_titles in (
        (2, 5, "Số hồ sơ nhận giải quyết", ("Trực tuyến", "Trực tiếp và dịch vụ bưu chính", "Từ kỳ trước")),
        (6, 9, "Số hồ sơ đã giải quyết", ("Trước hạn", "Đúng hạn", "Quá hạn")),
        (10, 12, "Số hồ sơ đang giải quyết", ("Trong hạn", "Quá hạn")),
    ):
        _merge_text(sheet, top, first, top, last, group_title, header)
        _merge_text(sheet, middle, first, bottom, first, "Tổng số", header)
        _merge_text(sheet, middle, first + 1, middle, last, "Trong đó", header)
        for offset, sub_title in enumerate(sub_titles, start=1):
            sheet.write_string(bottom, first + offset, sub_title, header)
    for column in range(_LAST_COLUMN + 1):
        sheet.write_string(bottom + 1, column, f"({column + 1})", fmt["column_number"])


def _write_rows(sheet, fmt: dict[str, object], rows: pl.DataFrame) -> int:
    """Write the table rows; return the index of the row after the last."""
    row_index = _FIRST_DATA_ROW
    n_blocks = 0
    for row in rows.iter_rows(named=True):
        bold = row["row_kind"] != "sector"
        if row["row_kind"] == "block":
            stt, label = _ROMAN[n_blocks], REPORT_BLOCK_LABELS_VI.get(row["block_code"], row["block_code"])
            n_blocks += 1
        elif row["row_kind"] == "sector":
            stt, label = str(row["sector_number"]), row["sector_name"]
        else:
            stt, label = "", "Tổng cộng"
        sheet.write_string(row_index, 0, stt, fmt["stt_bold" if bold else "stt"])
        sheet.write_string(row_index, 1, label, fmt["text_bold" if bold else "text"])
        for offset, column in enumerate(NUMBER_COLUMNS, start=2):
            sheet.write_number(row_index, offset, row[column], fmt["number_bold" if bold else "number"])
        row_index += 1
    return row_index


def _write_sheet(
    workbook, fmt: dict[str, object], sheet_name: str, unit_name: str, period: Period, rows: pl.DataFrame
) -> None:
    sheet = workbook.add_worksheet(sheet_name)
    _write_header(sheet, fmt, unit_name, period)
    after_last = _write_rows(sheet, fmt, rows)
    n_withdrawn = rows.filter(pl.col("row_kind") == "total")["n_withdrawn"].sum()
    sheet.write_string(
        after_last + 1,
        1,
        "Ghi chú: (3) = (4) + (5) + (6); (7) = (8) + (9) + (10); (11) = (12) + (13); "
        f"(3) = (7) + (11) + số hồ sơ rút, hủy trong kỳ ({n_withdrawn}).",
        fmt["note"],
    )
    sheet.set_column(0, 0, 6)
    sheet.set_column(1, 1, 44)
    sheet.set_column(2, _LAST_COLUMN, 11)
    sheet.set_row(_HEADER_TOP + 2, 48)
    sheet.freeze_panes(_FIRST_DATA_ROW, 2)
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.fit_to_pages(1, 0)
    sheet.center_horizontally()
    sheet.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.5)
    sheet.repeat_rows(_HEADER_TOP, _FIRST_DATA_ROW - 1)


def _sheet_name(unit_name: str, taken: set[str]) -> str:
    """Excel's rules: at most 31 characters, none of []:*?/\\, unique ignoring case."""
    base = _SHEET_NAME_FORBIDDEN.sub(" ", unit_name).strip().strip("'")[:31].strip() or "Đơn vị"
    name, n = base, 2
    while name.casefold() in taken:
        suffix = f" ({n})"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(name.casefold())
    return name


def write_bieu_06(
    path: Path, period: Period, summary: pl.DataFrame, unit_tables: Sequence[tuple[str, pl.DataFrame]]
) -> None:
    """summary and each unit's table are rpt_bieu_06 rows; unit_tables pairs a unit name with its rows."""
    workbook = xlsxwriter.Workbook(
        str(path), {"strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False}
    )
    fmt = _formats(workbook)
    taken = {SUMMARY_SHEET.casefold()}
    _write_sheet(workbook, fmt, SUMMARY_SHEET, ALL_UNITS_NAME, period, summary)
    for unit_name, rows in unit_tables:
        _write_sheet(workbook, fmt, _sheet_name(unit_name, taken), unit_name, period, rows)
    try:
        workbook.close()
    except xlsxwriter.exceptions.FileCreateError as exc:
        raise TthcError(f"Không ghi được tệp báo cáo {path}: {exc}") from exc
