"""What the Tải lên page shows of an upload: one line per file, and the rejected rows."""

import polars as pl

from pipelines.cli_ingest import REJECT_LABELS_VI
from pipelines.ingest import IngestResult
from ui import format as fmt

STATUS_LABELS_VI = {
    "loaded": "Đã nạp",
    "duplicate_file": "Đã nạp trước đó, không có gì mới",
    "failed": "Không đọc được",
    "rebuilt": "Dựng lại kho dữ liệu",
}
RESULT_COLUMNS = {
    "file_name": "Tệp",
    "status": "Kết quả",
    "as_of_date": "Dữ liệu đến ngày",
    "n_read": "Số dòng đọc",
    "n_new": "Hồ sơ mới",
    "n_updated": "Cập nhật",
    "n_unchanged": "Không đổi",
    "n_rejected": "Bị loại",
    "n_skipped": "Bỏ qua",
}
REJECT_COLUMNS = {
    "file_name": "Tệp",
    "sheet_row": "Dòng",
    "reason": "Lý do",
    "message_vi": "Chi tiết",
    "column_name": "Cột",
    "original_values": "Giá trị gốc",
}
REASON_LABELS_VI = {code: label[:1].upper() + label[1:] for code, label in REJECT_LABELS_VI.items()}
COUNTS = ("n_read", "n_new", "n_updated", "n_unchanged", "n_rejected", "n_skipped")


def results_table(results: list[IngestResult]) -> pl.DataFrame:
    rows = [
        {name: getattr(result, name) for name in RESULT_COLUMNS} | {"status": STATUS_LABELS_VI[result.status]}
        for result in results
    ]
    frame = pl.DataFrame(
        rows,
        schema={
            **dict.fromkeys(RESULT_COLUMNS, pl.String),
            "as_of_date": pl.Date,
            **dict.fromkeys(COUNTS, pl.Int64),
        },
    )
    return fmt.display_table(frame, RESULT_COLUMNS, counts=COUNTS)


def _with_reason(rejects: pl.DataFrame) -> pl.DataFrame:
    return rejects.with_columns(
        pl.col("reason_code").replace_strict(REASON_LABELS_VI, default=pl.col("reason_code")).alias("reason")
    )


def rejects_table(rejects: pl.DataFrame) -> pl.DataFrame:
    return fmt.display_table(_with_reason(rejects), REJECT_COLUMNS)


def rejects_download(rejects: pl.DataFrame) -> pl.DataFrame:
    """For the person fixing the export: file, row, reason, then each original value in its own column."""
    located = _with_reason(rejects).select(
        pl.col("file_name").alias("Tệp"),
        pl.col("sheet_row").alias("Dòng"),
        pl.col("reason").alias("Lý do"),
        pl.col("message_vi").alias("Chi tiết"),
        pl.col("original_values"),
    )
    if located.is_empty():
        return located.drop("original_values")
    values = located["original_values"].str.json_decode(infer_schema_length=None)
    return located.drop("original_values").hstack(values.struct.unnest())
