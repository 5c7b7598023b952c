"""The `.xls` files one-stop systems download that are not workbooks: an HTML page holding a `<table>`
(with Excel's mso header), and SpreadsheetML 2003 XML.

lxml parses the file and an XSLT stylesheet (libxslt, in C) writes every cell's text with separator
characters, so that Python touches whole rows, not a million element objects. Merged cells (colspan,
rowspan, MergeAcross, ss:Index) keep their text in their first cell and leave the others empty, as
calamine reads the merged cells of a workbook.
"""

from pathlib import Path

import polars as pl
from lxml import etree

from pipelines.errors import ExportFormatError

# Private-use characters that cannot occur in an export's text.
SHEET, CELL, ROW, SPAN, SPAN_END, LINE_BREAK = "\ue001", "\ue004", "\ue005", "\ue002", "\ue003", "\ue000"
ROW_INDEX = "\ue006"
_STYLESHEETS = Path(__file__).with_name("markup")
_PARSER_OPTIONS = {"no_network": True, "huge_tree": True}


def _transform(stylesheet: str, document: etree._ElementTree) -> str:
    transform = etree.XSLT(etree.parse(str(_STYLESHEETS / stylesheet)))
    return str(transform(document))


def _spans(marker: str) -> tuple[int | None, int, int]:
    """'index,width,height' (index may be empty: the next free column) → (index, width, height)."""
    index, width, height = (part.strip() for part in marker.split(","))
    number = int(index) - 1 if index.isdigit() and int(index) > 0 else None
    return (
        number,
        max(int(width), 1) if width.isdigit() else 1,
        max(int(height), 1) if height.isdigit() else 1,
    )


def _merged_row(cells: list[str], rows_left: dict[int, int]) -> list[str | None]:
    """One row whose cells carry span markers, or which rows above still cover."""
    covered = {column for column, left in rows_left.items() if left > 0}
    row: list[str | None] = []
    column = 0
    for cell in cells:
        index, width, height = None, 1, 1
        if cell.startswith(SPAN):
            marker, _, cell = cell[1:].partition(SPAN_END)
            index, width, height = _spans(marker)
        column = index if index is not None else column
        while column in covered:
            column += 1
        row.extend([None] * (column + width - len(row)))
        row[column] = cell
        for spanned in range(column, column + width):
            rows_left[spanned] = height - 1
        column += width
    for spanned in covered:
        rows_left[spanned] -= 1
    return row


def _rows(sheet_text: str) -> list[str]:
    """Each row as its cells joined by CELL. Rows with merged cells, those they cover and the blank rows an
    ss:Index skips are placed cell by cell; the rest (all the rows after the last merged range, usually
    every data row) are kept as the stylesheet wrote them."""
    lines = sheet_text.split(ROW)[:-1]
    special = [i for i, line in enumerate(lines) if SPAN in line or line.startswith(ROW_INDEX)]
    placed: list[str] = []
    rows_left: dict[int, int] = {}
    done = 0
    while done < len(lines) and special and (done <= special[-1] or any(rows_left.values())):
        line = lines[done]
        if line.startswith(ROW_INDEX):  # rows skipped by a SpreadsheetML ss:Index are blank
            index, _, line = line[1:].partition(SPAN_END)
            placed.extend("" for _ in range(int(index) - 1 - len(placed)))
        cells = _merged_row(line.split(CELL)[:-1], rows_left)
        placed.append(CELL.join(cell or "" for cell in cells))
        done += 1
    return placed + lines[done:]


def _grid(rows: list[str], collapse_spaces: bool) -> pl.DataFrame:
    cells = pl.Series("cells", rows, dtype=pl.String).str.strip_suffix(CELL).str.split(CELL)
    width = cells.list.len().max() or 0
    columns = [f"c{i}" for i in range(width)]
    frame = pl.DataFrame({"cells": cells}).select(
        pl.col("cells").list.get(i, null_on_oob=True).alias(column) for i, column in enumerate(columns)
    )
    if collapse_spaces:  # HTML: runs of white space are one space, <br> is a line break
        frame = frame.with_columns(
            pl.when(pl.col(column).str.contains(rf"\s\s|[^\S ]|{LINE_BREAK}"))
            .then(pl.col(column).str.replace_all(r"\s+", " ").str.replace_all(f" ?{LINE_BREAK} ?", "\n"))
            .otherwise(pl.col(column))
            .alias(column)
            for column in columns
        )
    return frame.with_columns(pl.col(columns).str.strip_chars().replace("", None))


def _sheets(text: str, collapse_spaces: bool) -> list[pl.DataFrame]:
    return [_grid(_rows(sheet), collapse_spaces) for sheet in text.split(SHEET)[1:]]


def _where(exc: Exception) -> str:
    """The line of a parse error, not the parser's message: that may quote the text of a cell (an entity
    name, a tag), and cells may hold personal data."""
    line = getattr(exc, "lineno", None)
    return f" ở dòng {line}" if line else ""


def read_html(path: Path, original_name: str) -> list[pl.DataFrame]:
    """Each `<table>` of the page as a sheet, with its own rows only (a table nested in a cell is another)."""
    root = _html_root(path.read_bytes(), original_name)
    if root is None:
        raise ExportFormatError(f"Tệp «{original_name}» là trang HTML trống.")
    for line_break in root.iter("br"):
        line_break.tail = LINE_BREAK + (line_break.tail or "")
    sheets = _sheets(_transform("html_cells.xsl", root.getroottree()), collapse_spaces=True)
    if not sheets:
        raise ExportFormatError(f"Tệp «{original_name}» là trang HTML nhưng không có bảng dữ liệu nào.")
    return sheets


def _html_root(data: bytes, original_name: str) -> etree._Element | None:
    """The page read as UTF-16 when a BOM says so, else as UTF-8; a page whose bytes are not UTF-8 (the
    parser says so) is read again by its own charset declaration. Letting the parser find invalid bytes
    spares a decoded copy of the whole page in Python (twice the page's size in memory)."""
    encoding = "utf-16" if data.startswith((b"\xff\xfe", b"\xfe\xff")) else "utf-8"
    parser = etree.HTMLParser(encoding=encoding, **_PARSER_OPTIONS)
    root = _parsed_html(data, parser, original_name)
    if encoding == "utf-8" and any(
        error.type == etree.ErrorTypes.ERR_INVALID_ENCODING for error in parser.error_log
    ):
        root = _parsed_html(data, etree.HTMLParser(**_PARSER_OPTIONS), original_name)
    return root


def _parsed_html(data: bytes, parser: etree.HTMLParser, original_name: str) -> etree._Element | None:
    try:
        return etree.fromstring(data, parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise ExportFormatError(
            f"Không đọc được tệp «{original_name}» (trang HTML hỏng{_where(exc)})."
        ) from exc


def read_spreadsheetml(path: Path, original_name: str) -> list[pl.DataFrame]:
    """Each Worksheet of an Excel 2003 XML workbook as a sheet."""
    try:
        document = etree.parse(str(path), etree.XMLParser(resolve_entities=False, **_PARSER_OPTIONS))
    except etree.XMLSyntaxError as exc:
        raise ExportFormatError(f"Không đọc được tệp «{original_name}» (XML hỏng{_where(exc)}).") from exc
    sheets = _sheets(_transform("spreadsheetml_cells.xsl", document), collapse_spaces=False)
    if not sheets:
        raise ExportFormatError(f"Tệp «{original_name}» là tệp XML nhưng không có trang tính nào.")
    return sheets
