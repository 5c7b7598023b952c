"""The KPI API the pages and the CLI call. Each function runs one view or macro of sql/ with bound
parameters and returns a polars DataFrame; the definitions live in the SQL and in definitions/, not here.

What a query covers is a Scope (period and filters), always passed by keyword; a function that cannot
apply one of the scope's filters says so rather than ignore it.
"""

from collections.abc import Collection, Sequence

import duckdb
import polars as pl

from pipelines import access, definitions, periods
from pipelines.scope import Scope

# The column types the views return; building the frame from rows skips the relation API's second
# binding of the query, about a quarter of a page query's time.
_POLARS_TYPES = {
    "VARCHAR": pl.String,
    "DATE": pl.Date,
    "BIGINT": pl.Int64,
    "INTEGER": pl.Int32,
    "DOUBLE": pl.Float64,
    "BOOLEAN": pl.Boolean,
}


def select_macro(con: duckdb.DuckDBPyConnection, macro: str, params: Sequence[object]) -> pl.DataFrame:
    placeholders = ", ".join("?" for _ in params)
    cursor = con.cursor()
    try:
        result = cursor.execute(f"select * from {macro}({placeholders})", list(params))
        schema = {name: _POLARS_TYPES.get(str(column_type)) for name, column_type, *_ in result.description}
        return pl.DataFrame(result.fetchall(), schema=schema, orient="row")
    finally:
        cursor.close()


def scope_filters(scope: Scope, *supported: str) -> list[object]:
    """The macro's filter arguments, in its order; a filter it does not take must be left unset."""
    unsupported = scope.filters_set() - set(supported)
    if unsupported:
        raise ValueError(f"this query cannot filter on {sorted(unsupported)}")
    return [getattr(scope, name) for name in supported]


def _all_filters(scope: Scope) -> list[object]:
    return scope_filters(scope, "sector_group", "unit_level", "unit_id")


def kpi_table(con: duckdb.DuckDBPyConnection, by: str, *, scope: Scope) -> pl.DataFrame:
    """kpi_by_dimension: counts and rates per key of `by` (a dimension of definitions/dimensions.toml)."""
    definitions.dimension(by)
    return select_macro(con, "kpi_by_dimension", [by, scope.from_date, scope.to_date, *_all_filters(scope)])


def monthly_trend(con: duckdb.DuckDBPyConnection, *, scope: Scope) -> pl.DataFrame:
    """One row per calendar month of the period (clipped to it), every month listed."""
    return kpi_table(con, "month", scope=scope)


def sector_units(con: duckdb.DuckDBPyConnection, sector_name: str, *, scope: Scope) -> pl.DataFrame:
    """The units that handled one lĩnh vực in the period, with its KPIs (the sector_unit dimension)."""
    by_pair = kpi_table(con, "sector_unit", scope=scope)
    return by_pair.filter(pl.col("sector_name") == sector_name)


def focus_by_unit(con: duckdb.DuckDBPyConnection, *, scope: Scope) -> pl.DataFrame:
    """kpi_focus_by_unit: land, construction and investment, one row per group and unit."""
    return select_macro(
        con, "kpi_focus_by_unit", [scope.from_date, scope.to_date, *scope_filters(scope, "unit_level")]
    )


def kpi_compare(con: duckdb.DuckDBPyConnection, by: str, *, scope: Scope) -> pl.DataFrame:
    """kpi_period_compare: each KPI beside the previous period and the same period a year earlier.

    Keys are matched by name, so by='month' (or 'unit_month') leaves the comparison columns empty.
    """
    definitions.dimension(by)
    period = periods.period_for_dates(scope.from_date, scope.to_date)
    previous = periods.previous_period(period)
    year_ago = periods.year_earlier(period)
    return select_macro(
        con,
        "kpi_period_compare",
        [
            by,
            scope.from_date,
            scope.to_date,
            previous.from_date,
            previous.to_date,
            year_ago.from_date,
            year_ago.to_date,
            *_all_filters(scope),
        ],
    )


def targets_status(con: duckdb.DuckDBPyConnection, *, scope: Scope) -> pl.DataFrame:
    """kpi_targets_status: each target of the period's year, met / not_met / no_data, gap in points."""
    return select_macro(con, "kpi_targets_status", [scope.from_date, scope.to_date, *_all_filters(scope)])


def unit_ranking(con: duckdb.DuckDBPyConnection, *, scope: Scope) -> pl.DataFrame:
    """kpi_unit_ranking, with the rank change against the previous period (pipelines.periods)."""
    previous = periods.previous_period(periods.period_for_dates(scope.from_date, scope.to_date))
    return select_macro(
        con,
        "kpi_unit_ranking",
        [
            scope.from_date,
            scope.to_date,
            previous.from_date,
            previous.to_date,
            *scope_filters(scope, "sector_group", "unit_level"),
        ],
    )


def scorecard(con: duckdb.DuckDBPyConnection, *, scope: Scope, compared: periods.Period) -> pl.DataFrame:
    """kpi_scorecard: land, construction, investment and the city, each scorecard rate against its
    target and against the `compared` period (the previous one, or the same a year earlier). The rows
    are the sector groups: a sector-group filter cannot apply."""
    return select_macro(
        con,
        "kpi_scorecard",
        [
            scope.from_date,
            scope.to_date,
            compared.from_date,
            compared.to_date,
            *scope_filters(scope, "unit_level", "unit_id"),
        ],
    )


def unit_laggards(con: duckdb.DuckDBPyConnection, *, scope: Scope) -> pl.DataFrame:
    """kpi_unit_laggards: the units below the on-time target in the period, worst first, those with
    few resolved dossiers after the others (is_few_dossiers)."""
    return select_macro(
        con,
        "kpi_unit_laggards",
        [scope.from_date, scope.to_date, *scope_filters(scope, "sector_group", "unit_level")],
    )


def report_table(con: duckdb.DuckDBPyConnection, *, scope: Scope) -> pl.DataFrame:
    """rpt_bieu_06: the rows of Biểu số 06/VPCP/KSTT, for all units or one."""
    return select_macro(
        con, "rpt_bieu_06", [scope.from_date, scope.to_date, *scope_filters(scope, "unit_id")]
    )


def report_tables(
    con: duckdb.DuckDBPyConnection, *, scope: Scope
) -> tuple[pl.DataFrame, list[tuple[str, pl.DataFrame]]]:
    """What the Biểu 06 workbook holds, from one query (rpt_bieu_06_sheets): the table for all units, and
    (unit name, its table) for each unit with dossiers in the period."""
    scope_filters(scope)
    sheets = select_macro(con, "rpt_bieu_06_sheets", [scope.from_date, scope.to_date, None, True])
    summary, *units = sheets.partition_by("sheet_unit_id", maintain_order=True)

    def rows(sheet: pl.DataFrame) -> pl.DataFrame:
        return sheet.drop("sheet_unit_id", "sheet_unit_name", "sheet_order", "row_order")

    return rows(summary), [(unit["sheet_unit_name"][0], rows(unit)) for unit in units]


def dossier_list(
    con: duckdb.DuckDBPyConnection,
    *,
    scope: Scope,
    outcomes: Sequence[str] | None = None,
    units: Collection[str] | None = None,
) -> pl.DataFrame:
    """kpi_dossiers_in_period: the dossiers the period counts, e.g. outcomes=['late', 'pending_overdue'];
    with `units`, only the dossiers of those units (pipelines.access: a scoped reader's), whatever the scope
    asks for."""
    params = [scope.from_date, scope.to_date, *_all_filters(scope), list(outcomes) if outcomes else None]
    rows = access.dossiers_of(select_macro(con, "kpi_dossiers_in_period", params), units)
    return rows if scope.unit_id is None or access.may_see(units, scope.unit_id) else rows.clear()


def available_periods(con: duckdb.DuckDBPyConnection) -> list[periods.Period]:
    """The named periods the warehouse has data for (kpi_data_range), for the period selector."""
    cursor = con.cursor()
    try:
        [(first_date, last_date)] = cursor.execute("select * from kpi_data_range").fetchall()
    finally:
        cursor.close()
    if first_date is None:
        return []
    return periods.available_periods(first_date, last_date)
