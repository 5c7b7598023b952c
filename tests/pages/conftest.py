"""A warehouse for the page tests (a small demo year, ingested as real data), what `tthc kpi` prints for
it, and a way to run the app on a page."""

import contextlib
import io
import re
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from pipelines.cli import main as tthc
from tests.helpers.dashboard import build_warehouse
from ui.db import DB_ENV

APP = Path(__file__).resolve().parents[2] / "app.py"
# Periods whose `tthc kpi --by total` table the tests compare the pages with.
CLI_PERIODS = ("2023-Q2", "2023-04", "BC-2023-01")


@dataclass(frozen=True)
class Warehouse:
    path: Path
    printed: dict[str, dict[str, str]]  # period → {column header: value} of `tthc kpi --by total`


def _printed_total(db: Path, period: str) -> dict[str, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert tthc(["kpi", "--by", "total", "--period", period, "--db", str(db)]) == 0
    _title, header, row = out.getvalue().splitlines()
    return dict(zip(re.split(r"\s{2,}", header.strip()), re.split(r"\s{2,}", row.strip()), strict=True))


@pytest.fixture(scope="session")
def warehouse(tmp_path_factory) -> Warehouse:
    """Built and read by the CLI first: once the app opens it, the app holds its only connection."""
    db = build_warehouse(tmp_path_factory.mktemp("dashboard"))
    return Warehouse(db, {period: _printed_total(db, period) for period in CLI_PERIODS})


@pytest.fixture
def kpi_con(warehouse):
    """The same warehouse for expected numbers (the app's read-write connection shares the instance)."""
    con = duckdb.connect(str(warehouse.path))
    yield con
    con.close()


def run_app(page: str | None = None, opened_on: str | None = None, **params: str) -> AppTest:
    """The app opened on `params` (the URL's query), on page `opened_on` (a link to it; else Tổng quan),
    then switched to `page` if given."""
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.query_params.update(params)
    if opened_on is not None:
        at.switch_page(f"app_pages/{opened_on}.py")
    at.run()
    if page is not None:
        at.switch_page(f"app_pages/{page}.py").run()
    return at


@pytest.fixture
def app(warehouse, monkeypatch):
    monkeypatch.setenv(DB_ENV, str(warehouse.path))
    return run_app
