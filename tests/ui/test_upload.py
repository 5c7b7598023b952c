"""What the upload page shows of ingest results and rejected rows."""

import datetime as dt

import polars as pl

from pipelines.ingest import IngestResult
from ui.upload import rejects_download, rejects_table, results_table

RESULTS = [
    IngestResult(
        "thang01.xlsx",
        "loaded",
        dt.date(2023, 1, 31),
        n_read=1204,
        n_new=1100,
        n_updated=50,
        n_unchanged=40,
        n_rejected=12,
        n_skipped=2,
        ingest_id=3,
    ),
    IngestResult("thang01.xlsx", "duplicate_file"),
    IngestResult(
        "anh.png", "failed", error_vi="Tệp «anh.png» có đuôi «.png»: chỉ nhận .xlsx, .xls hoặc .csv."
    ),
]
REJECTS = pl.DataFrame(
    {
        "ingest_id": [3, 3],
        "file_name": ["thang01.xlsx", "thang01.xlsx"],
        "sheet_row": [7, 19],
        "reason_code": ["unknown_unit", "invalid_received"],
        "column_name": ["Đơn vị tiếp nhận", "Ngày tiếp nhận"],
        "message_vi": [
            "Đơn vị «UBND xã Mới» không có trong danh mục đơn vị (catalogues/units.csv).",
            "Ngày tiếp nhận «31/02/2023» không phải ngày hợp lệ (dd/mm/yyyy).",
        ],
        "dossier_code": ["A-1", "A-2"],
        "original_values": [
            '{"Mã hồ sơ": "A-1", "Đơn vị": "UBND xã Mới"}',
            '{"Mã hồ sơ": "A-2", "Đơn vị": "=cmd", "Ngày tiếp nhận": "31/02/2023"}',
        ],
    }
)


def test_results_table_one_line_per_file_in_vietnamese():
    table = results_table(RESULTS)
    assert table.columns == [
        "Tệp",
        "Kết quả",
        "Dữ liệu đến ngày",
        "Số dòng đọc",
        "Hồ sơ mới",
        "Cập nhật",
        "Không đổi",
        "Bị loại",
        "Bỏ qua",
    ]
    assert table.row(0) == ("thang01.xlsx", "Đã nạp", "31/01/2023", "1.204", "1.100", "50", "40", "12", "2")
    assert table["Kết quả"].to_list()[1:] == ["Đã nạp trước đó, không có gì mới", "Không đọc được"]
    assert table["Dữ liệu đến ngày"].to_list()[1:] == ["—", "—"]


def test_rejects_table_gives_row_reason_and_original_values():
    table = rejects_table(REJECTS)
    assert table.columns == ["Tệp", "Dòng", "Lý do", "Chi tiết", "Cột", "Giá trị gốc"]
    assert table["Dòng"].to_list() == [7, 19]
    assert table["Lý do"].to_list() == ["Đơn vị không có trong danh mục", "Ngày tiếp nhận sai"]


def test_rejects_download_spreads_original_values_into_columns():
    table = rejects_download(REJECTS)
    assert table.columns == ["Tệp", "Dòng", "Lý do", "Chi tiết", "Mã hồ sơ", "Đơn vị", "Ngày tiếp nhận"]
    assert table.row(1)[4:] == ("A-2", "=cmd", "31/02/2023")  # defused by the downloader, not here
    assert rejects_download(REJECTS.head(0)).columns == ["Tệp", "Dòng", "Lý do", "Chi tiết"]
