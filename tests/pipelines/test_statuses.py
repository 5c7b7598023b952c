"""Statuses end to end: "not received" dossiers are skipped and in no KPI, whichever file comes first;
withdrawn ones count in received only; rows kept but listed for a look (finished-sounding status without a
date, a result entered before the reception time of the same day)."""

import itertools

import duckdb

from pipelines import kpi
from pipelines.ingest import ingest_files
from pipelines.periods import parse_period
from pipelines.scope import Scope
from tests.helpers.exports import row, write_csv

JANUARY = parse_period("2023-01")
JAN_TITLE = ("Từ ngày 01/01/2023 đến ngày 31/01/2023",)
FEB_TITLE = ("Từ ngày 01/02/2023 đến ngày 28/02/2023",)


def january_total(db) -> dict:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return kpi.kpi_table(con, "total", scope=Scope.of(JANUARY)).row(0, named=True)
    finally:
        con.close()


def flags(db) -> list[tuple[str, str]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(
            "select flag_code, dossier_code from kpi_dq_flagged_dossiers order by all"
        ).fetchall()
    finally:
        con.close()


def test_not_received_rows_are_skipped_with_a_reason_and_counted_nowhere(tmp_path):
    rows = [
        row("NR-1", status="Không được tiếp nhận", finished=""),
        row("NR-2", status="Mới đăng ký", received="", due="", finished=""),
        row("NR-3", status="Từ chối tiếp nhận", finished=""),
        row("NR-4", status="Chờ tiếp nhận", finished=""),
        row("NR-5", status="Không tiếp nhận", finished=""),
        row("OK-1"),
    ]
    db = tmp_path / "w.duckdb"
    [result] = ingest_files(db, [write_csv(tmp_path / "t.csv", rows, title_lines=JAN_TITLE)])
    assert (result.n_new, result.n_rejected, result.skipped_by_reason) == (1, 0, {"not_received": 5})
    total = january_total(db)
    assert (total["n_received"], total["n_pending"], total["n_withdrawn"], total["n_resolved"]) == (
        1,
        0,
        0,
        1,
    )


def test_a_later_not_received_version_takes_the_dossier_out_whatever_the_upload_order(tmp_path):
    jan = write_csv(
        tmp_path / "jan.csv", [row("X-1", status="Đang xử lý", finished="")], title_lines=JAN_TITLE
    )
    feb = write_csv(
        tmp_path / "feb.csv", [row("X-1", status="Từ chối tiếp nhận", finished="")], title_lines=FEB_TITLE
    )
    for n, order in enumerate(itertools.permutations([jan, feb])):
        db = tmp_path / f"order{n}" / "w.duckdb"
        ingest_files(db, list(order))
        assert january_total(db)["n_received"] == 0


def test_a_later_received_version_brings_the_dossier_in_whatever_the_upload_order(tmp_path):
    jan = write_csv(
        tmp_path / "jan.csv",
        [row("Y-1", status="Mới đăng ký", received="", due="", finished="")],
        title_lines=JAN_TITLE,
    )
    feb = write_csv(tmp_path / "feb.csv", [row("Y-1", status="Đã trả kết quả")], title_lines=FEB_TITLE)
    for n, order in enumerate(itertools.permutations([jan, feb])):
        db = tmp_path / f"order{n}" / "w.duckdb"
        ingest_files(db, list(order))
        total = january_total(db)
        assert (total["n_received"], total["n_resolved"]) == (1, 1)


def test_withdrawn_statuses_count_in_received_only(tmp_path):
    statuses = [
        "Từ chối",
        "Từ chối giải quyết",
        "Trả lại",
        "Công dân yêu cầu rút hồ sơ",
        "Dừng xử lý",
        "Đã hủy",
    ]
    rows = [row(f"W-{n}", status=status) for n, status in enumerate(statuses)]
    db = tmp_path / "w.duckdb"
    [result] = ingest_files(db, [write_csv(tmp_path / "t.csv", rows, title_lines=JAN_TITLE)])
    assert result.n_new == len(statuses)
    total = january_total(db)
    assert (total["n_received"], total["n_withdrawn"], total["n_resolved"], total["n_pending"]) == (
        6,
        6,
        0,
        0,
    )


def test_finished_sounding_status_without_a_date_is_open_and_listed(tmp_path):
    rows = [
        row("F-1", status="Đã trả kết quả", finished="", due="10/01/2023 17:00"),
        row("F-2", status="Hoàn thành"),
    ]
    db = tmp_path / "w.duckdb"
    ingest_files(db, [write_csv(tmp_path / "t.csv", rows, title_lines=JAN_TITLE)])
    total = january_total(db)
    assert (total["n_resolved"], total["n_pending"], total["n_pending_overdue"]) == (1, 1, 1)
    assert ("finished_status_without_date", "F-1") in flags(db)
    assert ("finished_status_without_date", "F-2") not in flags(db)


def test_a_result_before_the_reception_time_of_the_same_day_is_kept_and_listed(tmp_path):
    rows = [
        row("T-1", received="03/01/2023 14:00", due="", finished="03/01/2023 09:00"),
        row("T-2", received="03/01/2023 14:00", due="05/01/2023 17:00", finished="03/01/2023 13:59"),
    ]
    db = tmp_path / "w.duckdb"
    [result] = ingest_files(db, [write_csv(tmp_path / "t.csv", rows, title_lines=JAN_TITLE)])
    assert (result.n_new, result.n_rejected) == (2, 0)
    total = january_total(db)
    assert (total["n_resolved"], total["n_on_time"], total["n_early"]) == (2, 1, 1)
    assert [f for f in flags(db) if f[0] == "result_before_receipt_time"] == [
        ("result_before_receipt_time", "T-1"),
        ("result_before_receipt_time", "T-2"),
    ]
