"""KPI layer benchmark (run by hand, not a test): the queries a dashboard page runs, on 10,000,000 dossiers.

    python -m bench.bench_kpi [--rows 10000000] [--runs 5] [--keep]

Generates the dossiers straight in DuckDB (bench.dossiers), rebuilds the aggregates as an ingest does,
then times each page query through pipelines.kpi (median of --runs) next to the same aggregation in
pandas over the same rows held in memory. The warehouse goes to bench/out/kpi_<rows>.duckdb.
"""

import argparse
import datetime as dt
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from bench.dossiers import FIRST_DAY, N_DAYS, generated_warehouse, machine
from pipelines import kpi, periods
from pipelines.scope import Scope
from pipelines.settings import SQL_DIR
from pipelines.warehouse import connect, refresh_aggregates, transaction

OUT = Path(__file__).parent / "out"
PERIOD = periods.parse_period("BC-2025-Q3")  # an official quarter: 15/06/2025 – 14/09/2025
YEAR_PERIOD = periods.parse_period("2025")

# A month's export arriving: new dossiers (copies of sampled ones under new codes) and new versions of
# dossiers that were still open (now finished), as load_normalised stages them. DuckDB takes only constants
# as sample sizes, hence the format fields; a sample is drawn before the where clause, hence the nesting.
MONTHLY_EXPORT_SQL = """
create or replace temp table incoming_dossiers as
select * replace ('NEW-' || dossier_code as dossier_code, $as_of_date::date as as_of_date, 2 as ingest_id)
from (select * from dossiers using sample reservoir({n_new} rows) repeatable (7))
union all
select * replace (
    received_at + interval 3 day as finished_at, 'Đã trả kết quả' as status_text,
    $as_of_date::date as as_of_date, 2 as ingest_id
)
from (
    select * from (select * from dossiers where finished_at is null and not is_withdrawn)
    using sample reservoir({n_updated} rows) repeatable (7)
)
"""


def time_ingest_refresh(con: duckdb.DuckDBPyConnection, n_new: int, n_updated: int) -> tuple[float, int]:
    """Seconds refresh_aggregates takes after a monthly ingest that it corrects with what changed, and the
    number of dossiers the export changed; rolled back, so the warehouse stays as generated."""
    as_of_date = FIRST_DAY + dt.timedelta(days=N_DAYS)
    con.execute("begin transaction")
    try:
        export_sql = MONTHLY_EXPORT_SQL.format(n_new=int(n_new), n_updated=int(n_updated))
        con.execute(export_sql, {"as_of_date": as_of_date})
        for name in ("classify_incoming.sql", "capture_changes.sql", "apply_incoming.sql"):
            con.execute((SQL_DIR / "load" / name).read_text(encoding="utf-8"))
        start = time.perf_counter()
        refresh_aggregates(con, changes_only=True)
        seconds = time.perf_counter() - start
        n_changed = sum(
            con.execute(f"select count(*) from {table}").fetchall()[0][0]
            for table in ("ingest_added_dossiers", "ingest_replaced_dossiers")
        )
    finally:
        con.execute("rollback")
    return seconds, n_changed


def median_ms(function: Callable[[], object], runs: int) -> float:
    function()  # warm-up: caches, first plan
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        timings.append(time.perf_counter() - start)
    return statistics.median(timings) * 1000


# The same aggregations in pandas, from the dossier rows (docs/definitions.md, as kpi_dossiers_in_period).
def pandas_frame(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return con.execute(
        "select unit_id, unit_level, sector_name, sector_group, received_date, due_date, finished_date, "
        "is_withdrawn, channel = 'online' as is_online, is_full_online_offered, is_rated, is_satisfied "
        "from int_dossier_flags"
    ).fetch_df()


def pandas_counts(frame: pd.DataFrame, start: dt.date, end: dt.date, keys: list[str]) -> pd.DataFrame:
    start, end = np.datetime64(start), np.datetime64(end)
    received, finished, due = frame["received_date"], frame["finished_date"], frame["due_date"]
    active = ~frame["is_withdrawn"]
    finished_by_end = active & (finished <= end)
    flags = pd.DataFrame(
        {
            "n_received": received.between(start, end),
            "n_received_online": received.between(start, end) & frame["is_online"],
            "n_withdrawn": received.between(start, end) & frame["is_withdrawn"],
            "n_carried_over": active & (received < start) & ~(finished < start),
            "n_resolved": finished_by_end & (finished >= start),
            "n_early": finished_by_end & (finished >= start) & (finished < due),
            "n_on_time": finished_by_end & (finished >= start) & ((finished == due) | due.isna()),
            "n_late": finished_by_end & (finished >= start) & (finished > due),
            "n_pending": active & (received <= end) & ~(finished <= end),
            "n_pending_overdue": active & (received <= end) & ~(finished <= end) & (due < end),
            "n_rated": finished_by_end & (finished >= start) & frame["is_rated"],
            "n_satisfied": finished_by_end & (finished >= start) & frame["is_satisfied"],
        }
    )
    flags[keys] = frame[keys]
    counts = flags.groupby(keys, observed=True).sum()
    counts["on_time_rate"] = (counts["n_early"] + counts["n_on_time"]) / counts["n_resolved"]
    counts["early_rate"] = counts["n_early"] / counts["n_resolved"]
    counts["satisfaction_rate"] = counts["n_satisfied"] / counts["n_rated"]
    return counts


def pandas_queries(frame: pd.DataFrame) -> dict[str, Callable[[], object]]:
    frame = frame.assign(all="all", block=np.where(frame["unit_level"] == "city", "city", "ward_commune"))
    previous, year_ago = periods.previous_period(PERIOD), periods.year_earlier(PERIOD)
    months = periods.available_periods(YEAR_PERIOD.from_date, YEAR_PERIOD.to_date)
    months = [p for p in months if p.kind == "month"]

    def ranking():
        current = pandas_counts(frame, PERIOD.from_date, PERIOD.to_date, ["unit_id"])
        before = pandas_counts(frame, previous.from_date, previous.to_date, ["unit_id"])
        order = ["on_time_rate", "early_rate", "n_resolved"]
        return current.sort_values(order, ascending=False), before.sort_values(order, ascending=False)

    return {
        "KPI totals + Δ (3 periods)": lambda: [
            pandas_counts(frame, p.from_date, p.to_date, ["all"]) for p in (PERIOD, previous, year_ago)
        ],
        "by sector group": lambda: pandas_counts(frame, PERIOD.from_date, PERIOD.to_date, ["sector_group"]),
        "by unit + ranking": ranking,
        "monthly trend (12 months)": lambda: [
            pandas_counts(frame, p.from_date, p.to_date, ["all"]) for p in months
        ],
        "Biểu 06": lambda: pandas_counts(frame, PERIOD.from_date, PERIOD.to_date, ["block", "sector_name"]),
    }


def duckdb_queries(con: duckdb.DuckDBPyConnection) -> dict[str, Callable[[], object]]:
    scope, year = Scope.of(PERIOD), Scope.of(YEAR_PERIOD)
    return {
        "KPI totals + Δ (3 periods)": lambda: kpi.kpi_compare(con, "total", scope=scope),
        "targets status": lambda: kpi.targets_status(con, scope=scope),
        "by sector group": lambda: kpi.kpi_table(con, "sector_group", scope=scope),
        "by unit + ranking": lambda: kpi.unit_ranking(con, scope=scope),
        "focus groups by unit": lambda: kpi.focus_by_unit(con, scope=scope),
        "monthly trend (12 months)": lambda: kpi.monthly_trend(con, scope=year),
        "unit × month heat map (12 months)": lambda: kpi.kpi_table(con, "unit_month", scope=year),
        "Biểu 06": lambda: kpi.report_table(con, scope=scope),
        "late dossiers of one ward (list)": lambda: kpi.dossier_list(
            con, scope=scope.narrowed(unit_id="p_le_loi"), outcomes=["late", "pending_overdue"]
        ),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", action="store_true", help="reuse the warehouse generated by an earlier run")
    args = parser.parse_args()

    OUT.mkdir(exist_ok=True)
    path = OUT / f"kpi_{args.rows}.duckdb"
    print(f"Machine: {machine()}")
    generated_warehouse(path, args.rows, keep=args.keep)
    con = connect(path)  # read-write: rebuilds the views and the aggregates, as the app does
    rebuilds = []
    for _ in range(3):
        start = time.perf_counter()
        with transaction(con):
            refresh_aggregates(con)
        rebuilds.append(time.perf_counter() - start)
    n_agg_rows = con.execute("select count(*) from agg_daily_counts").fetchall()[0][0]
    full = statistics.median(rebuilds)
    print(
        f"Aggregates recounted from every dossier (median of 3): {full:.2f} s, "
        f"agg_daily_counts: {n_agg_rows:,} rows"
    )
    n_new = args.rows // 72  # a month of the six years
    n_updated = n_new // 4
    corrections = [time_ingest_refresh(con, n_new, n_updated) for _ in range(3)]
    corrected = statistics.median(seconds for seconds, _ in corrections)
    print(
        f"Aggregates corrected after a monthly ingest ({n_new:,} new + {n_updated:,} updated dossiers, "
        f"{corrections[0][1]:,} counted; median of 3): {corrected:.2f} s, {full / corrected:.1f}× faster"
    )

    print(f"\nPeriod {PERIOD.name} ({PERIOD.dates_vi}); median of {args.runs} runs")
    duck = {name: median_ms(query, args.runs) for name, query in duckdb_queries(con).items()}
    frame = pandas_frame(con)
    panda = {name: median_ms(query, args.runs) for name, query in pandas_queries(frame).items()}
    print(f"{'page query':36} {'DuckDB (ms)':>12} {'pandas (ms)':>12} {'ratio':>8}")
    for name, ms in duck.items():
        reference = panda.get(name)
        ratio = f"{reference / ms:7.0f}×" if reference else ""
        reference_text = f"{reference:12.0f}" if reference else f"{'':12}"
        print(f"{name:36} {ms:12.1f} {reference_text} {ratio:>8}")


if __name__ == "__main__":
    main()
