"""Nothing reaches the user as a traceback: a month of 1,000 valid rows and 4 bad ones at its end (the shape
that made Polars panic while building the rejects), and any failure inside a file's reading, library
panics included, which records that file as failed, keeps the warehouse as it was and loads the next."""

import duckdb
import polars as pl

from pipelines import normalise as normalise_module
from pipelines.cli import main
from pipelines.ingest import ingest_files
from tests.helpers.exports import row, write_csv

SAMPLE_HEADER = (
    "Số hồ sơ",
    "Thủ tục",
    "Lĩnh vực TTHC",
    "Cơ quan giải quyết",
    "Ngày nhận",
    "Hạn xử lý",
    "Ngày hoàn thành",
    "Tình trạng",
    "Kênh nộp",
    "Mức độ hài lòng",
    "Địa chỉ",
)


def _sample_shaped_month(path):
    """Like ../shared/samples/mau_hoso_thang02_2023.csv: UTF-8 with BOM, date-times with seconds."""
    units = ("UBND phường Lê Lợi", "Phường An Tảo", "UBND xã Hoàng Hanh", "Phòng Tài nguyên và Môi trường")
    lines = [",".join(SAMPLE_HEADER)]
    for n in range(1000):
        day = n % 28 + 1
        lines.append(
            f"H38.{n:06d},Thủ tục hộ tịch số {n % 9},Hộ tịch,{units[n % 4]},{day:02d}/02/2023 08:{n % 60:02d}:00,"
            f'{day:02d}/03/2023 17:00:00,{day:02d}/02/2023 15:00:00,Đã trả kết quả,Trực tuyến,Hài lòng,"Số 1, phố A"'
        )
    lines += [
        ",Thủ tục hộ tịch số 1,Hộ tịch,Phường An Tảo,01/02/2023 08:00:00,03/02/2023 17:00:00,,Đang xử lý,,,",
        "H38.BAD002,Thủ tục hộ tịch số 1,Hộ tịch,Phường An Tảo,31/02/2023 08:00:00,03/03/2023 17:00:00,,,,,",
        "H38.BAD003,Thủ tục hộ tịch số 1,Hộ tịch,Phường An Tảo,10/02/2023 08:00:00,13/02/2023 17:00:00,"
        "05/02/2023 10:00:00,Đã trả kết quả,,,",
        "H38.BAD004,Thủ tục hộ tịch số 1,Hộ tịch,UBND xã Không Có,10/02/2023 08:00:00,13/02/2023 17:00:00,,,,,",
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
    return path


def test_a_clean_month_with_four_bad_rows_at_its_end(tmp_path, capsys):
    path = _sample_shaped_month(tmp_path / "thang02.csv")
    assert main(["ingest", str(path), "--db", str(tmp_path / "w.duckdb")]) == 0
    out = capsys.readouterr().out
    assert "Traceback" not in out
    assert "1.004 dòng, 1.000 hồ sơ mới" in out
    con = duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True)
    try:
        assert con.execute("select reason_code, sheet_row from rejects order by sheet_row").fetchall() == [
            ("missing_code", 1002),
            ("invalid_received", 1003),
            ("finished_before_received", 1004),
            ("unknown_unit", 1005),
        ]
    finally:
        con.close()


def test_a_library_panic_fails_that_file_only(tmp_path, monkeypatch):
    good = write_csv(tmp_path / "good.csv", [row("G-1")])
    panicking = write_csv(tmp_path / "panic.csv", [row("P-1")])
    real = normalise_module.normalise

    def panic_on(grid, *args):
        if "P-1" in grid.to_series(2).to_list():
            raise pl.exceptions.PanicException("assertion failed: i < self.len()")
        return real(grid, *args)

    monkeypatch.setattr("pipelines.ingest.normalise", panic_on)
    db = tmp_path / "w.duckdb"
    results = ingest_files(db, [panicking, good])
    assert [r.status for r in results] == ["failed", "loaded"]
    assert "lỗi bất ngờ" in results[0].error_vi and "PanicException" in results[0].error_vi
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert con.execute("select dossier_code from dossiers").fetchall() == [("G-1",)]
        assert con.execute("select file_name, status from ingest_log order by ingest_id").fetchall() == [
            ("panic.csv", "failed"),
            ("good.csv", "loaded"),
        ]
    finally:
        con.close()
