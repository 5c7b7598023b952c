"""Downloads open as data: formula-looking text stays text in .xlsx and is defused in .csv."""

import datetime as dt
import io
import zipfile

import polars as pl

from ui.downloads import csv_bytes, xlsx_bytes

HOSTILE = ['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)", "\tlệnh", "bình thường", None]
FRAME = pl.DataFrame(
    {
        "Mã hồ sơ": HOSTILE,
        "Số ngày": [1, 2, 3, 4, 5, 6, -7],
        "Ngày tiếp nhận": [dt.date(2023, 1, 2)] * 7,
    }
)


def test_csv_prefixes_formula_cells_with_a_quote_and_keeps_numbers():
    text = csv_bytes(FRAME).decode("utf-8")
    assert text.startswith("\ufeffMã hồ sơ,Số ngày,Ngày tiếp nhận")
    read = pl.read_csv(io.BytesIO(csv_bytes(FRAME)), infer_schema=False)
    assert read["Mã hồ sơ"].to_list() == [
        '\'=HYPERLINK("http://x","y")',
        "'+1+1",
        "'-2+3",
        "'@SUM(A1)",
        "'\tlệnh",
        "bình thường",
        None,
    ]
    assert read["Số ngày"].to_list()[-1] == "-7"  # a number is not text: never prefixed
    assert read["Ngày tiếp nhận"][0] == "02/01/2023"


def test_xlsx_writes_every_text_cell_as_a_string_never_a_formula():
    content = xlsx_bytes(FRAME, "Hồ sơ")
    sheet_xml = zipfile.ZipFile(io.BytesIO(content)).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml  # no cell holds a formula
    read = pl.read_excel(io.BytesIO(content), sheet_name="Hồ sơ")
    assert read.columns == ["Mã hồ sơ", "Số ngày", "Ngày tiếp nhận"]
    assert read["Mã hồ sơ"].to_list() == HOSTILE
    assert read["Số ngày"].to_list()[-1] == -7
    assert read["Ngày tiếp nhận"][0] == dt.date(2023, 1, 2)
