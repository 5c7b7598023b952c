"""Named errors. Each carries what a person needs to fix the input; the CLI and pages show `message_vi`."""

import errno


class TthcError(Exception):
    """Base class: `message_vi` is the Vietnamese text shown to the user."""

    def __init__(self, message_vi: str):
        super().__init__(message_vi)
        self.message_vi = message_vi


class ExportFormatError(TthcError):
    """The file cannot be read as a dossier export at all (nothing from it is loaded)."""

    def __init__(self, message_vi: str, needs_unit: bool = False):
        super().__init__(message_vi)
        self.needs_unit = needs_unit  # only the unit is missing: the uploader can say it


class WarehouseBusyError(TthcError):
    """Another process (usually the dashboard) holds the warehouse file."""


class WarehouseCorruptError(TthcError):
    """The warehouse file exists but cannot be opened."""


class UnknownPeriodError(TthcError):
    """A period name that matches none of the valid forms."""


class WarehouseRebuildingError(WarehouseBusyError):
    """`tthc rebuild` holds the warehouse: writes wait for its end, reads see the old file until the swap."""


class WarehouseDiskFullError(TthcError):
    """The disk is full: the warehouse (or the raw archive) cannot be written, it can still be read."""


class ArchiveWriteError(TthcError):
    """The uploaded file could not be copied into the raw archive (nothing of it was loaded)."""


def is_disk_full(exc: BaseException) -> bool:
    """OSError ENOSPC, or DuckDB's IO error carrying the operating system's words for it."""
    if isinstance(exc, OSError) and exc.errno == errno.ENOSPC:
        return True
    return "no space left on device" in str(exc).lower()
