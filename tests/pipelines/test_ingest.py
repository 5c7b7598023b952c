"""End to end through ingest_files: every reject reason, skips, duplicates, as-of rule, atomicity, privacy."""

import errno
import itertools
import json
import shutil
from pathlib import Path

import duckdb
import pytest

from pipelines import load as load_module
from pipelines.ingest import ingest_files
from pipelines.rebuild import rebuild
from pipelines.warehouse import connect
from tests.helpers.exports import PERSON, PHONE, row, write_csv, write_xlsx

JANUARY = ("Từ ngày 01/01/2023 đến ngày 31/01/2023",)
CONTENT = (
    "dossier_code, procedure_name, sector_name, unit_id, received_at, due_at, finished_at, status_text, "
    "is_withdrawn, channel, rating, as_of_date"
)


def query(db, sql, params=None):
    con = connect(db, read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


@pytest.fixture
def db(tmp_path):
    return tmp_path / "warehouse" / "w.duckdb"


def test_sample_exports_load(db):
    results = ingest_files(
        db, ["tests/fixtures/mau_hoso_thang01_2023.xlsx", "tests/fixtures/mau_hoso_thang02_2023.csv"]
    )
    assert [(r.status, r.n_read, r.n_new, r.n_rejected, r.n_skipped) for r in results] == [
        # the samples' 7 rows with a result entered earlier on the day of reception are kept
        ("loaded", 41, 40, 0, 1),
        ("loaded", 40, 40, 0, 0),
    ]
    assert results[0].skipped_by_reason == {"totals": 1}
    assert str(results[0].as_of_date) == "2023-01-31"  # "đến ngày 31/01/2023" in its title
    assert str(results[1].as_of_date) == "2023-02-28"  # no title: its latest received/finished date
    assert query(db, "select count(*), count(distinct dossier_code) from dossiers") == [(80, 80)]


REJECT_CASES = [
    (row("", received="03/01/2023 08:00"), "missing_code", "Mã hồ sơ"),
    (row("R-2", received=""), "missing_received", "Ngày tiếp nhận"),
    (row("R-3", received="31/02/2023"), "invalid_received", "Ngày tiếp nhận"),
    (row("R-4", due="32/01/2023"), "invalid_due", "Ngày hẹn trả"),
    (row("R-5", finished="2023-13-01"), "invalid_finished", "Ngày có kết quả"),
    # the calendar day before: rejected (the same day at an earlier hour is kept, see OK-2)
    (
        row("R-6", received="03/01/2023 08:30", finished="02/01/2023 16:00"),
        "finished_before_received",
        "Ngày có kết quả",
    ),
    (row("R-7", received="03/01/2023 08:30", due="02/01/2023 17:00"), "due_before_received", "Ngày hẹn trả"),
    (row("R-8", unit="UBND xã Không Tồn Tại"), "unknown_unit", "Đơn vị tiếp nhận"),
    (row("R-9", received="05/01/1900"), "invalid_received", "Ngày tiếp nhận"),
    (row("R-10", unit=""), "missing_unit", "Đơn vị tiếp nhận"),
]


def test_every_reject_reason_is_kept_with_row_column_and_values(db, tmp_path):
    same_day = row("OK-2", received="03/01/2023 08:30", finished="03/01/2023 08:00")
    rows = [row("OK-1"), *[case[0] for case in REJECT_CASES], same_day]
    path = write_xlsx(tmp_path / "t1.xlsx", rows, title_lines=JANUARY)
    [result] = ingest_files(db, [path])
    assert result.n_new == 2 and result.n_rejected == len(REJECT_CASES)
    rejects = query(
        db,
        "select sheet_row, reason_code, column_name, message_vi, original_values from rejects "
        "order by sheet_row",
    )
    assert [(r[1], r[2]) for r in rejects] == [(c[1], c[2]) for c in REJECT_CASES]
    assert [r[0] for r in rejects] == list(range(5, 5 + len(REJECT_CASES)))  # title, blank, header, OK-1
    assert "31/02/2023" in rejects[2][3]
    assert json.loads(rejects[7][4])["Đơn vị"] == "UBND xã Không Tồn Tại"


def test_empty_due_date_is_allowed(db, tmp_path):
    [result] = ingest_files(
        db, [write_csv(tmp_path / "t.csv", [row("SPOT-1", due="", finished="03/01/2023 09:00")])]
    )
    assert (result.n_new, result.n_rejected) == (1, 0)
    assert query(db, "select due_at from dossiers") == [(None,)]


def test_due_on_the_received_day_before_its_hour_is_allowed(db, tmp_path):
    path = write_csv(tmp_path / "t.csv", [row("D-1", received="03/01/2023 14:00", due="03/01/2023 08:00")])
    assert ingest_files(db, [path])[0].n_rejected == 0


def test_totals_and_blank_rows_are_skipped(db, tmp_path):
    path = tmp_path / "t.csv"
    write_csv(path, [row("A-1"), row("A-2")])
    with path.open("a", encoding="utf-8") as handle:
        handle.write(",,,,,,,,,,,,\nTổng số,,,,,,,,,,,,2 hồ sơ\n\n")
    [result] = ingest_files(db, [path])
    assert result.skipped_by_reason == {"blank": 2, "totals": 1}
    assert (result.n_new, result.n_rejected) == (2, 0)


def test_exact_duplicates_count_once_and_conflicts_keep_the_last_row(db, tmp_path):
    rows = [row("DUP-1"), row("dup-1 "), row("C-1", rating="Hài lòng"), row("C-1", rating="Không hài lòng")]
    [result] = ingest_files(db, [write_csv(tmp_path / "t.csv", rows)])
    assert (result.n_new, result.n_rejected, result.skipped_by_reason) == (2, 1, {"exact_duplicate": 1})
    assert query(db, "select rating from dossiers where dossier_code = 'C-1'") == [("unsatisfied",)]
    assert query(db, "select reason_code, sheet_row from rejects") == [("duplicate_conflict", 4)]


def test_values_are_normalised(db, tmp_path):
    rows = [
        row(
            "V-1", unit="P. Lê Lợi", channel="BCCI", rating="Rất hài lòng", status="Đã rút hồ sơ", finished=""
        ),
        row("V-2", unit="Uy ban nhan dan xa Bao Khe", sector="đất đai", channel="Tại quầy", rating=""),
        row("V-3", unit="Phòng TN&MT", sector="Lĩnh vực lạ", channel="Zalo"),
    ]
    ingest_files(db, [write_csv(tmp_path / "t.csv", rows)])
    assert query(
        db,
        "select dossier_code, unit_id, sector_name, channel, rating, is_withdrawn from dossiers order by 1",
    ) == [
        ("V-1", "p_le_loi", "Hộ tịch", "postal", "very_satisfied", True),
        ("V-2", "x_bao_khe", "Đất đai", "in_person", None, False),
        ("V-3", "tnmt", "Lĩnh vực lạ", "unknown", "satisfied", False),
    ]


def test_two_row_header_xlsx_with_excel_date_cells(db, tmp_path):
    path = write_xlsx(
        tmp_path / "t.xlsx", [row("X-1")], title_lines=JANUARY, two_row_header=True, date_cells=True
    )
    [result] = ingest_files(db, [path])
    assert (result.n_new, result.n_rejected) == (1, 0)
    assert query(db, "select strftime(received_at, '%d/%m/%Y %H:%M') from dossiers") == [
        ("03/01/2023 08:30",)
    ]


def _three_months(tmp_path):
    """D-1 open in January, finished in March; D-2 rated differently in February and March."""
    jan = write_csv(
        tmp_path / "jan.csv",
        [row("D-1", finished="", status="Đang xử lý", due="20/01/2023 17:00"), row("D-2", rating="")],
        title_lines=JANUARY,
    )
    feb = write_csv(
        tmp_path / "feb.csv",
        [
            row("D-2", rating="Hài lòng"),
            row("D-3", received="01/02/2023 09:00", due="03/02/2023 17:00", finished="02/02/2023 10:00"),
        ],
        title_lines=("Từ ngày 01/02/2023 đến ngày 28/02/2023",),
    )
    mar = write_csv(
        tmp_path / "mar.csv",
        [row("D-1", finished="02/03/2023 10:00", due="20/01/2023 17:00"), row("D-2", rating="Rất hài lòng")],
        title_lines=("Từ ngày 01/03/2023 đến ngày 31/03/2023",),
    )
    return [jan, feb, mar]


def test_result_is_independent_of_upload_order(tmp_path):
    files = _three_months(tmp_path)
    states = set()
    for i, order in enumerate(itertools.permutations(files)):
        db = tmp_path / f"order{i}" / "w.duckdb"
        ingest_files(db, list(order))
        states.add(tuple(query(db, f"select {CONTENT} from dossiers order by dossier_code")))
    assert len(states) == 1
    [state] = states
    by_code = {r[0]: r for r in state}
    assert str(by_code["D-1"][6]) == "2023-03-02 10:00:00"
    assert by_code["D-2"][10] == "very_satisfied"


def test_later_export_updates_and_counts(db, tmp_path):
    jan, feb, mar = _three_months(tmp_path)
    ingest_files(db, [jan, feb])
    [result] = ingest_files(db, [mar])
    assert (result.n_new, result.n_updated, result.n_unchanged) == (0, 2, 0)
    [older] = ingest_files(
        db, [write_csv(tmp_path / "jan_again.csv", [row("D-2", rating="Bình thường")], title_lines=JANUARY)]
    )
    assert (older.n_new, older.n_updated, older.n_unchanged) == (0, 0, 1)


def test_same_file_twice_changes_nothing(db, tmp_path):
    jan = _three_months(tmp_path)[0]
    ingest_files(db, [jan])
    before = query(db, "select * from dossiers order by 1")
    [again] = ingest_files(db, [jan])
    assert again.status == "duplicate_file"
    assert query(db, "select * from dossiers order by 1") == before
    assert query(db, "select count(*) from ingest_log where status = 'loaded'") == [(1,)]
    assert len(list((db.parent / "raw").glob("*.csv"))) == 1


def test_failure_mid_file_leaves_the_warehouse_unchanged(db, tmp_path, monkeypatch):
    jan, feb, _ = _three_months(tmp_path)
    ingest_files(db, [jan])
    snapshot = {t: query(db, f"select * from {t} order by all") for t in ("dossiers", "rejects")}

    def fail(con, changes_only=False):
        raise OSError(errno.ENOSPC, "No space left on device (injected)")

    monkeypatch.setattr(load_module, "refresh_aggregates", fail)
    [result] = ingest_files(db, [feb])
    assert result.status == "failed" and "Ổ đĩa đã đầy" in result.error_vi
    assert {t: query(db, f"select * from {t} order by all") for t in snapshot} == snapshot
    assert query(db, "select status from ingest_log order by ingest_id") == [("loaded",), ("failed",)]
    monkeypatch.undo()
    assert ingest_files(db, [feb])[0].status == "loaded"


def test_unreadable_file_is_logged_and_others_still_load(db, tmp_path):
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"not excel")
    results = ingest_files(db, [bad, _three_months(tmp_path)[0]])
    assert [r.status for r in results] == ["failed", "loaded"]
    assert query(db, "select file_name, status from ingest_log order by ingest_id") == [
        ("bad.xlsx", "failed"),
        ("jan.csv", "loaded"),
    ]


def test_personal_data_is_stored_nowhere(db, tmp_path, capsys):
    rows = [row("P-1"), row("P-2", received="31/02/2023")]  # a good row and a rejected one
    ingest_files(
        db,
        [
            write_xlsx(tmp_path / "p.xlsx", rows, title_lines=JANUARY),
            "tests/fixtures/mau_hoso_thang01_2023.xlsx",
        ],
    )
    con = duckdb.connect(str(db), read_only=True)
    tables = [t for (t,) in con.execute("select table_name from duckdb_tables()").fetchall()]
    dump = "\n".join(str(con.execute(f"select * from {t}").fetchall()) for t in tables)
    con.close()
    for secret in (PERSON, PHONE, "Nguyễn Văn B", "0982494812"):
        assert secret not in dump
        assert secret not in capsys.readouterr().out


def test_real_upload_replaces_demo_data(db, tmp_path):
    jan, feb, _ = _three_months(tmp_path)
    ingest_files(db, [jan], is_demo=True)
    ingest_files(db, [feb])
    assert query(db, "select dossier_code from dossiers order by 1") == [("D-2",), ("D-3",)]
    assert query(db, "select count(*) from ingest_log where is_demo") == [(0,)]


@pytest.fixture
def catalogues(tmp_path, monkeypatch):
    """A copy of the project's catalogues that a test may edit; the pipeline reads it."""
    folder = tmp_path / "catalogues"
    shutil.copytree(Path(__file__).resolve().parents[2] / "catalogues", folder)
    monkeypatch.setenv("TTHC_CATALOGUES", str(folder))
    return folder


def test_rebuild_after_catalogue_fix_brings_rejected_rows_in(db, tmp_path, catalogues):
    path = write_csv(tmp_path / "t.csv", [row("OK-1"), row("NEW-1", unit="UBND phường Mới Lập")])
    assert ingest_files(db, [path])[0].n_rejected == 1
    with (catalogues / "units.csv").open("a", encoding="utf-8") as units:
        units.write("p_moi_lap,Phường Mới Lập,ward,,,\n")
    [result] = rebuild(db, rebuilt_by="admin")
    assert (result.n_new, result.n_rejected) == (2, 0)
    assert query(db, "select count(*) from rejects") == [(0,)]
    assert query(db, "select file_name, status, uploaded_by from ingest_log order by ingest_id") == [
        ("t.csv", "loaded", None),
        ("(dựng lại kho từ 1 tệp gốc)", "rebuilt", "admin"),
    ]


def test_a_reused_unit_name_maps_to_the_unit_in_force_on_the_received_date(db, tmp_path, catalogues):
    units = (
        (catalogues / "units.csv")
        .read_text(encoding="utf-8")
        .replace("p_le_loi,Phường Lê Lợi,ward,,,", "p_le_loi,Phường Lê Lợi,ward,,,2024-12-31")
    )
    (catalogues / "units.csv").write_text(
        units + "p_le_loi_2025,Phường Lê Lợi,ward,,2025-01-01,\n", encoding="utf-8"
    )
    rows = [
        row("OLD-1", received="03/06/2024 08:00", due="", finished=""),
        row("NEW-1", received="03/06/2025 08:00", due="", finished=""),
    ]
    ingest_files(db, [write_csv(tmp_path / "t.csv", rows)])
    assert query(db, "select dossier_code, unit_id from dossiers order by 1") == [
        ("NEW-1", "p_le_loi_2025"),
        ("OLD-1", "p_le_loi"),
    ]
