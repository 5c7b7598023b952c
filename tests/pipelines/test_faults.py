"""Faults: a killed ingest leaves all or nothing of its file; a corrupt warehouse is rebuilt from the archive."""

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipelines.errors import WarehouseCorruptError, WarehouseRebuildingError
from pipelines.ingest import ingest_files
from pipelines.rebuild import rebuild
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


# A helper process that runs one command with a step replaced: killed there (SIGKILL, no clean-up), or
# held there until the test lets it go, so that the moment of a race is chosen, not timed.
_STEP_SCRIPT = """
import os, signal, sys, time
from pathlib import Path
from pipelines import ingest, rebuild

action, step, db, *files = sys.argv[1:]
module = ingest if files else rebuild
original = getattr(module, step)

def replaced(*args, **kwargs):
    if action == "kill":
        os.kill(os.getpid(), signal.SIGKILL)
    Path(db + ".held").touch()
    while not Path(db + ".go").exists():
        time.sleep(0.05)
    return original(*args, **kwargs)

setattr(module, step, replaced)
if files:
    ingest.ingest_files(Path(db), [Path(f) for f in files])
else:
    rebuild.rebuild(Path(db))
"""


def _run_step(action, step, db, *files):
    return subprocess.Popen([sys.executable, "-c", _STEP_SCRIPT, action, step, str(db), *map(str, files)])


def _loaded_files(db):
    con = connect(db, read_only=True)
    try:
        return con.execute(
            "select file_name, status from ingest_log where status <> 'rebuilt' order by ingest_id"
        ).fetchall()
    finally:
        con.close()


def test_an_upload_killed_during_its_load_is_not_brought_back_by_a_rebuild(tmp_path):
    db = tmp_path / "w.duckdb"
    ingest_files(db, [write_csv(tmp_path / "base.csv", [row("BASE-1")])])
    killed = write_csv(tmp_path / "killed.csv", [row("K-1"), row("K-2")])
    process = _run_step("kill", "load_normalised", db, killed)
    assert process.wait() == -signal.SIGKILL
    assert _loaded_files(db) == [("base.csv", "loaded")]
    rebuild(db)
    assert count_dossiers(db) == 1
    assert _loaded_files(db) == [("base.csv", "loaded")]
    [again] = ingest_files(db, [killed])  # uploaded again, it loads, and a rebuild then keeps it
    assert again.status == "loaded"
    rebuild(db)
    assert count_dossiers(db) == 3


def test_a_kill_after_the_commit_keeps_the_file_through_a_rebuild(tmp_path):
    db = tmp_path / "w.duckdb"
    ingest_files(db, [write_csv(tmp_path / "base.csv", [row("BASE-1")])])
    process = _run_step("kill", "mark_committed", db, write_csv(tmp_path / "late.csv", [row("L-1")]))
    assert process.wait() == -signal.SIGKILL
    assert _loaded_files(db) == [("base.csv", "loaded"), ("late.csv", "loaded")]
    rebuild(db)
    assert count_dossiers(db) == 2


def test_an_ingest_during_a_rebuild_is_refused_and_the_old_numbers_stay_readable(tmp_path):
    db = tmp_path / "w.duckdb"
    ingest_files(db, [write_csv(tmp_path / "base.csv", [row("BASE-1")])])
    during = write_csv(tmp_path / "during.csv", [row("D-1")])
    process = _run_step("hold", "log_rebuild", db)
    while not Path(f"{db}.held").exists():  # the rebuild has replayed the archive and waits to finish
        assert process.poll() is None
        time.sleep(0.05)
    with pytest.raises(WarehouseRebuildingError):
        ingest_files(db, [during])
    cli = subprocess.run(
        [sys.executable, "-m", "pipelines.cli", "ingest", str(during), "--db", str(db)],
        capture_output=True,
        text=True,
    )
    assert cli.returncode == 2
    assert "đang được dựng lại" in cli.stderr and "Traceback" not in cli.stderr
    assert count_dossiers(db) == 1  # read-only, the old file still serves
    Path(f"{db}.go").touch()
    assert process.wait() == 0
    assert count_dossiers(db) == 1
    [after] = ingest_files(db, [during])
    assert after.status == "loaded" and count_dossiers(db) == 2
