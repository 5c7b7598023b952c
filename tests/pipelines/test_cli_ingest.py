"""The `tthc` ingest commands as a user runs them: output, exit codes, a warehouse held by another process."""

import subprocess
import sys

from pipelines.cli import main
from tests.helpers.exports import row, write_csv


def test_ingest_prints_counts_and_exit_code(tmp_path, capsys):
    db = tmp_path / "w.duckdb"
    assert main(["ingest", "tests/fixtures/mau_hoso_thang01_2023.xlsx", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert (
        "Đã nạp «mau_hoso_thang01_2023.xlsx» (dữ liệu đến ngày 31/01/2023): 41 dòng, 40 hồ sơ mới, 0 cập nhật"
        in out
    )
    assert "bỏ qua: 1 dòng tổng cộng" in out
    assert (tmp_path / "raw" / "manifest.jsonl").exists()


def test_unreadable_file_exits_non_zero_with_reason(tmp_path, capsys):
    bad = tmp_path / "report.xlsx"
    bad.write_text("hello")
    assert main(["ingest", str(bad), "--db", str(tmp_path / "w.duckdb")]) == 1
    assert "Không nạp được «report.xlsx»: " in capsys.readouterr().out


def test_not_an_export_names_missing_columns(tmp_path, capsys):
    path = tmp_path / "people.csv"
    path.write_text("Name,Email\nA,a@example.com\n", encoding="utf-8")
    assert main(["ingest", str(path), "--db", str(tmp_path / "w.duckdb")]) == 1
    out = capsys.readouterr().out
    assert "không tìm thấy cột «Tên thủ tục», «Ngày tiếp nhận», «Ngày hẹn trả»" in out
    assert "a@example.com" not in out  # a file-level message never echoes a row's cells


def test_rejects_lists_file_row_column_and_reason(tmp_path, capsys):
    db = tmp_path / "w.duckdb"
    main(["ingest", str(write_csv(tmp_path / "t.csv", [row("A-1", due="31/02/2023")])), "--db", str(db)])
    capsys.readouterr()
    assert main(["rejects", "--db", str(db), "--file", "t.csv"]) == 0
    out = capsys.readouterr().out
    assert "t.csv, dòng 2, cột «Ngày hẹn trả»: Ngày hẹn trả «31/02/2023» không phải ngày hợp lệ" in out
    assert "Tổng: 1 dòng bị loại." in out


def test_ingest_while_another_process_holds_the_warehouse(tmp_path, capsys):
    db = tmp_path / "w.duckdb"
    main(["ingest", "tests/fixtures/mau_hoso_thang02_2023.csv", "--db", str(db)])
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import duckdb, time; c = duckdb.connect({str(db)!r}); print('held', flush=True); "
            "time.sleep(60)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        # The timeout only guards against a hang: the command must answer, not wait for the lock.
        blocked = subprocess.run(
            [
                sys.executable,
                "-m",
                "pipelines.cli",
                "ingest",
                "tests/fixtures/mau_hoso_thang01_2023.xlsx",
                "--db",
                str(db),
            ],
            capture_output=True,
            text=True,
            timeout=60,
        )
    finally:
        holder.kill()
        holder.wait()
    assert blocked.returncode == 2
    assert "đang được một tiến trình khác" in blocked.stderr and "Traceback" not in blocked.stderr
    assert main(["ingest", "tests/fixtures/mau_hoso_thang01_2023.xlsx", "--db", str(db)]) == 0
