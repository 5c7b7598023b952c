"""`tthc rebuild`: a new warehouse from the raw archive and today's catalogues, swapped in when complete."""

import datetime as dt
import os
import tempfile
from pathlib import Path

from pipelines.archive import manifest_entries
from pipelines.catalogues import load_catalogues
from pipelines.errors import WarehouseCorruptError
from pipelines.file_context import UploadChoice
from pipelines.ingest import IngestResult, ingest_file
from pipelines.load import log_rebuild
from pipelines.rebuild_lock import rebuild_lock
from pipelines.settings import raw_dir_for
from pipelines.warehouse import connect


def _loads_in_force(db_path: Path) -> set[tuple[str, str | None]]:
    """(sha256, unit choice) of every load the warehouse's log shows; raises WarehouseBusyError while
    another process (the dashboard, an ingest) holds the file. Empty when it is broken: a broken warehouse
    is what a rebuild is for."""
    try:
        con = connect(db_path)
    except WarehouseCorruptError:
        return set()
    try:
        return set(
            con.execute("select file_sha256, unit_choice from ingest_log where status = 'loaded'").fetchall()
        )
    finally:
        con.close()


def rebuild(db_path: Path, rebuilt_by: str | None = None) -> list[IngestResult]:
    """A new warehouse from the archived raw files, with the unit choices they were loaded with, and today's
    catalogues; swapped in only when complete. Holds the rebuild lock throughout: an ingest meanwhile is
    refused rather than lost at the swap. Replays the files whose load committed, never one that was
    archived but killed or failed during its load."""
    db_path = Path(db_path)
    with rebuild_lock(db_path):
        return _rebuild(db_path, rebuilt_by)


def _rebuild(db_path: Path, rebuilt_by: str | None) -> list[IngestResult]:
    started_at = dt.datetime.now()
    raw_dir = raw_dir_for(db_path)
    loaded = _loads_in_force(db_path)
    entries = [
        entry
        for entry in manifest_entries(raw_dir)
        if entry.committed or (entry.sha256, entry.unit_choice) in loaded
    ]
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
                choice=UploadChoice(entry.unit_choice),
                catalogues=catalogues,
                uploader_units=entry.unit_scope,
            )
            for entry in entries
        ]
        log_rebuild(con, len(results), rebuilt_by, started_at)
    finally:
        con.close()
    Path(f"{db_path}.wal").unlink(missing_ok=True)
    os.replace(temporary, db_path)
    return results
