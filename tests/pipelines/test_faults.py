"""Faults: a killed ingest leaves all or nothing of its file; a corrupt warehouse is rebuilt from the archive."""

import signal
import subprocess
import sys
import time

import pytest

from pipelines.errors import WarehouseCorruptError
from pipelines.ingest import ingest_files, rebuild
from pipelines.warehouse import connect
from tests.helpers.exports import HEADER, row, write_csv

N_ROWS = 40_000


def count_dossiers(db):
    con = connect(db, read_only=True)
    try:
        return con.execute("select count(*) from dossiers").fetchall()[0][0]
    finally:
        con.close()


@pytest.fixture(scope="module")
def big_export(tmp_path_factory):
    path = tmp_path_factory.mktemp("big") / "big.csv"
    with path.open("w", encoding="utf-8") as handle:
        handle.write(",".join(HEADER) + "\n")
        handle.writelines(
            f"{i},K-{i},Khai sinh,Hộ tịch,Xã Bảo Khê,A,0,03/01/2023 08:00,05/01/2023,04/01/2023,"
            "Đã trả kết quả,Trực tuyến,Hài lòng\n"
            for i in range(N_ROWS)
        )
    return path


@pytest.mark.parametrize("kill_after", [0.3, 0.8, 1.5, 2.5])
def test_killed_ingest_keeps_all_or_nothing_and_a_rerun_completes(tmp_path, big_export, kill_after):
    db = tmp_path / "w.duckdb"
    ingest_files(db, [write_csv(tmp_path / "base.csv", [row("BASE-1")])])
    process = subprocess.Popen(
        [sys.executable, "-m", "pipelines.cli", "ingest", str(big_export), "--db", str(db)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(kill_after)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert count_dossiers(db) in {1, 1 + N_ROWS}
    [rerun] = ingest_files(db, [big_export])
    assert rerun.status in {"loaded", "duplicate_file"}
    assert count_dossiers(db) == 1 + N_ROWS


def test_corrupt_warehouse_says_so_and_rebuild_restores_the_same_numbers(tmp_path):
    db = tmp_path / "w.duckdb"
    ingest_files(
        db, ["tests/fixtures/mau_hoso_thang01_2023.xlsx", "tests/fixtures/mau_hoso_thang02_2023.csv"]
    )
    summary = (
        "select unit_id, count(*), count(finished_at), count(rating) from dossiers group by all order by all"
    )
    con = connect(db, read_only=True)
    before = con.execute(summary).fetchall()
    con.close()
    db.write_bytes(b"this is not a duckdb file" * 100)
    with pytest.raises(WarehouseCorruptError) as error:
        connect(db)
    assert "tthc rebuild" in error.value.message_vi
    rebuild(db)
    con = connect(db, read_only=True)
    assert con.execute(summary).fetchall() == before
    con.close()
