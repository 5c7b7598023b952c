"""Dashboard page benchmark (run by hand): with 1,000,000 dossiers in the warehouse, each page's full
server-side run in AppTest with a cold cache (st.cache_data cleared) and a warm one, and the overview's
time to visible KPI tiles in headless Chromium (first load after the server starts, then reloads).

    python -m bench.bench_pages [--rows 1000000] [--runs 5]

The dossiers are generated straight in DuckDB by bench.dossiers.generate (six years, every unit).
"""

import argparse
import datetime as dt
import os
import statistics
import time
from pathlib import Path

import streamlit as st
from streamlit.testing.v1 import AppTest

from bench.dossiers import generate, machine
from pipelines.load import log_rebuild
from pipelines.warehouse import connect, refresh_aggregates, transaction
from tests.helpers.browser import chromium, serve
from ui.db import DB_ENV

OUT = Path(__file__).parent / "out"
APP = Path(__file__).resolve().parent.parent / "app.py"
PAGES = (
    "01_tong_quan",
    "02_linh_vuc",
    "03_don_vi",
    "04_ho_so",
    "05_bao_cao",
    "08_chi_so_766",
    "06_tai_len",
    "07_du_lieu",
)


def warehouse(n_rows: int) -> Path:
    path = OUT / f"pages_{n_rows}.duckdb"
    if path.exists():
        return path
    OUT.mkdir(exist_ok=True)
    con = connect(path)
    with transaction(con):
        generate(con, n_rows)
        refresh_aggregates(con)
        # The app treats a warehouse without any ingest as empty and would load the demo year.
        log_rebuild(con, 0, "bench", dt.datetime.now())
    con.close()
    return path


def run_page(page: str, is_cold: bool) -> float:
    """Seconds of one server-side run of `page` in a new session, with the query cache cleared if is_cold.
    A new AppTest's first run also scans every installed package for Streamlit components (≈ 0.3 s here),
    which a server does once at start-up, and AppTest can switch pages only after a run: that first run (the
    overview) is not counted."""
    at = AppTest.from_file(str(APP), default_timeout=120).run()
    at.switch_page(f"app_pages/{page}.py")
    if is_cold:
        st.cache_data.clear()
    started = time.perf_counter()
    at.run()
    elapsed = time.perf_counter() - started
    assert not at.exception, at.exception
    return elapsed


def floor_time(runs: int) -> float:
    """Median seconds of AppTest's second run of a one-line app: what any page costs in AppTest itself."""
    timings = []
    for _ in range(runs):
        at = AppTest.from_string("import streamlit as st\nst.write('·')").run()
        started = time.perf_counter()
        at.run()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def page_times(runs: int) -> dict[str, tuple[float, float]]:
    times = {}
    for page in PAGES:
        cold, warm = [], []
        for _ in range(runs):
            cold.append(run_page(page, is_cold=True))
            warm.append(run_page(page, is_cold=False))
        times[page] = (statistics.median(cold), statistics.median(warm))
    return times


def time_to_tiles(db: Path, runs: int) -> tuple[float, float]:
    """Seconds from navigation to the first KPI tile's value: the first visit, then the median reload."""
    with serve(db, timeout_s=120) as url, chromium() as browser:
        page = browser.new_page(viewport={"width": 1440, "height": 900})
        samples = []
        for _ in range(runs + 1):
            started = time.perf_counter()
            page.goto(url)
            page.locator(".tthc-tile-value").first.wait_for(timeout=120_000)
            samples.append(time.perf_counter() - started)
    return samples[0], statistics.median(samples[1:])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    db = warehouse(args.rows)
    os.environ[DB_ENV] = str(db)
    print(f"{args.rows:,} dossiers; {machine()}")
    # The browser's server first: once AppTest opens the warehouse here, this process holds its lock.
    first, reload = time_to_tiles(db, args.runs)
    print(
        f"overview in Chromium, time to visible KPI tiles: first visit {first:.2f} s, "
        f"reload median {reload:.2f} s"
    )
    floor = floor_time(args.runs)
    print(f"baseline: a one-line app, {floor * 1000:.1f} ms per run")
    print(f"AppTest run, median of {args.runs}")
    print(f"{'page':<14} {'cold (s)':>9} {'warm (s)':>9} {'warm / baseline':>16}")
    for page, (cold, warm) in page_times(args.runs).items():
        print(f"{page:<14} {cold:9.2f} {warm:9.2f} {warm / floor:15.1f}×")


if __name__ == "__main__":
    main()
