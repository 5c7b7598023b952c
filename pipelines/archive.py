"""The raw archive: each uploaded file kept once under its SHA-256, with a manifest to rebuild from.

An entry is written as pending before the load and marked committed after the load's commit; a rebuild
replays committed entries only (and pending ones the old warehouse's log shows loaded: a kill between
the commit and the mark). So a file killed during its load is never brought back by a rebuild."""

import datetime as dt
import errno
import hashlib
import json
import os
import shutil
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from pipelines.errors import ArchiveWriteError, is_disk_full
from pipelines.text import printable

MANIFEST = "manifest.jsonl"


@dataclass(frozen=True)
class ArchivedFile:
    sha256: str
    file_name: str  # the name the user uploaded, without any folder part
    suffix: str
    size_bytes: int
    archived_at: str
    uploaded_by: str | None
    is_demo: bool
    unit_choice: str | None = None  # the unit chosen for a file without a unit column, replayed by a rebuild
    committed: bool = True  # False until the load committed (entries from before this field were loaded)
    # The units the uploader's account was limited to (None: every unit), replayed by a rebuild: rows of
    # other units were rejected, and the same bytes from an account without that limit load again.
    unit_scope: list[str] | None = None

    @property
    def key(self) -> tuple:
        """What makes an upload of these bytes new: the unit chosen for it and the uploader's units."""
        return (
            self.sha256,
            self.unit_choice,
            None if self.unit_scope is None else tuple(sorted(self.unit_scope)),
        )

    def path_in(self, raw_dir: Path) -> Path:
        return raw_dir / f"{self.sha256}{self.suffix}"


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def display_name(original_name: str) -> str:
    """Only the last path part of what the browser or shell gave ('../x.xlsx' is shown as 'x.xlsx'), on one
    line and without control characters."""
    name = printable(original_name.replace("\\", "/")).replace("\n", " ").replace("\t", " ")
    return Path(name).name.strip() or "tep_khong_ten"


def _write_failure(name: str, exc: OSError) -> ArchiveWriteError:
    if is_disk_full(exc):
        return ArchiveWriteError(
            f"Ổ đĩa đã đầy: không lưu được bản gốc của tệp «{name}» vào kho tệp gốc, nên tệp chưa được nạp "
            "(không có dòng nào vào kho dữ liệu). Giải phóng dung lượng rồi tải lên lại."
        )
    code = errno.errorcode.get(exc.errno, "OSError")
    return ArchiveWriteError(
        f"Không lưu được bản gốc của tệp «{name}» vào kho tệp gốc ({code}), nên tệp chưa được nạp. Kiểm tra "
        "quyền ghi thư mục data/raw rồi tải lên lại."
    )


def _copy_in(path: Path, target: Path) -> None:
    """Through a .part file renamed when complete; the .part is removed when the copy fails."""
    partial = target.with_suffix(target.suffix + ".part")
    try:
        shutil.copyfile(path, partial)
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def _append(raw_dir: Path, entry: ArchivedFile) -> None:
    """One manifest line in one write; a failed write (a full disk) is cut off again, so the manifest
    never ends in half a line."""
    line = (json.dumps(asdict(entry), ensure_ascii=False) + "\n").encode("utf-8")
    handle = os.open(raw_dir / MANIFEST, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        size = os.fstat(handle).st_size
        try:
            if os.write(handle, line) != len(line):
                raise OSError(errno.ENOSPC, "short write")
        except OSError:
            os.ftruncate(handle, size)
            raise
    finally:
        os.close(handle)


def archive_file(
    path: Path,
    sha: str,
    original_name: str,
    raw_dir: Path,
    uploaded_by: str | None,
    is_demo: bool,
    unit_choice: str | None = None,
    unit_scope: list[str] | None = None,
) -> ArchivedFile:
    """Copy the file into the archive once and list it in the manifest as pending; the same bytes with the
    same unit choice and uploader's units keep their first entry, another choice (a correction) or another
    scope adds an entry that a rebuild replays after the first. ArchiveWriteError when the disk is full
    (nothing partial is left)."""
    name = display_name(original_name)
    try:
        return _archive(path, sha, name, raw_dir, uploaded_by, is_demo, unit_choice, unit_scope)
    except OSError as exc:
        raise _write_failure(name, exc) from exc


def _archive(
    path: Path,
    sha: str,
    name: str,
    raw_dir: Path,
    uploaded_by: str | None,
    is_demo: bool,
    unit_choice: str | None,
    unit_scope: list[str] | None,
) -> ArchivedFile:
    raw_dir.mkdir(parents=True, exist_ok=True)
    known = {entry.key: entry for entry in manifest_entries(raw_dir)}
    same_bytes = [entry for entry in known.values() if entry.sha256 == sha]
    entry = ArchivedFile(
        sha256=sha,
        file_name=name,
        suffix=same_bytes[0].suffix if same_bytes else Path(name).suffix.lower(),
        size_bytes=path.stat().st_size,
        archived_at=dt.datetime.now().isoformat(timespec="seconds"),
        uploaded_by=uploaded_by,
        is_demo=is_demo,
        unit_choice=unit_choice,
        committed=False,
        unit_scope=unit_scope,
    )
    if entry.key in known:
        return known[entry.key]
    if not same_bytes:
        _copy_in(path, entry.path_in(raw_dir))
    _append(raw_dir, entry)
    return entry


def mark_committed(raw_dir: Path, entry: ArchivedFile) -> None:
    """After the load's commit: a rebuild may replay this entry."""
    if not entry.committed:
        _append(raw_dir, replace(entry, committed=True))


def manifest_entries(raw_dir: Path) -> list[ArchivedFile]:
    """One entry per (bytes, unit choice, uploader's units) in the order first archived; committed once any
    line says so."""
    manifest = raw_dir / MANIFEST
    if not manifest.exists():
        return []
    entries: dict[tuple, ArchivedFile] = {}
    for line in manifest.read_text(encoding="utf-8").splitlines():
        try:
            entry = ArchivedFile(**json.loads(line))
        except ValueError:  # blank, or the half line a crash of an older version left at the end
            continue
        first = entries.setdefault(entry.key, entry)
        if entry.committed and not first.committed:
            entries[entry.key] = replace(first, committed=True)
    return list(entries.values())
