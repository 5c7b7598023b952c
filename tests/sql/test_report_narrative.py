"""The narrative report (.docx) read back with python-docx: every number in it equals the KPI layer's for
its period, in the named warehouse and in a small demo year; the parts of an administrative document
(Nghị định 30/2020/NĐ-CP); the charts, or a note when they cannot be drawn; the PDF, or a clear message."""

import datetime as dt
from pathlib import Path

import duckdb
import pytest

from pipelines import cli
from pipelines.periods import parse_period
from pipelines.report_docx import date_vi, document_font
from pipelines.report_files import write_report
from pipelines.report_pdf import NOT_INSTALLED_VI, converter
from tests.helpers.dashboard import build_warehouse
from tests.helpers.report_docx import as_of_date, expected_report, numbers_in, read_report

NAMED_PERIODS = ("BC-2023-01", "2023-01", "BC-2023-Q1")


@pytest.fixture(scope="module")
def demo_warehouse(tmp_path_factory) -> Path:
    return build_warehouse(tmp_path_factory.mktemp("demo"))


@pytest.fixture(scope="module")
def named_reports(named, tmp_path_factory) -> dict:
    """The report of each of NAMED_PERIODS, written once and read back."""
    folder = tmp_path_factory.mktemp("narrative")
    return {period_name: _report(named, period_name, folder) for period_name in NAMED_PERIODS}


def _report(con, period_name: str, folder: Path):
    path = folder / f"{period_name}.docx"
    written = write_report(con, parse_period(period_name), path, with_charts=False)
    assert written.charts_missing_reason == "đã chọn in báo cáo không kèm biểu đồ."
    return read_report(path)


def _check_numbers(report, expected: dict) -> None:
    """Each numbered statement and table against the KPI layer's values, number by number."""
    assert numbers_in(report.paragraph_starting("1. Số hồ sơ nhận giải quyết:"))[1:] == expected["received"]
    assert numbers_in(report.paragraph_starting("2. Số hồ sơ đã giải quyết:"))[1:] == expected["resolved"]
    assert numbers_in(report.paragraph_starting("3. Số hồ sơ đang giải quyết:"))[1:] == expected["pending"]
    assert f"(Quyết định số 766/QĐ-TTg): {expected['progress_766']}, tính bằng" in report.paragraph_starting(
        "4. "
    )
    assert report.table_headed("Chỉ tiêu", "Kết quả") == expected["targets"]
    assert report.table_headed("Lĩnh vực", "Tiếp nhận") == expected["focus"]
    assert report.table_headed("Chỉ tiêu", "Kỳ này") == expected["comparison"]
    missing = expected["units_missing"]
    if missing:
        rows = report.table_headed("STT", "Đơn vị")
        assert [row[1:] for row in rows] == missing
        assert numbers_in(report.paragraph_starting("Có "))[0] == str(len(missing))
    else:
        assert any(text.startswith("Mọi đơn vị có hồ sơ đã giải quyết") for text in report.paragraphs)
    assert numbers_in(report.paragraph_starting("Trong "))[:2] == expected["late"]
    if expected["late_without_apology"]:
        rows = report.table_headed("STT", "Mã hồ sơ")
        assert [row[1:4] for row in rows] == expected["late_without_apology"]
    annex = report.table_headed("STT", "Lĩnh vực, công việc giải quyết theo cấp")
    assert [row[2:] for row in annex[3:]] == expected["annex"]  # under the grouping and the column numbers


@pytest.mark.parametrize("period_name", NAMED_PERIODS)
def test_every_number_is_the_kpi_layers_named_dossiers(named, named_reports, period_name):
    _check_numbers(named_reports[period_name], expected_report(named, parse_period(period_name)))


def test_every_number_is_the_kpi_layers_demo_year(demo_warehouse, tmp_path):
    con = duckdb.connect(str(demo_warehouse), read_only=True)
    try:
        report = _report(con, "BC-2023", tmp_path)
        expected = expected_report(con, parse_period("BC-2023"))
    finally:
        con.close()
    assert "." in expected["received"][0]  # thousands: the separator is tested too
    _check_numbers(report, expected)


def test_the_named_report_in_figures(named_reports):
    """BC-2023-01 by hand (tests/sql/test_rpt_bieu_06.py): 11 to handle, 2 online, 6 in person or by post,
    3 carried over, 1 withdrawn; 6 resolved (1 early, 4 on time, 1 late); 4 pending (3 in time, 1 overdue)."""
    report = named_reports["BC-2023-01"]
    assert numbers_in(report.paragraph_starting("1. "))[1:] == ["11", "2", "6", "3", "1"]
    assert numbers_in(report.paragraph_starting("2. "))[1:] == ["6", "1", "4", "1", "83,3 %", "16,7 %"]
    assert numbers_in(report.paragraph_starting("3. "))[1:] == ["4", "3", "1"]


def test_an_administrative_document_per_decree_30(named, named_reports):
    report = named_reports["BC-2023-Q1"]
    heading = report.tables[0][0]
    assert heading[0] == "ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HƯNG YÊN\nSố: ……/BC-UBND"
    assert (
        heading[1]
        == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nHưng Yên, ngày …… tháng …… năm ……"
    )
    start = report.paragraphs.index("BÁO CÁO")
    assert report.paragraphs[start + 1 : start + 3] == [
        "Kết quả giải quyết thủ tục hành chính",
        "kỳ báo cáo quý I/2023 (từ ngày 15 tháng 12 năm 2022 đến ngày 14 tháng 3 năm 2023)",
    ]
    as_of = date_vi(as_of_date(named))
    assert as_of == "ngày 02 tháng 02 năm 2023"
    assert (
        f"Lưu ý: số liệu chỉ tính đến {as_of}, trước ngày cuối kỳ (ngày 14 tháng 3 năm 2023); các số liệu "
        "dưới đây chưa đủ cả kỳ báo cáo."
    ) in report.paragraphs
    annex = report.paragraphs[report.paragraphs.index("PHỤ LỤC") :]
    assert "Số liệu tính đến ngày 02/02/2023" in annex
    assert (
        "Lưu ý: số liệu chỉ tính đến ngày 02/02/2023, trước ngày cuối kỳ 14/03/2023: chưa đủ số liệu của cả kỳ."
    ) in annex
    assert report.paragraph_starting("7. ") == (
        "7. So với kỳ báo cáo quý IV/2022 và kỳ báo cáo quý I/2022 (cùng kỳ năm trước)"
    )
    [closing] = [table for table in report.tables if table[0][0].startswith("Nơi nhận:")]
    assert closing[0][0].splitlines()[-1] == "- Lưu: VT."
    assert closing[0][1] == "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH"
    assert report.font == document_font() in ("Times New Roman", "Liberation Serif")


@pytest.mark.parametrize(
    ("day", "expected"),
    [(dt.date(2023, 3, 14), "ngày 14 tháng 3 năm 2023"), (dt.date(2023, 2, 5), "ngày 05 tháng 02 năm 2023")],
)
def test_dates_are_written_as_decree_30_writes_them(day, expected):
    assert date_vi(day) == expected


def test_charts_are_the_overviews_as_images(named_warehouse, tmp_path):
    path = tmp_path / "bc.docx"
    assert (
        cli.main(["report", "--period", "BC-2023-01", "--db", str(named_warehouse), "--out", str(path)]) == 0
    )
    report = read_report(path)
    assert report.n_images == 2
    assert report.paragraph_starting("Hình 1. ") == "Hình 1. Tỷ lệ đúng hạn và trước hạn theo tháng, năm 2023"
    assert report.paragraph_starting("Hình 2. ") == "Hình 2. Hồ sơ tiếp nhận theo hình thức nộp, năm 2023"


def test_without_a_browser_the_report_is_made_and_says_so(named_warehouse, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "no-chromium"))
    path = tmp_path / "bc.docx"
    assert (
        cli.main(["report", "--period", "BC-2023-01", "--db", str(named_warehouse), "--out", str(path)]) == 0
    )
    report = read_report(path)
    assert report.n_images == 0
    note = report.paragraph_starting("Báo cáo này không kèm biểu đồ: ")
    assert "Không vẽ được biểu đồ thành hình ảnh trên máy này" in note
    assert "Không kèm biểu đồ: Không vẽ được biểu đồ" in capsys.readouterr().out


def _pdf_report_args(db, path) -> list[str]:
    return ["report", "--period", "BC-2023-01", "--db", str(db), "--out", str(path), "--no-charts"]


@pytest.mark.skipif(converter() is None, reason="LibreOffice is installed by `make test` (make office)")
def test_pdf_of_the_same_report(named_warehouse, tmp_path):
    path = tmp_path / "bc.pdf"
    assert cli.main(_pdf_report_args(named_warehouse, path)) == 0
    assert path.read_bytes().startswith(b"%PDF-")


def test_without_libreoffice_the_pdf_is_refused_with_a_message(
    named_warehouse, tmp_path, monkeypatch, capsys
):
    monkeypatch.setenv("PATH", str(tmp_path))  # no soffice on it
    path = tmp_path / "bc.pdf"
    assert cli.main(_pdf_report_args(named_warehouse, path)) == 2
    assert capsys.readouterr().err.strip() == f"Lỗi: {NOT_INSTALLED_VI}"
    assert not path.exists()
