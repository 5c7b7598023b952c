"""The raw archive: each uploaded file kept once under its SHA-256, with a manifest to rebuild from."""

import datetime as dt
import hashlib
import json
import os
import shutil
from dataclasses import asdict, dataclass
from pathlib import Path

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
    # The units the uploader's account was limited to (None: every unit), replayed by a rebuild: rows of
    # other units were rejected, and the same bytes from an account without that limit load again.
    unit_scope: list[str] | None = None

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
    """Copy the file into the archive once and list it in the manifest; the same bytes with the same unit
    choice keep their first entry, another choice (a correction) adds an entry that a rebuild replays after
    the first."""
    raw_dir.mkdir(parents=True, exist_ok=True)

    def key(entry_sha: str, choice: str | None, scope: list[str] | None) -> tuple:
        return entry_sha, choice, None if scope is None else tuple(sorted(scope))

    known = {key(e.sha256, e.unit_choice, e.unit_scope): e for e in manifest_entries(raw_dir)}
    if key(sha, unit_choice, unit_scope) in known:
        return known[key(sha, unit_choice, unit_scope)]
    name = display_name(original_name)
    same_bytes = [entry for (known_sha, *_), entry in known.items() if known_sha == sha]
    entry = ArchivedFile(
        sha256=sha,
        file_name=name,
        suffix=same_bytes[0].suffix if same_bytes else Path(name).suffix.lower(),
        size_bytes=path.stat().st_size,
        archived_at=dt.datetime.now().isoformat(timespec="seconds"),
        uploaded_by=uploaded_by,
        is_demo=is_demo,
        unit_choice=unit_choice,
        unit_scope=unit_scope,
    )
    target = entry.path_in(raw_dir)
    if not same_bytes:
        partial = target.with_suffix(target.suffix + ".part")
        shutil.copyfile(path, partial)
        os.replace(partial, target)
    with (raw_dir / MANIFEST).open("a", encoding="utf-8") as manifest:
        manifest.write(json.dumps(asdict(entry), ensure_ascii=False) + "\n")
    return entry


def manifest_entries(raw_dir: Path) -> list[ArchivedFile]:
    manifest = raw_dir / MANIFEST
    if not manifest.exists():
        return []
    lines = manifest.read_text(encoding="utf-8").splitlines()
    return [ArchivedFile(**json.loads(line)) for line in lines if line.strip()]
