"""The Biểu số 06 rows (rpt_bieu_06) as a preview table, numbered as on the form."""

import polars as pl

from pipelines.labels import REPORT_BLOCK_LABELS_VI
from pipelines.report_xlsx import NUMBER_COLUMNS
from ui import format as fmt

HEADERS_VI = (
    "(3) Nhận giải quyết: tổng số",
    "(4) trong đó trực tuyến",
    "(5) trực tiếp và bưu chính",
    "(6) từ kỳ trước",
    "(7) Đã giải quyết: tổng số",
    "(8) trước hạn",
    "(9) đúng hạn",
    "(10) quá hạn",
    "(11) Đang giải quyết: tổng số",
    "(12) trong hạn",
    "(13) quá hạn",
)
_ROMAN = ("I", "II", "III", "IV", "V")


def _numbered(rows: pl.DataFrame) -> tuple[list[str], list[str]]:
    """STT and label of each row: blocks I, II, …; lĩnh vực 1, 2, … within a block; the total last."""
    numbers, labels, n_blocks = [], [], 0
    for row in rows.iter_rows(named=True):
        if row["row_kind"] == "block":
            numbers.append(_ROMAN[n_blocks])
            labels.append(REPORT_BLOCK_LABELS_VI.get(row["block_code"], row["block_code"]))
            n_blocks += 1
        elif row["row_kind"] == "sector":
            numbers.append(str(row["sector_number"]))
            labels.append(row["sector_name"])
        else:
            numbers.append("")
            labels.append("Tổng cộng")
    return numbers, labels


def preview(rows: pl.DataFrame) -> pl.DataFrame:
    numbers, labels = _numbered(rows)
    named = pl.DataFrame(
        {"(1) STT": numbers, "(2) Lĩnh vực, công việc giải quyết theo cấp": labels},
        schema=dict.fromkeys(("(1) STT", "(2) Lĩnh vực, công việc giải quyết theo cấp"), pl.String),
    )
    return named.hstack(
        fmt.display_table(rows, dict(zip(NUMBER_COLUMNS, HEADERS_VI, strict=True)), counts=NUMBER_COLUMNS)
    )
