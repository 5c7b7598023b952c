"""Header detection and mapping of every spelling in definitions/header_spellings.csv."""

import csv

import polars as pl
import pytest

from pipelines.errors import ExportFormatError
from pipelines.headers import locate_header
from pipelines.read_export import SHEET_ROW
from pipelines.settings import DEFINITIONS_DIR, catalogue_dir
from pipelines.vocabulary import load_vocabulary
from tests.helpers.real_exports import REGISTER_BOTTOM, REGISTER_TOP

VOCABULARY = load_vocabulary(catalogue_dir())
SPELLINGS = list(csv.DictReader((DEFINITIONS_DIR / "header_spellings.csv").open(encoding="utf-8")))
BASE = {
    "dossier_code": "Mã hồ sơ",
    "procedure_name": "Thủ tục",
    "sector": "Lĩnh vực",
    "unit": "Đơn vị",
    "received_at": "Ngày nhận",
    "due_at": "Hạn xử lý",
    "status": "Trạng thái",
}


def grid(*rows: list[str | None]) -> pl.DataFrame:
    width = max(len(r) for r in rows)
    data = {f"c{i}": [r[i] if i < len(r) else None for r in rows] for i in range(width)}
    return (
        pl.DataFrame(data, schema={f"c{i}": pl.String for i in range(width)})
        .with_row_index(SHEET_ROW, offset=1)
        .with_columns(pl.col(SHEET_ROW).cast(pl.Int64))
    )


def locate(*rows):
    return locate_header(grid(*rows), VOCABULARY, 30)


@pytest.mark.parametrize(("field", "spelling"), [(r["field"], r["spelling"]) for r in SPELLINGS])
def test_every_spelling_maps_to_its_field(field, spelling):
    header = {**BASE, field: spelling}
    assert (
        locate(list(header.values()), ["x"] * len(header)).columns[field] == f"c{list(header).index(field)}"
    )


@pytest.mark.parametrize("spelling", ["MÃ HỒ SƠ", "ma ho so", "Mã  hồ sơ:", "Mã hồ sơ (*)", "Ma\u0303 hồ sơ"])
def test_case_diacritics_spacing_punctuation_and_nfd_ignored(spelling):
    assert locate([spelling, *list(BASE.values())[1:]]).columns["dossier_code"] == "c0"


def test_only_name_received_and_due_are_required():
    match = locate(["Nội dung hồ sơ", "Ngày nhận hồ sơ", "Ngày hẹn trả hồ sơ"])
    assert set(match.columns) == {"procedure_name", "received_at", "due_at"}


def test_header_below_title_rows_and_as_of_line():
    match = locate(
        ["UBND THÀNH PHỐ HƯNG YÊN"], ["Từ ngày 01/03/2023 đến ngày 31/03/2023"], [None], list(BASE.values())
    )
    assert match.header_rows == (4,)
    assert "Từ ngày 01/03/2023 đến ngày 31/03/2023" in match.title_lines


def test_two_row_header_with_merged_group():
    top = ["Mã hồ sơ", "Thủ tục", "Lĩnh vực", "Đơn vị", "Ngày", None, None, "Trạng thái"]
    bottom = [None, None, None, None, "Tiếp nhận", "Hẹn trả", "Có kết quả", None]
    match = locate(["DANH SÁCH"], top, bottom)
    assert match.header_rows == (2, 3)
    assert [match.columns[f] for f in ("received_at", "due_at", "finished_at")] == ["c4", "c5", "c6"]


def test_register_header_under_ngay_thang_nam():
    """The Mẫu 06 register: "Nhận hồ sơ", "Hẹn trả kết quả", "Ngày nhận kết quả" under "Ngày, tháng, năm"."""
    match = locate(["SỔ THEO DÕI"], REGISTER_TOP, REGISTER_BOTTOM)
    assert match.columns == {
        "dossier_code": "c1",
        "procedure_name": "c2",
        "received_at": "c7",
        "due_at": "c8",
        "finished_at": "c9",
    }
    assert match.personal_columns == ("c4", "c5", "c6")


def test_second_choice_spellings_only_without_a_first_choice():
    """Ngày nộp is received_at only without Ngày nhận; Ngày trả kết quả is finished_at only without a better one."""
    follow_up = locate(["Tên thủ tục hành chính", "Ngày nộp hồ sơ", "Ngày nhận", "Ngày hẹn trả"])
    assert follow_up.columns["received_at"] == "c2"
    assert locate(["Thủ tục", "Ngày nộp", "Hạn xử lý"]).columns["received_at"] == "c1"
    both = locate([*BASE.values(), "Ngày trả kết quả", "Ngày hoàn thành"])
    assert both.columns["finished_at"] == "c8"
    epar = locate(
        [
            "TT",
            "Nội dung công việc cần giải quyết",
            "Người có trách nhiệm giải quyết",
            "Ngày nhận hồ sơ",
            "Ngày hẹn trả hồ sơ",
            "Ngày ký hồ sơ",
            "Người ký hồ sơ",
            "Ngày trả thực tế",
        ]
    )
    assert epar.columns == {"procedure_name": "c1", "received_at": "c3", "due_at": "c4", "finished_at": "c5"}


def test_officials_and_applicant_area_are_not_units():
    match = locate(
        ["Thủ tục", "Người có trách nhiệm giải quyết", "Địa bàn phát sinh hồ sơ", "Ngày nhận", "Hạn xử lý"]
    )
    assert "unit" not in match.columns


def test_personal_columns_are_found_and_never_mapped():
    names = [
        *BASE.values(),
        "Người nộp",
        "Số điện thoại",
        "CCCD",
        "Địa chỉ",
        "Email",
        "Ghi chú",
        "Họ tên, địa chỉ người nộp hồ sơ",
        "Điện thoại liên hệ",
        "Số CCCD/CMND",
    ]
    match = locate(names)
    assert match.personal_columns == ("c7", "c8", "c9", "c10", "c11", "c13", "c14", "c15")


def test_not_an_export_names_what_is_missing_and_echoes_no_cell():
    with pytest.raises(ExportFormatError) as error:
        locate(["Nguyễn Văn A", "0912345678", "034095001234"], ["a", "b", "c"])
    message = error.value.message_vi
    assert "Tên thủ tục" in message and "Ngày tiếp nhận" in message and "Ngày hẹn trả" in message
    for cell in ("Nguyễn Văn A", "0912345678", "034095001234"):
        assert cell not in message
