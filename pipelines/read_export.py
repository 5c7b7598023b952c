"""Read an export file into text grids, one per sheet, keeping each row's number in the sheet.

The format is recognised by the file's content, not its name: one-stop systems save HTML tables and
SpreadsheetML as `.xls`, and clerks re-save exports in LibreOffice. Every cell is read as text and
converted later on purpose: readers turn codes and phone numbers into integers and lose leading zeros.
"""

from pathlib import Path

import polars as pl

from pipelines.errors import ExportFormatError
from pipelines.read_markup import read_html, read_spreadsheetml
from pipelines.read_text import decoded_head, read_delimited
from pipelines.read_workbook import read_workbook
from pipelines.settings import IngestSettings

SHEET_ROW = "sheet_row"
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_SNIFF_BYTES = 8192


def export_format(path: Path) -> str:
    """workbook (xlsx, xlsm, xls, ods: calamine), html, spreadsheetml, text, or binary (none of these: an
    image, a PDF), from the first bytes."""
    with path.open("rb") as handle:
        head = handle.read(_SNIFF_BYTES)
    if head.startswith((_ZIP_MAGIC, _OLE_MAGIC)):
        return "workbook"
    if head.startswith(b"%PDF") or (b"\x00" in head and not head.startswith(_UTF16_BOMS)):
        return "binary"
    text = decoded_head(head).lstrip().lower()
    if text.startswith("<?xml") and "urn:schemas-microsoft-com:office:spreadsheet" in text:
        return "spreadsheetml"
    if text.startswith(("<html", "<!doctype html", "<table", "<?xml", "<meta", "<head")) or "<table" in text:
        return "html"
    return "text"


def read_grids(
    path: Path, original_name: str, settings: IngestSettings, max_rows: int | None = None
) -> list[pl.DataFrame]:
    """One text grid per sheet: columns c0…cN plus `sheet_row` (1-based, the row a person sees); with
    max_rows, only the first rows of each sheet (a preview of the header)."""
    size = path.stat().st_size
    if size == 0:
        raise ExportFormatError(f"Tệp «{original_name}» rỗng (0 byte).")
    if size > settings.max_file_bytes:
        raise ExportFormatError(
            f"Tệp «{original_name}» có dung lượng {size / 1048576:.0f} MB, vượt giới hạn "
            f"{settings.max_file_bytes / 1048576:.0f} MB. Hãy xuất theo từng tháng hoặc tăng giới hạn "
            "TTHC_MAX_FILE_MB."
        )
    kind = export_format(path)
    if kind == "binary":
        raise ExportFormatError(
            f"Tệp «{original_name}» không phải bảng tính (.xlsx, .xls, .ods) hay văn bản CSV: chỉ nhận danh "
            "sách hồ sơ xuất từ hệ thống một cửa, hoặc tệp đó đã lưu lại bằng Excel hay LibreOffice."
        )
    if kind == "workbook":
        sheets = read_workbook(path, original_name, settings.max_unpacked_bytes, max_rows)
    elif kind == "html":
        sheets = read_html(path, original_name)
    elif kind == "spreadsheetml":
        sheets = read_spreadsheetml(path, original_name)
    else:
        sheets = [read_delimited(path, original_name, max_rows)]
    return [_numbered(sheet if max_rows is None else sheet.head(max_rows)) for sheet in sheets]


def _numbered(frame: pl.DataFrame) -> pl.DataFrame:
    """Columns renamed c0…cN and the sheet row added: every reader here keeps leading blank rows, so the
    frame's index is the sheet row - 1."""
    renamed = frame.rename({name: f"c{i}" for i, name in enumerate(frame.columns)})
    return renamed.with_row_index(SHEET_ROW, offset=1).with_columns(pl.col(SHEET_ROW).cast(pl.Int64))
