"""Every export shape of REAL_EXPORTS.md, in every format a one-stop system or an office program writes:
the same dossiers as the same sheet in .xlsx, the counts and KPIs computed by hand, nothing personal stored,
and a re-upload that changes nothing."""

from pathlib import Path

import duckdb
import pytest

from pipelines import kpi
from pipelines.file_context import UploadChoice
from pipelines.ingest import ingest_files
from pipelines.periods import parse_period
from pipelines.scope import Scope
from tests.helpers.real_exports import EPAR_UNIT, PERSONAL_VALUES, SHAPES, WRITERS, write_xlsx

OFFICE = Path(__file__).resolve().parents[1] / "fixtures" / "office"
MARCH = parse_period("2023-03")
# Files without a unit column and without a unit in their title: the uploader says whose they are.
CHOICES = {"epar": UploadChoice(EPAR_UNIT)}
FORMATS = [*WRITERS, "libreoffice.ods", "libreoffice.xls", "libreoffice.xlsx"]
TABLES = ("dossiers", "dossier_history", "rejects", "ingest_log")

# March 2023 by hand (counts of kpi_by_dimension 'total'): received, resolved, early, on time, late, pending,
# pending overdue, withdrawn.
EXPECTED_MARCH = {
    # TD-006/007 not received, TD-010 rejected; TD-005 and TD-009 withdrawn; TD-002 (no due date) on time;
    # TD-004 late; TD-003, TD-008 (finished-sounding, no date) and TD-011 open past their due dates
    "td_list": (8, 3, 1, 1, 1, 3, 3, 2),
    # FU-04 not yet received; FU-01 early; FU-02 and FU-03 open past their due dates
    "follow_up": (3, 1, 1, 0, 0, 2, 2, 0),
    # SO-01 early, SO-02 on the spot (no due date), SO-03 late, SO-04 open and overdue at 31/03
    "register": (4, 3, 1, 1, 1, 1, 1, 0),
    # signed (Ngày ký hồ sơ) 15/03 before 20/03: early; 14/03 after 13/03: late; two identical open rows
    "epar": (4, 2, 1, 0, 1, 2, 2, 0),
}
EXPECTED_SECTORS = {
    "td_list": {"Hộ tịch", "Chứng thực", "Đất đai", "Thành lập và hoạt động của hộ kinh doanh"},
    "follow_up": {"Hộ tịch", "Chưa xác định"},  # by procedure name from catalogues/procedures.csv
    "register": {"Hộ tịch", "Chưa xác định"},
    "epar": {"Đất đai"},  # named in the title cell
}
EXPECTED_UNITS = {
    "td_list": {"p_le_loi", "tnmt", "x_bao_khe", "tckh", "p_hien_nam"},
    "follow_up": {"p_minh_khai", "x_tan_hung"},
    "register": {"p_quang_trung"},  # named in the title rows
    "epar": {"vpdkdd"},  # chosen by the uploader
}


def write(shape: str, file_format: str, folder: Path) -> Path:
    make, _ = SHAPES[shape]
    if file_format == "xlsx":
        return write_xlsx(make(), folder / f"{shape}.xlsx")
    if file_format.startswith("libreoffice"):
        return OFFICE / f"{shape}.{file_format}"
    return WRITERS[file_format](make(), folder / f"{shape}.{file_format}")


def ingest(shape: str, file_format: str, folder: Path, path: Path | None = None):
    db = folder / f"{shape}-{file_format}" / "w.duckdb"
    [result] = ingest_files(db, [path or write(shape, file_format, folder)], choice=CHOICES.get(shape))
    assert result.status == "loaded", result.error_vi
    return db, result


def content(db: Path) -> tuple[list, list]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        dossiers = con.execute("select * exclude (ingest_id) from dossiers order by dossier_code").fetchall()
        rejects = con.execute(
            "select sheet_row, reason_code, column_name, message_vi, original_values from rejects order by sheet_row"
        ).fetchall()
    finally:
        con.close()
    return dossiers, rejects


@pytest.mark.parametrize("file_format", FORMATS)
@pytest.mark.parametrize("shape", SHAPES)
def test_every_format_gives_the_dossiers_of_the_xlsx(shape, file_format, tmp_path):
    xlsx_db, xlsx_result = ingest(shape, "xlsx", tmp_path)
    other_db, other_result = ingest(shape, file_format, tmp_path)
    assert content(other_db) == content(xlsx_db)
    for counts in ("n_read", "n_new", "rejected_by_reason", "skipped_by_reason", "as_of_date"):
        assert getattr(other_result, counts) == getattr(xlsx_result, counts), counts


@pytest.mark.parametrize("shape", SHAPES)
def test_counts_kpis_and_privacy(shape, tmp_path):
    db, result = ingest(shape, "xlsx", tmp_path)
    _, expected = SHAPES[shape]
    assert (result.n_new, result.rejected_by_reason, result.skipped_by_reason) == (
        expected["n_new"],
        expected["rejected"],
        expected["skipped"],
    )
    con = duckdb.connect(str(db), read_only=True)
    try:
        total = kpi.kpi_table(con, "total", scope=Scope.of(MARCH)).row(0, named=True)
        columns = (
            "n_received",
            "n_resolved",
            "n_early",
            "n_on_time",
            "n_late",
            "n_pending",
            "n_pending_overdue",
            "n_withdrawn",
        )
        assert tuple(total[c] for c in columns) == EXPECTED_MARCH[shape]
        assert set(kpi.kpi_table(con, "sector", scope=Scope.of(MARCH))["key"]) == EXPECTED_SECTORS[shape]
        assert set(kpi.kpi_table(con, "unit", scope=Scope.of(MARCH))["unit_id"]) == EXPECTED_UNITS[shape]
        for table in TABLES:
            text = str(con.execute(f"select * from {table}").fetchall())
            for value in PERSONAL_VALUES:
                assert value not in text, (table, value)
    finally:
        con.close()


@pytest.mark.parametrize("file_format", ["xlsx", "html.xls", "libreoffice.ods"])
@pytest.mark.parametrize("shape", SHAPES)
def test_uploading_the_same_file_again_changes_nothing(shape, file_format, tmp_path):
    path = write(shape, file_format, tmp_path)
    db, _ = ingest(shape, file_format, tmp_path, path)
    before = content(db)
    [again] = ingest_files(db, [path], choice=CHOICES.get(shape))
    assert again.status == "duplicate_file"
    assert content(db) == before
