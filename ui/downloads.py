"""Tables as .xlsx and .csv downloads that a spreadsheet opens as data, never as formulas."""

import io

import polars as pl
import xlsxwriter

# A cell starting with one of these is a formula to Excel and LibreOffice (OWASP "CSV injection").
FORMULA_START = r"^[=+\-@\t\r]"


def defused(column: str) -> pl.Expr:
    """For CSV: a leading single quote makes spreadsheets show the text as written."""
    text = pl.col(column)
    return pl.when(text.str.contains(FORMULA_START)).then(pl.lit("'") + text).otherwise(text).alias(column)


def csv_bytes(frame: pl.DataFrame) -> bytes:
    """UTF-8 with BOM so that Excel reads Vietnamese text correctly; text cells defused."""
    safe = frame.with_columns(defused(name) for name, dtype in frame.schema.items() if dtype == pl.String)
    text = safe.write_csv(datetime_format="%d/%m/%Y %H:%M", date_format="%d/%m/%Y")
    return ("\ufeff" + text).encode()


def xlsx_bytes(frame: pl.DataFrame, sheet_name: str) -> bytes:
    """Every text cell written as a string (never a formula, number or link); dates as real dates."""
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(
        buffer,
        {
            "in_memory": True,
            "strings_to_formulas": False,
            "strings_to_numbers": False,
            "strings_to_urls": False,
        },
    )
    sheet = workbook.add_worksheet(sheet_name[:31])
    header = workbook.add_format({"bold": True, "text_wrap": True, "valign": "top", "bg_color": "#E8EEF4"})
    date_format = workbook.add_format({"num_format": "dd/mm/yyyy"})
    datetime_format = workbook.add_format({"num_format": "dd/mm/yyyy hh:mm"})
    for col, name in enumerate(frame.columns):
        sheet.write_string(0, col, name, header)
        sheet.set_column(col, col, max(12, min(40, len(name) + 2)))
    for col, (name, dtype) in enumerate(frame.schema.items()):
        for row, value in enumerate(frame[name].to_list(), start=1):
            if value is None:
                continue
            if dtype == pl.String:
                sheet.write_string(row, col, value)
            elif dtype == pl.Date:
                sheet.write_datetime(row, col, value, date_format)
            elif isinstance(dtype, pl.Datetime):
                sheet.write_datetime(row, col, value, datetime_format)
            elif dtype == pl.Boolean:
                sheet.write_string(row, col, "Có" if value else "Không")
            else:
                sheet.write_number(row, col, value)
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, frame.height, max(frame.width - 1, 0))
    workbook.close()
    return buffer.getvalue()
