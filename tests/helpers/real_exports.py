"""The export shapes of ../shared/REAL_EXPORTS.md as sheets (rows of cells, with merged ranges), and writers
that put the same sheet into every format a one-stop system or an office program produces: .xlsx, the
HTML-table ".xls" with Excel's mso header, SpreadsheetML 2003, CSV (UTF-8 with BOM) and Excel's "Unicode
text" (UTF-16, tab-separated). LibreOffice's .ods, .xls and .xlsx copies of the .xlsx are committed under
tests/fixtures/office/ (tests/fixtures/make_office_copies.py makes them)."""

import csv
import html
from dataclasses import dataclass, field
from pathlib import Path

import xlsxwriter

PERSON, PHONE, ADDRESS, CCCD = (
    "Trần Thị Giả Định",
    "0987654321",
    "Số 9 phố Giả Định, TP Hưng Yên",
    "033190001234",
)
PERSONAL_VALUES = (PERSON, PHONE, ADDRESS, CCCD)


@dataclass
class Sheet:
    rows: list[list[str | None]]
    merges: list[tuple[int, int, int, int]] = field(
        default_factory=list
    )  # first row, first col, last row, last col

    def covered(self, r: int, c: int) -> bool:
        """Inside a merged range but not its first cell."""
        return any(r0 <= r <= r1 and c0 <= c <= c1 and (r, c) != (r0, c0) for r0, c0, r1, c1 in self.merges)

    def span(self, r: int, c: int) -> tuple[int, int]:
        """(colspan, rowspan) of the merged range starting at this cell, (1, 1) for a plain cell."""
        for r0, c0, r1, c1 in self.merges:
            if (r0, c0) == (r, c):
                return c1 - c0 + 1, r1 - r0 + 1
        return 1, 1


# 1. The TD dossier list ("Xuất danh sách hồ sơ"): one blank row, then the header; ISO date-times.
TD_LIST_HEADER = [
    "STT",
    "Đơn vị tiếp nhận",
    "Lĩnh vực",
    "Tên thủ tục hành chính",
    "Mã hồ sơ",
    "Trạng thái",
    "Địa chỉ",
    "Chủ hồ sơ",
    "Ngày nhận",
    "Ngày hẹn trả",
    "Ngày kết thúc xử lý",
    "Đơn vị/ cá nhân giải quyết",
]
TD_LIST_ROWS = [
    # unit, lĩnh vực, procedure, code, status, received, due, finished
    (
        "UBND phường Lê Lợi",
        "Hộ tịch",
        "Đăng ký khai sinh",
        "TD-001",
        "Đã trả kết quả",
        "2023-03-01T08:15:00",
        "2023-03-03T17:00:00",
        "2023-03-02T10:00:00",
    ),
    # on the spot: the result entered before the reception time of the same day; kept
    (
        "UBND phường Lê Lợi",
        "Chứng thực",
        "Chứng thực chữ ký",
        "TD-002",
        "Đã trả kết quả",
        "2023-03-01T14:20:00",
        "",
        "2023-03-01T09:05:00",
    ),
    (
        "Phòng Tài nguyên và Môi trường",
        "Đất đai",
        "Đăng ký biến động đất đai",
        "TD-003",
        "Đang xử lý",
        "2023-03-02T09:00:00",
        "2023-03-10T17:00:00",
        "",
    ),
    (
        "UBND xã Bảo Khê",
        "Đất đai",
        "Đăng ký biến động đất đai",
        "TD-004",
        "Đã trả kết quả",
        "2023-03-02T09:30:00",
        "2023-03-06T17:00:00",
        "2023-03-08T16:00:00",
    ),
    (
        "UBND xã Bảo Khê",
        "Hộ tịch",
        "Đăng ký kết hôn",
        "TD-005",
        "Công dân yêu cầu rút hồ sơ",
        "2023-03-03T08:00:00",
        "2023-03-06T17:00:00",
        "",
    ),
    (
        "Phòng Quản lý đô thị",
        "Xây dựng",
        "Cấp giấy phép xây dựng",
        "TD-006",
        "Không được tiếp nhận",
        "2023-03-03T10:00:00",
        "2023-03-20T17:00:00",
        "",
    ),
    ("Phòng Quản lý đô thị", "Xây dựng", "Cấp giấy phép xây dựng", "TD-007", "Mới đăng ký", "", "", ""),
    # a finished-sounding status without a finish date: kept as open, listed for a look
    (
        "Phòng Tài chính - Kế hoạch",
        "Thành lập và hoạt động của hộ kinh doanh",
        "Đăng ký hộ kinh doanh",
        "TD-008",
        "Đã xử lý xong",
        "2023-03-06T08:00:00",
        "2023-03-09T17:00:00",
        "",
    ),
    (
        "UBND P. Hiến Nam",
        "Chứng thực",
        "Chứng thực bản sao",
        "TD-009",
        "Dừng xử lý",
        "2023-03-07T08:00:00",
        "2023-03-07T17:00:00",
        "",
    ),
    # rejected: a result the calendar day before reception
    (
        "UBND P. Hiến Nam",
        "Hộ tịch",
        "Đăng ký khai tử",
        "TD-010",
        "Đã trả kết quả",
        "2023-03-08T08:00:00",
        "2023-03-09T17:00:00",
        "2023-03-07T16:00:00",
    ),
    (
        "Phòng Tài nguyên và Môi trường",
        "Đất đai",
        "Đăng ký biến động đất đai",
        "TD-011",
        "Yêu cầu bổ sung giấy tờ",
        "2023-03-09T08:00:00",
        "2023-03-20T17:00:00",
        "",
    ),
]
TD_LIST_EXPECTED = {"n_new": 8, "rejected": {"finished_before_received": 1}, "skipped": {"not_received": 2}}


def td_list() -> Sheet:
    rows: list[list[str | None]] = [["DANH SÁCH HỒ SƠ"] + [None] * 11, [None] * 12, list(TD_LIST_HEADER)]
    for n, (unit, sector, procedure, code, status, received, due, finished) in enumerate(TD_LIST_ROWS, 1):
        rows.append(
            [
                str(n),
                unit,
                sector,
                procedure,
                code,
                status,
                ADDRESS,
                PERSON,
                received,
                due,
                finished,
                "Nguyễn Cán Bộ",
            ]
        )
    return Sheet(rows, merges=[(0, 0, 0, 11)])


# 2. The TD follow-up list: two blank rows; no lĩnh vực and no procedure code; dates without a time.
FOLLOW_UP_HEADER = [
    "STT",
    "Đơn vị tiếp nhận",
    "Tên thủ tục hành chính",
    "Mã hồ sơ",
    "Trạng thái",
    "Địa chỉ",
    "Người nộp",
    "Chủ hồ sơ",
    "Ngày nộp hồ sơ",
    "Ngày nhận",
    "Ngày hẹn trả",
    "Ngày kết thúc xử lý",
]
FOLLOW_UP_ROWS = [
    # unit, procedure (lĩnh vực from catalogues/procedures.csv by name), code, status, submitted, received, due, done
    (
        "Phường Minh Khai",
        "Đăng ký khai sinh",
        "FU-01",
        "Đã trả kết quả",
        "28/02/2023",
        "01/03/2023",
        "03/03/2023",
        "02/03/2023",
    ),
    (
        "Phường Minh Khai",
        "ĐĂNG KÝ KHAI SINH",
        "FU-02",
        "Đang xử lý",
        "01/03/2023",
        "02/03/2023",
        "04/03/2023",
        "",
    ),
    # not in the procedure catalogue: lĩnh vực "Chưa xác định"
    (
        "Xã Tân Hưng",
        "Thủ tục không có trong danh mục",
        "FU-03",
        "Đang xử lý",
        "02/03/2023",
        "02/03/2023",
        "09/03/2023",
        "",
    ),
    ("Xã Tân Hưng", "Đăng ký khai sinh", "FU-04", "Chờ tiếp nhận", "03/03/2023", "", "", ""),
]
FOLLOW_UP_EXPECTED = {"n_new": 3, "rejected": {}, "skipped": {"not_received": 1}}


def follow_up_list() -> Sheet:
    rows: list[list[str | None]] = [[None] * 12, [None] * 12, list(FOLLOW_UP_HEADER)]
    for n, (unit, procedure, code, status, submitted, received, due, done) in enumerate(FOLLOW_UP_ROWS, 1):
        rows.append(
            [str(n), unit, procedure, code, status, ADDRESS, PERSON, PERSON, submitted, received, due, done]
        )
    return Sheet(rows)


# 3. The register of one unit (Mẫu 06 layout): title rows, a two-row header under "Ngày, tháng, năm";
# no unit column (the title names the unit), no lĩnh vực, no status.
REGISTER_TOP = [
    "STT",
    "Mã hồ sơ",
    "Nội dung hồ sơ",
    "Số lượng (bộ)",
    "Họ tên chủ hồ sơ",
    "Địa chỉ chủ hồ sơ",
    "Số điện thoại",
    "Ngày, tháng, năm",
    None,
    None,
    "Trả kết quả",
    None,
    "Người nhận hồ sơ",
    "Địa bàn phát sinh hồ sơ",
    "Ghi chú",
]
REGISTER_BOTTOM = [None] * 7 + [
    "Nhận hồ sơ",
    "Hẹn trả kết quả",
    "Ngày nhận kết quả",
    "Bên giao (Ký tên)",
    "Bên nhận (Ký tên)",
    None,
    None,
    None,
]
REGISTER_ROWS = [
    # code, procedure, received, due, result
    ("SO-01", "Đăng ký khai sinh", "01/03/2023 08:00", "03/03/2023 17:00", "02/03/2023 09:00"),
    ("SO-02", "Chứng thực chữ ký", "01/03/2023 09:00", "", "01/03/2023 09:30"),
    ("SO-03", "Đăng ký kết hôn", "02/03/2023 08:00", "05/03/2023 17:00", "07/03/2023 10:00"),
    ("SO-04", "Đăng ký khai tử", "06/03/2023 08:00", "08/03/2023 17:00", ""),
]
REGISTER_EXPECTED = {"n_new": 4, "rejected": {}, "skipped": {}}


def unit_register(title_unit: str | None = "UBND PHƯỜNG QUANG TRUNG") -> Sheet:
    width = len(REGISTER_TOP)
    rows: list[list[str | None]] = []
    if title_unit:
        rows.append([title_unit] + [None] * (width - 1))
    rows += [
        ["SỔ THEO DÕI TÌNH HÌNH TIẾP NHẬN HỒ SƠ TTHC"] + [None] * (width - 1),
        ["Từ ngày 01/03/2023 đến ngày 31/03/2023"] + [None] * (width - 1),
        list(REGISTER_TOP),
        list(REGISTER_BOTTOM),
    ]
    top = len(rows) - 2
    for n, (code, procedure, received, due, result) in enumerate(REGISTER_ROWS, 1):
        rows.append(
            [
                str(n),
                code,
                procedure,
                "1",
                PERSON,
                ADDRESS,
                PHONE,
                received,
                due,
                result,
                None,
                None,
                "Cán bộ một cửa",
                "Phường Quang Trung",
                None,
            ]
        )
    merges = [(top, 7, top, 9), (top, 10, top, 11)] + [
        (top, c, top + 1, c) for c in (0, 1, 2, 3, 4, 5, 6, 12, 13, 14)
    ]
    return Sheet(rows, merges=merges)


# 4. The e-PAR register: one title cell with line breaks (the lĩnh vực named in it), no code, no unit,
# no status; officials' names in their own columns.
EPAR_HEADER = [
    "TT",
    "Họ tên, địa chỉ người nộp hồ sơ",
    "Nội dung công việc cần giải quyết",
    "Người có trách nhiệm giải quyết",
    "Ngày nhận hồ sơ",
    "Ngày hẹn trả hồ sơ",
    "Ngày ký hồ sơ",
    "Người ký hồ sơ",
    "Ngày trả thực tế",
    "Ngày tổ chức, công dân ký nhận lại hồ sơ",
]
EPAR_ROWS = [
    # procedure, received, due, signed, handed back
    ("Cấp giấy chứng nhận quyền sử dụng đất lần đầu", "01/03/2023", "20/03/2023", "15/03/2023", "16/03/2023"),
    # two identical rows: two citizens' identical requests, never collapsed
    ("Đăng ký biến động đất đai", "02/03/2023", "12/03/2023", "", ""),
    ("Đăng ký biến động đất đai", "02/03/2023", "12/03/2023", "", ""),
    ("Đăng ký biến động đất đai", "03/03/2023", "13/03/2023", "14/03/2023", "14/03/2023"),
]
EPAR_EXPECTED = {"n_new": 4, "rejected": {}, "skipped": {}}
EPAR_UNIT = "Chi nhánh Văn phòng đăng ký đất đai thành phố"


def epar_register() -> Sheet:
    title = "Sổ tiếp nhận và trả kết quả lĩnh vực Đất đai\nTừ ngày: 01/03/2023\nĐến ngày:31/03/2023"
    rows: list[list[str | None]] = [[title] + [None] * 9, list(EPAR_HEADER)]
    for n, (procedure, received, due, signed, back) in enumerate(EPAR_ROWS, 1):
        rows.append(
            [
                str(n),
                f"{PERSON}, {ADDRESS}",
                procedure,
                "Nguyễn Cán Bộ",
                received,
                due,
                signed,
                "Lê Lãnh Đạo",
                back,
                back,
            ]
        )
    return Sheet(rows, merges=[(0, 0, 0, 9)])


SHAPES = {
    "td_list": (td_list, TD_LIST_EXPECTED),
    "follow_up": (follow_up_list, FOLLOW_UP_EXPECTED),
    "register": (unit_register, REGISTER_EXPECTED),
    "epar": (epar_register, EPAR_EXPECTED),
}


def write_xlsx(sheet: Sheet, path: Path) -> Path:
    workbook = xlsxwriter.Workbook(path, {"strings_to_numbers": False})
    worksheet = workbook.add_worksheet("Sheet1")
    wrap = workbook.add_format({"text_wrap": True})
    for r0, c0, r1, c1 in sheet.merges:
        worksheet.merge_range(r0, c0, r1, c1, sheet.rows[r0][c0] or "", wrap)
    for r, cells in enumerate(sheet.rows):
        for c, value in enumerate(cells):
            if value is not None and not sheet.covered(r, c) and sheet.span(r, c) == (1, 1):
                worksheet.write_string(r, c, value)
    workbook.close()
    return path


def write_html(sheet: Sheet, path: Path) -> Path:
    """What the browser saves from a one-stop system's "Xuất Excel": an HTML page named .xls, UTF-8 with a BOM."""
    lines = [
        '<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel" '
        'xmlns="http://www.w3.org/TR/REC-html40">',
        '<head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">',
        "<!--[if gte mso 9]><xml><x:ExcelWorkbook><x:ExcelWorksheets><x:ExcelWorksheet><x:Name>Sheet1</x:Name>"
        "</x:ExcelWorksheet></x:ExcelWorksheets></x:ExcelWorkbook></xml><![endif]--></head>",
        "<body><table border='1'>",
    ]
    for r, cells in enumerate(sheet.rows):
        tag_open = "<tbody>" if r == 3 else ""
        tds = []
        for c, value in enumerate(cells):
            if sheet.covered(r, c):
                continue
            colspan, rowspan = sheet.span(r, c)
            spans = (f' colspan="{colspan}"' if colspan > 1 else "") + (
                f' rowspan="{rowspan}"' if rowspan > 1 else ""
            )
            text = html.escape(value or "").replace("\n", "<br>")
            tds.append(
                f"<td{spans}><strong>{text}</strong></td>" if r < 3 else f"<td{spans}>\n  {text}\n</td>"
            )
        lines.append(f"{tag_open}<tr>{''.join(tds)}</tr>")
    lines.append("</tbody></table></body></html>")
    path.write_bytes("\n".join(lines).encode("utf-8-sig"))
    return path


def write_spreadsheetml(sheet: Sheet, path: Path) -> Path:
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<?mso-application progid="Excel.Sheet"?>',
        '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
        'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet" xmlns:html="http://www.w3.org/TR/REC-html40">',
        '<Worksheet ss:Name="Sheet1"><Table>',
    ]
    for r, cells in enumerate(sheet.rows):
        if all(value is None for value in cells):
            continue  # Excel leaves blank rows out; the next row says its index
        parts, expected_column = [], 1
        for c, value in enumerate(cells):
            if sheet.covered(r, c) or value is None:
                continue
            colspan, rowspan = sheet.span(r, c)
            attributes = f' ss:Index="{c + 1}"' if c + 1 != expected_column else ""
            attributes += f' ss:MergeAcross="{colspan - 1}"' if colspan > 1 else ""
            attributes += f' ss:MergeDown="{rowspan - 1}"' if rowspan > 1 else ""
            text = html.escape(value).replace("\n", "&#10;")
            parts.append(f'<Cell{attributes}><Data ss:Type="String">{text}</Data></Cell>')
            expected_column = c + colspan + 1
        lines.append(f'<Row ss:Index="{r + 1}">{"".join(parts)}</Row>')
    lines.append("</Table></Worksheet></Workbook>")
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def _text_rows(sheet: Sheet) -> list[list[str]]:
    return [[value or "" for value in cells] for cells in sheet.rows]


def write_csv(sheet: Sheet, path: Path) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(_text_rows(sheet))
    return path


def write_unicode_text(sheet: Sheet, path: Path) -> Path:
    """Excel's "Unicode text": UTF-16 with a BOM, tab-separated."""
    with path.open("w", encoding="utf-16", newline="") as handle:
        csv.writer(handle, delimiter="\t").writerows(_text_rows(sheet))
    return path


WRITERS = {
    "html.xls": write_html,
    "xml.xls": write_spreadsheetml,
    "csv": write_csv,
    "utf16.txt": write_unicode_text,
}
