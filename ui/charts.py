"""Plotly charts in one palette: outcomes always in the same colours, met / not met in green / red,
targets drawn as dashed lines, numbers written the Vietnamese way (separators ",.").

WCAG AA: text is near-black on white, or white inside bars whose colour gives it ≥ 4.5:1; bars and lines
reach 3:1 against the white background; late bars are also striped and met / not-met bars say so in words,
so that neither is told by colour alone (tests/ui/test_chart_contrast.py measures every pair)."""

import operator

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from pipelines.labels import KPI_LABELS_VI
from ui import format as fmt
from ui.labels import STATUS_LABELS_VI

TEXT = "#111111"  # the theme's text colour (.streamlit/config.toml)
BACKGROUND = "#ffffff"
INSIDE_TEXT = "#ffffff"  # on the dark bar colours below
PRIMARY = "#1f4e79"
SECONDARY = "#2e86c1"
MET = "#2e7d32"
NOT_MET = "#c62828"
NO_DATA = "#757575"
TARGET = "#6d4c41"
OUTCOME_COLOURS = {"n_early": MET, "n_on_time": "#689f38", "n_late": NOT_MET}
HATCH = "/"  # late bars are striped as well as red; met / not met bars say so in words
# Heat-table cells carry near-black text: every colour of these scales gives it ≥ 4.5:1.
HEAT_BELOW, HEAT_JUST_BELOW, HEAT_AT, HEAT_TOP = "#e57373", "#f4c7c3", "#c8e6c9", "#81c784"
HEAT_NO_TARGET = ("#deebf7", "#5b9bd5")
STATUS_COLOURS = {"met": MET, "not_met": NOT_MET, "no_data": NO_DATA}
MEETS = {">": operator.gt, ">=": operator.ge}
HEAT_SPAN = 0.10  # the heat table shades from 10 points below the target (dark red) up to 100 %

# Each figure is built once per process for the same data: Plotly's validators take 50–80 ms a figure,
# most of a page's script run, and every session of a page asks for the same few. Callers only read them.
built_once = st.cache_resource(show_spinner=False, max_entries=500)


def styled(fig: go.Figure, height: int) -> go.Figure:
    fig.update_layout(
        separators=",.",
        template="plotly_white",
        height=height,
        margin={"l": 8, "r": 8, "t": 32, "b": 8},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 0, "traceorder": "normal"},
        font={"family": "Arial, sans-serif", "size": 13, "color": TEXT},
        paper_bgcolor=BACKGROUND,
        plot_bgcolor=BACKGROUND,
    )
    fig.update_traces(  # a white edge keeps stacked segments apart even where their colours are close
        insidetextfont_color=INSIDE_TEXT,
        outsidetextfont_color=TEXT,
        marker_line={"color": BACKGROUND, "width": 1},
        selector={"type": "bar"},
    )
    return fig


def month_labels(keys) -> list[str]:
    """'2023-03' → '03/2023'."""
    return [f"{key[5:]}/{key[:4]}" for key in keys]


def _target_line(fig: go.Figure, value: float, label: str = "Chỉ tiêu", vertical: bool = False) -> None:
    line = {
        "line_dash": "dash",
        "line_color": TARGET,
        "annotation_font_color": TARGET,
        "annotation_text": f"{label} {fmt.percent(value, 0)}",
    }
    if vertical:
        fig.add_vline(x=value, annotation_position="top", **line)
    else:
        fig.add_hline(y=value, annotation_position="bottom right", **line)


@built_once
def rate_trend(trend: pl.DataFrame, targets: pl.DataFrame) -> go.Figure:
    """Monthly on-time and early rates (kpi month rows), their targets (kpi_targets_status rows) as
    lines; a month with nothing resolved has no point."""
    target_values = dict(targets.select("kpi", "target_value").iter_rows())
    fig = go.Figure()
    for column, colour in (("on_time_rate", PRIMARY), ("early_rate", SECONDARY)):
        fig.add_scatter(
            x=month_labels(trend["key"]),
            y=trend[column].to_list(),
            name=KPI_LABELS_VI[column],
            mode="lines+markers",
            line={"color": colour, "width": 3},
            hovertemplate="%{x}: %{y:.1%}<extra></extra>",
        )
        if column in target_values:
            _target_line(fig, target_values[column], f"Chỉ tiêu {KPI_LABELS_VI[column].lower()}")
    fig.update_yaxes(tickformat=".0%", rangemode="tozero")
    return styled(fig, 340)


@built_once
def channel_bars(trend: pl.DataFrame) -> go.Figure:
    """Dossiers received each month: online, and in person or by post (columns 4 and 5 of Biểu 06)."""
    months = month_labels(trend["key"])
    fig = go.Figure()
    fig.add_bar(x=months, y=trend["n_received_online"].to_list(), name="Trực tuyến", marker_color=PRIMARY)
    fig.add_bar(
        x=months,
        y=(trend["n_received"] - trend["n_received_online"]).to_list(),
        name="Trực tiếp và bưu chính",
        marker_color=SECONDARY,
    )
    fig.update_layout(barmode="stack")
    fig.update_yaxes(tickformat=",d")
    return styled(fig, 300)


@built_once
def outcome_bars(rows: pl.DataFrame, label_column: str, key_column: str) -> go.Figure:
    """One horizontal bar per row: the shares resolved early, on time and late; a click gives the key."""
    fig = go.Figure()
    for column, colour in OUTCOME_COLOURS.items():
        share = pl.when(pl.col("n_resolved") > 0).then(pl.col(column) / pl.col("n_resolved"))
        fig.add_bar(
            y=rows[label_column].to_list(),
            x=rows.select(share)[column].to_list(),
            orientation="h",
            name=KPI_LABELS_VI[column],
            marker={
                "color": colour,
                "pattern": {"shape": HATCH if column == "n_late" else "", "fgcolor": BACKGROUND},
            },
            customdata=rows.select(key_column, column).rows(),
            hovertemplate=f"%{{y}} — {KPI_LABELS_VI[column]}: %{{x:.1%}} (%{{customdata[1]:,d}} hồ sơ)"
            "<extra></extra>",
        )
    fig.update_layout(barmode="stack", clickmode="event+select")
    fig.update_xaxes(tickformat=".0%", range=[0, 1])
    fig.update_yaxes(autorange="reversed")
    return styled(fig, 90 + 34 * len(rows))


def status(rate: float | None, target: dict | None) -> str | None:
    """met / not_met / no_data against a kpi_targets_status row; None without a target."""
    if rate is None:
        return "no_data"
    if target is None:
        return None
    return "met" if MEETS[target["comparison"]](rate, target["target_value"]) else "not_met"


def _status_bars(statuses: list[str | None]) -> dict:
    """Bar colours by status (met / not_met / no_data; None: no target), and the status in words after
    each bar's value, so that it is not told by colour alone."""
    return {
        "marker_color": [STATUS_COLOURS.get(s, PRIMARY) for s in statuses],
        "text": [STATUS_LABELS_VI.get(s, "") for s in statuses],
        "texttemplate": "%{x:.1%} %{text}",
        "textposition": "auto",
    }


@built_once
def rate_bars(
    rows: pl.DataFrame, label_column: str, key_column: str, rate_column: str, target: dict | None
) -> go.Figure:
    """One bar per row, green when it meets `target` (a kpi_targets_status row, None in a year without
    one), red when not, grey when undefined; a click gives the key."""
    rates = rows[rate_column].to_list()
    fig = go.Figure()
    fig.add_bar(
        y=rows[label_column].to_list(),
        x=rates,
        orientation="h",
        showlegend=False,
        customdata=rows.select(key_column).rows(),
        **_status_bars([status(rate, target) for rate in rates]),
        hovertemplate="%{y}: %{x:.1%}<extra></extra>",
    )
    floor = [target["target_value"]] if target else []
    if target:
        _target_line(fig, target["target_value"], vertical=True)
    lowest = min([rate for rate in rates if rate is not None] + floor, default=0.0)
    fig.update_layout(clickmode="event+select")
    fig.update_xaxes(tickformat=".0%", range=[max(0.0, lowest - 0.05), 1.0])
    fig.update_yaxes(autorange="reversed")
    return styled(fig, 90 + 28 * len(rows))


@built_once
def target_bars(statuses: pl.DataFrame, label_column: str) -> go.Figure:
    """Rows of kpi_targets_status: value bars coloured met / not met, the target as a dashed line."""
    fig = go.Figure()
    fig.add_bar(
        y=statuses[label_column].to_list(),
        x=statuses["value_rate"].to_list(),
        orientation="h",
        showlegend=False,
        hovertemplate="%{y}: %{x:.1%}<extra></extra>",
        **_status_bars(statuses["status"].to_list()),
    )
    for value in statuses["target_value"].unique().to_list():
        _target_line(fig, value, vertical=True)
    fig.update_xaxes(tickformat=".0%", range=[0, 1])
    fig.update_yaxes(autorange="reversed")
    return styled(fig, 90 + 40 * len(statuses))


@built_once
def heat_table(rates: pl.DataFrame, row_column: str, target: float | None) -> go.Figure:
    """Rows (units) × month columns ('YYYY-MM') of rates: reds below the target, greens from it up
    (blues without a target), blank where nothing was resolved."""
    months = [name for name in rates.columns if name != row_column]
    if target is None:
        lowest, scale = 0.5, [[0.0, HEAT_NO_TARGET[0]], [1.0, HEAT_NO_TARGET[1]]]
    else:
        lowest = target - HEAT_SPAN
        at_target = (target - lowest) / (1.0 - lowest)  # where the target falls on the colour scale
        scale = [
            [0.0, HEAT_BELOW],
            [at_target - 1e-6, HEAT_JUST_BELOW],
            [at_target, HEAT_AT],
            [1.0, HEAT_TOP],
        ]
    cells = rates.select(months).rows()
    fig = go.Figure(
        go.Heatmap(
            z=rates.select(months).to_numpy(),
            x=month_labels(months),
            y=rates[row_column].to_list(),
            zmin=lowest,
            zmax=1.0,
            xgap=2,
            ygap=2,
            showscale=False,
            colorscale=scale,
            text=[[fmt.percent(value) if value is not None else "" for value in row] for row in cells],
            texttemplate="%{text}",  # one decimal, the Vietnamese way: 99,6 %, not 100 %
            textfont={"color": TEXT},
            hovertemplate="%{y}, %{x}: %{z:.1%}<extra></extra>",
        )
    )
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(side="top")
    return styled(fig, 80 + 26 * len(rates))
