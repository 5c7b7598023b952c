"""What the Tải lên page shows of an upload: one sentence and one line per file, the rejected rows grouped
by reason. Labels come from the ingest vocabulary (definitions/ingest_reasons.csv)."""

import polars as pl

from pipelines.catalogues import load_catalogues
from pipelines.ingest import IngestResult
from pipelines.ingest_summary import STATUS_LABELS_VI, summary_vi
from ui import format as fmt

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
COUNTS = ("n_read", "n_new", "n_updated", "n_unchanged", "n_rejected", "n_skipped")
# What the file picker offers; the format is recognised by the content, whatever the name says.
ACCEPTED_SUFFIXES = ["xlsx", "xlsm", "xls", "ods", "csv", "txt", "tsv", "xml", "htm", "html"]
_LEVEL_ORDER = {"city": 0, "ward": 1, "commune": 2}


def unit_options() -> dict[str, str]:
    """unit_id → name of the catalogue's units, city departments first, then wards, then communes."""
    units = load_catalogues().units.sort(
        pl.col("level").replace_strict(_LEVEL_ORDER, default=9), "name", "valid_from", nulls_last=True
    )
    return dict(
        units.unique(subset=["unit_id"], keep="last", maintain_order=True)
        .select("unit_id", "name")
        .iter_rows()
    )


def reason_labels() -> dict[str, str]:
    """Reason or flag code → its label, capitalised."""
    reasons = load_catalogues().vocabulary.reasons
    return {code: fmt.capitalised(reason.label_vi) for code, reason in reasons.items()}


def summaries(results: list[IngestResult]) -> list[tuple[str, str]]:
    """(status, one sentence) per file."""
    catalogues = load_catalogues()
    unit_names = dict(catalogues.units.select("unit_id", "name").iter_rows())
    return [(result.status, summary_vi(result, catalogues.vocabulary, unit_names)) for result in results]


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
        pl.col("reason_code").replace_strict(reason_labels(), default=pl.col("reason_code")).alias("reason")
    )


def rejects_by_reason(rejects: pl.DataFrame) -> list[tuple[str, pl.DataFrame]]:
    """(reason label, its rows as shown), the most frequent reason first."""
    order = list(reason_labels())
    groups = _with_reason(rejects).partition_by("reason_code", maintain_order=True)
    groups.sort(key=lambda group: (-group.height, order.index(group["reason_code"][0])))
    return [(group["reason"][0], fmt.display_table(group, REJECT_COLUMNS)) for group in groups]


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
