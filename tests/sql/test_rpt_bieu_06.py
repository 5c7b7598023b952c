"""rpt_bieu_06 on the named dossiers, and the .xlsx that `tthc report` writes from it, read back with
openpyxl: the form's header block, grouping, signature block and print settings; its identities in
every sheet; no formula anywhere."""

import datetime as dt
import shutil
import zipfile
from pathlib import Path

import openpyxl
import polars as pl
import pytest

from pipelines import cli, kpi
from pipelines.bieu_06 import NUMBER_COLUMNS, TITLE
from pipelines.periods import parse_period
from pipelines.report_data import FormData
from pipelines.report_settings import load_report_settings
from pipelines.report_xlsx import write_bieu_06
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
FIRST_DATA_ROW = 11  # 1-based: header block (6 rows), three header rows, the row of column numbers
EXPECTED_LABELS = ["I", "1", "2", "II", "1", "2", "3", ""]
# The named dossiers have no ingest log: the as-of date is their latest date, A10's finish on 02/02/2023.
AS_OF_LINE = "Số liệu tính đến ngày 02/02/2023"
CITY = "Ủy ban nhân dân thành phố Hưng Yên"
# The form's header grouping, 1-based rows 7–9: merged ranges, and the cells written alone.
EXPECTED_MERGES = {
    "A7:A9": "STT",
    "B7:B9": "Lĩnh vực, công việc giải quyết theo cấp",
    "C7:F7": "Số hồ sơ nhận giải quyết",
    "C8:C9": "Tổng số",
    "D8:E8": "Trong kỳ",
    "F8:F9": "Từ kỳ trước",
    "G7:J7": "Số hồ sơ đã giải quyết",
    "G8:G9": "Tổng số",
    "H8:H9": "Trước hạn",
    "I8:I9": "Đúng hạn",
    "J8:J9": "Quá hạn",
    "K7:M7": "Số hồ sơ đang giải quyết",
    "K8:K9": "Tổng số",
    "L8:L9": "Trong hạn",
    "M8:M9": "Quá hạn",
}
EXPECTED_SINGLE_HEADERS = {"D9": "Trực tuyến", "E9": "Trực tiếp, dịch vụ bưu chính"}


def test_report_rows(named):
    table = kpi.report_table(named, scope=Scope.of(PERIOD))
    assert table.select(ROW_COLUMNS).rows() == EXPECTED_ROWS


def test_a_units_own_report(named):
    table = kpi.report_table(named, scope=Scope.of(PERIOD, unit_id="tnmt"))
    assert table.select(ROW_COLUMNS).rows() == EXPECTED_TNMT_ROWS


def test_an_empty_period_has_a_zero_total_row(named):
    table = kpi.report_table(named, scope=Scope(dt.date(2021, 1, 1), dt.date(2021, 1, 31)))
    assert table.select(ROW_COLUMNS).rows() == [("total", None, None, None, *([0] * 12))]


def _write(tmp_path_factory, named_warehouse, period: str) -> Path:
    path = tmp_path_factory.mktemp("report") / f"bieu06_{period}.xlsx"
    args = ["report", "--period", period, "--db", str(named_warehouse), "--out", str(path)]
    assert cli.main(args) == 0
    return path


@pytest.fixture(scope="module")
def workbook(named_warehouse, tmp_path_factory) -> Path:
    return _write(tmp_path_factory, named_warehouse, PERIOD.name)


@pytest.fixture(scope="module")
def sheets(workbook) -> dict:
    book = openpyxl.load_workbook(workbook)
    return {sheet.title: sheet for sheet in book.worksheets}


def _merged(sheet) -> dict[str, str]:
    return {
        str(cell_range): sheet.cell(cell_range.min_row, cell_range.min_col).value
        for cell_range in sheet.merged_cells.ranges
    }


def _data_rows(sheet) -> list[tuple]:
    """Rows from the first data row down to the total row, columns (1) to (13)."""
    rows = []
    for row in sheet.iter_rows(min_row=FIRST_DATA_ROW, max_col=13, values_only=True):
        rows.append(row)
        if row[1] == "Tổng cộng":
            return rows
    raise AssertionError(f"no total row in {sheet.title}")


def test_workbook_sheets_title_and_header_block(sheets):
    assert list(sheets) == EXPECTED_SHEETS
    merged = _merged(sheets["Tổng hợp"])
    assert merged["A1:E1"] == "Biểu số 06/VPCP/KSTT"
    assert merged["J1:M1"] == f"Đơn vị báo cáo: {CITY}"
    assert merged["J2:M2"] == "Đơn vị nhận báo cáo: Ủy ban nhân dân tỉnh Hưng Yên (qua Văn phòng UBND tỉnh)"
    assert merged["A3:M3"] == TITLE
    assert merged["A4:M4"] == "Kỳ báo cáo tháng 01/2023 (Từ ngày 15/12/2022 đến ngày 14/01/2023)"
    assert merged["A5:M5"] == AS_OF_LINE
    assert "A6:I6" not in merged  # the data reach past the period's end: no warning
    assert merged["J6:M6"] == "Đơn vị tính: Số hồ sơ TTHC"
    assert [sheets["Tổng hợp"].cell(10, column).value for column in range(1, 14)] == [
        f"({n})" for n in range(1, 14)
    ]


def test_each_units_sheet_is_reported_by_that_unit_to_the_city(sheets):
    for name in EXPECTED_SHEETS[1:]:
        merged = _merged(sheets[name])
        assert merged["J1:M1"] == f"Đơn vị báo cáo: {name}"
        assert merged["J2:M2"] == "Đơn vị nhận báo cáo: Văn phòng HĐND và UBND thành phố Hưng Yên"


def test_header_grouping_is_the_forms_in_every_sheet(sheets):
    for sheet in sheets.values():
        merged = _merged(sheet)
        header = {key: value for key, value in merged.items() if key[1:].split(":")[0] in {"7", "8"}}
        assert header == EXPECTED_MERGES
        assert {key: sheet[key].value for key in EXPECTED_SINGLE_HEADERS} == EXPECTED_SINGLE_HEADERS
        texts = {cell.value for row in sheet.iter_rows(min_row=7, max_row=9) for cell in row}
        assert "Trong đó" not in texts


def test_signature_block_sits_under_the_table(sheets):
    for sheet in sheets.values():
        total_row = FIRST_DATA_ROW + len(_data_rows(sheet)) - 1
        merged = _merged(sheet)
        assert sheet.cell(total_row + 2, 2).value.startswith("Ghi chú: (3) = (4) + (5) + (6)")
        assert merged[f"J{total_row + 4}:M{total_row + 4}"] == "Hưng Yên, ngày …… tháng …… năm ……"
        assert sheet.cell(total_row + 5, 2).value == "Người lập biểu"
        assert merged[f"J{total_row + 5}:M{total_row + 5}"] == "Thủ trưởng đơn vị"
        assert sheet.cell(total_row + 6, 2).value == "(Ký, ghi rõ họ tên)"
        assert merged[f"J{total_row + 6}:M{total_row + 6}"] == "(Ký tên, đóng dấu)"


def test_every_sheet_prints_on_a4_landscape_one_page_wide_with_its_header_repeated(sheets):
    for sheet in sheets.values():
        assert sheet.page_setup.orientation == "landscape"
        assert sheet.page_setup.paperSize == 9  # A4
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert sheet.page_setup.fitToWidth in (None, 1)  # absent = 1 page wide, the OOXML default
        assert sheet.page_setup.fitToHeight == 0  # as many pages long as the rows need
        assert sheet.print_title_rows == "$7:$10"


def test_identities_hold_in_every_sheet_and_no_cell_is_a_formula(sheets):
    for sheet in sheets.values():
        for row in _data_rows(sheet):
            c = dict(zip(range(3, 14), row[2:], strict=True))
            assert all(isinstance(value, int) for value in c.values())
            assert c[3] == c[4] + c[5] + c[6]
            assert c[7] == c[8] + c[9] + c[10]
            assert c[11] == c[12] + c[13]
        assert not [cell.coordinate for row in sheet.iter_rows() for cell in row if cell.data_type == "f"]


def test_workbook_numbers_are_the_report_rows(sheets):
    summary = _data_rows(sheets["Tổng hợp"])
    assert [row[0] for row in summary] == EXPECTED_LABELS
    assert [row[2:] for row in summary] == [row[4:15] for row in EXPECTED_ROWS]
    tnmt = _data_rows(sheets["Phòng Tài nguyên và Môi trường"])
    assert [row[2:] for row in tnmt] == [row[4:15] for row in EXPECTED_TNMT_ROWS]


def test_a_period_past_the_data_says_so_under_the_title(named_warehouse, tmp_path_factory):
    path = _write(tmp_path_factory, named_warehouse, "BC-2023-Q1")  # ends 14/03/2023, data end 02/02
    merged = _merged(openpyxl.load_workbook(path)["Tổng hợp"])
    assert merged["A5:M5"] == AS_OF_LINE
    assert merged["A6:I6"] == (
        "Lưu ý: số liệu chỉ tính đến ngày 02/02/2023, trước ngày cuối kỳ 14/03/2023: "
        "chưa đủ số liệu của cả kỳ."
    )


def test_reporting_and_receiving_units_come_from_the_catalogue(named_warehouse, tmp_path, monkeypatch):
    folder = tmp_path / "catalogues"
    shutil.copytree(Path(__file__).resolve().parents[2] / "catalogues", folder)
    settings = (folder / "report.csv").read_text(encoding="utf-8")
    settings = settings.replace("Ủy ban nhân dân thành phố Hưng Yên,", "Ủy ban nhân dân thành phố Phố Hiến,")
    (folder / "report.csv").write_text(settings.replace(",Hưng Yên,", ",Phố Hiến,"), encoding="utf-8")
    monkeypatch.setenv("TTHC_CATALOGUES", str(folder))
    path = tmp_path / "b.xlsx"
    assert (
        cli.main(["report", "--period", PERIOD.name, "--db", str(named_warehouse), "--out", str(path)]) == 0
    )
    sheet = openpyxl.load_workbook(path)["Tổng hợp"]
    merged = _merged(sheet)
    assert merged["J1:M1"] == "Đơn vị báo cáo: Ủy ban nhân dân thành phố Phố Hiến"
    assert "Phố Hiến, ngày …… tháng …… năm ……" in merged.values()


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
    form = FormData(
        PERIOD, dt.date(2023, 1, 14), load_report_settings(), rows, [("=cmd|' /C calc'!A0", rows)]
    )
    write_bieu_06(path, form)
    with zipfile.ZipFile(path) as archive:
        sheets = [name for name in archive.namelist() if name.startswith("xl/worksheets/sheet")]
        assert sheets and not any("<f>" in archive.read(name).decode() for name in sheets)
    book = openpyxl.load_workbook(path)
    labels = [row[1] for row in _data_rows(book["Tổng hợp"])]
    assert labels[: len(tricky)] == tricky
    assert book.worksheets[1]["J1"].value == "Đơn vị báo cáo: =cmd|' /C calc'!A0"
