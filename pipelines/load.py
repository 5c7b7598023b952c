"""Write one normalised file into the warehouse: dossiers upserted by the as-of rule, every version kept,
rejects, the log; a correction first takes out the earlier load of the same bytes."""

import datetime as dt
from dataclasses import dataclass

import duckdb
import polars as pl

from pipelines.archive import ArchivedFile
from pipelines.normalise import Normalised
from pipelines.settings import SQL_DIR
from pipelines.warehouse import refresh_aggregates, transaction

LOAD_SQL = SQL_DIR / "load"


@dataclass(frozen=True)
class LoadCounts:
    ingest_id: int
    n_new: int
    n_updated: int
    n_unchanged: int


@dataclass(frozen=True)
class LoadRequest:
    archived: ArchivedFile
    sheet_name: str
    started_at: dt.datetime
    mapped_fields: tuple[str, ...]
    replaces_ingest_ids: tuple[int, ...] = ()  # earlier loads of the same bytes this one corrects


def _sql(name: str) -> str:
    return (LOAD_SQL / name).read_text(encoding="utf-8")


def next_ingest_id(con: duckdb.DuckDBPyConnection) -> int:
    return con.execute("select nextval('ingest_id_seq')").fetchall()[0][0]


_EMPTY_LOG = dict.fromkeys(
    (
        "sheet_name",
        "as_of_date",
        "n_read",
        "n_new",
        "n_updated",
        "n_unchanged",
        "n_rejected",
        "n_skipped",
        "error_vi",
        "unit_choice",
        "unit_scope",
        "mapped_fields",
    ),
)


def _insert_log(con: duckdb.DuckDBPyConnection, values: dict) -> None:
    con.execute(_sql("insert_ingest_log.sql"), {**_EMPTY_LOG, **values})


def log_failure(
    con: duckdb.DuckDBPyConnection,
    file_name: str,
    sha256: str,
    size_bytes: int,
    error_vi: str,
    uploaded_by: str | None,
    is_demo: bool,
    started_at: dt.datetime,
    unit_scope: tuple[str, ...] | None = None,
) -> None:
    """Written after the rollback, so the log says the file failed while nothing of it was kept."""
    _insert_log(
        con,
        {
            "ingest_id": next_ingest_id(con),
            "file_name": file_name,
            "file_sha256": sha256,
            "size_bytes": size_bytes,
            "status": "failed",
            "error_vi": error_vi,
            "uploaded_by": uploaded_by,
            "is_demo": is_demo,
            "started_at": started_at,
            "unit_scope": list(unit_scope) if unit_scope is not None else None,
        },
    )


def log_rebuild(
    con: duckdb.DuckDBPyConnection, n_files: int, rebuilt_by: str | None, started_at: dt.datetime
) -> None:
    _insert_log(
        con,
        {
            "ingest_id": next_ingest_id(con),
            "file_name": f"(dựng lại kho từ {n_files} tệp gốc)",
            "file_sha256": "",
            "size_bytes": 0,
            "status": "rebuilt",
            "uploaded_by": rebuilt_by,
            "is_demo": False,
            "started_at": started_at,
        },
    )


def _has_demo_data(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether demo dossiers are stored: replacing them changes too much for refresh_aggregates to correct."""
    return (
        con.execute("select count(*) from ingest_log where is_demo and status = 'loaded'").fetchall()[0][0]
        > 0
    )


@dataclass(frozen=True)
class PreviousLoad:
    unit_choice: str | None  # the unit chosen for the file (None: none needed)
    unit_scope: frozenset[str] | None  # the units its uploader was limited to (None: every unit)


def previous_loads(con: duckdb.DuckDBPyConnection, sha256: str) -> dict[int, PreviousLoad]:
    """The loads of these bytes still in force, by ingest_id."""
    rows = con.execute(
        "select ingest_id, unit_choice, unit_scope from ingest_log "
        "where file_sha256 = ? and status = 'loaded'",
        [sha256],
    ).fetchall()
    return {
        ingest_id: PreviousLoad(choice, None if scope is None else frozenset(scope))
        for ingest_id, choice, scope in rows
    }


def _register(con: duckdb.DuckDBPyConnection, name: str, frame: pl.DataFrame) -> None:
    con.register(name, frame.to_arrow())


def load_normalised(
    con: duckdb.DuckDBPyConnection, normalised: Normalised, request: LoadRequest
) -> LoadCounts:
    """One file = one transaction: on any error nothing of this file remains."""
    archived = request.archived
    with transaction(con):
        recount = bool(request.replaces_ingest_ids) or (not archived.is_demo and _has_demo_data(con))
        if not archived.is_demo:  # also drops the log entries of demo files that failed
            con.execute(_sql("drop_demo_data.sql"))
        if request.replaces_ingest_ids:
            _register(con, "removed_ingests", pl.DataFrame({"ingest_id": request.replaces_ingest_ids}))
            con.execute(_sql("remove_ingest.sql"))
            con.unregister("removed_ingests")
        ingest_id = next_ingest_id(con)
        incoming = normalised.dossiers.with_columns(
            pl.lit(normalised.as_of_date, dtype=pl.Date).alias("as_of_date"),
            pl.lit(ingest_id, dtype=pl.Int32).alias("ingest_id"),
        )
        _register(con, "incoming_dossiers", incoming)
        for step in ("classify_incoming.sql", "capture_changes.sql"):
            con.execute(_sql(step))
        counts = dict(con.execute(_sql("count_changes.sql")).fetchall())
        con.execute(_sql("apply_incoming.sql"))
        rejects = normalised.rejects.with_columns(
            pl.lit(ingest_id, dtype=pl.Int32).alias("ingest_id"),
            pl.lit(archived.file_name).alias("file_name"),
        )
        _register(con, "incoming_rejects", rejects)
        con.execute("insert into rejects by name select * from incoming_rejects")
        con.unregister("incoming_rejects")
        result = LoadCounts(
            ingest_id=ingest_id,
            n_new=counts.get("new", 0),
            n_updated=counts.get("updated", 0),
            n_unchanged=counts.get("unchanged", 0) + counts.get("refreshed", 0) + counts.get("older", 0),
        )
        _insert_log(
            con,
            {
                "ingest_id": ingest_id,
                "file_name": archived.file_name,
                "file_sha256": archived.sha256,
                "size_bytes": archived.size_bytes,
                "sheet_name": request.sheet_name,
                "as_of_date": normalised.as_of_date,
                "n_read": normalised.n_read,
                "n_new": result.n_new,
                "n_updated": result.n_updated,
                "n_unchanged": result.n_unchanged,
                "n_rejected": normalised.rejects.height,
                "n_skipped": sum(normalised.skipped_by_reason.values()),
                "status": "loaded",
                "unit_choice": archived.unit_choice,
                "unit_scope": archived.unit_scope,
                "mapped_fields": list(request.mapped_fields),
                "uploaded_by": archived.uploaded_by,
                "is_demo": archived.is_demo,
                "started_at": request.started_at,
            },
        )
        refresh_aggregates(con, changes_only=not recount)
        con.execute(
            "drop view ingest_added_dossiers; drop table ingest_replaced_dossiers; "
            "drop table incoming_classified"
        )
        con.unregister("incoming_dossiers")
    return result
