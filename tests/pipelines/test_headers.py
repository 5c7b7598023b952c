"""Header detection and mapping of every spelling DOMAIN.md lists."""

import polars as pl
import pytest

from pipelines.errors import ExportFormatError
from pipelines.headers import FIELD_VARIANTS, locate_header
from pipelines.read_export import SHEET_ROW
from pipelines.settings import IngestSettings

SETTINGS = IngestSettings()
REQUIRED = {
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


@pytest.mark.parametrize(
    ("field", "variant"), [(f, v) for f, variants in FIELD_VARIANTS.items() for v in variants]
)
def test_every_variant_maps_to_its_field(field, variant):
    header = {**REQUIRED, field: variant}
    match = locate_header(grid(list(header.values()), ["x"] * len(header)), SETTINGS.personal_headers, 30)
    assert match.columns[field] == f"c{list(header).index(field)}"


@pytest.mark.parametrize("spelling", ["MÃ HỒ SƠ", "ma ho so", "Mã  hồ sơ:", "Mã hồ sơ (*)"])
def test_case_diacritics_spacing_punctuation_ignored(spelling):
    names = [spelling, *list(REQUIRED.values())[1:]]
    assert locate_header(grid(names), SETTINGS.personal_headers, 30).columns["dossier_code"] == "c0"


def test_header_below_title_rows_and_as_of_line():
    match = locate_header(
        grid(
            ["UBND THÀNH PHỐ HƯNG YÊN"],
            ["Từ ngày 01/03/2023 đến ngày 31/03/2023"],
            [None],
            list(REQUIRED.values()),
        ),
        SETTINGS.personal_headers,
        30,
    )
    assert match.header_rows == (4,)
    assert "Từ ngày 01/03/2023 đến ngày 31/03/2023" in match.title_lines


def test_two_row_header_with_merged_group():
    top = ["Mã hồ sơ", "Thủ tục", "Lĩnh vực", "Đơn vị", "Ngày", None, None, "Trạng thái"]
    bottom = [None, None, None, None, "Tiếp nhận", "Hẹn trả", "Có kết quả", None]
    match = locate_header(grid(["DANH SÁCH"], top, bottom), SETTINGS.personal_headers, 30)
    assert match.header_rows == (2, 3)
    assert (match.columns["received_at"], match.columns["due_at"], match.columns["finished_at"]) == (
        "c4",
        "c5",
        "c6",
    )


def test_finished_fallback_only_without_a_better_column():
    with_both = locate_header(
        grid([*REQUIRED.values(), "Ngày trả kết quả", "Ngày hoàn thành"]), SETTINGS.personal_headers, 30
    )
    assert with_both.columns["finished_at"] == "c8"
    fallback_only = locate_header(
        grid([*REQUIRED.values(), "Ngày trả kết quả"]), SETTINGS.personal_headers, 30
    )
    assert fallback_only.columns["finished_at"] == "c7"


def test_personal_columns_are_found():
    names = [*REQUIRED.values(), "Người nộp", "Số điện thoại", "CCCD", "Địa chỉ", "Email", "Ghi chú"]
    match = locate_header(grid(names), SETTINGS.personal_headers, 30)
    assert match.personal_columns == ("c7", "c8", "c9", "c10", "c11")


def test_not_an_export_lists_missing_fields_and_seen_headers():
    with pytest.raises(ExportFormatError) as error:
        locate_header(grid(["Name", "Date", "Status"], ["a", "b", "c"]), SETTINGS.personal_headers, 30)
    message = error.value.message_vi
    assert "Mã hồ sơ" in message and "Ngày tiếp nhận" in message
    assert "Name, Date, Status" in message
