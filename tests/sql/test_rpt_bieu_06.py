"""rpt_bieu_06 on the named dossiers, and the .xlsx that `tthc report` writes from it."""

import datetime as dt
import zipfile

import polars as pl
import pytest

from pipelines import cli, kpi
from pipelines.periods import parse_period
from pipelines.report_xlsx import NUMBER_COLUMNS, TITLE, write_bieu_06
from pipelines.scope import Scope

PERIOD = parse_period("BC-2023-01")  # 15/12/2022 – 14/01/2023
ROW_COLUMNS = ("row_kind", "block_code", "sector_number", "sector_name", *NUMBER_COLUMNS, "n_withdrawn")
# columns (3) … (13) of the form, then the withdrawn dossiers counted in (3) only
EXPECTED_ROWS = [
    ("block", "city", None, None, 6, 1, 3, 2, 2, 1, 1, 0, 4, 3, 1, 0),
    ("sector", "city", 1, "Đất đai", 5, 1, 2, 2, 2, 1, 1, 0, 3, 2, 1, 0),
    ("sector", "city", 2, "Xây dựng", 1, 0, 1, 0, 0, 0, 0, 0, 1, 1, 0, 0),
    ("block", "ward_commune", None, None, 5, 1, 3, 1, 4, 0, 3, 1, 0, 0, 0, 1),
    ("sector", "ward_commune", 1, "Chứng thực", 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1),
    ("sector", "ward_commune", 2, "Đất đai", 1, 1, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0),
    ("sector", "ward_commune", 3, "Hộ tịch", 3, 0, 2, 1, 3, 0, 2, 1, 0, 0, 0, 0),
    ("total", None, None, None, 11, 2, 6, 3, 6, 1, 4, 1, 4, 3, 1, 1),
]
EXPECTED_TNMT_ROWS = [
    ("block", "city", None, None, 6, 1, 3, 2, 2, 1, 1, 0, 4, 3, 1, 0),
    ("sector", "city", 1, "Đất đai", 5, 1, 2, 2, 2, 1, 1, 0, 3, 2, 1, 0),
    ("sector", "city", 2, "Xây dựng", 1, 0, 1, 0, 0, 0, 0, 0, 1, 1, 0, 0),
    ("total", None, None, None, 6, 1, 3, 2, 2, 1, 1, 0, 4, 3, 1, 0),
]
EXPECTED_SHEETS = ["Tổng hợp", "Phòng Tài nguyên và Môi trường", "Phường Lê Lợi", "Xã Bảo Khê"]
FIRST_DATA_ROW = 10  # title block (6 rows), three header rows, the row of column numbers
EXPECTED_LABELS = ["I", "1", "2", "II", "1", "2", "3", ""]


def test_report_rows(named):
    table = kpi.report_table(named, scope=Scope.of(PERIOD))
    assert table.select(ROW_COLUMNS).rows() == EXPECTED_ROWS


def test_a_units_own_report(named):
    table = kpi.report_table(named, scope=Scope.of(PERIOD, unit_id="tnmt"))
    assert table.select(ROW_COLUMNS).rows() == EXPECTED_TNMT_ROWS


def test_an_empty_period_has_a_zero_total_row(named):
    table = kpi.report_table(named, scope=Scope(dt.date(2021, 1, 1), dt.date(2021, 1, 31)))
    assert table.select(ROW_COLUMNS).rows() == [("total", None, None, None, *([0] * 12))]


def _data_rows(path, sheet: str) -> pl.DataFrame:
    return pl.read_excel(
        path,
        sheet_name=sheet,
        engine="calamine",
        has_header=False,
        read_options={"header_row": None, "skip_rows": FIRST_DATA_ROW, "n_rows": len(EXPECTED_ROWS)},
    )


@pytest.fixture(scope="module")
def workbook(named_warehouse, tmp_path_factory, named):
    path = tmp_path_factory.mktemp("report") / "bieu06.xlsx"
    args = ["report", "--period", PERIOD.name, "--db", str(named_warehouse), "--out", str(path)]
    assert cli.main(args) == 0
    return path


def test_workbook_sheets_and_title(workbook):
    assert list(pl.read_excel(workbook, sheet_id=0, engine="calamine", has_header=False)) == EXPECTED_SHEETS
    top = pl.read_excel(workbook, sheet_name="Tổng hợp", engine="calamine", has_header=False).rows()
    cells = {value for row in top[:10] for value in row if value is not None}
    assert TITLE in cells
    assert "Kỳ báo cáo tháng 01/2023 (Từ ngày 15/12/2022 đến ngày 14/01/2023)" in cells
    assert "Đơn vị tính: Số hồ sơ TTHC" in cells
    assert {"STT", "Trực tuyến", "Trực tiếp và dịch vụ bưu chính", "Từ kỳ trước", "Trong hạn"} <= cells
    assert tuple(f"({n})" for n in range(1, 14)) in top


def test_workbook_numbers_and_identities(workbook):
    rows = _data_rows(workbook, "Tổng hợp")
    numbers = rows.select(rows.columns[2:15])
    assert all(dtype.is_numeric() for dtype in numbers.dtypes)
    assert rows[rows.columns[0]].fill_null("").cast(pl.String).to_list() == EXPECTED_LABELS
    for values in numbers.rows():
        c = dict(zip(range(3, 14), values, strict=True))
        assert c[3] == c[4] + c[5] + c[6]
        assert c[7] == c[8] + c[9] + c[10]
        assert c[11] == c[12] + c[13]
    assert [tuple(int(v) for v in values) for values in numbers.rows()] == [
        row[4:15] for row in EXPECTED_ROWS
    ]


def test_workbook_unit_sheet(workbook):
    rows = _data_rows(workbook, "Phòng Tài nguyên và Môi trường").head(len(EXPECTED_TNMT_ROWS))
    numbers = rows.select(rows.columns[2:15]).rows()
    assert [tuple(int(v) for v in values) for values in numbers] == [row[4:15] for row in EXPECTED_TNMT_ROWS]


def test_text_that_looks_like_a_formula_stays_text(tmp_path):
    tricky = ["=1+1", "+84 912", "-Lĩnh vực", "@SUM(A1)", "{=A1}"]
    rows = pl.DataFrame(
        {
            "row_kind": ["sector"] * len(tricky) + ["total"],
            "block_code": ["city"] * len(tricky) + [None],
            "sector_number": [*range(1, len(tricky) + 1), None],
            "sector_name": [*tricky, None],
            **{column: [1] * (len(tricky) + 1) for column in (*NUMBER_COLUMNS, "n_withdrawn")},
        }
    )
    path = tmp_path / "tricky.xlsx"
    write_bieu_06(path, PERIOD, rows, [("=cmd|' /C calc'!A0", rows)])
    with zipfile.ZipFile(path) as archive:
        sheets = [name for name in archive.namelist() if name.startswith("xl/worksheets/sheet")]
        assert sheets and not any("<f>" in archive.read(name).decode() for name in sheets)
    labels = _data_rows(path, "Tổng hợp")[:, 1].to_list()
    assert labels[: len(tricky)] == tricky
