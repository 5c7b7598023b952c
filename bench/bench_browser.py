"""Time to the first KPI value as a user sees it (run by hand): headless Chromium against the dashboard and,
in the same run, against a one-line Streamlit app served the same way.

    python -m bench.bench_browser [--warehouse demo|1m] [--runs 5] [--streamlit-run]

The dashboard is started as `tthc serve` starts it (ui/server.py: its pages rendered once before the server
answers), or with --streamlit-run by a bare `streamlit run app.py`; the one-line app always by the latter.

For the overview (its first KPI value: a scorecard cell or a tile) and two other pages (their first table,
a Markdown table's cell or a data grid, or chart), three ways in:
  reload        the same browser tab loads the page again once it has finished drawing (warm browser
                cache, a new session);
  new visitor   a new browser context (empty cache) on a running server;
  first visit   a new context on a server that has just answered its health check (restarted per sample).
The value's time is that of the first animation frame painted with it (from the navigation's start). Each
sample also records where the time went: the page's DOMContentLoaded (Streamlit's static front end),
the websocket opening (the session), and how many websocket frames and elements had arrived once the value
was read. Medians of --runs samples; ratios against the one-line app's median in the same run.
"""

import argparse
import json
import statistics
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Browser

from bench.bench_pages import warehouse as million_warehouse
from bench.dossiers import machine
from pipelines.demo import write_demo_exports
from pipelines.ingest import ingest_files
from tests.helpers.browser import chromium, serve

OUT = Path(__file__).parent / "out"
# A reader reloads a page they have been reading: the tab finishes drawing the last visit (its charts: Plotly
# takes up to 0.8 s) before each reload, and that wait is not counted. Reloading as soon as the value showed
# timed the end of the last visit's drawing as well (bench/README, sixth session).
SETTLE_MS = 2000
BASELINE_APP = 'import streamlit as st\n\nst.metric("Tiếp nhận", "1.234")\n'
FIRST_VALUE = '[data-testid="stMetricValue"]'
# The overview's first KPI value: a cell of the key sectors' scorecard (a Markdown table) or a tile.
FIRST_KPI = '.tthc-tile-value, [data-testid="stMarkdownContainer"] table td'
FIRST_TABLE_OR_CHART = 'table td, [data-testid="stDataFrame"], .js-plotly-plot'
# (label, URL path, what shows the page's first number)
PAGES = (
    ("Tổng quan", "", FIRST_KPI),
    ("Lĩnh vực", "linh_vuc", FIRST_TABLE_OR_CHART),
    ("Đơn vị", "don_vi", FIRST_TABLE_OR_CHART),
)
MODES = ("reload", "new visitor", "first visit")
TIMEOUT_MS = 120_000


@dataclass(frozen=True)
class Sample:
    seconds: float
    dom_loaded_s: float
    socket_open_s: float | None
    frames: int
    elements: int


def demo_warehouse() -> Path:
    path = OUT / "browser_demo" / "tthc.duckdb"
    if not path.exists():
        with tempfile.TemporaryDirectory() as folder:
            ingest_files(path, write_demo_exports(Path(folder)), is_demo=True)
    return path


# Checked in every animation frame, so the time is that of the first frame painted with the value in it;
# Playwright's own polling waits for the page's main thread, which a chart's script keeps busy after the
# value is on screen.
FIRST_PAINTED = """(selector => {
  const watch = () => {
    const shown = [...document.querySelectorAll(selector)].some(
      (element) => element.checkVisibility() && element.getBoundingClientRect().width > 0
    );
    if (shown) window.firstValueMs = performance.now();
    else requestAnimationFrame(watch);
  };
  requestAnimationFrame(watch);
})(%s)"""


def _new_tab(browser: Browser, selector: str):
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    context.add_init_script(FIRST_PAINTED % json.dumps(selector))
    return context.new_page()


def _visit(browser: Browser, url: str, selector: str, page=None) -> Sample:
    """One navigation (a new context unless `page` is given), timed from the navigation's start to the
    first frame painted with `selector` in it."""
    own_tab = page is None
    page = page or _new_tab(browser, selector)
    frames, opened = [], []

    def on_socket(socket) -> None:
        opened.append(time.perf_counter())
        socket.on("framereceived", lambda frame: frames.append(frame))

    page.on("websocket", on_socket)
    started = time.perf_counter()
    page.goto(url, wait_until="commit", timeout=TIMEOUT_MS)
    page.wait_for_function("window.firstValueMs !== undefined", timeout=TIMEOUT_MS)
    painted_ms = page.evaluate("window.firstValueMs")
    dom_loaded_ms = page.evaluate("performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd")
    elements = page.evaluate("document.querySelectorAll('[data-testid=\"stElementContainer\"]').length")
    if own_tab:
        page.context.close()
    socket_open_s = opened[0] - started if opened else None
    return Sample(painted_ms / 1000, dom_loaded_ms / 1000, socket_open_s, len(frames), elements)


def measure(
    browser: Browser, db: Path, app: Path, path: str, selector: str, runs: int, as_served: bool
) -> dict[str, list]:
    """as_served: the app started as `tthc serve` starts it; the one-line app by `streamlit run`."""
    samples: dict[str, list[Sample]] = {mode: [] for mode in MODES}
    for _ in range(runs):
        with serve(db, timeout_s=300, app=app, as_served=as_served) as url:
            samples["first visit"].append(_visit(browser, f"{url}/{path}", selector))
    with serve(db, timeout_s=300, app=app, as_served=as_served) as url:
        _visit(browser, f"{url}/{path}", selector)  # the server's first run, not counted here
        for _ in range(runs):
            samples["new visitor"].append(_visit(browser, f"{url}/{path}", selector))
        tab = _new_tab(browser, selector)
        _visit(browser, f"{url}/{path}", selector, tab)
        for _ in range(runs):
            tab.wait_for_timeout(SETTLE_MS)
            samples["reload"].append(_visit(browser, f"{url}/{path}", selector, tab))
    return samples


def _median(samples: list[Sample], field: str) -> float:
    values = [getattr(s, field) for s in samples if getattr(s, field) is not None]
    return statistics.median(values) if values else float("nan")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--warehouse", choices=("demo", "1m"), default="demo")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--streamlit-run", action="store_true")
    args = parser.parse_args()
    db = demo_warehouse() if args.warehouse == "demo" else million_warehouse(1_000_000)
    baseline_app = OUT / "one_line_app.py"
    baseline_app.write_text(BASELINE_APP, encoding="utf-8")
    dashboard = Path(__file__).resolve().parent.parent / "app.py"
    as_served = not args.streamlit_run
    started_by = "tthc serve" if as_served else "streamlit run"
    print(f"warehouse {args.warehouse}; dashboard by {started_by}; medians of {args.runs}; {machine()}")
    with chromium() as browser:
        baseline = measure(browser, db, baseline_app, "", FIRST_VALUE, args.runs, as_served=False)
        print(
            f"\n{'':<12} {'mode':<12} {'first value':>11} {'× one-line':>10} {'DOM loaded':>10} "
            f"{'socket open':>11} {'frames':>7} {'elements':>8}"
        )
        for mode in MODES:
            b = baseline[mode]
            print(
                f"{'one-line app':<12} {mode:<12} {_median(b, 'seconds'):10.2f}s {'1.00':>10} "
                f"{_median(b, 'dom_loaded_s'):9.2f}s {_median(b, 'socket_open_s'):10.2f}s "
                f"{_median(b, 'frames'):7.0f} {_median(b, 'elements'):8.0f}"
            )
        for label, path, selector in PAGES:
            ours = measure(browser, db, dashboard, path, selector, args.runs, as_served=as_served)
            for mode in MODES:
                s = ours[mode]
                ratio = _median(s, "seconds") / _median(baseline[mode], "seconds")
                print(
                    f"{label:<12} {mode:<12} {_median(s, 'seconds'):10.2f}s {ratio:9.2f}× "
                    f"{_median(s, 'dom_loaded_s'):9.2f}s {_median(s, 'socket_open_s'):10.2f}s "
                    f"{_median(s, 'frames'):7.0f} {_median(s, 'elements'):8.0f}"
                )


if __name__ == "__main__":
    main()
