"""The dashboard's one handle on the warehouse.

One read-write DuckDB connection per process (st.cache_resource); every query gets its own cursor.
Query results are cached per data version (the latest ingest id), so an upload invalidates them for
every session, while a session reading during an upload keeps seeing the last committed state.
"""

import functools
import os
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path

import duckdb
import polars as pl
import streamlit as st

from pipelines import access, kpi, kpi_766
from pipelines.auth import User
from pipelines.catalogues import load_catalogues
from pipelines.deadlines import next_due
from pipelines.demo import write_demo_exports
from pipelines.errors import WarehouseDiskFullError, WarehouseRebuildingError
from pipelines.file_context import UploadChoice
from pipelines.ingest import IngestResult, ingest_file
from pipelines.ingest import unit_question as pipelines_unit_question
from pipelines.periods import Period
from pipelines.report_data import data_as_of as _data_as_of
from pipelines.report_files import write_report
from pipelines.report_images import keep_browser_open
from pipelines.scope import Scope
from pipelines.settings import DEFAULT_DB_PATH, raw_dir_for
from pipelines.warehouse import connect
from ui import auth

DB_ENV = "TTHC_DB"
DEMO_SCALE_ENV = "TTHC_DEMO_SCALE"  # tests load a small demo year
# Uploads and the first-run demo load are written one at a time: one writer, many readers.
_WRITE_LOCK = threading.Lock()


def db_path() -> Path:
    return Path(os.environ.get(DB_ENV) or DEFAULT_DB_PATH)


@st.cache_resource(show_spinner=False)
def _open(path: str) -> tuple[duckdb.DuckDBPyConnection, str | None]:
    """The connection, and why it is read-only when it is: a full disk, or a rebuild in progress (the pages
    then keep serving the file as it is, uploads are refused)."""
    try:
        return connect(Path(path)), None
    except (WarehouseDiskFullError, WarehouseRebuildingError) as exc:
        return connect(Path(path), read_only=True), exc.message_vi


def read_only_reason() -> str | None:
    return _open(str(db_path()))[1]


def _cursor() -> duckdb.DuckDBPyConnection:
    return _open(str(db_path()))[0].cursor()


def data_version() -> int:
    with _cursor() as cur:
        return cur.execute("select coalesce(max(ingest_id), 0) from ingest_log").fetchall()[0][0]


@st.cache_data(show_spinner=False, max_entries=2000)
def _cached_run(path: str, version: int, name: str, args: tuple, kwargs: tuple, _func: Callable):
    with _cursor() as cur:
        return _func(cur, *args, **dict(kwargs))


def cached(func: Callable) -> Callable:
    """`func(con, *args, **kwargs)` becomes `func(*args, **kwargs)`, cached until the next ingest (the
    arguments are the cache key: a Scope is hashable)."""

    @functools.wraps(func)
    def run(*args, **kwargs):
        return _cached_run(
            str(db_path()), data_version(), func.__qualname__, args, tuple(sorted(kwargs.items())), func
        )

    return run


# The KPI layer, each function cached as it is (pipelines.kpi: con first, the scope by keyword).
available_periods = cached(kpi.available_periods)
kpi_table = cached(kpi.kpi_table)
kpi_compare = cached(kpi.kpi_compare)
monthly_trend = cached(kpi.monthly_trend)
sector_units = cached(kpi.sector_units)
targets_status = cached(kpi.targets_status)
unit_ranking = cached(kpi.unit_ranking)
report_table = cached(kpi.report_table)
scorecard = cached(kpi.scorecard)
unit_laggards = cached(kpi.unit_laggards)

# The national index (Quyết định 766) of the Chỉ số 766 page.
index_766_indicators = cached(kpi_766.indicators)
index_766_ranking = cached(kpi_766.ranking)
index_766_trend = cached(kpi_766.trend)


# Rows of single dossiers, rejects and uploads: only what the signed-in user may see (pipelines.access).
# The pages never pass the user's units: these functions take them from the session themselves.


def _reader_units() -> tuple[str, ...] | None:
    return auth.signed_in().units or None


_dossier_list = cached(kpi.dossier_list)


def dossier_list(*, scope: Scope, outcomes: tuple[str, ...] | None = None) -> pl.DataFrame:
    """kpi.dossier_list limited to the signed-in user's units: another unit's dossiers come back empty."""
    return _dossier_list(scope=scope, outcomes=outcomes, units=_reader_units())


@cached
def unit_month_rates(con: duckdb.DuckDBPyConnection, *, scope: Scope) -> pl.DataFrame:
    """On-time rate of each unit (rows, by name) in each calendar month of the scope (columns 'YYYY-MM')."""
    by_month = kpi.kpi_table(con, "unit_month", scope=scope).select(
        pl.col("key").alias("unit_name"),
        pl.col("window_from_date").dt.strftime("%Y-%m").alias("month"),
        "on_time_rate",
    )
    first_month = scope.from_date.replace(day=1)
    months = pl.date_range(first_month, scope.to_date, interval="1mo", eager=True).dt.strftime("%Y-%m")
    wide = by_month.pivot(on="month", index="unit_name", values="on_time_rate", on_columns=months.to_list())
    year_units = kpi.kpi_table(con, "unit", scope=scope).select(pl.col("key").alias("unit_name"))
    return year_units.join(wide, on="unit_name", how="left", maintain_order="left")


data_as_of = cached(_data_as_of)


def next_due_period() -> Period | None:
    """The period report due next after the data's as-of date (None before any data)."""
    as_of = data_as_of()
    return None if as_of is None else next_due(as_of).period


@cached
def _report_file(
    con: duckdb.DuckDBPyConnection, period: Period, suffix: str, units: tuple[str, ...] | None
) -> bytes:
    if suffix != ".xlsx":
        keep_browser_open()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"bao_cao{suffix}"
        write_report(con, period, path, units=units)
        return path.read_bytes()


def report_file(period: Period, suffix: str) -> bytes:
    """The period report as `tthc report --out x<suffix>` writes it: .xlsx, .docx or .pdf, its list of
    dossiers limited to the signed-in user's units. The charts' browser stays open after the first report,
    so later ones do not wait for it to start."""
    return _report_file(period, suffix, _reader_units())


# Data quality and the warehouse's own state.


def _view_reader(view: str) -> Callable:
    """A cached `f()` returning a whole data-quality view (the names are this module's constants)."""

    def read(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
        return con.sql(f"select * from {view}").pl()

    read.__qualname__ = view  # the cache key
    return cached(read)


warehouse_state = _view_reader("kpi_dq_warehouse")
rejects_by_reason = _view_reader("kpi_dq_rejects_by_reason")
unknown_sectors = _view_reader("kpi_dq_unknown_sectors")
flag_counts = _view_reader("kpi_dq_flags_summary")
field_coverage = _view_reader("kpi_dq_field_coverage")
_files = _view_reader("kpi_dq_files")
_unknown_units = _view_reader("kpi_dq_unknown_units")
_outcome_mismatches = _view_reader("kpi_dq_outcome_mismatches")
_flagged_dossiers = _view_reader("kpi_dq_flagged_dossiers")
_not_received = _view_reader("kpi_dq_not_received")


def ingested_files() -> pl.DataFrame:
    """The ingest log; a scoped user's own uploads only."""
    return access.uploads_of(_files(), _reader_units(), auth.signed_in().name)


def unknown_units() -> pl.DataFrame:
    """Unit names the catalogue lacks, with the files they came from: none for a scoped user, whose
    uploads of other units' rows are rejected as out of scope anyway."""
    frame = _unknown_units()
    return frame if _reader_units() is None else frame.clear()


def outcome_mismatches() -> pl.DataFrame:
    return access.dossiers_of(_outcome_mismatches(), _reader_units())


def flagged_dossiers() -> pl.DataFrame:
    return access.dossiers_of(_flagged_dossiers(), _reader_units())


def not_received() -> pl.DataFrame:
    return access.uploads_of(_not_received(), _reader_units(), auth.signed_in().name)


@st.cache_data(show_spinner=False)
def field_labels() -> dict[str, str]:
    """Canonical field → the header it is shown as (definitions/header_spellings.csv)."""
    return load_catalogues().vocabulary.field_labels_vi


@cached
def settings(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """catalogues/settings.csv as the warehouse holds it (cat_settings): key → value."""
    return dict(con.execute("select key, value from cat_settings").fetchall())


@cached
def _rejects_of(con: duckdb.DuckDBPyConnection, ingest_ids: tuple[int, ...]) -> pl.DataFrame:
    return con.sql(
        "select * from kpi_dq_rejects where list_contains($ids, ingest_id)", params={"ids": list(ingest_ids)}
    ).pl()


def rejects_of(ingest_ids: tuple[int, ...]) -> pl.DataFrame:
    """The rejected rows of these ingests; for a scoped user, of their own uploads only."""
    own = set(ingested_files()["ingest_id"])
    return _rejects_of(tuple(ingest_id for ingest_id in ingest_ids if ingest_id in own))


# Writing: uploads and the demo year.


@st.cache_data(show_spinner=False, max_entries=50)
def unit_question(name: str, content: bytes) -> str | None:
    """Why the uploader must choose the unit of this file (pipelines.ingest.unit_question), or None."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"upload{Path(name).suffix.lower()}"
        path.write_bytes(content)
        return pipelines_unit_question(path, name)


def ingest_uploads(files: list[tuple[str, bytes, str | None]], uploader: User) -> list[IngestResult]:
    """Each (file name, content, unit chosen for a file without a unit column) ingested in its own
    transaction, in the order given; a scoped uploader's rows of other units are rejected."""
    if read_only_reason():
        return [
            IngestResult(file_name=name, status="failed", error_vi=read_only_reason()) for name, _, _ in files
        ]
    raw_dir = raw_dir_for(db_path())
    results = []
    with _WRITE_LOCK, tempfile.TemporaryDirectory() as folder, _cursor() as cur:
        for index, (name, content, unit_id) in enumerate(files):
            path = Path(folder) / f"{index}{Path(name).suffix.lower()}"
            path.write_bytes(content)
            results.append(
                ingest_file(
                    cur,
                    path,
                    raw_dir,
                    original_name=name,
                    uploaded_by=uploader.name,
                    choice=UploadChoice(unit_id),
                    uploader_units=uploader.units or None,
                )
            )
    return results


def load_demo_year(report: Callable[[float, str], None]) -> None:
    """First run: generate the demo year's monthly exports and ingest them as demo data, file by file."""
    raw_dir = raw_dir_for(db_path())
    with _WRITE_LOCK:
        if data_version() != 0:  # another session loaded it while this one waited
            return
        with tempfile.TemporaryDirectory() as folder, _cursor() as cur:
            report(0.0, "Đang tạo 12 tệp xuất hồ sơ mẫu…")
            paths = write_demo_exports(Path(folder), scale=float(os.environ.get(DEMO_SCALE_ENV, "1")))
            for done, path in enumerate(paths, start=1):
                report((done - 1) / len(paths), f"Đang nạp {path.name} ({done}/{len(paths)})…")
                ingest_file(cur, path, raw_dir, is_demo=True)
            report(1.0, f"Đã nạp {len(paths)} tệp.")
