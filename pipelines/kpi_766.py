"""The national service index (Quyết định 766/QĐ-TTg) for the page and the CLI: its indicators, the units'
ranking and the monthly trend (sql/kpi_766_*.sql, scored from definitions/index_766.toml), over the
calendar periods the national index uses."""

import duckdb
import polars as pl

from pipelines import periods
from pipelines.kpi import scope_filters, select_macro
from pipelines.scope import Scope

# The national index is published by calendar month, quarter and year; any other period is shown as the
# calendar period of the same kind that ends with it, else as the calendar year it ends in.
CALENDAR_KINDS = ("month", "quarter", "year")
_CALENDAR_OF = {"bc_month": "month", "bc_quarter": "quarter"}


def calendar_period(period: periods.Period) -> periods.Period:
    """`period` itself when a calendar month, quarter or year; else the one the index would use."""
    if period.kind in CALENDAR_KINDS:
        return period
    end = period.to_date
    kind = _CALENDAR_OF.get(period.kind, "year")
    name = {"month": f"{end:%Y-%m}", "quarter": f"{end.year}-Q{(end.month - 1) // 3 + 1}"}.get(
        kind, str(end.year)
    )
    return periods.parse_period(name)


def indicators(con: duckdb.DuckDBPyConnection, *, scope: Scope) -> pl.DataFrame:
    """kpi_766_indicators: every indicator of the city (or of scope.unit_id) with its points and status."""
    return select_macro(
        con, "kpi_766_indicators", [scope.from_date, scope.to_date, *scope_filters(scope, "unit_id")]
    )


def ranking(con: duckdb.DuckDBPyConnection, *, scope: Scope) -> pl.DataFrame:
    """kpi_766_ranking, with the rank change against the previous period of the same kind."""
    previous = periods.previous_period(periods.period_for_dates(scope.from_date, scope.to_date))
    return select_macro(
        con,
        "kpi_766_ranking",
        [
            scope.from_date,
            scope.to_date,
            previous.from_date,
            previous.to_date,
            *scope_filters(scope, "unit_level"),
        ],
    )


def trend(con: duckdb.DuckDBPyConnection, *, scope: Scope) -> pl.DataFrame:
    """kpi_766_trend: the score of each calendar month of the scope."""
    return select_macro(
        con, "kpi_766_trend", [scope.from_date, scope.to_date, *scope_filters(scope, "unit_id")]
    )
