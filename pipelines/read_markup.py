"""The `.xls` files one-stop systems download that are not workbooks: an HTML page holding a `<table>`
(with Excel's mso header), and SpreadsheetML 2003 XML.

lxml parses the file and an XSLT stylesheet (libxslt, in C) writes every cell's text with separator
characters, so that neither Python nor Polars touches a million element objects; Python only places the
rows with merged cells (colspan, rowspan, MergeAcross, ss:Index), which keep their text in their first cell
and leave the others empty, as calamine reads the merged cells of a workbook.
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


def _transform(stylesheet: str, document: etree._ElementTree) -> etree._XSLTResultTree:
    return etree.XSLT(etree.parse(str(_STYLESHEETS / stylesheet)))(document)


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


def _placed(lines: pl.Series) -> pl.Series:
    """Each row as its cells joined by CELL. The rows with merged cells, those that rows above still cover
    and the blank rows an ss:Index skips are placed cell by cell in Python; every other row (usually all the
    data rows) is kept as the stylesheet wrote it."""
    marked = (lines.str.contains(SPAN, literal=True) | lines.str.starts_with(ROW_INDEX)).arg_true().to_list()
    pieces: list[pl.Series] = []
    placed: list[str] = []
    rows_left: dict[int, int] = {}
    position = done = 0  # the next row of `lines`; the rows in `pieces`
    for start in marked:
        if start < position:  # placed already, as a row that a row above covers
            continue
        if start > position:  # the rows between are kept as written
            pieces += [pl.Series(placed, dtype=pl.String), lines.slice(position, start - position)]
            done += len(placed) + start - position
            placed, position = [], start
        while position == start or (position < lines.len() and any(rows_left.values())):
            line = lines[position]
            if line.startswith(ROW_INDEX):  # rows skipped by a SpreadsheetML ss:Index are blank
                index, _, line = line[1:].partition(SPAN_END)
                placed.extend("" for _ in range(int(index) - 1 - done - len(placed)))
            cells = _merged_row(line.split(CELL)[:-1], rows_left)
            placed.append(CELL.join(cell or "" for cell in cells))
            position += 1
    return pl.concat([*pieces, pl.Series(placed, dtype=pl.String), lines.slice(position)])


def _grid(lines: pl.Series, collapse_spaces: bool) -> pl.DataFrame:
    cells = _placed(lines).str.strip_suffix(CELL).str.split(CELL)
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


def _where(exc: Exception) -> str:
    """The line of a parse error, not the parser's message: that may quote the text of a cell (an entity
    name, a tag), and cells may hold personal data."""
    line = getattr(exc, "lineno", None)
    return f" ở dòng {line}" if line else ""


def read_html(path: Path, original_name: str) -> list[pl.DataFrame]:
    """The rows of the page's innermost tables, in page order, as one sheet (a title in a table of its own
    stays above the header, as on the page; a table nested in a cell gives its own rows)."""
    root = _html_root(path.read_bytes(), original_name)
    if root is None:
        raise ExportFormatError(f"Tệp «{original_name}» là trang HTML trống.")
    for line_break in root.iter("br"):
        line_break.tail = LINE_BREAK + (line_break.tail or "")
    # The stylesheet's bytes are freed here, before the page's tree: freeing a large block after the tree's
    # small ones makes glibc consolidate them all at once (0.3 s at 100k rows).
    rows = _html_rows(bytes(_transform("html_cells.xsl", root.getroottree())))
    if rows.is_empty():
        raise ExportFormatError(f"Tệp «{original_name}» là trang HTML nhưng không có bảng dữ liệu nào.")
    return [_grid(rows, collapse_spaces=True)]


def _html_rows(text: bytes) -> pl.Series:
    """The stylesheet's rows, split into lines by Polars on every core (str.split would make a Python string
    of each row); the lines of a cell's line breaks are joined back to their row. A separator byte that
    text never holds (NUL) keeps each line whole."""
    if not text:
        return pl.Series(dtype=pl.String)
    lines = pl.read_csv(text, has_header=False, separator="\x00", quote_char=None, infer_schema=False)
    lines = lines.to_series().fill_null("")
    starts = lines.str.starts_with(ROW)
    if not starts.all():
        joined = pl.DataFrame({"line": lines, "row": starts.cum_sum()}).group_by("row", maintain_order=True)
        lines = joined.agg(pl.col("line").str.join("\n")).get_column("line")
    return lines.str.strip_prefix(ROW)


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
    text = str(_transform("spreadsheetml_cells.xsl", document))
    sheets = [
        _grid(pl.Series(sheet.split(ROW)[:-1], dtype=pl.String), collapse_spaces=False)
        for sheet in text.split(SHEET)[1:]
    ]
    if not sheets:
        raise ExportFormatError(f"Tệp «{original_name}» là tệp XML nhưng không có trang tính nào.")
    return sheets
