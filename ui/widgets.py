"""Small Streamlit pieces the pages share: the breadcrumb, pick-from-chart-or-table, drill navigation."""

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from ui import drill, tables
from ui import format as fmt


def go_to(target: drill.Drill) -> None:
    drill.apply(st.query_params, target)
    st.rerun()


def breadcrumb(trail: list[tuple[str, drill.Drill]]) -> None:
    """Each level above the current one is a button back to it."""
    with st.container(horizontal=True, gap="small", vertical_alignment="center"):
        for label, target in trail[:-1]:
            if st.button(label, type="tertiary", key=f"crumb_{label}"):
                go_to(target)
            st.markdown("›")
        st.markdown(f"**{trail[-1][0]}**")


def pick(figure: go.Figure, table: pl.DataFrame, keys: pl.Series, key: str) -> str | None:
    """A clickable chart and the same rows as a selectable table (the fallback on touch screens and in
    tests); the key (from `keys`, one per row) of the row chosen in either, or None."""
    chart = st.plotly_chart(figure, on_select="rerun", selection_mode="points", key=f"{key}_chart")
    rows = st.dataframe(
        table,
        hide_index=True,
        placeholder=fmt.EMPTY,
        on_select="rerun",
        selection_mode="single-row",
        key=f"{key}_table",
    )
    return drill.picked(chart.selection, keys) or drill.picked(rows.selection, keys)


def table(shown: pl.DataFrame, column_config: dict | None = None) -> None:
    """A read-only table: no index column, "—" where a value does not exist."""
    st.dataframe(shown, hide_index=True, placeholder=fmt.EMPTY, column_config=column_config)


def dossier_table(shown: pl.DataFrame) -> None:
    """Dossiers as tables.dossiers gives them, dates day-first."""
    table(shown, tables.DOSSIER_COLUMN_CONFIG)
