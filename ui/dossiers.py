"""The Hồ sơ page's choices: which dossiers (late, pending overdue, late without apology, due soon), and
paging."""

import datetime as dt

import polars as pl
import streamlit as st

from pipelines.scope import Scope
from ui import format as fmt

PAGE_SIZE = 50
DOSSIER_PAGE, KIND_PARAM = "app_pages/04_ho_so.py", "loai"
KINDS_VI = {
    "overdue": "Quá hạn (đã giải quyết hoặc đang giải quyết)",
    "late": "Quá hạn (đã giải quyết)",
    "pending_overdue": "Đang giải quyết, đã quá hạn",
    "late_no_apology": "Quá hạn chưa có phiếu xin lỗi",
    "due_soon": "Sắp đến hạn (tính từ ngày dữ liệu)",
}
DUE_SOON = "due_soon"
# catalogues/settings.csv's due_soon_working_days, with the default sql/kpi_dossier_outcome.sql applies
DUE_SOON_DAYS_SETTING, DUE_SOON_DAYS_DEFAULT = "due_soon_working_days", "2"
ALL_KINDS_LABEL = "Tất cả hồ sơ tính trong kỳ"
# What unit heads follow up, and far fewer rows than every dossier of a period: the page opens on it.
DEFAULT_KIND = "overdue"
_OUTCOMES = {
    "overdue": ("late", "pending_overdue"),
    "late": ("late",),
    "pending_overdue": ("pending_overdue",),
    "late_no_apology": ("late",),
    "due_soon": ("pending_in_time",),
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
    if kind == DUE_SOON:
        frame = frame.filter(pl.col("is_due_soon")).sort("due_date", "unit_name", "dossier_code")
    return frame


def due_soon_scope(scope: Scope, as_of: dt.date) -> Scope:
    """ "Sắp đến hạn" is relative to the data's as-of date, whatever period is shown: the dossiers pending
    at that day, with the scope's filters."""
    return Scope(
        as_of, as_of, sector_group=scope.sector_group, unit_level=scope.unit_level, unit_id=scope.unit_id
    )


def n_pages(frame: pl.DataFrame) -> int:
    return max(1, -(-frame.height // PAGE_SIZE))


def page_of(frame: pl.DataFrame, page: int) -> pl.DataFrame:
    return frame.slice((page - 1) * PAGE_SIZE, PAGE_SIZE)


def due_soon_days(settings: dict[str, str]) -> str:
    """How many working days "due soon" looks ahead (for the pages' words; the SQL applies it)."""
    return settings.get(DUE_SOON_DAYS_SETTING, DUE_SOON_DAYS_DEFAULT)


def due_soon_link(n_due_soon: int, n_working_days: str, as_of: dt.date, kept_params: dict[str, str]) -> None:
    """The overview's count of dossiers due soon, a link to their list on the Hồ sơ page."""
    st.page_link(
        DOSSIER_PAGE,
        label=f"**{fmt.number(n_due_soon)} hồ sơ sắp đến hạn** trong {n_working_days} ngày làm việc tới, "
        f"tính từ ngày dữ liệu {fmt.date(as_of)}",
        icon=":material/schedule:",
        query_params={**kept_params, KIND_PARAM: DUE_SOON},
    )
