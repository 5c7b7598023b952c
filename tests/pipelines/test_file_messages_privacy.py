"""A file that cannot be loaded is explained without quoting its rows: the first data row of each file here
holds an applicant's name, phone and CCCD, and neither the message, the ingest log nor the command's
output may contain them, whatever the reason the file fails (no header, no unit, broken CSV or XML, wrong
encoding, a truncated workbook)."""

import csv

import pytest
import xlsxwriter

from pipelines.cli import main as tthc
from pipelines.warehouse import connect
from tests.helpers.exports import HEADER, PERSON, PHONE, row, write_csv, write_xlsx

CCCD = "001099012345"
DATA_ROW = [
    "1",
    "H-1",
    "Đăng ký khai sinh",
    "Hộ tịch",
    "UBND phường Lê Lợi",
    PERSON,
    PHONE,
    CCCD,
    "03/01/2023",
]
SECRETS = (PERSON, PHONE, CCCD)


def _no_header_csv(path):
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([DATA_ROW, DATA_ROW])


def _no_header_xlsx(path):
    workbook = xlsxwriter.Workbook(path)
    sheet = workbook.add_worksheet()
    for r in range(3):
        sheet.write_row(r, 0, DATA_ROW)
    workbook.close()


def _unclosed_quote_csv(path):
    lines = [
        ",".join(HEADER),
        f'1,H-1,"Đăng ký khai sinh,Hộ tịch,Xã Bảo Khê,{PERSON},{PHONE},{CCCD}',
        "2,x,y",
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _no_unit_column(path):
    header = tuple(h for h in HEADER if h != "Đơn vị tiếp nhận") + ("Số CCCD",)
    cells = [r[:4] + r[5:] + [CCCD] for r in [[str(v) for v in row("U-1").values()]]]
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([header, *cells])


def _windows_1258(path):
    path.write_bytes(",".join(DATA_ROW).encode("cp1258", errors="replace") + b"\xd0\xe3\n")


def _broken_xml(path):
    cells = "".join(f"<Cell><Data>{value} &{PHONE};</Data></Cell>" for value in DATA_ROW)
    path.write_text(
        '<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet>'
        f"<Table><Row>{cells}</Row><Row><Cell><Data>{PERSON}</Dat></Cell></Row></Table></Worksheet></Workbook>",
        encoding="utf-8",
    )


def _truncated_xlsx(path):
    good = write_xlsx(path.with_name("good.xlsx"), [row("T-1", person=PERSON, phone=PHONE)])
    path.write_bytes(good.read_bytes()[:3000])


FILES = [
    ("khong_tieu_de.csv", _no_header_csv),
    ("khong_tieu_de.xlsx", _no_header_xlsx),
    ("ngoac_kep.csv", _unclosed_quote_csv),
    ("khong_don_vi.csv", _no_unit_column),
    ("cp1258.csv", _windows_1258),
    ("hong.xls", _broken_xml),
    ("cut.xlsx", _truncated_xlsx),
]


@pytest.mark.parametrize(("name", "make"), FILES, ids=[f[0] for f in FILES])
def test_a_failed_file_is_explained_without_its_rows(tmp_path, capsys, name, make):
    db = tmp_path / "w.duckdb"
    path = tmp_path / name
    make(path)
    assert tthc(["ingest", str(path), "--db", str(db)]) == 1
    out, err = capsys.readouterr()
    con = connect(db, read_only=True)
    [(status, message)] = con.execute("select status, error_vi from ingest_log").fetchall()
    con.close()
    assert status == "failed" and message
    assert f"«{name}»" in out  # the command says which file failed
    for secret in SECRETS:
        assert secret not in message
        assert secret not in out + err


def test_the_rejected_rows_of_a_loaded_file_keep_no_personal_column(tmp_path):
    db = tmp_path / "w.duckdb"
    path = write_csv(tmp_path / "loai.csv", [row("R-1", unit="Xã Không Có"), row("R-2", received="")])
    assert tthc(["ingest", str(path), "--db", str(db)]) == 0
    con = connect(db, read_only=True)
    stored = con.execute("select original_values, message_vi from rejects").fetchall()
    con.close()
    assert len(stored) == 2
    assert all("R-" in values for values, _ in stored)  # the values as written are kept …
    for values, message in stored:
        for secret in (PERSON, PHONE):  # … without the personal columns
            assert secret not in values + message
