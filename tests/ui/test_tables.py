"""Markdown tables: numbers right-aligned, names as literal text, and a region that scrolls on its own."""

import polars as pl
from streamlit.testing.v1 import AppTest

from tests.helpers.markdown_tables import markdown_tables
from ui import tables

SHOWN = pl.DataFrame(
    {
        "Hạng": ["1", "2"],
        "Đơn vị": ["Phường <b>An</b> | Tảo", None],
        "Tỷ lệ đúng hạn": ["95,3 %", "—"],
        "So với kỳ trước": ["▲ 2", "="],
    }
)


def test_numbers_are_right_aligned_and_names_are_literal_text():
    header, rule, first, second = tables.markdown(SHOWN).splitlines()
    assert rule == "| ---: | --- | ---: | ---: |"
    assert r"Phường \<b\>An\</b\> \| Tảo" in first
    assert second.split(" | ")[1] == "—"  # no name: the empty mark, not "None"


def _shown() -> None:
    from tests.ui.test_tables import SHOWN
    from ui import tables

    tables.show_markdown(tables.markdown(SHOWN), 'Xếp hạng "đơn vị"')


def test_a_shown_table_is_a_named_region_and_reads_back_cell_for_cell():
    at = AppTest.from_function(_shown).run()
    [block] = at.markdown
    assert block.value.startswith(
        '<div class="table-scroll" role="region" tabindex="0" aria-label="Xếp hạng &quot;đơn vị&quot;">'
    )
    [table] = markdown_tables(at)
    assert table.columns == SHOWN.columns
    assert table["Đơn vị"].to_list() == ["Phường <b>An</b> | Tảo", "—"]
    assert table["Tỷ lệ đúng hạn"].to_list() == ["95,3 %", "—"]
