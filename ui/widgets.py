"""Small Streamlit pieces the pages share: the breadcrumb, charts with their text alternative,
pick-from-chart-or-table, drill navigation."""

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from ui import drill, tables
from ui import format as fmt

DATA_LABEL = "Số liệu của biểu đồ"
# Instead of an empty table, whose grid says "empty" in English.
NO_ROWS_VI = "Không có dòng nào."
CHART_CONFIG = {"displayModeBar": False}
# Streamlit's table selects a row with Shift + Space (glide-data-grid's key), which nobody would guess.
PICK_HELP = (
    "Chọn một dòng trên biểu đồ hoặc trong bảng (bàn phím: Tab đến bảng, mũi tên, Shift + Space) để {}."
)


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
    selectable = {"key": key, "on_select": "rerun", "selection_mode": "points"} if key else {}
    # theme=None: the figure keeps ui/charts' own colours, whose contrast is measured; no Plotly toolbar,
    # which covered the legend (on a phone above all) and offered English tools nobody here needs.
    event = st.plotly_chart(figure, theme=None, alt=title, config=CHART_CONFIG, **selectable)
    st.caption(fmt.md(summary))
    if data is not None:
        with st.expander(DATA_LABEL):
            table(data)
    return event.selection if key else {}


def pick(
    figure: go.Figure,
    title: str,
    summary: str,
    rows: pl.DataFrame,
    keys: pl.Series,
    key: str,
    action: str,
) -> str | None:
    """A clickable chart and the same rows as a selectable table (the fallback on touch screens, for the
    keyboard and in tests), with how to choose, to do `action`; the key (from `keys`, one per row) of
    the row chosen in either, or None."""
    points = chart(figure, title, f"{summary} {PICK_HELP.format(action)}", key=f"{key}_chart")
    if rows.is_empty():
        st.caption(NO_ROWS_VI)
        return None
    chosen = st.dataframe(
        rows,
        hide_index=True,
        placeholder=fmt.EMPTY,
        on_select="rerun",
        selection_mode="single-row",
        key=f"{key}_table",
    )
    return drill.picked(points, keys) or drill.picked(chosen.selection, keys)


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
