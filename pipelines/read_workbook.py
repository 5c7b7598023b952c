"""Binary workbooks through calamine (fastexcel): .xlsx and .xlsm (Excel's or LibreOffice's), .xls (BIFF)
and .ods, recognised by their content."""

import zipfile
import zlib
from pathlib import Path

import fastexcel
import polars as pl

from pipelines.errors import ExportFormatError
from pipelines.zip_guard import ZipSizeLie, ZipTooLarge, unpacked_cap, unpacked_size

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# An encrypted (password-protected) .xlsx is an OLE file holding this stream.
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")


def _is_encrypted(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(8) == _OLE_MAGIC and _ENCRYPTED_STREAM in path.read_bytes()


def _zip_problem(path: Path, original_name: str, max_unpacked: int) -> str | None:
    """A zip (xlsx, ods) that is broken, or that unpacks to more than the cap (counted while inflating,
    the zip's own size fields are not trusted)."""
    cap = unpacked_cap(max_unpacked)
    try:
        unpacked_size(path, cap)
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError):
        return f"Tệp «{original_name}» không phải tệp Excel hợp lệ (tệp hỏng hoặc sai định dạng)."
    except ZipSizeLie:
        return (
            f"Tệp «{original_name}» giải nén ra nhiều hơn kích thước chính nó khai báo: tệp hỏng hoặc độc "
            "hại («bom nén»), không đọc."
        )
    except ZipTooLarge as exc:
        return (
            f"Tệp «{original_name}» khi giải nén lớn hơn {exc.unpacked / 1048576:.0f} MB, vượt giới hạn "
            f"{cap / 1048576:.0f} MB (TTHC_MAX_UNPACKED_MB, tối đa một phần tư bộ nhớ máy): có thể là tệp "
            "hỏng hoặc độc hại."
        )
    return None


def read_workbook(
    path: Path, original_name: str, max_unpacked: int, max_rows: int | None = None
) -> list[pl.DataFrame]:
    """One all-text frame per sheet, leading blank rows kept (so the frame's index is the sheet row - 1)."""
    if _is_encrypted(path):
        raise ExportFormatError(
            f"Tệp «{original_name}» được bảo vệ bằng mật khẩu. Hãy mở trong Excel, bỏ mật khẩu, lưu lại "
            "rồi tải lên."
        )
    if zipfile.is_zipfile(path):
        problem = _zip_problem(path, original_name, max_unpacked)
        if problem:
            raise ExportFormatError(problem)
    try:
        reader = fastexcel.read_excel(path)
        return [
            reader.load_sheet(
                name, header_row=None, skip_rows=0, n_rows=max_rows, dtypes="string"
            ).to_polars()
            for name in reader.sheet_names
        ]
    except Exception as exc:  # calamine raises its own error types for every broken file
        raise ExportFormatError(
            f"Không đọc được tệp «{original_name}»: tệp hỏng, được bảo vệ hoặc không đúng định dạng "
            f"bảng tính ({type(exc).__name__})."
        ) from exc
