"""The one module that opens the DuckDB warehouse, creates its tables and views, and knows its path."""

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from pipelines.catalogues import load_catalogues, write_catalogue_tables
from pipelines.definitions import write_definition_tables
from pipelines.errors import WarehouseBusyError, WarehouseCorruptError, WarehouseDiskFullError, is_disk_full
from pipelines.index_766 import write_index_tables
from pipelines.rebuild_lock import refuse_while_rebuilding
from pipelines.settings import DEFAULT_DB_PATH, DEFINITIONS_DIR, PROJECT_DIR, SQL_DIR, catalogue_dir

# Views and macros are created layer by layer: cleaning, shared steps, aggregates, what pages read.
LAYERS = ("stg_", "int_", "agg_", "kpi_", "rpt_")


def sql_files(layer: str) -> list[Path]:
    return sorted(SQL_DIR.glob(f"{layer}*.sql"))


def disk_full_message(db_path: Path) -> str:
    return (
        f"Ổ đĩa chứa kho dữ liệu {db_path} đã đầy: không ghi được gì vào kho. Giải phóng dung lượng (hoặc "
        "chuyển kho sang ổ khác) rồi chạy lại; bảng điều khiển vẫn mở kho ở chế độ chỉ đọc."
    )


def connect(db_path: Path = DEFAULT_DB_PATH, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open the warehouse; read-write also (re)loads the catalogues and the definitions and (re)creates
    every view when they changed since the last read-write open. A read-write open is refused while
    another process rebuilds the warehouse (checked again once the file is open: a rebuild starting in
    between finds the file held and stops)."""
    db_path = Path(db_path)
    if not read_only:
        refuse_while_rebuilding(db_path)
        db_path.parent.mkdir(parents=True, exist_ok=True)
    con = _open(db_path, read_only)
    if not read_only:
        try:
            refuse_while_rebuilding(db_path)
            prepare(con)
        except BaseException as exc:
            con.close()
            if is_disk_full(exc):
                raise WarehouseDiskFullError(disk_full_message(db_path)) from exc
            raise
    return con


def _open(db_path: Path, read_only: bool) -> duckdb.DuckDBPyConnection:
    try:
        return duckdb.connect(str(db_path), read_only=read_only)
    except duckdb.IOException as exc:
        if is_disk_full(exc):
            raise WarehouseDiskFullError(disk_full_message(db_path)) from exc
        if "lock" in str(exc).lower():
            raise WarehouseBusyError(
                f"Kho dữ liệu {db_path} đang được một tiến trình khác (thường là bảng điều khiển Streamlit) "
                "mở để ghi. Hãy tải tệp lên qua trang «Tải lên» của bảng điều khiển, hoặc dừng bảng điều "
                "khiển rồi chạy lại lệnh."
            ) from exc
        raise WarehouseCorruptError(
            f"Không mở được kho dữ liệu {db_path}: {exc}. Chạy `tthc rebuild` để dựng lại từ các tệp gốc."
        ) from exc
    except duckdb.Error as exc:
        raise WarehouseCorruptError(
            f"Không mở được kho dữ liệu {db_path}: {exc}. Chạy `tthc rebuild` để dựng lại từ các tệp gốc."
        ) from exc


def _check_schema(con: duckdb.DuckDBPyConnection) -> None:
    """A warehouse written by an older version lacks columns the load steps need: rebuild it."""
    columns = {
        name
        for (name,) in con.execute(
            "select column_name from information_schema.columns where table_name = 'dossiers'"
        ).fetchall()
    }
    if columns and "status_kind" not in columns:
        raise WarehouseCorruptError(
            "Kho dữ liệu được tạo bởi phiên bản cũ (thiếu các cột mới của bảng hồ sơ). "
            "Chạy `tthc rebuild` để dựng lại kho từ các tệp gốc đã lưu."
        )


def setup_fingerprint() -> str:
    """What the tables, catalogue copies and views written by `prepare` are made from: the SQL, the
    catalogues, the definitions and the code that writes them."""
    digest = hashlib.sha256()
    sources = (
        sorted(SQL_DIR.glob("*.sql"))
        + sorted(p for p in catalogue_dir().rglob("*") if p.is_file())
        + sorted(p for p in DEFINITIONS_DIR.rglob("*") if p.is_file())
        + sorted((PROJECT_DIR / "pipelines").glob("*.py"))
    )
    for path in sources:
        digest.update(str(path).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _stored_fingerprint(con: duckdb.DuckDBPyConnection) -> str | None:
    if not con.execute("select 1 from duckdb_tables() where table_name = 'warehouse_setup'").fetchall():
        return None
    rows = con.execute("select fingerprint from warehouse_setup").fetchall()
    return rows[0][0] if rows else None


def prepare(con: duckdb.DuckDBPyConnection) -> None:
    """Writes nothing when nothing changed since the last time: an open then works on a full disk."""
    _check_schema(con)
    fingerprint = setup_fingerprint()
    if _stored_fingerprint(con) == fingerprint:
        return
    with transaction(con):
        con.execute((SQL_DIR / "schema.sql").read_text(encoding="utf-8"))
        write_catalogue_tables(con, load_catalogues())
        write_definition_tables(con)
        write_index_tables(con)
        for layer in LAYERS:
            for path in sql_files(layer):
                con.execute(path.read_text(encoding="utf-8"))
        con.execute("delete from warehouse_setup")
        con.execute("insert into warehouse_setup values (?)", [fingerprint])


def refresh_aggregates(con: duckdb.DuckDBPyConnection, changes_only: bool = False) -> None:
    """Rebuild the agg_ tables (inside the caller's transaction). With changes_only, agg_daily_counts is
    corrected by what an ingest captured (sql/load/capture_changes.sql) instead of recounted from every
    dossier: at 10M dossiers that recount is most of the time."""
    for path in sql_files("agg_"):
        if changes_only and path.name == "agg_daily_counts.sql":
            path = SQL_DIR / "load" / "merge_daily_counts.sql"
        con.execute(path.read_text(encoding="utf-8"))


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    con.execute("begin transaction")
    try:
        yield con
    except BaseException:
        con.execute("rollback")
        raise
    con.execute("commit")
