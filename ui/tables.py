"""KPI and dossier frames as tables to show: Vietnamese headers, numbers and rates as Vietnamese text."""

import re

import polars as pl
import streamlit as st

from pipelines import definitions
from pipelines.labels import SECTOR_GROUP_LABELS_VI, UNIT_LEVEL_LABELS_VI
from pipelines.markdown_table import markdown_rows
from ui import format as fmt
from ui.labels import CHANNELS_VI, OUTCOMES_VI, short_unit_name

RATES = tuple(kpi.key for kpi in definitions.kpis() if kpi.is_rate)
COUNTS = tuple(kpi.key for kpi in definitions.kpis() if not kpi.is_rate)
DOSSIER_COLUMNS = {
    "dossier_code": "Mã hồ sơ",
    "unit_name": "Đơn vị",
    "sector_name": "Lĩnh vực",
    "received_date": "Ngày tiếp nhận",
    "due_date": "Ngày hẹn trả",
    "finished_date": "Ngày có kết quả",
    "outcome_vi": "Kết quả",
    "n_working_days_overdue": "Số ngày quá hạn (ngày làm việc)",
    "apology_vi": "Phiếu xin lỗi",
    "channel_vi": "Hình thức nộp",
    "procedure_name": "Thủ tục",
}
# Dates shown day-first while they stay dates (sortable, and real dates in the .xlsx download).
DOSSIER_COLUMN_CONFIG = {
    DOSSIER_COLUMNS[name]: st.column_config.DateColumn(format="DD/MM/YYYY")
    for name in ("received_date", "due_date", "finished_date")
}

# A column of numbers, rates, ranks and their changes (right-aligned).
_NUMBER_CELL = re.compile(r"[\d.,%▲▼=\s—-]*")


def markdown_table(shown: pl.DataFrame) -> str:
    """A table of text (display_table's) as a Markdown table: every cell literal text, the columns of
    numbers right-aligned."""
    cells = shown.select(pl.all().cast(pl.String).fill_null(fmt.EMPTY))
    return markdown_rows(
        [fmt.md(column) for column in cells.columns],
        [[fmt.md(value) for value in row] for row in cells.iter_rows()],
        [all(_NUMBER_CELL.fullmatch(value) for value in cells[column]) for column in cells.columns],
    )


def show(shown: pl.DataFrame) -> None:
    """The table as Markdown: its cells are drawn with the page's first frames, where a data grid or an
    `st.html` block first loads its own script. Wider than the page (a phone), it scrolls inside a region
    of its own that takes the keyboard focus (accessibility.css, ui/accessibility)."""
    st.markdown(markdown_table(shown))


def _named(column: str, labels: dict[str, str], alias: str) -> pl.Expr:
    return pl.col(column).replace_strict(labels, default=pl.col(column)).alias(alias)


def with_group_labels(frame: pl.DataFrame, column: str = "key") -> pl.DataFrame:
    """Rows keyed by sector group, with the group's Vietnamese name as `label`."""
    return frame.with_columns(_named(column, SECTOR_GROUP_LABELS_VI, "label"))


def with_short_unit_names(frame: pl.DataFrame, column: str) -> pl.DataFrame:
    """Rows naming units in `column`, with `short_name` for bar charts' labels (ui.labels)."""
    return frame.with_columns(
        pl.col(column).map_elements(short_unit_name, return_dtype=pl.String).alias("short_name")
    )


def worst_first(ranking: pl.DataFrame) -> pl.DataFrame:
    """kpi_unit_ranking rows from the last rank up, the unranked (nothing resolved) still at the end."""
    return ranking.sort("unit_rank", descending=True, nulls_last=True, maintain_order=True)


def unit_names(units: pl.DataFrame) -> dict[str, str]:
    """unit_id → name, from kpi rows by unit."""
    return dict(units.select("unit_id", "key").iter_rows())


def overall_target(targets: pl.DataFrame, kpi: str) -> dict | None:
    """The kpi_targets_status row of `kpi` for all sector groups; None in a year without one."""
    rows = targets.filter(kpi=kpi, target_sector_group="all")
    return rows.row(0, named=True) if rows.height else None


def own_group_targets(targets: pl.DataFrame, kpi: str) -> pl.DataFrame:
    """The kpi_targets_status rows of the groups that have their own target for `kpi`, labelled."""
    own = targets.filter((pl.col("kpi") == kpi) & (pl.col("target_sector_group") != "all"))
    return with_group_labels(own, "sector_group")


def _kpi_table(frame: pl.DataFrame, first_columns: dict[str, str], place: str) -> pl.DataFrame:
    """The `first_columns` that name each row, then the KPIs of `place` (definitions/kpis.toml)."""
    kpis = {kpi.key: kpi.label_vi for kpi in definitions.shown_in(place)}
    return fmt.display_table(frame, first_columns | kpis, rates=RATES, counts=COUNTS)


def kpi_rows(frame: pl.DataFrame, first_columns: dict[str, str]) -> pl.DataFrame:
    """The `first_columns` that name each row, then volumes, outcomes and rates."""
    return _kpi_table(frame, first_columns, "table")


def group_rows(frame: pl.DataFrame) -> pl.DataFrame:
    return kpi_rows(with_group_labels(frame), {"label": "Nhóm lĩnh vực"})


def sector_rows(frame: pl.DataFrame) -> pl.DataFrame:
    labelled = frame.with_columns(_named("sector_group", SECTOR_GROUP_LABELS_VI, "group_vi"))
    return kpi_rows(labelled, {"group_vi": "Nhóm", "key": "Lĩnh vực"})


def unit_rows(frame: pl.DataFrame) -> pl.DataFrame:
    labelled = frame.with_columns(_named("unit_level", UNIT_LEVEL_LABELS_VI, "level_vi"))
    return kpi_rows(labelled, {"key": "Đơn vị", "level_vi": "Cấp"})


def rank_change_vi(change: int | None) -> str:
    if change is None:
        return fmt.EMPTY
    return "=" if change == 0 else f"▲ {change}" if change > 0 else f"▼ {-change}"


def ranking_rows(frame: pl.DataFrame) -> pl.DataFrame:
    """kpi_unit_ranking rows: rank, its change against the previous period, outcomes and rates."""
    labelled = frame.with_columns(
        pl.col("unit_rank")
        .map_elements(fmt.number, return_dtype=pl.String, skip_nulls=False)
        .alias("rank_vi"),
        pl.col("rank_change")
        .map_elements(rank_change_vi, return_dtype=pl.String, skip_nulls=False)
        .alias("change_vi"),
    )
    first_columns = {"rank_vi": "Hạng", "change_vi": "So với kỳ trước", "unit_name": "Đơn vị"}
    return _kpi_table(labelled, first_columns, "ranking")


DUE_SOON_COLUMNS = {
    "dossier_code": "Mã hồ sơ",
    "unit_name": "Đơn vị",
    "sector_name": "Lĩnh vực",
    "received_date": "Ngày tiếp nhận",
    "due_date": "Ngày hẹn trả",
    "n_working_days_to_due": "Còn lại (ngày làm việc)",
    "channel_vi": "Hình thức nộp",
    "procedure_name": "Thủ tục",
}


def dossiers(frame: pl.DataFrame, columns: dict[str, str] = DOSSIER_COLUMNS) -> pl.DataFrame:
    """Rows of kpi_dossiers_in_period as shown and downloaded (DOSSIER_COLUMNS, or DUE_SOON_COLUMNS for
    the dossiers due soon); never any personal data (none is stored)."""
    labelled = frame.with_columns(
        _named("outcome", OUTCOMES_VI, "outcome_vi"),
        _named("channel", CHANNELS_VI, "channel_vi"),
        pl.when(pl.col("outcome") != "late")
        .then(None)
        .when(pl.col("has_apology"))
        .then(pl.lit("Có"))
        .when(pl.col("has_apology").not_())
        .then(pl.lit("Chưa có"))
        .alias("apology_vi"),
    )
    return labelled.select(pl.col(name).alias(label) for name, label in columns.items())
