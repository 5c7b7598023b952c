"""Period report benchmark (run by hand, not a test): the Biểu 06 workbook and the narrative report of a
year at 1,000,000 dossiers, as `tthc report` and the Báo cáo page write them; the PDF conversion apart.

    python -m bench.bench_report [--rows 1000000] [--runs 3] [--period BC-2025]

The dossiers are generated straight in DuckDB by bench.bench_kpi.generate (six years, every unit), in
bench/out/pages_<rows>.duckdb (shared with bench.bench_pages). Each file is written by
pipelines.report_files.write_report from an open read-only connection, median of --runs. Baselines in the
same run: the one Biểu 06 query, and a bare headless Chromium start (what drawing the charts costs
before any chart is drawn). The .docx is timed twice: as `tthc report` makes it (a browser started for
its charts) and as the dashboard makes its second and later reports (the browser kept open).
"""

import argparse
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import duckdb

from bench.bench_kpi import machine
from bench.bench_pages import warehouse
from pipelines import kpi, periods
from pipelines.report_data import gather_narrative
from pipelines.report_files import write_report
from pipelines.report_images import keep_browser_open, overview_figures, render_pngs
from pipelines.report_narrative import write_narrative_docx
from pipelines.report_pdf import docx_to_pdf
from pipelines.scope import Scope
from tests.helpers.browser import CHROMIUM, CHROMIUM_ARGS


def median_s(function: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def chromium_start() -> None:
    subprocess.run([CHROMIUM, *CHROMIUM_ARGS, "--dump-dom", "about:blank"], capture_output=True, check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--period", default="BC-2025")
    args = parser.parse_args()
    period = periods.parse_period(args.period)
    print(f"Machine: {machine()}")
    print(f"{args.rows:,} dossiers, {period.title_vi}, median of {args.runs} runs")
    con = duckdb.connect(str(warehouse(args.rows)), read_only=True)
    with tempfile.TemporaryDirectory(prefix="tthc-bench-") as folder:
        out = Path(folder)
        data = gather_narrative(con, period)
        print(f"Biểu 06: {len(data.form.unit_tables)} unit sheets, {data.form.summary.height} summary rows")
        timings = {
            "baseline: Biểu 06 query (kpi.report_table)": lambda: kpi.report_table(
                con, scope=Scope.of(period)
            ),
            "baseline: Chromium start (about:blank)": chromium_start,
            ".xlsx (Biểu 06, every unit's sheet)": lambda: write_report(con, period, out / "b.xlsx"),
            ".docx, numbers gathered (report_data)": lambda: gather_narrative(con, period),
            ".docx, charts drawn (Chromium started)": lambda: render_pngs(overview_figures(data)),
            ".docx, document written (python-docx)": lambda: write_narrative_docx(out / "n.docx", data, None),
            ".docx end to end (Chromium started)": lambda: write_report(con, period, out / "r.docx"),
        }
        results = {name: median_s(function, args.runs) for name, function in timings.items()}
        keep_browser_open()
        render_pngs(overview_figures(data))  # the dashboard's first report, not counted
        results[".docx, charts drawn (Chromium kept open)"] = median_s(
            lambda: render_pngs(overview_figures(data)), args.runs
        )
        results[".docx end to end (Chromium kept open)"] = median_s(
            lambda: write_report(con, period, out / "w.docx"), args.runs
        )
        results[".pdf conversion of that .docx (LibreOffice)"] = median_s(
            lambda: docx_to_pdf(out / "r.docx", out / "r.pdf"), args.runs
        )
    con.close()
    for name, seconds in results.items():
        print(f"{name:48} {seconds:8.2f} s")
    xlsx = results[".xlsx (Biểu 06, every unit's sheet)"]
    for browser in ("Chromium started", "Chromium kept open"):
        together = xlsx + results[f".docx end to end ({browser})"]
        print(f"{f'.xlsx + .docx together ({browser})':48} {together:8.2f} s   (target ≤ 10 s)")


if __name__ == "__main__":
    main()
