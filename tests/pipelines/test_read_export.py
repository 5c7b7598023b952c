"""Reading files: encodings, Excel cells, and clear errors for files that are not exports."""

import zipfile

import pytest

from pipelines.errors import ExportFormatError
from pipelines.read_export import read_grids
from pipelines.settings import IngestSettings
from tests.helpers import real_exports
from tests.helpers.exports import HEADER, row, write_csv, write_xlsx

LIMIT = IngestSettings(max_file_bytes=10 * 1024 * 1024)


def first_cells(grid, n=3):
    return grid.select(grid.columns[1]).to_series().to_list()[:n]


@pytest.mark.parametrize(
    ("encoding", "delimiter"), [("utf-8-sig", ","), ("utf-8", ","), ("utf-16", "\t"), ("utf-8", ";")]
)
def test_csv_encodings_and_delimiters(tmp_path, encoding, delimiter):
    path = write_csv(tmp_path / "x.csv", [row("HS-1")], encoding=encoding, delimiter=delimiter)
    grid = read_grids(path, "x.csv", LIMIT)[0]
    assert first_cells(grid, 2) == ["STT", "1"]
    assert grid.row(0)[1:4] == HEADER[:3]


def test_csv_keeps_blank_lines_so_row_numbers_match_the_file(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("Title\n\n" + ",".join(HEADER) + "\n1,HS-1\n\n2,HS-2\n", encoding="utf-8")
    grid = read_grids(path, "x.csv", LIMIT)[0]
    assert grid.filter(grid["c1"] == "HS-2")["sheet_row"].item() == 6


# Text that Windows-1258 writes with precomposed letters (its tone marks are separate characters).
HTML_TABLE = "<table><tr><td>Tên</td><td>Đơn</td></tr><tr><td>HS-1</td><td>Hưng Yên</td></tr></table>"


@pytest.mark.parametrize(
    ("charset", "encoding"),
    [("utf-8", "utf-8-sig"), ("utf-8", "utf-8"), ("utf-8", "utf-16"), ("windows-1258", "cp1258")],
)
def test_html_pages_in_every_encoding_read_the_same_text(tmp_path, charset, encoding):
    """UTF-8 with or without a BOM, UTF-16 by its BOM, and a page in a Windows code page declared by its
    charset: the bytes of the last are not UTF-8, so it is read again by its declaration."""
    page = f'<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}"></head>'
    path = tmp_path / "x.xls"
    path.write_bytes(f"{page}<body>{HTML_TABLE}</body></html>".encode(encoding))
    grid = read_grids(path, "x.xls", LIMIT)[0]
    assert grid.drop("sheet_row").rows() == [("Tên", "Đơn"), ("HS-1", "Hưng Yên")]


def test_html_tables_nested_in_a_layout_table_are_read_and_the_layout_is_not(tmp_path):
    """Only innermost tables hold rows, in page order: a layout table around them is not a sheet row."""
    title = "<table><tr><td>DANH SÁCH HỒ SƠ</td></tr></table>"
    layout = f"<table><tr><td>{title}</td></tr><tr><td>bố cục<table><tbody>{HTML_TABLE[7:]}</td></tr></table>"
    path = tmp_path / "x.xls"
    path.write_text(f"<html><body>{layout}<table><tr><td>Người lập</td></tr></table></body></html>")
    grid = read_grids(path, "x.xls", LIMIT)[0]
    assert grid.drop("sheet_row").rows() == [
        ("DANH SÁCH HỒ SƠ", None),
        ("Tên", "Đơn"),
        ("HS-1", "Hưng Yên"),
        ("Người lập", None),
    ]


def test_html_cells_with_line_breaks_keep_their_row(tmp_path):
    """A page written with line breaks inside cells (pretty-printed, or typed): each cell stays in its row
    and reads as a browser shows it; <br> is a line break; an empty row stays a row."""
    cells = "<td>\n  HS-1\n</td><td>Nguyễn\r\n   Văn</td><td>Lê<br>\nLợi</td>"
    page = (
        f"<html><body><table><tr>{cells}</tr><tr></tr><tr><td>HS-2</td><td>x</td></tr></table></body></html>"
    )
    path = tmp_path / "x.xls"
    path.write_bytes(page.encode("utf-8"))
    grid = read_grids(path, "x.xls", LIMIT)[0]
    assert grid.rows() == [
        (1, "HS-1", "Nguyễn Văn", "Lê\nLợi"),
        (2, None, None, None),
        (3, "HS-2", "x", None),
    ]


# A title over three columns, a two-row header, a due date merged down over the next dossier's, and a
# totals row merged over two columns at the end: merged ranges above, inside and below the data rows.
MERGED = real_exports.Sheet(
    rows=[
        ["SỔ THEO DÕI HỒ SƠ", None, None],
        ["Mã hồ sơ", "Ngày", None],
        [None, "Nhận", "Hẹn trả"],
        ["HS-1", "01/03/2023", "03/03/2023"],
        ["HS-2", "02/03/2023", "06/03/2023"],
        ["HS-3", "02/03/2023", None],
        ["HS-4", "03/03/2023", "07/03/2023"],
        ["Tổng cộng", None, "4"],
    ],
    merges=[(0, 0, 0, 2), (1, 0, 2, 0), (1, 1, 1, 2), (4, 2, 5, 2), (7, 0, 7, 1)],
)


@pytest.mark.parametrize("writer", [real_exports.write_html, real_exports.write_spreadsheetml])
def test_merged_cells_anywhere_read_as_calamine_reads_the_xlsx(tmp_path, writer):
    """The text in a merged range's first cell, the cells it covers empty, every row where it was: the
    HTML page and SpreadsheetML place only the rows with merged cells and those a range covers."""
    [expected] = read_grids(real_exports.write_xlsx(MERGED, tmp_path / "x.xlsx"), "x.xlsx", LIMIT)
    [grid] = read_grids(writer(MERGED, tmp_path / "x.xls"), "x.xls", LIMIT)
    assert grid.rows() == expected.rows()
    assert grid.row(5) == (6, "HS-3", "02/03/2023", None)


def test_xlsx_rows_are_sheet_rows_and_dates_are_text(tmp_path):
    path = write_xlsx(
        tmp_path / "x.xlsx",
        [row("HS-1")],
        title_lines=("Từ ngày 01/01/2023 đến ngày 31/01/2023",),
        date_cells=True,
    )
    grid = read_grids(path, "x.xlsx", LIMIT)[0]
    data = grid.filter(grid["c1"] == "HS-1")
    assert data["sheet_row"].item() == 4
    assert data["c7"].item() == "2023-01-03 08:30:00"


def test_codes_keep_leading_zeros(tmp_path):
    path = write_csv(tmp_path / "x.csv", [row("000123", phone="0912")])
    assert read_grids(path, "x.csv", LIMIT)[0]["c1"].to_list()[1] == "000123"


LOCKED = (
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"0" * 100 + "EncryptedPackage".encode("utf-16-le") + b"0" * 100
)


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("empty.xlsx", b"", "rỗng"),
        ("image.xlsx", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"0" * 100, "không phải bảng tính"),
        ("notes.pdf", b"%PDF-1.4\n", "không phải bảng tính"),
        ("locked.xlsx", LOCKED, "mật khẩu"),
        ("broken.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"0" * 100, "tệp hỏng"),
        ("cp1258.csv", "Mã hồ sơ,Đơn vị\n".encode("cp1258", errors="replace") + b"\xd0\xe3\n", "UTF-8"),
    ],
)
def test_unreadable_files_get_a_clear_message(tmp_path, name, content, expected):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ExportFormatError) as error:
        read_grids(path, name, LIMIT)
    assert expected in error.value.message_vi


def test_truncated_xlsx(tmp_path):
    good = write_xlsx(tmp_path / "good.xlsx", [row("HS-1")])
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    with pytest.raises(ExportFormatError):
        read_grids(broken, "broken.xlsx", LIMIT)


def test_zip_that_is_not_a_workbook(tmp_path):
    path = tmp_path / "x.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "not a workbook")
    with pytest.raises(ExportFormatError):
        read_grids(path, "x.xlsx", LIMIT)


def test_oversize_file(tmp_path):
    path = write_csv(tmp_path / "x.csv", [row("HS-1")])
    with pytest.raises(ExportFormatError) as error:
        read_grids(path, "x.csv", IngestSettings(max_file_bytes=100))
    assert "vượt giới hạn" in error.value.message_vi


def test_zip_bomb_is_refused_before_reading(tmp_path):
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/sharedStrings.xml", "<sst>" + "a" * 30_000_000 + "</sst>")
    assert path.stat().st_size < 100_000
    with pytest.raises(ExportFormatError) as error:
        read_grids(path, "bomb.xlsx", IngestSettings(max_unpacked_bytes=20_000_000))
    assert "giải nén" in error.value.message_vi
