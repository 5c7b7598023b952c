"""Property-based fuzzing of the reader: any bytes or cell grid either loads or fails with a named message."""

import csv
import itertools

import pytest
import xlsxwriter
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipelines.ingest import ingest_file
from pipelines.warehouse import connect
from tests.helpers.exports import HEADER

COUNTER = itertools.count()
FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    folder = tmp_path_factory.mktemp("fuzz")
    con = connect(folder / "w.duckdb")
    yield con, folder
    con.close()


def check(con, folder, path):
    before = con.execute("select count(*) from dossiers").fetchall()
    result = ingest_file(con, path, folder / "raw")
    assert result.status in {"loaded", "failed", "duplicate_file"}
    if result.status == "failed":
        assert result.error_vi
        assert con.execute("select count(*) from dossiers").fetchall() == before
    dossiers, distinct = con.execute(
        "select count(*), count(distinct dossier_code) from dossiers"
    ).fetchall()[0]
    assert dossiers == distinct


@FUZZ
@given(content=st.binary(max_size=3000), suffix=st.sampled_from([".xlsx", ".xls", ".csv"]))
def test_random_bytes(warehouse, content, suffix):
    con, folder = warehouse
    path = folder / f"bytes{next(COUNTER)}{suffix}"
    path.write_bytes(content)
    check(con, folder, path)


cells = st.one_of(
    st.sampled_from(
        [
            *HEADER,
            "Tổng cộng",
            "",
            "31/02/2023",
            "03/01/2023",
            "44931",
            "Xã Bảo Khê",
            "Đất đai",
            "Đã rút hồ sơ",
            "=1+1",
            "Từ ngày 01/01/2023 đến ngày 31/01/2023",
        ]
    ),
    st.text(max_size=12),
)
grids = st.lists(st.lists(cells, min_size=1, max_size=14), min_size=1, max_size=12)


@FUZZ
@given(grid=grids, as_xlsx=st.booleans())
def test_random_cell_grids(warehouse, grid, as_xlsx):
    con, folder = warehouse
    path = folder / f"grid{next(COUNTER)}{'.xlsx' if as_xlsx else '.csv'}"
    if as_xlsx:
        workbook = xlsxwriter.Workbook(path)
        sheet = workbook.add_worksheet()
        for r, values in enumerate(grid):
            for c, value in enumerate(values):
                sheet.write_string(r, c, value)
        workbook.close()
    else:
        with path.open("w", encoding="utf-8", newline="") as handle:
            csv.writer(handle).writerows(grid)
    check(con, folder, path)
