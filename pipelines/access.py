"""Who may see which rows: numbers for everyone, single dossiers for one's own units.

A user scoped to some units (pipelines.auth.User.units) sees every aggregate, but dossier rows, rejected
rows and the ingest log only of those units and of their own uploads. Every function of the data layer
that returns such rows takes `units` (None: every unit) and goes through here, so no page can forget it.
"""

from collections.abc import Collection

import polars as pl

OUT_OF_SCOPE_VI = (
    "Tài khoản này chỉ xem được hồ sơ chi tiết của đơn vị: {units}. Số liệu tổng hợp của mọi đơn vị vẫn "
    "xem được ở các trang khác."
)


def may_see(units: Collection[str] | None, unit_id: str) -> bool:
    """Whether a reader limited to `units` (None: every unit) may see the dossiers of `unit_id`."""
    return units is None or unit_id in units


def dossiers_of(frame: pl.DataFrame, units: Collection[str] | None, column: str = "unit_id") -> pl.DataFrame:
    """Only the rows of the reader's units."""
    return frame if units is None else frame.filter(pl.col(column).is_in(list(units)))


def uploads_of(
    frame: pl.DataFrame, units: Collection[str] | None, uploader: str, column: str = "uploaded_by"
) -> pl.DataFrame:
    """A scoped reader sees the ingest log, its rejects and its files only for their own uploads."""
    return frame if units is None else frame.filter(pl.col(column) == uploader)
