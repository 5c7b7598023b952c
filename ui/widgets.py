"""Small Streamlit pieces the pages share: the breadcrumb, charts with their text alternative,
pick-from-chart-or-list, drill navigation."""

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from ui import drill, tables
from ui import format as fmt

DATA_LABEL = "Số liệu của biểu đồ"
# Instead of an empty table, whose grid says "empty" in English.
NO_ROWS_VI = "Không có dòng nào."
CHART_CONFIG = {"displayModeBar": False}
PICK_HELP = "Nhấn vào một thanh của biểu đồ, hoặc chọn trong danh sách dưới biểu đồ, để {}."


def go_to(target: drill.Drill) -> None:
    drill.apply(st.query_params, target)
    st.rerun()


def breadcrumb(trail: list[tuple[str, drill.Drill]]) -> None:
    """Each level above the current one is a button back to it; labels shown as written (fmt.md)."""
    with st.container(horizontal=True, gap="small", vertical_alignment="center"):
        for label, target in trail[:-1]:
            if st.button(fmt.md(label), type="tertiary", key=f"crumb_{label}"):
                go_to(target)
            st.markdown("›")
        st.markdown(f"**{fmt.md(trail[-1][0])}**")


def chart(
    figure: go.Figure, title: str, summary: str, data: pl.DataFrame | None = None, key: str | None = None
) -> dict:
    """A chart under its title, with its text alternative: the title as its accessible name, a one-line
    summary under it (ui/chart_text) and, given `data`, its numbers in a collapsed expander, so that a
    screen reader or a keyboard gets what the picture shows. With a key, clicks select points: the
    selection is returned (empty without a key)."""
    st.subheader(fmt.md(title))
    event = _figure(figure, title, summary, key)
    if data is not None:
        with st.expander(DATA_LABEL):
            table(data)
    return event


def _figure(figure: go.Figure, title: str, summary: str, key: str | None) -> dict:
    selectable = {"key": key, "on_select": "rerun", "selection_mode": "points"} if key else {}
    # theme=None: the figure keeps ui/charts' own colours, whose contrast is measured; no Plotly toolbar,
    # which covered the legend (on a phone above all) and offered English tools nobody here needs.
    event = st.plotly_chart(figure, theme=None, alt=title, config=CHART_CONFIG, **selectable)
    st.caption(fmt.md(summary))
    return event.selection if key else {}


def pick(
    figure: go.Figure,
    title: str,
    summary: str,
    rows: pl.DataFrame,
    keys: pl.Series,
    key: str,
    action: str,
    name_column: str,
) -> str | None:
    """The rows as a table, the same as a clickable chart, then a list naming each row by `name_column`
    (the keyboard's and touch screens' way), to do `action`; the key (from `keys`, one per row) of the
    row chosen in either, or None. The table comes first: its cells show as soon as they arrive,
    where a chart or a data grid first loads its own script, so the numbers do not wait for the picture."""
    st.subheader(fmt.md(title))
    if rows.is_empty():
        st.caption(NO_ROWS_VI)
        return None
    tables.show(rows)
    points = _figure(figure, title, f"{summary} {PICK_HELP.format(action)}", f"{key}_chart")
    names = dict(zip(keys.to_list(), rows[name_column].to_list(), strict=True))
    chosen = st.selectbox(
        fmt.capitalised(action),
        list(names),
        index=None,
        format_func=names.__getitem__,
        placeholder=f"Chọn {name_column.lower()}",
        key=f"{key}_choice",
    )
    return drill.picked(points, keys) or chosen


def table(shown: pl.DataFrame, column_config: dict | None = None) -> None:
    """A read-only table: no index column, "—" where a value does not exist; a line saying so when there
    are no rows."""
    if shown.is_empty():
        st.caption(NO_ROWS_VI)
        return
    st.dataframe(shown, hide_index=True, placeholder=fmt.EMPTY, column_config=column_config)


def dossier_table(shown: pl.DataFrame) -> None:
    """Dossiers as tables.dossiers gives them, dates day-first."""
    table(shown, tables.DOSSIER_COLUMN_CONFIG)
