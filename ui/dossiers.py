"""The Hồ sơ page's choices: which dossiers (late, pending overdue, late without apology), and paging."""

import polars as pl

PAGE_SIZE = 50
KINDS_VI = {
    "overdue": "Quá hạn (đã giải quyết hoặc đang giải quyết)",
    "late": "Quá hạn (đã giải quyết)",
    "pending_overdue": "Đang giải quyết, đã quá hạn",
    "late_no_apology": "Quá hạn chưa có phiếu xin lỗi",
}
ALL_KINDS_LABEL = "Tất cả hồ sơ tính trong kỳ"
# What unit heads follow up, and far fewer rows than every dossier of a period: the page opens on it.
DEFAULT_KIND = "overdue"
_OUTCOMES = {
    "overdue": ("late", "pending_overdue"),
    "late": ("late",),
    "pending_overdue": ("pending_overdue",),
    "late_no_apology": ("late",),
}


def outcomes_of(kind: str | None) -> tuple[str, ...] | None:
    """The outcomes the KPI layer filters on for a kind (None: every dossier the period counts)."""
    return None if kind is None else _OUTCOMES[kind]


def narrowed(frame: pl.DataFrame, kind: str | None, sector_name: str | None) -> pl.DataFrame:
    """What kpi_dossiers_in_period cannot filter on: a single lĩnh vực, a missing apology letter
    (known to be missing: an export without the column says nothing either way)."""
    if sector_name is not None:
        frame = frame.filter(pl.col("sector_name") == sector_name)
    if kind == "late_no_apology":
        frame = frame.filter(pl.col("has_apology").not_())
    return frame


def n_pages(frame: pl.DataFrame) -> int:
    return max(1, -(-frame.height // PAGE_SIZE))


def page_of(frame: pl.DataFrame, page: int) -> pl.DataFrame:
    return frame.slice((page - 1) * PAGE_SIZE, PAGE_SIZE)
