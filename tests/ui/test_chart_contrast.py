"""WCAG AA in every chart of ui/charts.py, measured on the figures themselves (axe-core cannot see into
Plotly's SVG: it reports chart text as "incomplete"): text ≥ 4.5:1 against what lies under it, bars and
lines ≥ 3:1 against the background. Also the theme's caption grey against Streamlit's two backgrounds."""

import tomllib
from pathlib import Path

import plotly.graph_objects as go
import polars as pl
import pytest
from coloraide import Color
from plotly.colors import find_intermediate_color, hex_to_rgb

from ui import charts

TEXT_AA, GRAPHIC_AA = 4.5, 3.0
CONFIG = Path(__file__).resolve().parents[2] / ".streamlit" / "config.toml"
# Streamlit's light theme (its config.py): the page's and the sidebar's background.
STREAMLIT_BACKGROUNDS = ("#ffffff", "#f8f8f7")
CAPTION_OPACITY = 0.6  # captions (the sidebar's period and user lines too) are drawn at 60 % opacity

MONTHS = pl.DataFrame(
    {
        "key": ["2023-01", "2023-02", "2023-03"],
        "on_time_rate": [0.96, None, 0.91],
        "early_rate": [0.70, None, 0.65],
        "n_received": [10, 0, 7],
        "n_received_online": [4, 0, 7],
    }
)
TARGETS = pl.DataFrame({"kpi": ["on_time_rate", "early_rate"], "target_value": [0.95, 0.80]})
OUTCOMES = pl.DataFrame(
    {
        "key": ["land", "other"],
        "label": ["Đất đai", "Lĩnh vực khác"],
        "n_resolved": [10, 0],
        "n_early": [5, 0],
        "n_on_time": [3, 0],
        "n_late": [2, 0],
    }
)
RANKING = pl.DataFrame(
    {"unit_id": ["a", "b", "c"], "unit_name": ["A", "B", "C"], "on_time_rate": [0.99, 0.9, None]}
)
ON_TIME_TARGET = {"comparison": ">", "target_value": 0.95}
STATUSES = pl.DataFrame(
    {
        "label": ["Đất đai", "Xây dựng", "Đầu tư"],
        "value_rate": [0.9, 0.8, None],
        "status": ["met", "not_met", "no_data"],
        "target_value": [0.85, 0.85, 0.85],
    }
)
HEAT = pl.DataFrame({"unit_name": ["A", "B"], "2023-01": [0.5, 1.0], "2023-02": [0.94, None]})

FIGURES = {
    "rate_trend": lambda: charts.rate_trend(MONTHS, TARGETS),
    "channel_bars": lambda: charts.channel_bars(MONTHS),
    "outcome_bars": lambda: charts.outcome_bars(OUTCOMES, "label", "key"),
    "rate_bars": lambda: charts.rate_bars(RANKING, "unit_name", "unit_id", "on_time_rate", ON_TIME_TARGET),
    "rate_bars without target": lambda: charts.rate_bars(
        RANKING, "unit_name", "unit_id", "on_time_rate", None
    ),
    "target_bars": lambda: charts.target_bars(STATUSES, "label"),
    "heat_table": lambda: charts.heat_table(HEAT, "unit_name", 0.95),
    "heat_table without target": lambda: charts.heat_table(HEAT, "unit_name", None),
}


def contrast(foreground: str, background: str) -> float:
    return Color(foreground).contrast(background, method="wcag21")


def _colours(value) -> list[str]:
    return list(value) if isinstance(value, list | tuple) else [value]


def _scale_colours(colours_at_stops: list[str], steps: int = 50) -> list[str]:
    """Colours along a Plotly colour scale, interpolated as Plotly does (in RGB) between its stops."""
    colours = []
    for low, high in zip(colours_at_stops, colours_at_stops[1:], strict=False):
        for step in range(steps + 1):
            rgb = find_intermediate_color(hex_to_rgb(low), hex_to_rgb(high), step / steps)
            colours.append("#{:02x}{:02x}{:02x}".format(*(round(c) for c in rgb)))
    return colours


def text_pairs(fig: go.Figure) -> list[tuple[str, str, str]]:
    """(what, text colour, colour under it) for every text the figure draws."""
    layout, background = fig.layout, fig.layout.plot_bgcolor
    pairs = [
        ("axes and legend", layout.font.color, layout.paper_bgcolor),
        ("plot", layout.font.color, background),
    ]
    pairs += [("annotation", a.font.color, layout.paper_bgcolor) for a in layout.annotations]
    for trace in fig.data:
        if trace.type == "bar" and trace.texttemplate:
            pairs += [("inside a bar", trace.insidetextfont.color, c) for c in _colours(trace.marker.color)]
            pairs.append(("beside a bar", trace.outsidetextfont.color, background))
        if trace.type == "heatmap":
            stops = [colour for _stop, colour in trace.colorscale]
            pairs += [("heat cell", trace.textfont.color, c) for c in _scale_colours(stops)]
    return pairs


def graphic_pairs(fig: go.Figure) -> list[tuple[str, str, str]]:
    """(what, colour, background) for the bars, lines and target lines."""
    background = fig.layout.plot_bgcolor
    pairs = [("target line", shape.line.color, background) for shape in fig.layout.shapes]
    for trace in fig.data:
        if trace.type == "bar":
            pairs += [("bar", c, background) for c in _colours(trace.marker.color)]
        if trace.type == "scatter":
            pairs.append(("line", trace.line.color, background))
    return pairs


@pytest.mark.parametrize("name", FIGURES)
def test_chart_text_reaches_4_5_to_1(name):
    pairs = text_pairs(FIGURES[name]())
    assert pairs
    low = [(what, fg, bg, round(contrast(fg, bg), 2)) for what, fg, bg in pairs if contrast(fg, bg) < TEXT_AA]
    assert low == []


@pytest.mark.parametrize("name", FIGURES)
def test_bars_and_lines_reach_3_to_1(name):
    pairs = graphic_pairs(FIGURES[name]())
    low = [
        (what, fg, bg, round(contrast(fg, bg), 2)) for what, fg, bg in pairs if contrast(fg, bg) < GRAPHIC_AA
    ]
    assert low == []


def test_every_heat_colour_is_checked_under_the_cell_text():
    heat = FIGURES["heat_table"]().data[0]
    sampled = _scale_colours([colour for _stop, colour in heat.colorscale])
    assert charts.HEAT_BELOW in sampled and charts.HEAT_TOP in sampled
    assert heat.textfont.color == charts.TEXT


def test_late_bars_are_striped_and_met_bars_say_so_in_words():
    late = {trace.name: trace.marker.pattern.shape for trace in FIGURES["outcome_bars"]().data}
    assert late == {"Trước hạn": "", "Đúng hạn": "", "Quá hạn": charts.HATCH}
    bars = FIGURES["target_bars"]().data[0]
    assert list(bars.text) == ["Đạt", "Chưa đạt", "Chưa có số liệu"]
    assert bars.texttemplate == "%{x:.1%} %{text}"


def test_theme_captions_reach_4_5_to_1_on_the_page_and_the_sidebar():
    theme = tomllib.loads(CONFIG.read_text(encoding="utf-8"))["theme"]
    assert theme["textColor"] == charts.TEXT  # charts and pages speak with one text colour
    for text in (theme["textColor"], theme["codeTextColor"]):  # captions may hold inline code
        caption = Color(text).set("alpha", CAPTION_OPACITY)
        for background in STREAMLIT_BACKGROUNDS:
            assert contrast(Color.layer([caption, background]).to_string(hex=True), background) >= TEXT_AA
    assert contrast("#ffffff", theme["primaryColor"]) >= TEXT_AA  # primary buttons: white text
