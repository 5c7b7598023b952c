"""Warehouses for the KPI tests: dossier rows inserted straight into `dossiers`, with test catalogue rows.

NAMED_DOSSIERS: units tnmt (city), p_le_loi (ward), x_bao_khe (commune); each dossier is built to hit one
definition or boundary of docs/definitions.md; the expected outputs are hand-computed in tests/sql/.
"""

import datetime as dt
from pathlib import Path

import duckdb
import polars as pl

from pipelines import definitions
from pipelines.warehouse import connect, refresh_aggregates, transaction

# The counts the expected rows of tests/sql/ list, in their order: those `tthc kpi` prints.
COUNTS = tuple(kpi.key for kpi in definitions.cli_kpis() if not kpi.is_rate)

LAND, CONSTRUCTION, CIVIL, NOTARY, UNKNOWN = "Đất đai", "Xây dựng", "Hộ tịch", "Chứng thực", "Lĩnh vực lạ"

# code: unit, sector, received, due, finished, and the other columns when not the default
NAMED_DOSSIERS = {
    # received before Jan 2023, finished early on 03/01: carried over into Jan and into BC-2023-01
    "A01": dict(
        unit="tnmt", sector=LAND, received="2022-12-10 09:00", due="2023-01-05", finished="2023-01-03 10:00"
    ),
    # received on the first day of Jan; finished on its due date (earlier in the day than the due time)
    "A02": dict(
        unit="tnmt",
        sector=LAND,
        received="2023-01-01 08:00",
        due="2023-01-10 17:00",
        finished="2023-01-10 09:00",
        channel="online",
        service_level="full",
        rating="satisfied",
    ),
    # finished late on the last day of Jan, with an apology letter; pending in time at 14/01
    "A03": dict(
        unit="tnmt",
        sector=LAND,
        received="2023-01-05 08:00",
        due="2023-01-20",
        finished="2023-01-31 16:00",
        is_synced=True,
        has_apology=True,
    ),
    # received on the last day of Jan, offered fully online but brought in person; still open
    "A04": dict(
        unit="tnmt", sector=CONSTRUCTION, received="2023-01-31 15:00", due="2023-02-15", service_level="full"
    ),
    # open, due 15/01: in time at 14/01 and at 15/01, overdue from 16/01
    "A05": dict(unit="tnmt", sector=CONSTRUCTION, received="2022-12-20 08:00", due="2023-01-15"),
    # no due date (settled on the spot): on time; fully online per the procedure catalogue only
    "A06": dict(
        unit="p_le_loi",
        sector=CIVIL,
        received="2023-01-10 08:00",
        finished="2023-01-12 10:00",
        procedure_code="P-HT-01",
        rating="very_satisfied",
    ),
    # withdrawn in Jan
    "A07": dict(
        unit="p_le_loi",
        sector=CIVIL,
        received="2023-01-15 08:00",
        due="2023-01-20",
        is_withdrawn=True,
        channel="online",
        status_text="Đã rút hồ sơ",
    ),
    # finished late on 31/12/2022: not carried over into Jan, carried over into BC-2023-01; no apology column
    "A08": dict(
        unit="p_le_loi",
        sector=CIVIL,
        received="2022-11-01 08:00",
        due="2022-11-10",
        finished="2022-12-31 09:00",
    ),
    # a lĩnh vực not in the catalogue (group 'other'), received in Feb
    "A09": dict(unit="x_bao_khe", sector=UNKNOWN, received="2023-02-01 08:00", due="2023-02-10"),
    # due on the last day of Jan, open then (in time), finished late on 02/02
    "A10": dict(
        unit="x_bao_khe",
        sector=CIVIL,
        received="2023-01-20 08:00",
        due="2023-01-31",
        finished="2023-02-02 10:00",
    ),
    # finished on the due date but after the due time: on time; unknown channel; the export's service
    # level (partial) wins over the catalogue's (full)
    "A11": dict(
        unit="x_bao_khe",
        sector=CIVIL,
        received="2023-01-03 10:00",
        due="2023-01-04 08:00",
        finished="2023-01-04 17:00",
        channel="unknown",
        procedure_code="P-HT-01",
        service_level="partial",
    ),
    # open and overdue since 30/12/2022
    "A12": dict(unit="tnmt", sector=LAND, received="2022-12-01 08:00", due="2022-12-30"),
    # withdrawn in Dec 2022 although it has a finish date
    "A13": dict(
        unit="p_le_loi",
        sector=NOTARY,
        received="2022-12-28 08:00",
        due="2023-01-05",
        finished="2023-01-02 08:00",
        is_withdrawn=True,
        status_text="Hủy",
    ),
    # received, due and finished on the last day of BC-2023-01, online; rated neutral, not synced
    "A14": dict(
        unit="x_bao_khe",
        sector=LAND,
        received="2023-01-14 08:00",
        due="2023-01-14 17:00",
        finished="2023-01-14 11:00",
        channel="online",
        service_level="full",
        rating="neutral",
        is_synced=False,
    ),
    # received by post on the first day of BC-2023-01, finished on its due date 16/01
    "A15": dict(
        unit="tnmt",
        sector=LAND,
        received="2022-12-15 08:00",
        due="2023-01-16",
        finished="2023-01-16 08:00",
        channel="postal",
    ),
    # a year earlier: Jan 2022
    "B01": dict(
        unit="tnmt", sector=LAND, received="2022-01-05 08:00", due="2022-01-10", finished="2022-01-08 08:00"
    ),
    # Dec 2022, resolved before BC-2023-01 starts
    "B02": dict(
        unit="x_bao_khe",
        sector=CIVIL,
        received="2022-12-05 08:00",
        due="2022-12-06",
        finished="2022-12-06 15:00",
    ),
    "B03": dict(
        unit="tnmt", sector=LAND, received="2022-12-02 08:00", due="2022-12-09", finished="2022-12-08 08:00"
    ),
}

# Test catalogue rows replacing the files' (so that editing catalogues/ never breaks these tests).
TEST_PROCEDURES = [("P-HT-01", "Đăng ký khai sinh", CIVIL, "full")]
TEST_TARGETS = [
    (2023, "on_time_rate", "all", ">", 0.95, "trên 95 %"),
    (2023, "early_rate", "all", ">=", 0.80, "80 %"),
    (2023, "satisfaction_rate", "all", ">=", 0.90, "90 %"),
    (2023, "satisfaction_rate", "land", ">=", 0.50, "đất đai 50 %"),
    (2023, "satisfaction_rate", "construction", ">=", 0.85, "xây dựng 85 %"),
    (2023, "online_rate", "all", "<=", 0.5, "thử phép so sánh <="),
    (2023, "apology_rate", "all", ">=", 1.00, "100 %"),
    (2022, "on_time_rate", "all", ">", 0.50, "năm khác"),
]

_SCHEMA = {
    "dossier_code": pl.String,
    "procedure_code": pl.String,
    "procedure_name": pl.String,
    "sector_name": pl.String,
    "unit_id": pl.String,
    "received_at": pl.Datetime("us"),
    "due_at": pl.Datetime("us"),
    "finished_at": pl.Datetime("us"),
    "status_text": pl.String,
    "is_withdrawn": pl.Boolean,
    "channel": pl.String,
    "service_level": pl.String,
    "rating": pl.String,
    "is_synced": pl.Boolean,
    "has_apology": pl.Boolean,
    "has_e_result": pl.Boolean,
    "is_digitised": pl.Boolean,
    "is_paid_online": pl.Boolean,
    "outcome_reported": pl.String,
    "status_kind": pl.String,
    "is_derived_key": pl.Boolean,
    "as_of_date": pl.Date,
    "ingest_id": pl.Int32,
    "source_row": pl.Int32,
}


def _timestamp(text: str | None) -> dt.datetime | None:
    return None if text is None else dt.datetime.fromisoformat(text)


def dossier_row(code: str, source_row: int, spec: dict) -> tuple:
    """A full `dossiers` row (every NOT NULL column filled) from a short spec."""
    return (
        code,
        spec.get("procedure_code"),
        spec.get("procedure_name"),
        spec["sector"],
        spec["unit"],
        _timestamp(spec["received"]),
        _timestamp(spec.get("due")),
        _timestamp(spec.get("finished")),
        spec.get("status_text"),
        spec.get("is_withdrawn", False),
        spec.get("channel", "in_person"),
        spec.get("service_level"),
        spec.get("rating"),
        spec.get("is_synced"),
        spec.get("has_apology"),
        spec.get("has_e_result"),
        spec.get("is_digitised"),
        spec.get("is_paid_online"),
        spec.get("outcome_reported"),
        spec.get("status_kind", "withdrawn" if spec.get("is_withdrawn") else None),
        False,
        dt.date(2023, 3, 31),
        1,
        source_row,
    )


def insert_dossiers(con: duckdb.DuckDBPyConnection, specs: dict[str, dict]) -> None:
    rows = [dossier_row(code, n, spec) for n, (code, spec) in enumerate(specs.items(), start=2)]
    frame = pl.DataFrame(rows, schema=_SCHEMA, orient="row")
    con.register("dossier_rows", frame.to_arrow())
    con.execute("insert into dossiers by name select * from dossier_rows")
    con.unregister("dossier_rows")


def build_kpi_warehouse(path: Path, specs: dict[str, dict]) -> Path:
    """A warehouse at `path` holding `specs` (code → dossier_row spec) and the test catalogue rows."""
    con = connect(path)
    with transaction(con):
        con.execute("delete from cat_procedures")
        con.executemany(
            "insert into cat_procedures (procedure_code, procedure_name, sector_name, service_level) "
            "values (?, ?, ?, ?)",
            TEST_PROCEDURES,
        )
        con.execute("delete from cat_targets")
        con.executemany(
            "insert into cat_targets (year, kpi, sector_group, comparison, target_value, note) "
            "values (?, ?, ?, ?, ?, ?)",
            TEST_TARGETS,
        )
        insert_dossiers(con, specs)
        refresh_aggregates(con)
    con.close()
    return path
