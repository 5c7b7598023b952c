"""A small .xlsx writer for the demo exports: one sheet of text, numbers and dates, with merged cells.

xlsxwriter took 9 s for the demo year's seven workbooks (26,000 rows) on the 2-core machine, most of
the demo's time budget; writing the sheet XML directly takes well under a second, and the same rows
give the same bytes.
"""

import datetime as dt
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

# Cell styles (indexes into cellXfs below).
PLAIN, DATETIME, DATE, HEADER, TITLE = 0, 1, 2, 3, 4

Value = str | int | dt.datetime | None

_EPOCH = dt.datetime(1899, 12, 30)
_DAY = dt.timedelta(days=1)
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PACKAGE_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

_CONTENT_TYPES = (
    _XML_HEAD + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/styles.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
    "</Types>"
)
_ROOT_RELS = (
    _XML_HEAD + f'<Relationships xmlns="{_PACKAGE_REL_NS}">'
    f'<Relationship Id="rId1" Type="{_REL_NS}/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
_WORKBOOK_RELS = (
    _XML_HEAD + f'<Relationships xmlns="{_PACKAGE_REL_NS}">'
    f'<Relationship Id="rId1" Type="{_REL_NS}/worksheet" Target="worksheets/sheet1.xml"/>'
    f'<Relationship Id="rId2" Type="{_REL_NS}/styles" Target="styles.xml"/>'
    "</Relationships>"
)
_THIN = '<{0} style="thin"><color auto="1"/></{0}>'
_STYLES = (
    _XML_HEAD + f'<styleSheet xmlns="{_MAIN_NS}">'
    '<numFmts count="2"><numFmt numFmtId="164" formatCode="dd/mm/yyyy hh:mm"/>'
    '<numFmt numFmtId="165" formatCode="dd/mm/yyyy"/></numFmts>'
    '<fonts count="2"><font><sz val="11"/><name val="Times New Roman"/><family val="1"/></font>'
    '<font><b/><sz val="11"/><name val="Times New Roman"/><family val="1"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>'
    f"<border>{''.join(_THIN.format(side) for side in ('left', 'right', 'top', 'bottom'))}"
    "<diagonal/></border>"
    "</borders>"
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="5">'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="1" xfId="0" applyFont="1" applyBorder="1" '
    'applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1">'
    '<alignment horizontal="center"/></xf>'
    "</cellXfs>"
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def write_workbook(
    path: Path,
    sheet_name: str,
    rows: list[tuple[int, list[Value]]],
    merges: list[tuple[int, int, int, int]],
    date_styles: dict[int, int],
    column_width: float,
) -> None:
    """rows: (style for the row's text cells, values); merges: (first row, first column, last row, last
    column), 0-based; date_styles: a column's style for dates (DATETIME when not given). An empty string
    writes an empty cell that keeps the row's style (borders of a merged header); None writes nothing."""
    width = max(len(values) for _, values in rows)
    letters = [column_letter(c) for c in range(width)]
    parts = [
        _XML_HEAD,
        f'<worksheet xmlns="{_MAIN_NS}" xmlns:r="{_REL_NS}">',
        f'<dimension ref="A1:{letters[-1]}{len(rows)}"/>',
        f'<cols><col min="1" max="{width}" width="{column_width}" customWidth="1"/></cols><sheetData>',
    ]
    for r, (style, values) in enumerate(rows, start=1):
        cells = []
        for c, value in enumerate(values):
            if value is None:
                continue
            ref = f"{letters[c]}{r}"
            if isinstance(value, dt.datetime):
                serial = (value - _EPOCH) / _DAY
                cells.append(f'<c r="{ref}" s="{date_styles.get(c, DATETIME)}"><v>{serial!r}</v></c>')
            elif isinstance(value, int):
                cells.append(f'<c r="{ref}"><v>{value}</v></c>')
            elif value == "":
                cells.append(f'<c r="{ref}" s="{style}"/>')
            else:
                if "&" in value or "<" in value or ">" in value:
                    value = escape(value)
                text = f'<is><t xml:space="preserve">{value}</t></is>'
                cells.append(f'<c r="{ref}" s="{style}" t="inlineStr">{text}</c>')
        parts.append(f'<row r="{r}">{"".join(cells)}</row>')
    parts.append("</sheetData>")
    if merges:
        refs = "".join(
            f'<mergeCell ref="{letters[c0]}{r0 + 1}:{letters[c1]}{r1 + 1}"/>' for r0, c0, r1, c1 in merges
        )
        parts.append(f'<mergeCells count="{len(merges)}">{refs}</mergeCells>')
    parts.append("</worksheet>")
    workbook = (
        _XML_HEAD + f'<workbook xmlns="{_MAIN_NS}" xmlns:r="{_REL_NS}">'
        f'<sheets><sheet name="{escape(sheet_name)}" sheetId="1" r:id="rId1"/></sheets></workbook>'
    )
    files = {
        "[Content_Types].xml": _CONTENT_TYPES,
        "_rels/.rels": _ROOT_RELS,
        "xl/workbook.xml": workbook,
        "xl/_rels/workbook.xml.rels": _WORKBOOK_RELS,
        "xl/styles.xml": _STYLES,
        "xl/worksheets/sheet1.xml": "".join(parts),
    }
    with zipfile.ZipFile(path, "w") as archive:
        for name, text in files.items():
            info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            archive.writestr(info, text.encode("utf-8"), compress_type=zipfile.ZIP_DEFLATED, compresslevel=1)
