"""Write tiny dossier exports (CSV / XLSX) in the shapes the provincial one-stop system produces."""

import csv
import datetime as dt
from pathlib import Path

import xlsxwriter

PERSON = "Nguyễn Văn Giả Định"
PHONE = "0912345678"
HEADER = (
    "STT",
    "Mã hồ sơ",
    "Tên thủ tục",
    "Lĩnh vực",
    "Đơn vị tiếp nhận",
    "Người nộp",
    "Số điện thoại",
    "Ngày tiếp nhận",
    "Ngày hẹn trả",
    "Ngày có kết quả",
    "Trạng thái",
    "Hình thức nộp",
    "Đánh giá",
)
FIELDS = (
    "stt",
    "code",
    "procedure",
    "sector",
    "unit",
    "person",
    "phone",
    "received",
    "due",
    "finished",
    "status",
    "channel",
    "rating",
)


def row(code: str, **values) -> dict:
    """One dossier as export cells; every value can be overridden by its FIELDS name."""
    base = {
        "code": code,
        "procedure": "Đăng ký khai sinh",
        "sector": "Hộ tịch",
        "unit": "UBND phường Lê Lợi",
        "person": PERSON,
        "phone": PHONE,
        "received": "03/01/2023 08:30",
        "due": "05/01/2023 17:00",
        "finished": "04/01/2023 10:00",
        "status": "Đã trả kết quả",
        "channel": "Trực tuyến",
        "rating": "Hài lòng",
    }
    return base | values


def _cells(rows: list[dict]) -> list[list]:
    return [[str(i)] + [r[f] for f in FIELDS[1:]] for i, r in enumerate(rows, start=1)]


def write_csv(
    path: Path, rows: list[dict], header=HEADER, encoding="utf-8-sig", delimiter=",", title_lines=()
) -> Path:
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        for line in title_lines:
            writer.writerow([line])
        writer.writerow(header)
        writer.writerows(_cells(rows))
    return path


def write_xlsx(
    path: Path,
    rows: list[dict],
    header=HEADER,
    title_lines=(),
    two_row_header=False,
    date_cells=False,
    totals=True,
) -> Path:
    """Title rows, a blank row, the header (optionally with a merged "Ngày" group), data, a totals row."""
    workbook = xlsxwriter.Workbook(path)
    sheet = workbook.add_worksheet("DanhSach")
    date_format = workbook.add_format({"num_format": "dd/mm/yyyy hh:mm"})
    r = 0
    for line in title_lines:
        sheet.write_string(r, 0, line)
        r += 1
    if title_lines:
        r += 1
    if two_row_header:
        first_date = header.index("Ngày tiếp nhận")
        for c, name in enumerate(header):
            if first_date <= c < first_date + 3:
                sheet.write_string(r + 1, c, name.removeprefix("Ngày ").capitalize())
            else:
                sheet.merge_range(r, c, r + 1, c, name)
        sheet.merge_range(r, first_date, r, first_date + 2, "Ngày")
        r += 2
    else:
        for c, name in enumerate(header):
            sheet.write_string(r, c, name)
        r += 1
    for cells in _cells(rows):
        for c, value in enumerate(cells):
            if date_cells and header[c].startswith("Ngày") and value:
                sheet.write_datetime(r, c, dt.datetime.strptime(value, "%d/%m/%Y %H:%M"), date_format)
            elif value != "":
                sheet.write_string(r, c, value)
        r += 1
    if totals:
        sheet.write_string(r, 0, "Tổng cộng")
        sheet.write_string(r, len(header) - 1, f"{len(rows)} hồ sơ")
    workbook.close()
    return path
