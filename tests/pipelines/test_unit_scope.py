"""Unit-scoped accounts below the pages: dossier rows of other units never come back; a scoped uploader's
rows of other units are rejected without their values, and the same file from an unscoped uploader is new."""

import json

import duckdb
import pytest

from pipelines import kpi
from pipelines.ingest import ingest_files
from pipelines.periods import parse_period
from pipelines.rebuild import rebuild
from pipelines.report_data import gather_narrative
from pipelines.scope import Scope
from tests.helpers.exports import HEADER, row, write_csv

JANUARY = parse_period("2023-01")
OWN, OTHER = "p_le_loi", "p_minh_khai"
# Two wards, each with one late dossier without an apology letter and one on time.
ROWS = [
    row("LL-1", unit="UBND phường Lê Lợi"),
    row("LL-2", unit="UBND phường Lê Lợi", due="04/01/2023 17:00", finished="06/01/2023 10:00"),
    row("MK-1", unit="UBND phường Minh Khai"),
    row("MK-2", unit="UBND phường Minh Khai", due="04/01/2023 17:00", finished="06/01/2023 10:00"),
]


def codes(db, sql="select dossier_code from dossiers order by 1"):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return [r[0] for r in con.execute(sql).fetchall()]
    finally:
        con.close()


@pytest.fixture
def export(tmp_path):
    return write_csv(tmp_path / "hai_phuong.csv", ROWS)


@pytest.fixture
def with_apology_column(tmp_path):
    """The same dossiers with a «Phiếu xin lỗi» column, empty: the late ones have no letter."""
    plain = write_csv(tmp_path / "plain.csv", ROWS).read_text(encoding="utf-8-sig").splitlines()
    lines = [plain[0] + ",Phiếu xin lỗi"] + [line + "," for line in plain[1:]]
    path = tmp_path / "co_cot_xin_loi.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
    assert plain[0].split(",") == list(HEADER)
    return path


@pytest.fixture
def db(tmp_path):
    return tmp_path / "warehouse" / "w.duckdb"


def test_a_scoped_uploaders_rows_of_other_units_are_rejected_without_their_values(db, export):
    [result] = ingest_files(db, [export], uploaded_by="leloi", uploader_units=[OWN])
    assert result.status == "loaded"
    assert result.rejected_by_reason == {"outside_account_units": 2}
    assert codes(db) == ["LL-1", "LL-2"]
    con = duckdb.connect(str(db), read_only=True)
    stored = con.execute(
        "select sheet_row, message_vi, dossier_code, original_values from rejects order by 1"
    ).fetchall()
    [scope] = con.execute("select unit_scope from ingest_log").fetchall()[0]
    con.close()
    assert scope == [OWN]
    assert [(code, values) for _, _, code, values in stored] == [(None, None), (None, None)]
    assert all("ngoài phạm vi đơn vị của tài khoản" in message for _, message, _, _ in stored)
    assert "MK-" not in json.dumps(stored, default=str)


def test_the_same_file_from_an_unscoped_uploader_loads_the_other_units(db, export):
    ingest_files(db, [export], uploaded_by="leloi", uploader_units=[OWN])
    [again] = ingest_files(db, [export], uploaded_by="leloi", uploader_units=[OWN])
    assert again.status == "duplicate_file"
    [admin] = ingest_files(db, [export], uploaded_by="admin")
    assert admin.status == "loaded" and admin.n_rejected == 0
    assert codes(db) == ["LL-1", "LL-2", "MK-1", "MK-2"]
    assert codes(db, "select status from ingest_log order by ingest_id") == ["replaced", "loaded"]
    [scoped_after] = ingest_files(db, [export], uploaded_by="leloi", uploader_units=[OWN])
    assert scoped_after.status == "duplicate_file"  # nothing new for a narrower account
    # A rebuild replays both uploads with their scopes and ends where the uploads did.
    rebuild(db)
    assert codes(db) == ["LL-1", "LL-2", "MK-1", "MK-2"]


def test_a_second_scoped_uploader_adds_their_units_without_losing_the_first(db, export):
    ingest_files(db, [export], uploaded_by="leloi", uploader_units=[OWN])
    [other] = ingest_files(db, [export], uploaded_by="minhkhai", uploader_units=[OTHER])
    assert other.status == "loaded"
    assert codes(db) == ["LL-1", "LL-2", "MK-1", "MK-2"]


def test_dossier_lists_never_return_another_units_rows(db, export):
    ingest_files(db, [export])
    con = duckdb.connect(str(db), read_only=True)
    try:
        everyone = kpi.dossier_list(con, scope=Scope.of(JANUARY))
        own = kpi.dossier_list(con, scope=Scope.of(JANUARY), units=(OWN,))
        asked_other = kpi.dossier_list(con, scope=Scope.of(JANUARY, unit_id=OTHER), units=(OWN,))
        asked_own = kpi.dossier_list(con, scope=Scope.of(JANUARY, unit_id=OWN), units=(OWN,))
    finally:
        con.close()
    assert sorted(everyone["dossier_code"]) == ["LL-1", "LL-2", "MK-1", "MK-2"]
    assert sorted(own["dossier_code"]) == ["LL-1", "LL-2"]
    assert asked_other.is_empty()
    assert sorted(asked_own["dossier_code"]) == ["LL-1", "LL-2"]


def test_the_reports_list_is_the_readers_units_and_its_numbers_the_citys(db, with_apology_column):
    ingest_files(db, [with_apology_column])
    con = duckdb.connect(str(db), read_only=True)
    try:
        city = gather_narrative(con, JANUARY)
        scoped = gather_narrative(con, JANUARY, units=(OWN,))
    finally:
        con.close()
    # Two late dossiers in the city (LL-2, MK-2), neither with an apology letter.
    assert (
        city.late_counts
        == scoped.late_counts
        == {"n_late": 2, "n_without_apology": 2, "n_apology_unknown": 0}
    )
    assert sorted(city.late_without_apology["dossier_code"]) == ["LL-2", "MK-2"]
    assert scoped.late_without_apology["dossier_code"].to_list() == ["LL-2"]
    assert scoped.is_list_limited and not city.is_list_limited
