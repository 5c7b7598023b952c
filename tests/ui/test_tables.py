"""The pages' HTML tables: numbers right-aligned, names as literal text, and a region that scrolls on its
own."""

import polars as pl
from streamlit.testing.v1 import AppTest

from tests.helpers.page_tables import html_tables
from ui import tables

SHOWN = pl.DataFrame(
    {
        "Hạng": ["1", "2"],
        "Đơn vị": ["Phường <b>An</b> & Tảo", None],
        "Tỷ lệ đúng hạn": ["95,3 %", "—"],
        "So với kỳ trước": ["▲ 2", "="],
    }
)


def test_numbers_are_right_aligned_and_names_are_literal_text():
    table = tables.html_table(SHOWN)
    assert '<th scope="col" class="number">Hạng</th><th scope="col">Đơn vị</th>' in table
    assert "<td>Phường &lt;b&gt;An&lt;/b&gt; &amp; Tảo</td>" in table
    assert '<td class="number">=</td>' in table
    assert "None" not in table  # no name: the empty mark


def _shown() -> None:
    from tests.ui.test_tables import SHOWN
    from ui import tables

    tables.show_html(SHOWN, 'Xếp hạng "đơn vị"')


def test_a_shown_table_is_a_named_focusable_region_and_reads_back_cell_for_cell():
    at = AppTest.from_function(_shown).run()
    [element] = at.get("html")
    assert element.proto.body.startswith(
        '<div class="table-scroll" role="region" tabindex="0" aria-label="Xếp hạng &quot;đơn vị&quot;">'
    )
    [table] = html_tables(at)
    assert table.columns == SHOWN.columns
    assert table["Đơn vị"].to_list() == ["Phường <b>An</b> & Tảo", "—"]
    assert table["Tỷ lệ đúng hạn"].to_list() == ["95,3 %", "—"]
