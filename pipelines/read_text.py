"""Delimited text exports: CSV in UTF-8 with or without BOM, and Excel's "Unicode text" (UTF-16,
tab-separated)."""

import codecs
import csv
import io
from pathlib import Path

import polars as pl

from pipelines.errors import ExportFormatError

_HEAD_CHARS = 200_000
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def decoded_head(head: bytes) -> str:
    """The first bytes of a text file as text, whatever its Unicode encoding (BOM or none)."""
    if head.startswith(_UTF16_BOMS):
        return head.decode("utf-16", errors="replace")
    return head.decode("utf-8-sig", errors="replace")


def _utf8_source(path: Path) -> tuple[Path | io.BytesIO, str]:
    """UTF-16 is re-encoded to UTF-8 in memory; UTF-8 with or without BOM is read in place."""
    with path.open("rb") as handle:
        head = handle.read(_HEAD_CHARS)
    if head.startswith(_UTF16_BOMS):
        text = path.read_bytes().decode("utf-16")
        return io.BytesIO(text.encode("utf-8")), text[:_HEAD_CHARS]
    return path, head.decode("utf-8-sig", errors="replace")


def _sniff_delimiter(lines: list[str]) -> str:
    counts = {d: sum(line.count(d) for line in lines[:30]) for d in (",", ";", "\t")}
    return max(counts, key=counts.get)


def _invalid_message(original_name: str) -> str:
    """Without the reader's own message: Polars quotes the cells it failed on, which may be a data row
    holding a name or a phone number."""
    return (
        f"Tệp «{original_name}» không phải tệp CSV hợp lệ (thường là một ô mở dấu ngoặc kép mà không đóng). "
        "Hãy mở tệp bằng Excel hoặc LibreOffice, lưu lại dạng .xlsx rồi tải lên lại."
    )


def read_delimited(path: Path, original_name: str, max_rows: int | None = None) -> pl.DataFrame:
    """A text grid: columns c0…cN, every row of the file (blank ones too) in order."""
    source, head_text = _utf8_source(path)
    delimiter = _sniff_delimiter(head_text.splitlines())
    try:
        records = csv.reader(io.StringIO(head_text, newline=""), delimiter=delimiter)
        width = max((len(record) for record in records), default=0)
    except csv.Error as exc:
        raise ExportFormatError(_invalid_message(original_name)) from exc
    if width == 0:
        raise ExportFormatError(f"Tệp «{original_name}» không có dữ liệu.")
    try:
        return pl.read_csv(
            source,
            has_header=False,
            separator=delimiter,
            schema={f"c{i}": pl.String for i in range(width)},
            truncate_ragged_lines=True,
            missing_columns="insert",
            extra_columns="ignore",
            encoding="utf8",
            n_rows=max_rows,
            glob=False,  # a name with [ ] or * is a file name, not a pattern
        )
    except pl.exceptions.PolarsError as exc:
        if "utf-8" in str(exc).lower() or "utf8" in str(exc).lower():
            raise ExportFormatError(
                f"Tệp «{original_name}» không phải văn bản UTF-8. "
                "Hãy lưu lại dạng «CSV UTF-8» hoặc «Unicode Text» trong Excel."
            ) from exc
        raise ExportFormatError(_invalid_message(original_name)) from exc
