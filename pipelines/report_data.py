"""Every number of the period reports, gathered in one place from the KPI layer (pipelines.kpi): the
Biểu 06 workbook, the narrative report and its annex all read what this module returns, so the page,
`tthc report` and the tests see the same figures.
"""

import datetime as dt
import operator
from collections.abc import Collection
from dataclasses import dataclass

import duckdb
import polars as pl

from pipelines import kpi, periods
from pipelines.report_settings import ReportSettings, load_report_settings
from pipelines.scope import Scope

FOCUS_GROUPS = ("land", "construction", "investment")
# The comparisons kpi_targets_status knows, for holding each unit to the on-time target.
_MEETS = {">": operator.gt, ">=": operator.ge, "<": operator.lt, "<=": operator.le, "=": operator.eq}


@dataclass(frozen=True)
class FormData:
    """What the Biểu 06 workbook holds: the table for all units and (unit name, its table) for each."""

    period: periods.Period
    as_of_date: dt.date | None
    settings: ReportSettings
    summary: pl.DataFrame
    unit_tables: list[tuple[str, pl.DataFrame]]


@dataclass(frozen=True)
class NarrativeData:
    form: FormData
    previous: periods.Period
    year_ago: periods.Period
    compare: pl.DataFrame  # kpi_period_compare by total: kpi, value, value_previous, value_year_ago
    targets: pl.DataFrame  # kpi_targets_status of the period's year
    focus_groups: pl.DataFrame  # kpi_by_dimension by sector_group for the three key groups (nulls: none)
    units_missing: pl.DataFrame  # kpi_unit_ranking rows whose on-time rate misses the target
    late_counts: dict[str, int]  # the city's late dossiers: n_late, n_without_apology, n_apology_unknown
    # The late dossiers without an apology letter (unknown is not "no"), the most overdue first, of the
    # reader's units only (all units when the report is not made for a scoped reader).
    late_without_apology: pl.DataFrame
    is_list_limited: bool  # the list holds the reader's units only
    trend: pl.DataFrame  # kpi_by_dimension by month over the calendar year the period ends in

    @property
    def period(self) -> periods.Period:
        return self.form.period

    def value(self, kpi_name: str, column: str = "value") -> float | None:
        """A KPI of the whole city from the comparison table (column value, value_previous, …)."""
        rows = self.compare.filter(kpi=kpi_name)
        return rows[column].item() if rows.height else None

    def target(self, kpi_name: str, sector_group: str = "all") -> dict | None:
        rows = self.targets.filter(kpi=kpi_name, target_sector_group=sector_group)
        return rows.row(0, named=True) if rows.height else None


def data_as_of(con: duckdb.DuckDBPyConnection) -> dt.date | None:
    """The data's as-of date: the latest as-of date of the loaded files, else the latest date the
    dossiers carry (docs/definitions.md: a file's as-of date falls back to its latest received or finished
    date)."""
    cursor = con.cursor()
    try:
        [(latest, received, finished)] = cursor.execute(
            "select latest_as_of_date, last_received_date, last_finished_date from kpi_dq_warehouse"
        ).fetchall()
    finally:
        cursor.close()
    return latest or max((day for day in (received, finished) if day is not None), default=None)


def gather_form(
    con: duckdb.DuckDBPyConnection, period: periods.Period, settings: ReportSettings | None = None
) -> FormData:
    summary, unit_tables = kpi.report_tables(con, scope=Scope.of(period))
    return FormData(period, data_as_of(con), settings or load_report_settings(), summary, unit_tables)


def _units_missing(ranking: pl.DataFrame, target: dict | None) -> pl.DataFrame:
    if target is None:
        return ranking.clear()
    meets = _MEETS[target["comparison"]]
    missed = [
        rate is not None and not meets(rate, target["target_value"]) for rate in ranking["on_time_rate"]
    ]
    return ranking.filter(pl.Series(missed, dtype=pl.Boolean)).sort("on_time_rate", maintain_order=True)


def gather_narrative(
    con: duckdb.DuckDBPyConnection,
    period: periods.Period,
    settings: ReportSettings | None = None,
    units: Collection[str] | None = None,
) -> NarrativeData:
    """The report's numbers for the whole city; its list of dossiers for `units` (None: every unit)."""
    scope = Scope.of(period)
    targets = kpi.targets_status(con, scope=scope)
    on_time = targets.filter(kpi="on_time_rate", target_sector_group="all")
    groups = kpi.kpi_table(con, "sector_group", scope=scope)
    focus = pl.DataFrame({"key": FOCUS_GROUPS}).join(groups, on="key", how="left", maintain_order="left")
    late = kpi.dossier_list(con, scope=scope, outcomes=["late"])
    late_counts = {
        "n_late": late.height,
        "n_without_apology": late.filter(pl.col("has_apology").not_()).height,
        "n_apology_unknown": late.filter(pl.col("has_apology").is_null()).height,
    }
    listed = kpi.dossier_list(con, scope=scope, outcomes=["late"], units=units)
    year = periods.parse_period(str(period.to_date.year))
    return NarrativeData(
        form=gather_form(con, period, settings),
        previous=periods.previous_period(period),
        year_ago=periods.year_earlier(period),
        compare=kpi.kpi_compare(con, "total", scope=scope),
        targets=targets,
        focus_groups=focus,
        units_missing=_units_missing(
            kpi.unit_ranking(con, scope=scope), on_time.row(0, named=True) if on_time.height else None
        ),
        late_counts=late_counts,
        late_without_apology=listed.filter(pl.col("has_apology").not_()),
        is_list_limited=units is not None,
        trend=kpi.monthly_trend(con, scope=scope.over(year)),
    )
