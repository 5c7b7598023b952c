"""Vietnamese display formats, from tables of (input, expected)."""

import datetime as dt

import polars as pl
import pytest

from ui import format as fmt

NUMBERS = [(0, "0"), (7, "7"), (1234, "1.234"), (1234567, "1.234.567"), (20.0, "20"), (None, "—")]
PERCENTS = [(0.953, "95,3 %"), (1.0, "100,0 %"), (0.0, "0,0 %"), (0.95349, "95,3 %"), (None, "—")]
POINTS = [(0.012, "+1,2 điểm %"), (-0.035, "-3,5 điểm %"), (0.0, "+0,0 điểm %"), (None, None)]
DATES = [(dt.date(2023, 1, 5), "05/01/2023"), (dt.datetime(2023, 12, 14, 16, 30), "14/12/2023"), (None, "—")]


@pytest.mark.parametrize(("value", "expected"), NUMBERS)
def test_number(value, expected):
    assert fmt.number(value) == expected


@pytest.mark.parametrize(("rate", "expected"), PERCENTS)
def test_percent(rate, expected):
    assert fmt.percent(rate) == expected


@pytest.mark.parametrize(("delta", "expected"), POINTS)
def test_points(delta, expected):
    assert fmt.points(delta) == expected


@pytest.mark.parametrize(("value", "expected"), DATES)
def test_date(value, expected):
    assert fmt.date(value) == expected


def test_datetime_is_day_first_with_minutes():
    assert fmt.datetime(dt.datetime(2023, 3, 2, 8, 5, 59)) == "02/03/2023 08:05"


def test_display_table_keeps_only_labelled_columns_in_order_and_formats_them():
    frame = pl.DataFrame(
        {
            "unit_id": ["p_le_loi", "x_bao_khe"],
            "unit_name": ["Phường Lê Lợi", "Xã Bảo Khê"],
            "n_resolved": [1234, 0],
            "on_time_rate": [0.953, None],
            "received_date": [dt.date(2023, 1, 5), None],
        }
    )
    shown = fmt.display_table(
        frame,
        {
            "unit_name": "Đơn vị",
            "on_time_rate": "Đúng hạn",
            "n_resolved": "Đã giải quyết",
            "received_date": "Ngày",
        },
        rates=("on_time_rate",),
        counts=("n_resolved",),
    )
    assert shown.columns == ["Đơn vị", "Đúng hạn", "Đã giải quyết", "Ngày"]
    assert shown.rows() == [("Phường Lê Lợi", "95,3 %", "1.234", "05/01/2023"), ("Xã Bảo Khê", "—", "0", "—")]


@pytest.mark.parametrize(("value", "expected"), [(12, "+12"), (-1234.0, "-1.234"), (0, "+0"), (None, None)])
def test_signed(value, expected):
    assert fmt.signed(value) == expected


# (value, comparison, target) → shown: one decimal, cut toward the badge only where rounding contradicts it
AGAINST_TARGET = [
    (0.9496, ">", 0.95, "94,9 %"),  # not met: never "95,0 %" against "> 95 %"
    (0.95, ">", 0.95, "95,0 %"),  # exactly the target, not above it: true as written
    (0.9501, ">", 0.95, "95,1 %"),  # met: never "95,0 %" against "> 95 %"
    (0.8996, ">=", 0.90, "89,9 %"),  # not met: never "90,0 %" against "≥ 90 %"
    (0.90, ">=", 0.90, "90,0 %"),
    (0.953, ">", 0.95, "95,3 %"),  # far enough: plain rounding
    (0.5409, ">=", 0.80, "54,1 %"),
    (0.99996, ">=", 1.00, "99,9 %"),  # one dossier short of 100 %
    (0.0504, "<", 0.05, "5,1 %"),  # a lower-is-better target: cut upward when not met
    (None, ">", 0.95, "—"),
    (0.9496, None, None, "95,0 %"),  # no target: plain rounding
]


@pytest.mark.parametrize(("value", "comparison", "target", "shown"), AGAINST_TARGET)
def test_a_rate_beside_its_target_never_contradicts_its_badge(value, comparison, target, shown):
    assert fmt.percent_against(value, comparison, target) == shown


def test_markdown_from_the_url_or_the_data_is_shown_as_written():
    """Every mark that could start a link, an image, HTML, a Streamlit directive or LaTeX is escaped, and a
    bare address is broken (the browser test checks what Streamlit draws: tests/e2e/test_unit_scope.py);
    ordinary text reads as written."""
    import re

    from ui.format import md

    hostile = (
        "[x](https://evil.example/login) ![](http://img.example/p.png) <img src=x> :red[a] $x$ a_b "
        "www.evil.example a@evil.example\nc"
    )
    escaped = md(hostile)
    bare = re.sub(r"\\.", "", escaped)
    assert not set(bare) & set("[]<>$_@\\\n")
    assert "://" not in bare and "www." not in bare
    assert re.sub(r"\\(.)", r"\1", escaped) == hostile.replace("\n", " ")
    assert (
        md("Đất đai: kết quả theo đơn vị, 2.042 hồ sơ (46,1 %).")
        == "Đất đai: kết quả theo đơn vị, 2.042 hồ sơ (46,1 %)."
    )
