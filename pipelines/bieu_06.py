"""Biểu số 06/VPCP/KSTT (Thông tư 01/2020/TT-VPCP) as the one-stop systems fill it in: its texts, its
header grouping, the numbering of its rows and the lines under its title. The workbook
(report_xlsx), the narrative report's annex (report_annex) and the page's preview all lay it out from
here.
"""

import datetime as dt
from dataclasses import dataclass

import polars as pl

from pipelines.deadlines import is_incomplete
from pipelines.labels import REPORT_BLOCK_LABELS_VI
from pipelines.periods import Period

FORM_CODE = "Biểu số 06/VPCP/KSTT"
FORM_BASIS = "Ban hành kèm theo Thông tư số 01/2020/TT-VPCP ngày 21/10/2020"
TITLE = "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT TTHC TẠI CƠ QUAN, ĐƠN VỊ TRỰC TIẾP GIẢI QUYẾT TTHC"
MEASURE = "Đơn vị tính: Số hồ sơ TTHC"
PREPARER, PREPARER_NOTE = "Người lập biểu", "(Ký, ghi rõ họ tên)"
HEAD, HEAD_NOTE = "Thủ trưởng đơn vị", "(Ký tên, đóng dấu)"
IDENTITIES = "(3) = (4) + (5) + (6); (7) = (8) + (9) + (10); (11) = (12) + (13)"
N_COLUMNS = 13
# The three header rows: (first column, last column, first row, last row, text), 0-based. "Trong kỳ"
# spans (4) and (5) only; "Từ kỳ trước" (6) and each of (7)–(13) span the two lower rows.
HEADER_CELLS = (
    (0, 0, 0, 2, "STT"),
    (1, 1, 0, 2, "Lĩnh vực, công việc giải quyết theo cấp"),
    (2, 5, 0, 0, "Số hồ sơ nhận giải quyết"),
    (2, 2, 1, 2, "Tổng số"),
    (3, 4, 1, 1, "Trong kỳ"),
    (3, 3, 2, 2, "Trực tuyến"),
    (4, 4, 2, 2, "Trực tiếp, dịch vụ bưu chính"),
    (5, 5, 1, 2, "Từ kỳ trước"),
    (6, 9, 0, 0, "Số hồ sơ đã giải quyết"),
    (6, 6, 1, 2, "Tổng số"),
    (7, 7, 1, 2, "Trước hạn"),
    (8, 8, 1, 2, "Đúng hạn"),
    (9, 9, 1, 2, "Quá hạn"),
    (10, 12, 0, 0, "Số hồ sơ đang giải quyết"),
    (10, 10, 1, 2, "Tổng số"),
    (11, 11, 1, 2, "Trong hạn"),
    (12, 12, 1, 2, "Quá hạn"),
)
# rpt_bieu_06's columns for the form's columns (3) to (13), in order.
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


@dataclass(frozen=True)
class FormRow:
    stt: str  # I, II for the blocks; 1, 2, … for lĩnh vực within a block; empty for the total
    label: str
    is_bold: bool
    numbers: tuple[int, ...]  # columns (3) to (13)


def form_rows(rows: pl.DataFrame) -> list[FormRow]:
    """rpt_bieu_06 rows numbered and labelled as on the form."""
    numbered, n_blocks = [], 0
    for row in rows.iter_rows(named=True):
        if row["row_kind"] == "block":
            stt, label = _ROMAN[n_blocks], REPORT_BLOCK_LABELS_VI.get(row["block_code"], row["block_code"])
            n_blocks += 1
        elif row["row_kind"] == "sector":
            stt, label = str(row["sector_number"]), row["sector_name"]
        else:
            stt, label = "", "Tổng cộng"
        numbers = tuple(row[column] for column in NUMBER_COLUMNS)
        numbered.append(FormRow(stt, label, row["row_kind"] != "sector", numbers))
    return numbered


def withdrawn_note(rows: pl.DataFrame) -> str:
    n_withdrawn = rows.filter(pl.col("row_kind") == "total")["n_withdrawn"].sum()
    return f"Ghi chú: {IDENTITIES}; (3) = (7) + (11) + số hồ sơ rút, hủy trong kỳ ({n_withdrawn})."


def period_line(period: Period) -> str:
    """'Kỳ báo cáo quý I/2023 (Từ ngày 15/12/2022 đến ngày 14/03/2023)', as the form's title states it."""
    dates = f"(Từ ngày {period.from_date:%d/%m/%Y} đến ngày {period.to_date:%d/%m/%Y})"
    if period.kind == "custom":
        return f"Kỳ báo cáo: {dates}"
    if period.kind.startswith("bc_"):
        return f"{period.label_vi} {dates}"
    return f"Kỳ báo cáo: {period.label_vi} {dates}"


def as_of_lines(period: Period, as_of_date: dt.date | None) -> tuple[str, str | None]:
    """'Số liệu tính đến ngày …', and a warning when that date is before the period's last day."""
    if as_of_date is None:
        return "Số liệu tính đến ngày: chưa có tệp dữ liệu nào", None
    line = f"Số liệu tính đến ngày {as_of_date:%d/%m/%Y}"
    if not is_incomplete(period, as_of_date):
        return line, None
    return line, (
        f"Lưu ý: số liệu chỉ tính đến ngày {as_of_date:%d/%m/%Y}, trước ngày cuối kỳ "
        f"{period.to_date:%d/%m/%Y}: chưa đủ số liệu của cả kỳ."
    )
