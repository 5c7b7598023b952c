"""Load test (run by hand, loopback-free: all in one process, as in the dashboard): 20 simulated viewers
query the overview's KPIs in a loop while an uploader ingests a 100,000-row file through the same
read-write connection. Checks that no query fails and that no viewer ever sees a half-ingested file
(the year's `received` is either the before or the after value), and reports the viewers' median query
time during the upload next to the time without it.

    python -m bench.load_viewers [--viewers 20] [--rows 100000]
"""

import argparse
import datetime as dt
import statistics
import tempfile
import threading
import time
from pathlib import Path

import polars as pl

from bench.bench_ingest import make_rows
from pipelines import kpi
from pipelines.ingest import ingest_file
from pipelines.scope import Scope
from pipelines.warehouse import connect

YEAR = Scope(dt.date(2023, 1, 1), dt.date(2023, 12, 31))


def overview_queries(con) -> int:
    """What the overview asks for; returns the year's `received` to check consistency."""
    totals = kpi.kpi_table(con, "total", scope=YEAR)
    kpi.targets_status(con, scope=YEAR)
    kpi.kpi_table(con, "sector_group", scope=YEAR)
    kpi.monthly_trend(con, scope=YEAR)
    return totals["n_received"].item()


def viewers(
    con, n: int, stop: threading.Event, samples: list, seen: set, errors: list
) -> list[threading.Thread]:
    def loop() -> None:
        while not stop.is_set():
            started = time.perf_counter()
            try:
                seen.add(overview_queries(con))
            except Exception as exc:  # every failure is a finding of this test
                errors.append(repr(exc))
            samples.append(time.perf_counter() - started)

    threads = [threading.Thread(target=loop, daemon=True) for _ in range(n)]
    for thread in threads:
        thread.start()
    return threads


def phase(con, n: int, seconds: float | None, during=None) -> tuple[list, set, list]:
    samples, seen, errors, stop = [], set(), [], threading.Event()
    threads = viewers(con, n, stop, samples, seen, errors)
    if during:
        during()
    else:
        time.sleep(seconds)
    stop.set()
    for thread in threads:
        thread.join(timeout=60)
    return samples, seen, errors


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--viewers", type=int, default=20)
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        upload = folder / "upload.csv"
        new_codes = ("U" + pl.col("Mã hồ sơ")).alias("Mã hồ sơ")
        make_rows(args.rows, seed=7).with_columns(new_codes).write_csv(upload)
        con = connect(folder / "w.duckdb")
        base = folder / "base.csv"
        make_rows(args.rows, seed=3).write_csv(base)
        ingest_file(con.cursor(), base, folder / "raw")
        before = overview_queries(con)

        upload_seconds = []

        def do_upload() -> None:
            started = time.perf_counter()
            result = ingest_file(con.cursor(), upload, folder / "raw")
            upload_seconds.append(time.perf_counter() - started)
            assert result.status == "loaded", result

        during, seen_during, errors_during = phase(con, args.viewers, None, during=do_upload)
        after = overview_queries(con)
        quiet, _, errors_quiet = phase(con, args.viewers, upload_seconds[0])
        con.close()
    half_states = seen_during - {before, after}
    print(f"{args.viewers} viewers, upload of {args.rows:,} rows took {upload_seconds[0]:.1f} s")
    print(
        f"  year received before {before:,}, after {after:,}; values seen during the upload: "
        f"{sorted(seen_during)}; half-ingested states seen: {len(half_states)}"
    )
    print(f"  failed requests: {len(errors_during) + len(errors_quiet)} of {len(during) + len(quiet)}")
    print(
        f"  median overview query set: {statistics.median(quiet) * 1000:.0f} ms without upload, "
        f"{statistics.median(during) * 1000:.0f} ms during upload "
        f"(×{statistics.median(during) / statistics.median(quiet):.2f}); "
        f"{len(quiet)} and {len(during)} requests"
    )


if __name__ == "__main__":
    main()
