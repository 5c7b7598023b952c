"""Named errors. Each carries what a person needs to fix the input; the CLI and pages show `message_vi`."""


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
