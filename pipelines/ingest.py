"""Ingest export files: read, map headers, normalise, validate, archive, load — one transaction per file."""

import contextlib
import datetime as dt
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import polars as pl

from pipelines.archive import archive_file, display_name, manifest_entries, sha256_of
from pipelines.catalogues import Catalogues, load_catalogues
from pipelines.errors import ExportFormatError, WarehouseCorruptError
from pipelines.headers import HeaderMatch, locate_header
from pipelines.load import is_loaded, load_normalised, log_failure, log_rebuild
from pipelines.normalise import normalise
from pipelines.read_export import read_grids
from pipelines.settings import IngestSettings, raw_dir_for
from pipelines.warehouse import connect


@dataclass
class IngestResult:
    file_name: str
    status: str  # loaded / duplicate_file / failed
    as_of_date: dt.date | None = None
    n_read: int = 0
    n_new: int = 0
    n_updated: int = 0
    n_unchanged: int = 0
    n_rejected: int = 0
    n_skipped: int = 0
    rejected_by_reason: dict[str, int] = field(default_factory=dict)
    skipped_by_reason: dict[str, int] = field(default_factory=dict)
    error_vi: str | None = None
    ingest_id: int | None = None


def _first_export_sheet(
    grids: list[pl.DataFrame], settings: IngestSettings
) -> tuple[int, pl.DataFrame, HeaderMatch]:
    """The first sheet with a recognisable header; the first sheet's error when none has one."""
    first_error = None
    for index, grid in enumerate(grids):
        try:
            return index, grid, locate_header(grid, settings.personal_headers, settings.header_search_rows)
        except ExportFormatError as exc:
            first_error = first_error or exc
    raise first_error or ExportFormatError("Tệp không có trang tính nào.")


def ingest_file(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    raw_dir: Path,
    original_name: str | None = None,
    uploaded_by: str | None = None,
    is_demo: bool = False,
    settings: IngestSettings | None = None,
    catalogues: Catalogues | None = None,
) -> IngestResult:
    settings = settings or IngestSettings()
    name = display_name(original_name or path.name)
    started_at = dt.datetime.now()
    sha = sha256_of(path)
    if is_loaded(con, sha):
        return IngestResult(file_name=name, status="duplicate_file")
    try:
        grids = read_grids(path, name, settings)
        sheet_index, grid, header = _first_export_sheet(grids, settings)
    except ExportFormatError as exc:
        log_failure(con, name, sha, path.stat().st_size, exc.message_vi, uploaded_by, is_demo, started_at)
        return IngestResult(file_name=name, status="failed", error_vi=exc.message_vi)
    archived = archive_file(path, sha, name, raw_dir, uploaded_by, is_demo)
    normalised = normalise(grid, header, catalogues or load_catalogues(), settings)
    try:
        counts = load_normalised(con, normalised, archived, f"#{sheet_index + 1}", started_at)
    except Exception as exc:  # the transaction rolled back: record why, keep the warehouse as it was
        error_vi = (
            f"Lỗi khi ghi tệp vào kho dữ liệu, không có dòng nào được nạp ({type(exc).__name__}: {exc})."
        )
        log_failure(
            con, name, archived.sha256, archived.size_bytes, error_vi, uploaded_by, is_demo, started_at
        )
        return IngestResult(file_name=name, status="failed", error_vi=error_vi)
    return IngestResult(
        file_name=name,
        status="loaded",
        as_of_date=normalised.as_of_date,
        n_read=normalised.n_read,
        n_new=counts.n_new,
        n_updated=counts.n_updated,
        n_unchanged=counts.n_unchanged,
        n_rejected=normalised.rejects.height,
        n_skipped=sum(normalised.skipped_by_reason.values()),
        rejected_by_reason=dict(normalised.rejects["reason_code"].value_counts().iter_rows()),
        skipped_by_reason=normalised.skipped_by_reason,
        ingest_id=counts.ingest_id,
    )


def ingest_files(
    db_path: Path, paths: list[Path], uploaded_by: str | None = None, is_demo: bool = False
) -> list[IngestResult]:
    con = connect(db_path)
    try:
        catalogues = load_catalogues()
        return [
            ingest_file(
                con,
                Path(p),
                raw_dir_for(db_path),
                uploaded_by=uploaded_by,
                is_demo=is_demo,
                catalogues=catalogues,
            )
            for p in paths
        ]
    finally:
        con.close()


def rebuild(db_path: Path, rebuilt_by: str | None = None) -> list[IngestResult]:
    """A new warehouse from the archived raw files and today's catalogues, swapped in only when complete."""
    started_at = dt.datetime.now()
    db_path = Path(db_path)
    raw_dir = raw_dir_for(db_path)
    # Says so clearly while the dashboard holds the file; a broken warehouse is what a rebuild is for.
    with contextlib.suppress(WarehouseCorruptError):
        connect(db_path).close()
    handle, temporary = tempfile.mkstemp(suffix=".duckdb", dir=db_path.parent)
    os.close(handle)
    os.remove(temporary)
    con = connect(Path(temporary))
    try:
        catalogues = load_catalogues()
        results = [
            ingest_file(
                con,
                entry.path_in(raw_dir),
                raw_dir,
                entry.file_name,
                entry.uploaded_by,
                entry.is_demo,
                catalogues=catalogues,
            )
            for entry in manifest_entries(raw_dir)
        ]
        log_rebuild(con, len(results), rebuilt_by, started_at)
    finally:
        con.close()
    Path(f"{db_path}.wal").unlink(missing_ok=True)
    os.replace(temporary, db_path)
    return results
