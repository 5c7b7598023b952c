"""A table with no rows says so in Vietnamese instead of a grid reading "empty"; a chart has no toolbar."""

import json

from streamlit.testing.v1 import AppTest

from ui.widgets import NO_ROWS_VI


def _tables(rows: int) -> None:
    import polars as pl

    from ui import widgets

    frame = pl.DataFrame({"Mã hồ sơ": ["HS1", "HS2"][:rows]}, schema={"Mã hồ sơ": pl.String})
    widgets.table(frame)
    widgets.dossier_table(frame.head(0))


def test_an_empty_table_is_a_line_saying_so():
    at = AppTest.from_function(_tables, args=(2,)).run()
    assert [frame.value["Mã hồ sơ"].to_list() for frame in at.dataframe] == [["HS1", "HS2"]]
    assert [caption.value for caption in at.caption] == [NO_ROWS_VI]
    at = AppTest.from_function(_tables, args=(0,)).run()
    assert not at.dataframe
    assert [caption.value for caption in at.caption] == [NO_ROWS_VI, NO_ROWS_VI]


def _chart() -> None:
    import plotly.graph_objects as go

    from ui import widgets

    widgets.chart(go.Figure(go.Bar(x=[1], y=["a"])), "Biểu đồ", "Tóm tắt")


def test_charts_have_no_plotly_toolbar():
    at = AppTest.from_function(_chart).run()
    [chart] = at.get("plotly_chart")
    assert json.loads(chart.proto.config)["displayModeBar"] is False
