"""The tables a page shows, read back as text frames: Markdown ones (the scorecard) and HTML ones
(ui.tables.show_html)."""

import re

import polars as pl
from lxml import html
from streamlit.testing.v1 import AppTest

_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")
_ESCAPE = re.compile(r"\\(.)")


def _cells(line: str) -> list[str]:
    return [_ESCAPE.sub(r"\1", cell.strip()) for cell in _UNESCAPED_PIPE.split(line.strip())[1:-1]]


def markdown_tables(at: AppTest) -> list[pl.DataFrame]:
    """Every Markdown table on the page, in order: its header as column names, every cell as text."""
    found = []
    for element in at.markdown:
        lines = [line for line in element.value.splitlines() if line.startswith("|")]
        if len(lines) < 2:
            continue
        header, rows = _cells(lines[0]), [_cells(line) for line in lines[2:]]
        found.append(pl.DataFrame(rows, schema=header, orient="row"))
    return found


def html_tables(at: AppTest) -> list[pl.DataFrame]:
    """Every HTML table on the page (st.html), in order: its header as column names, every cell as text."""
    found = []
    for element in at.get("html"):
        for table in html.fromstring(element.proto.body).iter("table"):
            header = [cell.text_content() for cell in table.iter("th")]
            rows = [[cell.text_content() for cell in row.iter("td")] for row in table.iter("tr")][1:]
            found.append(pl.DataFrame(rows, schema=header, orient="row"))
    return found
