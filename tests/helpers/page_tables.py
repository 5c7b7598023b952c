"""The Markdown tables a page shows (the scorecard, ui.tables.show's pick tables), read back as text
frames."""

import re

import polars as pl
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
