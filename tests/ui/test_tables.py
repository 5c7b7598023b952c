"""The pages' pick tables: Markdown with numbers right-aligned and names as literal text."""

import polars as pl
from streamlit.testing.v1 import AppTest

from tests.helpers.page_tables import markdown_tables
from ui import tables

SHOWN = pl.DataFrame(
    {
        "Hạng": ["1", "2"],
        "Đơn vị": ["Phường *An* | <b>Tảo</b> [x](http://a.vn)", None],
        "Tỷ lệ đúng hạn": ["95,3 %", "—"],
        "So với kỳ trước": ["▲ 2", "="],
    }
)


def test_numbers_are_right_aligned_and_names_are_literal_text():
    lines = tables.markdown_table(SHOWN).splitlines()
    assert lines[1] == "| ---: | --- | ---: | ---: |"
    assert "\\*An\\* \\| \\<b\\>Tảo\\</b\\> \\[x\\](http\\://a.vn)" in lines[2]
    assert "None" not in lines[3]  # no name: the empty mark


def _shown() -> None:
    from tests.ui.test_tables import SHOWN
    from ui import tables

    tables.show(SHOWN)


def test_a_shown_table_reads_back_cell_for_cell():
    at = AppTest.from_function(_shown).run()
    [table] = markdown_tables(at)
    assert table.columns == SHOWN.columns
    assert table["Đơn vị"].to_list() == ["Phường *An* | <b>Tảo</b> [x](http://a.vn)", "—"]
    assert table["Tỷ lệ đúng hạn"].to_list() == ["95,3 %", "—"]
