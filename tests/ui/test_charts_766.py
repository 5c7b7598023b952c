"""The Chỉ số 766 page's charts and words: WCAG AA contrast measured on the figures (as
tests/ui/test_chart_contrast.py does for ui/charts), the score never shown above its band, points and
bands written the Vietnamese way."""

import polars as pl
import pytest

from pipelines import index_766
from pipelines.labels import format_points_vi, format_score_vi
from tests.ui.test_chart_contrast import GRAPHIC_AA, TEXT_AA, contrast, graphic_pairs, text_pairs
from ui import charts, charts_766, text_766

BANDS = index_766.load().bands
INDICATORS = pl.DataFrame(
    {
        "group_label_vi": ["Tiến độ giải quyết", "Dịch vụ công trực tuyến", "Mức độ hài lòng"],
        "label_vi": ["Tiến độ giải quyết hồ sơ", "Hồ sơ nộp trực tuyến", "Mức độ hài lòng"],
        "points": [14.0, 3.0, None],
        "max_points": [20.0, 6.0, None],
    }
)
TREND = pl.DataFrame(
    {
        "month": ["2023-01", "2023-02", "2023-03"],
        "score_100": [84.96, None, 70.0],
        "band_label_vi": ["a", None, "b"],
    }
)
FIGURES = {
    "gauge": lambda: charts_766.gauge(84.96, "Đạt chuẩn tối thiểu", BANDS),
    "indicator_bars": lambda: charts_766.indicator_bars(INDICATORS),
    "score_trend": lambda: charts_766.score_trend(TREND, BANDS),
}


@pytest.mark.parametrize("name", FIGURES)
def test_text_reaches_4_5_and_graphics_3_to_1(name):
    fig = FIGURES[name]()
    low_text = [(what, fg, bg) for what, fg, bg in text_pairs(fig) if contrast(fg, bg) < TEXT_AA]
    low_graphics = [(what, fg, bg) for what, fg, bg in graphic_pairs(fig) if contrast(fg, bg) < GRAPHIC_AA]
    assert (low_text, low_graphics) == ([], [])


def test_the_gauges_bar_and_words_stand_out_from_every_band():
    gauge = FIGURES["gauge"]().data[0]
    for step in gauge.gauge.steps:
        assert contrast(gauge.gauge.bar.color, step.color) >= GRAPHIC_AA
    assert contrast(gauge.number.font.color, charts.BACKGROUND) >= TEXT_AA
    assert gauge.value == 84.9  # rounded down: never «85,0» beside «đạt chuẩn tối thiểu»
    assert [step.range for step in gauge.gauge.steps] == [(0, 70), (70, 85), (85, 100)]


def test_the_bars_show_only_scored_indicators_against_their_maximum():
    maximum, points = FIGURES["indicator_bars"]().data
    assert list(maximum.x) == [20.0, 6.0] and list(points.x) == [14.0, 3.0]
    assert list(points.y) == ["Tiến độ giải quyết hồ sơ", "Hồ sơ nộp trực tuyến"]
    assert list(maximum.text) == ["14,00 / 20,00", "3,00 / 6,00"]


@pytest.mark.parametrize(
    ("score", "shown"), [(84.96, "84,9"), (85.0, "85,0"), (69.999999, "69,9"), (100.0, "100,0"), (None, "—")]
)
def test_scores_are_rounded_down_to_one_decimal(score, shown):
    assert format_score_vi(score) == shown


@pytest.mark.parametrize(
    ("points", "shown"),
    [(54 / 13, "4,15"), (0.9, "0,90"), (1234.5, "1.234,50"), (20.0, "20,00"), (None, "—")],
)
def test_points_have_two_decimals(points, shown):
    assert format_points_vi(points) == shown


def test_the_bands_in_words():
    assert text_766.bands_text(BANDS) == (
        "dưới 70: Dưới chuẩn tối thiểu; từ 70 đến dưới 85: Đạt chuẩn tối thiểu; từ 85: Chuẩn khá"
    )
