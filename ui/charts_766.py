"""The charts of the Chỉ số 766 page, in ui/charts' palette and style: the score on 100 as a gauge over the
national bands, each indicator's points against its maximum, the monthly score with the bands' limits."""

import plotly.graph_objects as go
import polars as pl

from pipelines.index_766 import Band
from pipelines.labels import format_points_vi, shown_score
from ui import charts

# Light band shades behind the gauge's dark bar (≥ 3:1 against each); the band is also said in words.
BAND_SHADES = ("#f4c7c3", "#ffe9a8", "#c8e6c9")
MAX_SHADE = "#8c8c8c"  # what an indicator could still earn, behind its points (≥ 3:1 on white)


def _band_edges(bands: tuple[Band, ...]) -> list[tuple[float, float]]:
    limits = [band.min_score for band in bands] + [100.0]
    return list(zip(limits[:-1], limits[1:], strict=True))


@charts.built_once
def gauge(score: float | None, band_label: str | None, bands: tuple[Band, ...]) -> go.Figure:
    """The score on 100 (None: nothing computable) as a gauge whose steps are the bands."""
    steps = [
        {"range": list(edge), "color": BAND_SHADES[min(i, len(BAND_SHADES) - 1)]}
        for i, edge in enumerate(_band_edges(bands))
    ]
    fig = go.Figure(
        go.Indicator(
            mode="gauge+number",
            value=shown_score(score),
            number={"valueformat": ".1f", "suffix": " / 100", "font": {"color": charts.TEXT}},
            title={"text": band_label or "Chưa tính được", "font": {"color": charts.TEXT, "size": 16}},
            gauge={
                "axis": {
                    "range": [0, 100],
                    "tickvals": [band.min_score for band in bands] + [100],
                    "tickcolor": charts.TEXT,
                },
                "bar": {"color": charts.PRIMARY, "thickness": 0.35},
                "steps": steps,
                "bgcolor": charts.BACKGROUND,
            },
        )
    )
    fig = charts.styled(fig, 260)
    fig.update_layout(margin={"l": 32, "r": 40, "t": 48, "b": 8})
    return fig


@charts.built_once
def indicator_bars(indicators: pl.DataFrame) -> go.Figure:
    """One bar per scored indicator (kpi_766_indicators rows with points): its points over a grey bar of its
    maximum, «points / maximum» written after it; the group is in the hover and the table."""
    scored = indicators.filter(pl.col("points").is_not_null())
    labels = scored["label_vi"].to_list()
    groups = scored.select("group_label_vi").rows()
    fig = go.Figure()
    fig.add_bar(
        y=labels,
        x=scored["max_points"].to_list(),
        orientation="h",
        name="Điểm tối đa",
        marker_color=MAX_SHADE,
        text=[
            f"{format_points_vi(points)} / {format_points_vi(maximum)}"
            for points, maximum in scored.select("points", "max_points").iter_rows()
        ],
        texttemplate="%{text}",
        textposition="outside",
        cliponaxis=False,
        customdata=groups,
        hovertemplate="%{customdata[0]} — %{y}: tối đa %{x:.2f}<extra></extra>",
    )
    fig.add_bar(
        y=labels,
        x=scored["points"].to_list(),
        orientation="h",
        name="Điểm đạt",
        marker_color=charts.PRIMARY,
        customdata=groups,
        hovertemplate="%{customdata[0]} — %{y}: %{x:.2f} điểm<extra></extra>",
    )
    fig.update_layout(barmode="overlay")
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(range=[0, 1.35 * max(scored["max_points"].to_list(), default=1.0)])
    fig = charts.styled(fig, 110 + 40 * len(scored))
    fig.update_traces(insidetextfont_color=charts.TEXT, selector={"name": "Điểm tối đa"})
    return fig


@charts.built_once
def score_trend(trend: pl.DataFrame, bands: tuple[Band, ...]) -> go.Figure:
    """The score on 100 of each month (kpi_766_trend rows; none where nothing was computable), with the
    lower limit of each band above the lowest as a dashed line."""
    fig = go.Figure()
    fig.add_scatter(
        x=charts.month_labels(trend["month"]),
        y=[shown_score(score) for score in trend["score_100"]],
        name="Điểm quy về thang 100",
        mode="lines+markers",
        line={"color": charts.PRIMARY, "width": 3},
        hovertemplate="%{x}: %{y:.1f}<extra></extra>",
    )
    for band in bands[1:]:
        fig.add_hline(
            y=band.min_score,
            line_dash="dash",
            line_color=charts.TARGET,
            annotation_text=f"{band.label_vi} từ {band.min_score:g}",
            annotation_font_color=charts.TARGET,
            annotation_position="bottom right",
        )
    fig.update_yaxes(range=[0, 100])
    return charts.styled(fig, 320)
