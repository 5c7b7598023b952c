"""Tables of the Dữ liệu page: the data-quality views with Vietnamese headers and values."""

import polars as pl

from pipelines.ingest_summary import STATUS_LABELS_VI
from ui import format as fmt
from ui.labels import OUTCOMES_VI
from ui.upload import reason_labels

FLAGGED_SHOWN = 500  # rows listed per flag; the count says how many there are


def files_table(files: pl.DataFrame) -> pl.DataFrame:
    labelled = files.with_columns(
        pl.col("status").replace_strict(STATUS_LABELS_VI, default=pl.col("status")),
        pl.when(pl.col("is_demo")).then(pl.lit("Minh họa")).otherwise(pl.lit("")).alias("kind"),
    )
    return fmt.display_table(
        labelled,
        {
            "started_at": "Thời điểm nạp",
            "file_name": "Tệp",
            "status": "Kết quả",
            "kind": "Loại",
            "uploaded_by": "Người tải lên",
            "as_of_date": "Dữ liệu đến ngày",
            "n_read": "Số dòng đọc",
            "n_new": "Mới",
            "n_updated": "Cập nhật",
            "n_unchanged": "Không đổi",
            "n_rejected": "Bị loại",
            "n_skipped": "Bỏ qua",
            "error_vi": "Lỗi",
        },
        counts=("n_read", "n_new", "n_updated", "n_unchanged", "n_rejected", "n_skipped"),
    )


def reasons_table(reasons: pl.DataFrame) -> pl.DataFrame:
    labelled = reasons.with_columns(
        pl.col("reason_code").replace_strict(reason_labels(), default=pl.col("reason_code")).alias("reason")
    )
    return fmt.display_table(
        labelled, {"reason": "Lý do", "n_rows": "Số dòng", "n_files": "Số tệp"}, counts=("n_rows", "n_files")
    )


def unknown_units_table(units: pl.DataFrame) -> pl.DataFrame:
    return fmt.display_table(
        units,
        {"unit_text": "Đơn vị (như ghi trong tệp)", "n_rows": "Số dòng bị loại", "file_names": "Tệp"},
        counts=("n_rows",),
    )


def unknown_sectors_table(sectors: pl.DataFrame) -> pl.DataFrame:
    return fmt.display_table(
        sectors,
        {
            "sector_name": "Lĩnh vực (như ghi trong tệp)",
            "n_dossiers": "Số hồ sơ",
            "n_units": "Số đơn vị",
            "first_received_date": "Tiếp nhận từ",
            "last_received_date": "đến",
        },
        counts=("n_dossiers", "n_units"),
    )


def mismatches_table(mismatches: pl.DataFrame) -> pl.DataFrame:
    labelled = mismatches.with_columns(
        pl.col(name).replace_strict(OUTCOMES_VI, default=fmt.EMPTY)
        for name in ("outcome_reported", "resolved_outcome")
    )
    return fmt.display_table(
        labelled,
        {
            "dossier_code": "Mã hồ sơ",
            "unit_name": "Đơn vị",
            "sector_name": "Lĩnh vực",
            "received_date": "Ngày tiếp nhận",
            "due_date": "Ngày hẹn trả",
            "finished_date": "Ngày có kết quả",
            "outcome_reported": "Kết quả ghi trong tệp",
            "resolved_outcome": "Kết quả tính từ ngày",
        },
    )


def flag_groups(counts: pl.DataFrame, flagged: pl.DataFrame) -> list[tuple[str, int, pl.DataFrame]]:
    """(flag label, number of dossiers, the first FLAGGED_SHOWN of them as shown) per flag."""
    labels = reason_labels()
    groups = []
    for flag_code, n_dossiers in counts.select("flag_code", "n_dossiers").iter_rows():
        rows = flagged.filter(pl.col("flag_code") == flag_code).head(FLAGGED_SHOWN)
        shown = fmt.display_table(
            rows,
            {
                "dossier_code": "Mã hồ sơ",
                "unit_name": "Đơn vị",
                "sector_name": "Lĩnh vực",
                "procedure_name": "Thủ tục",
                "received_at": "Tiếp nhận",
                "due_at": "Hẹn trả",
                "finished_at": "Có kết quả",
                "status_text": "Trạng thái",
            },
        )
        groups.append((labels.get(flag_code, flag_code), n_dossiers, shown))
    return groups


def not_received_table(rows: pl.DataFrame) -> pl.DataFrame:
    return fmt.display_table(
        rows,
        {
            "file_name": "Tệp",
            "status_text": "Trạng thái",
            "n_dossiers": "Số hồ sơ",
            "first_received_at": "Tiếp nhận từ",
            "last_received_at": "đến",
        },
        counts=("n_dossiers",),
    )
