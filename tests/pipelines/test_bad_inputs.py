"""Bad files: each gets a clear Vietnamese message, the warehouse stays as it was, nothing else breaks."""

import zipfile

import pytest
import xlsxwriter

from pipelines.ingest import ingest_file
from pipelines.settings import IngestSettings
from pipelines.warehouse import connect
from tests.helpers.exports import HEADER, row, write_csv, write_xlsx


@pytest.fixture
def warehouse(tmp_path):
    con = connect(tmp_path / "w.duckdb")
    ingest_file(con, write_csv(tmp_path / "base.csv", [row("BASE-1")]), tmp_path / "raw")
    yield con, tmp_path
    con.close()


def snapshot(con):
    return {t: con.execute(f"select * from {t} order by all").fetchall() for t in ("dossiers", "rejects")}


def _png(path):
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)


def _truncated(path):
    good = write_xlsx(path.with_name("good.xlsx"), [row("T-1")])
    path.write_bytes(good.read_bytes()[:1500])


def _bomb(path):
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/sharedStrings.xml", "<sst>" + "<si><t>a</t></si>" * 2_000_000 + "</sst>")


def _no_header(path):
    workbook = xlsxwriter.Workbook(path)
    sheet = workbook.add_worksheet()
    for r in range(5):
        sheet.write_row(r, 0, [f"H38.{r}", "Đăng ký khai sinh", "03/01/2023"])
    workbook.close()


def _english(path):
    write_csv(
        path,
        [row("E-1")],
        header=(
            "No",
            "Dossier ID",
            "Procedure",
            "Sector",
            "Unit",
            "Applicant",
            "Phone",
            "Received",
            "Due",
            "Finished",
            "Status",
            "Channel",
            "Rating",
        ),
    )


def _mixed_encoding(path):
    write_csv(path, [row(f"M-{i}") for i in range(50)])
    with path.open("ab") as handle:
        handle.write(
            "51,M-51,Chứng thực,Chứng thực,Xã Bảo Khê\n".encode("cp1258", errors="replace") + b"\xd0\xe3\n"
        )


BAD_FILES = [
    ("anh.xlsx", _png, "không phải bảng tính"),
    ("cut.xlsx", _truncated, "tệp hỏng"),
    ("bomb.xlsx", _bomb, "giải nén"),
    # an encrypted workbook is an OLE file holding an EncryptedPackage stream
    (
        "khoa.xlsx",
        lambda p: p.write_bytes(
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600 + "EncryptedPackage".encode("utf-16-le")
        ),
        "mật khẩu",
    ),
    ("cu.xls", lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600), "tệp hỏng"),
    ("rong.csv", lambda p: p.write_bytes(b""), "rỗng"),
    ("khong_tieu_de.xlsx", _no_header, "không tìm thấy cột «Tên thủ tục»"),
    ("english.csv", _english, "không tìm thấy cột «Tên thủ tục»"),
    (
        "cp1258.csv",
        lambda p: p.write_bytes(
            "Mã hồ sơ;Đơn vị\nA;Xã Bảo Khê\n".encode("cp1258", errors="replace") + b"\xc3\x28\xd2\n"
        ),
        "không phải văn bản UTF-8",
    ),
    ("tron_ma.csv", _mixed_encoding, "không phải văn bản UTF-8"),
]


@pytest.mark.parametrize(("name", "make", "message"), BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_bad_file_gets_a_message_and_changes_nothing(warehouse, name, make, message):
    con, folder = warehouse
    path = folder / name
    make(path)
    before = snapshot(con)
    result = ingest_file(con, path, folder / "raw", settings=IngestSettings(max_unpacked_bytes=20_000_000))
    assert result.status == "failed"
    assert message in result.error_vi
    assert snapshot(con) == before
    assert con.execute(
        "select status, error_vi from ingest_log order by ingest_id desc limit 1"
    ).fetchall() == [("failed", result.error_vi)]


def test_ten_thousand_columns(warehouse):
    con, folder = warehouse
    path = folder / "wide.csv"
    extra = [f"Cột thêm {i}" for i in range(10_000 - len(HEADER))]
    with path.open("w", encoding="utf-8") as handle:
        handle.write(",".join([*HEADER, *extra]) + "\n")
        handle.write(
            ",".join(
                [
                    "1",
                    "W-1",
                    "Khai sinh",
                    "Hộ tịch",
                    "Xã Bảo Khê",
                    "A",
                    "0",
                    "03/01/2023",
                    "05/01/2023",
                    "04/01/2023",
                    "Đã trả kết quả",
                    "Trực tuyến",
                    "Hài lòng",
                    *[""] * len(extra),
                ]
            )
            + "\n"
        )
    result = ingest_file(con, path, folder / "raw")
    assert (result.status, result.n_new) == ("loaded", 1)


def test_hostile_file_name_is_only_a_label(warehouse):
    con, folder = warehouse
    path = write_csv(folder / "plain.csv", [row("N-1")])
    result = ingest_file(con, path, folder / "raw", original_name="../../etc/$(rm -rf ~);`x`|thang1.csv")
    assert result.file_name == "$(rm -rf ~);`x`|thang1.csv"
    assert sorted(p.suffix for p in (folder / "raw").iterdir()) == [".csv", ".csv", ".jsonl"]
    assert not (folder.parent / "etc").exists()


def test_hundred_thousand_rows_all_rejected(warehouse):
    con, folder = warehouse
    path = folder / "all_bad.csv"
    with path.open("w", encoding="utf-8") as handle:
        handle.write(",".join(HEADER) + "\n")
        handle.writelines(
            f"{i},B-{i},Khai sinh,Hộ tịch,Xã Không Có,A,0,03/01/2023,05/01/2023,,Đang xử lý,,\n"
            for i in range(100_000)
        )
    result = ingest_file(con, path, folder / "raw")
    assert (result.status, result.n_new, result.n_rejected) == ("loaded", 0, 100_000)
    assert result.rejected_by_reason == {"unknown_unit": 100_000}
    assert con.execute("select count(*) from dossiers").fetchall() == [(1,)]


def test_formula_cells_are_kept_as_plain_text(warehouse):
    con, folder = warehouse
    formula = '=HYPERLINK("http://example.invalid","x")'
    path = write_csv(
        folder / "f.csv", [row("F-1", procedure=formula), row("=cmd|' /C calc'!A0", unit="Xã Không Có")]
    )
    ingest_file(con, path, folder / "raw")
    assert con.execute("select procedure_name from dossiers where dossier_code = 'F-1'").fetchall() == [
        (formula,)
    ]
    assert con.execute("select dossier_code from rejects").fetchall() == [("=CMD|' /C CALC'!A0",)]


@pytest.mark.parametrize("received", ["05/01/1900", "05/01/2100"])
def test_dates_far_outside_the_service_years_are_rejected(warehouse, received):
    con, folder = warehouse
    result = ingest_file(
        con, write_csv(folder / "d.csv", [row("Y-1", received=received, due="", finished="")]), folder / "raw"
    )
    assert result.rejected_by_reason == {"invalid_received": 1}


def test_due_date_ten_years_after_receipt_is_kept_and_flagged(warehouse):
    con, folder = warehouse
    ingest_file(
        con,
        write_csv(folder / "d.csv", [row("L-1", due="03/01/2033 17:00", finished="", status="Đang xử lý")]),
        folder / "raw",
    )
    assert con.execute("select count(*) from dossiers where dossier_code = 'L-1'").fetchall() == [(1,)]
    assert con.execute("select dossier_code, flag_code from kpi_dq_flagged_dossiers").fetchall() == [
        ("L-1", "due_far_after_received")
    ]
