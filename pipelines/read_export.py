"""Read an export file into a grid of text cells, keeping each row's number in the sheet.

Every cell is read as text and converted later on purpose: readers turn codes and phone numbers
into integers and lose leading zeros.
"""

import csv
import io
import zipfile
from pathlib import Path

import fastexcel
import polars as pl

from pipelines.errors import ExportFormatError
from pipelines.settings import IngestSettings

SHEET_ROW = "sheet_row"
EXCEL_SUFFIXES = {".xlsx", ".xlsm", ".xls"}
CSV_SUFFIXES = {".csv", ".txt"}
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"


def read_grids(path: Path, original_name: str, settings: IngestSettings) -> list[pl.DataFrame]:
    """One text grid per sheet (a CSV is one sheet); columns c0…cN plus `sheet_row` (1-based)."""
    max_bytes = settings.max_file_bytes
    size = path.stat().st_size
    if size == 0:
        raise ExportFormatError(f"Tệp «{original_name}» rỗng (0 byte).")
    if size > max_bytes:
        raise ExportFormatError(
            f"Tệp «{original_name}» có dung lượng {size / 1048576:.0f} MB, vượt giới hạn "
            f"{max_bytes / 1048576:.0f} MB. Hãy xuất theo từng tháng hoặc tăng giới hạn TTHC_MAX_FILE_MB."
        )
    suffix = Path(original_name).suffix.lower()
    if suffix in EXCEL_SUFFIXES:
        return _read_excel(path, original_name, suffix, settings.max_unpacked_bytes)
    if suffix in CSV_SUFFIXES:
        return [_read_csv(path, original_name)]
    raise ExportFormatError(
        f"Tệp «{original_name}» có đuôi «{suffix or '(không có)'}»: chỉ nhận .xlsx, .xls hoặc .csv."
    )


def _excel_problem(path: Path, original_name: str, suffix: str, max_unpacked: int) -> str | None:
    head = path.read_bytes()[:8]
    if suffix in {".xlsx", ".xlsm"}:
        if head.startswith(_OLE_MAGIC):
            return (
                f"Tệp «{original_name}» được bảo vệ bằng mật khẩu (hoặc là tệp .xls đổi tên). "
                "Hãy mở trong Excel, bỏ mật khẩu, lưu lại dạng .xlsx rồi tải lên."
            )
        if not zipfile.is_zipfile(path):
            return f"Tệp «{original_name}» không phải tệp Excel hợp lệ (tệp hỏng hoặc sai định dạng)."
        try:
            with zipfile.ZipFile(path) as archive:
                unpacked = sum(member.file_size for member in archive.infolist())
        except zipfile.BadZipFile:
            return f"Tệp «{original_name}» không phải tệp Excel hợp lệ (tệp hỏng hoặc sai định dạng)."
        if unpacked > max_unpacked:
            return (
                f"Tệp «{original_name}» khi giải nén lớn {unpacked / 1048576:.0f} MB, vượt giới hạn "
                f"{max_unpacked / 1048576:.0f} MB (TTHC_MAX_UNPACKED_MB): có thể là tệp hỏng hoặc độc hại."
            )
    elif not head.startswith(_OLE_MAGIC):
        return f"Tệp «{original_name}» không phải tệp Excel .xls hợp lệ."
    return None


def _read_excel(path: Path, original_name: str, suffix: str, max_unpacked: int) -> list[pl.DataFrame]:
    problem = _excel_problem(path, original_name, suffix, max_unpacked)
    if problem:
        raise ExportFormatError(problem)
    try:
        reader = fastexcel.read_excel(path)
        grids = []
        for sheet_name in reader.sheet_names:
            # skip_rows=0 keeps leading blank rows, so the frame's index is the sheet row - 1.
            sheet = reader.load_sheet(sheet_name, header_row=None, skip_rows=0, dtypes="string")
            grids.append(_with_row_numbers(sheet.to_polars(), first_row=1))
    except ExportFormatError:
        raise
    except Exception as exc:  # calamine raises its own error types for every broken file
        raise ExportFormatError(
            f"Không đọc được tệp Excel «{original_name}»: tệp hỏng, được bảo vệ hoặc không đúng định dạng "
            f"({type(exc).__name__})."
        ) from exc
    return grids


def _utf8_source(path: Path) -> tuple[Path | io.BytesIO, str]:
    """UTF-16 (Excel's "Unicode text") is re-encoded; UTF-8 with or without BOM is read in place."""
    with path.open("rb") as handle:
        head = handle.read(200_000)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = path.read_bytes().decode("utf-16")
        return io.BytesIO(text.encode("utf-8")), text[:200_000]
    return path, head.decode("utf-8-sig", errors="replace")


def _read_csv(path: Path, original_name: str) -> pl.DataFrame:
    source, head_text = _utf8_source(path)
    delimiter = _sniff_delimiter(head_text.splitlines())
    try:
        records = csv.reader(io.StringIO(head_text, newline=""), delimiter=delimiter)
        width = max((len(record) for record in records), default=0)
    except csv.Error as exc:
        raise ExportFormatError(f"Tệp «{original_name}» không phải tệp CSV hợp lệ ({exc}).") from exc
    if width == 0:
        raise ExportFormatError(f"Tệp «{original_name}» không có dữ liệu.")
    try:
        grid = pl.read_csv(
            source,
            has_header=False,
            separator=delimiter,
            schema={f"c{i}": pl.String for i in range(width)},
            truncate_ragged_lines=True,
            missing_columns="insert",
            extra_columns="ignore",
            encoding="utf8",
        )
    except pl.exceptions.PolarsError as exc:
        if "utf-8" in str(exc).lower() or "utf8" in str(exc).lower():
            raise ExportFormatError(
                f"Tệp «{original_name}» không phải văn bản UTF-8. "
                "Hãy lưu lại dạng «CSV UTF-8» hoặc «Unicode Text» trong Excel."
            ) from exc
        raise ExportFormatError(f"Không đọc được tệp CSV «{original_name}»: {exc}") from exc
    return _with_row_numbers(grid, first_row=1)


def _sniff_delimiter(lines: list[str]) -> str:
    counts = {d: sum(line.count(d) for line in lines[:30]) for d in (",", ";", "\t")}
    return max(counts, key=counts.get)


def _with_row_numbers(frame: pl.DataFrame, first_row: int) -> pl.DataFrame:
    renamed = frame.rename({name: f"c{i}" for i, name in enumerate(frame.columns)})
    return renamed.with_row_index(SHEET_ROW, offset=first_row).with_columns(pl.col(SHEET_ROW).cast(pl.Int64))
