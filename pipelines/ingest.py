"""Ingest export files: read, map headers, resolve the file-level context, normalise, validate, archive,
load — one transaction per file. Nothing reaches the caller as a traceback: any failure while reading or
normalising a file (library panics included) records that file as failed and leaves the warehouse as it
was, and the next file still loads."""

import contextlib
import dataclasses
import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import polars as pl

from pipelines.archive import archive_file, display_name, mark_committed, sha256_of
from pipelines.catalogues import Catalogues, load_catalogues
from pipelines.errors import ArchiveWriteError, ExportFormatError, is_disk_full
from pipelines.file_context import UploadChoice, choice_unit_id, file_context
from pipelines.headers import locate_header
from pipelines.load import (
    LoadRequest,
    PreviousLoad,
    load_normalised,
    log_failure,
    previous_loads,
)
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
    unit_choice: str | None = None  # the unit_id the uploader's choice gave, when the file needed one
    is_correction: bool = False  # replaced an earlier load of the same bytes made with another unit choice
    mapped_fields: tuple[str, ...] = ()


def _first_export_sheet(grids: list[pl.DataFrame], catalogues: Catalogues, settings: IngestSettings):
    """The first sheet with a recognisable header; the first sheet's error when none has one."""
    first_error = None
    for index, grid in enumerate(grids):
        try:
            return index, grid, locate_header(grid, catalogues.vocabulary, settings.header_search_rows)
        except ExportFormatError as exc:
            first_error = first_error or exc
    raise first_error or ExportFormatError("Tệp không có trang tính nào.")


def _failure_message(name: str, exc: BaseException) -> str:
    if isinstance(exc, ExportFormatError):
        return exc.message_vi
    return (
        f"Không đọc được tệp «{name}»: lỗi bất ngờ khi đọc hoặc chuẩn hoá ({type(exc).__name__}). "
        "Kho dữ liệu không thay đổi. Hãy mở tệp, lưu lại dạng .xlsx rồi tải lên lại; nếu vẫn lỗi, gửi tệp "
        "cho quản trị."
    )


def _load_failure_message(exc: BaseException) -> str:
    """Without the exception's text: a database error may quote the values it failed on."""
    if is_disk_full(exc):
        return (
            "Ổ đĩa đã đầy khi ghi tệp vào kho dữ liệu: không có dòng nào được nạp, kho giữ nguyên như trước. "
            "Giải phóng dung lượng rồi tải lên lại."
        )
    return f"Lỗi khi ghi tệp vào kho dữ liệu, không có dòng nào được nạp ({type(exc).__name__})."


def _is_stop(exc: BaseException) -> bool:
    """Ctrl-C and interpreter exit stop the run; anything else (Polars panics derive from BaseException
    too) is one file's failure."""
    return isinstance(exc, (KeyboardInterrupt, SystemExit, GeneratorExit))


def _read(
    path: Path,
    name: str,
    choice_id: str | None,
    unit_scope: frozenset[str] | None,
    catalogues: Catalogues,
    settings: IngestSettings,
):
    grids = read_grids(path, name, settings)
    sheet_index, grid, header = _first_export_sheet(grids, catalogues, settings)
    context = file_context(header, UploadChoice(choice_id), catalogues, name)
    context = dataclasses.replace(context, unit_scope=unit_scope)
    return sheet_index, header, context, normalise(grid, header, context, catalogues, settings)


def _already_loaded(
    earlier: dict[int, PreviousLoad], choice_id: str | None, unit_scope: frozenset[str] | None
) -> bool:
    """Nothing new in these bytes: a load in force needed no unit choice or had the same, and its uploader
    could load at least the units this one can (an admin's upload after a scoped one is new)."""
    return any(
        (load.unit_choice is None or choice_id in (None, load.unit_choice))
        and (load.unit_scope is None or (unit_scope is not None and unit_scope <= load.unit_scope))
        for load in earlier.values()
    )


def _load_scope(
    uploader_units: Collection[str] | None, earlier: dict[int, PreviousLoad]
) -> frozenset[str] | None:
    """The units this load may hold: the uploader's, and those the loads it replaces already held (the
    same bytes, loaded by their own units' accounts)."""
    if uploader_units is None:
        return None
    return frozenset(uploader_units).union(*(load.unit_scope or () for load in earlier.values()))


def unit_question(path: Path, name: str, catalogues: Catalogues | None = None) -> str | None:
    """Why the uploader must say whose file this is (no unit column, no unit in its title lines), from the
    first rows only; None when the file says it itself, or cannot be read (the ingest then says why)."""
    settings = IngestSettings()
    catalogues = catalogues or load_catalogues()
    try:
        grids = read_grids(path, name, settings, max_rows=settings.header_search_rows + 2)
        _, _, header = _first_export_sheet(grids, catalogues, settings)
        file_context(header, UploadChoice(), catalogues, name)
    except ExportFormatError as exc:
        return exc.message_vi if exc.needs_unit else None
    except BaseException as exc:
        if _is_stop(exc):
            raise
        return None
    return None


def ingest_file(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    raw_dir: Path,
    original_name: str | None = None,
    uploaded_by: str | None = None,
    is_demo: bool = False,
    choice: UploadChoice | None = None,
    settings: IngestSettings | None = None,
    catalogues: Catalogues | None = None,
    uploader_units: Collection[str] | None = None,
) -> IngestResult:
    """`uploader_units`: the units the uploader's account is limited to (None: every unit); rows of other
    units are rejected as «ngoài phạm vi đơn vị của tài khoản»."""
    settings = settings or IngestSettings()
    catalogues = catalogues or load_catalogues()
    name = display_name(original_name or path.name)
    started_at = dt.datetime.now()
    sha = sha256_of(path)

    def failed(message: str, ingest_sha: str = sha) -> IngestResult:
        try:
            log_failure(
                con,
                name,
                ingest_sha,
                path.stat().st_size,
                message,
                uploaded_by,
                is_demo,
                started_at,
                scope_list,
            )
        except (duckdb.Error, OSError) as exc:  # a full disk: the warehouse cannot be written either
            message += (
                " Ổ đĩa đầy nên cả nhật ký nạp cũng không ghi được lần nạp hỏng này."
                if is_disk_full(exc)
                else f" Nhật ký nạp cũng không ghi được lần nạp hỏng này ({type(exc).__name__})."
            )
        return IngestResult(file_name=name, status="failed", error_vi=message)

    scope_list = None if uploader_units is None else tuple(sorted(set(uploader_units)))

    try:
        choice_id = choice_unit_id(choice.unit, catalogues) if choice and choice.unit else None
    except ExportFormatError as exc:
        return failed(exc.message_vi)
    earlier = previous_loads(con, sha)
    unit_scope = _load_scope(uploader_units, earlier)
    if _already_loaded(earlier, choice_id, unit_scope):
        return IngestResult(file_name=name, status="duplicate_file")
    try:
        sheet_index, header, context, normalised = _read(
            path, name, choice_id, unit_scope, catalogues, settings
        )
    except BaseException as exc:
        if _is_stop(exc):
            raise
        return failed(_failure_message(name, exc))
    used_choice = choice_id if context.used_choice else None
    try:
        archived = archive_file(
            path,
            sha,
            name,
            raw_dir,
            uploaded_by,
            is_demo,
            used_choice,
            None if unit_scope is None else sorted(unit_scope),
        )
    except ArchiveWriteError as exc:
        return failed(exc.message_vi)
    request = LoadRequest(
        archived=archived,
        sheet_name=f"#{sheet_index + 1}",
        started_at=started_at,
        mapped_fields=tuple(header.columns),
        replaces_ingest_ids=tuple(earlier),
    )
    try:
        counts = load_normalised(con, normalised, request)
    except Exception as exc:  # the transaction rolled back: record why, keep the warehouse as it was
        return failed(_load_failure_message(exc), archived.sha256)
    # Loaded and logged. Should this mark fail (a full disk), the rebuild still finds the load in the log.
    with contextlib.suppress(OSError):
        mark_committed(raw_dir, archived)
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
        unit_choice=used_choice,
        is_correction=bool(earlier),
        mapped_fields=tuple(header.columns),
    )


def ingest_files(
    db_path: Path,
    paths: list[Path],
    uploaded_by: str | None = None,
    is_demo: bool = False,
    choice: UploadChoice | None = None,
    uploader_units: Collection[str] | None = None,
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
                choice=choice,
                catalogues=catalogues,
                uploader_units=uploader_units,
            )
            for p in paths
        ]
    finally:
        con.close()
