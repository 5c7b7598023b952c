"""The demo exports written as files: text (.csv, in the shape's encoding and delimiter) or .xlsx (through
pipelines.demo_xlsx), with the shape's title rows, header rows and totals line."""

import codecs
import csv
import datetime as dt
import io
import unicodedata
from pathlib import Path

from pipelines import demo_xlsx
from pipelines.demo_exports import DATE_FIELDS, Shape


def _text_cell(shape: Shape, field: str, value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        fmt = shape.date_format or "%d/%m/%Y %H:%M"
        return value.strftime(fmt.split(" ")[0] if field == "due" and shape.due_date_only else fmt)
    return str(value)


def write_export(path: Path, shape: Shape, title: list[str], rows: list[dict[str, object]]) -> None:
    if shape.suffix == ".xlsx":
        _write_xlsx(path, shape, title, rows)
    else:
        _write_text(path, shape, title, rows)


def _write_text(path: Path, shape: Shape, title: list[str], rows: list[dict[str, object]]) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=shape.delimiter, lineterminator="\r\n")
    if title:
        writer.writerows([[line] for line in title] + [[]])
    writer.writerow([header for _, header in shape.columns])
    writer.writerows([_text_cell(shape, f, row.get(f)) for f in shape.fields] for row in rows)
    if shape.totals:
        writer.writerow([shape.totals] + [""] * (len(shape.fields) - 2) + [f"{len(rows)} hồ sơ"])
    text = buffer.getvalue()
    if shape.nfd:
        text = unicodedata.normalize("NFD", text)
    if shape.encoding == "utf-16":
        # Written little-endian with its BOM whatever the platform, as Excel does.
        path.write_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    else:
        path.write_bytes(text.encode(shape.encoding))


def _write_xlsx(path: Path, shape: Shape, title: list[str], rows: list[dict[str, object]]) -> None:
    fields = shape.fields
    last = len(fields) - 1
    sheet: list[tuple[int, list[demo_xlsx.Value]]] = [(demo_xlsx.TITLE, [line]) for line in title]
    merges = [(r, 0, r, last) for r in range(len(title))]
    if title:
        sheet.append((demo_xlsx.PLAIN, []))
    top = len(sheet)
    if shape.date_group:
        upper = [None if field in DATE_FIELDS else header for field, header in shape.columns]
        lower = [header if field in DATE_FIELDS else "" for field, header in shape.columns]
        first_date = fields.index("received")
        upper[first_date] = shape.date_group
        sheet += [(demo_xlsx.HEADER, upper), (demo_xlsx.HEADER, lower)]
        merges.append((top, first_date, top, first_date + 2))
        merges += [(top, c, top + 1, c) for c, field in enumerate(fields) if field not in DATE_FIELDS]
    else:
        sheet.append((demo_xlsx.HEADER, [header for _, header in shape.columns]))
    for row in rows:
        values = [row.get(field) for field in fields]
        if shape.date_format:
            values = [
                _text_cell(shape, field, value) if isinstance(value, dt.datetime) else value
                for field, value in zip(fields, values, strict=True)
            ]
        sheet.append((demo_xlsx.PLAIN, values))
    if shape.totals:
        sheet.append((demo_xlsx.HEADER, [shape.totals] + [None] * (last - 1) + [f"{len(rows)} hồ sơ"]))
    date_styles = {fields.index("due"): demo_xlsx.DATE} if shape.due_date_only else {}
    demo_xlsx.write_workbook(path, "Danh sách hồ sơ", sheet, merges, date_styles, column_width=18)
