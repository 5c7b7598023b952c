"""The dashboard in a real browser: `streamlit run app.py` on a free port, and Debian's headless Chromium
(Playwright cannot download its own browser here)."""

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from playwright.sync_api import Browser, sync_playwright

from ui.db import DB_ENV

APP = Path(__file__).resolve().parents[2] / "app.py"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_healthy(url: str, server: subprocess.Popen, timeout_s: float, log: IO[bytes]) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if server.poll() is not None:
            log.seek(0)
            last_lines = log.read().decode(errors="replace")[-4000:]
            raise RuntimeError(f"streamlit stopped with exit code {server.returncode}:\n{last_lines}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
                if answer.read() == b"ok":
                    return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"{url} was not healthy after {timeout_s} s")


@contextmanager
def serve(
    db_path: Path,
    extra_env: dict[str, str] | None = None,
    timeout_s: float = 60,
    app: Path = APP,
    as_served: bool = False,
) -> Iterator[str]:
    """The app (or another Streamlit script) on a free local port over the warehouse at db_path; yields its
    base URL. as_served: started as `tthc serve` starts it (ui/server.py: pages rendered before the server
    answers), else by `streamlit run`."""
    port = _free_port()
    env = {
        **os.environ,
        DB_ENV: str(db_path),
        "STREAMLIT_SERVER_HEADLESS": "true",
        "STREAMLIT_SERVER_PORT": str(port),
        "STREAMLIT_SERVER_ADDRESS": "127.0.0.1",
        "STREAMLIT_SERVER_FILE_WATCHER_TYPE": "none",
        "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false",
        **(extra_env or {}),
    }
    launcher = ["ui.server"] if as_served else ["streamlit", "run"]
    command = [sys.executable, "-m", *launcher, str(app)]
    # The server's log goes to a file: a pipe nobody reads fills up and stalls the server mid-page.
    with tempfile.TemporaryFile() as log:
        server = subprocess.Popen(command, env=env, cwd=APP.parent, stdout=subprocess.DEVNULL, stderr=log)
        url = f"http://127.0.0.1:{port}"
        try:
            _wait_healthy(url, server, timeout_s, log)
            yield url
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()


@contextmanager
def chromium() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def click_bar(page, chart_index: int, trace_index: int, point_index: int) -> None:
    """Click a Plotly bar where a person would: its drag layer lies on top and turns clicks into events."""
    bar = (
        page.locator(".js-plotly-plot")
        .nth(chart_index)
        .locator(".trace.bars")
        .nth(trace_index)
        .locator(".point")
        .nth(point_index)
    )
    bar.wait_for()
    page.wait_for_load_state("networkidle")
    box = bar.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
