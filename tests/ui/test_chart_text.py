"""The text alternative of each chart: the summary a screen reader reads, and the numbers' table."""

import polars as pl

from tests.ui.test_chart_contrast import HEAT, MONTHS, ON_TIME_TARGET, OUTCOMES, RANKING, STATUSES, TARGETS
from ui import chart_text

TARGET_ROWS = TARGETS.with_columns(pl.Series("comparison", [">", ">="]))
NOBODY_RESOLVED = pl.DataFrame({"key": ["2023-01"], "on_time_rate": [None], "early_rate": [None]})


def test_trend_summary_names_lowest_highest_and_latest_months_with_targets():
    assert chart_text.trend_summary(MONTHS, TARGET_ROWS) == (
        "Tỷ lệ đúng hạn thấp nhất 91,0 % (03/2023), cao nhất 96,0 % (01/2023), tháng gần nhất 91,0 % "
        "(03/2023); chỉ tiêu > 95 %. Tỷ lệ trước hạn thấp nhất 65,0 % (03/2023), cao nhất 70,0 % "
        "(01/2023), tháng gần nhất 65,0 % (03/2023); chỉ tiêu ≥ 80 %."
    )
    assert chart_text.trend_summary(NOBODY_RESOLVED, TARGET_ROWS) == chart_text.NOTHING_RESOLVED


def test_trend_table_has_every_month_and_a_dash_where_nothing_was_resolved():
    assert chart_text.trend_table(MONTHS).rows() == [
        ("01/2023", "96,0 %", "70,0 %"),
        ("02/2023", "—", "—"),
        ("03/2023", "91,0 %", "65,0 %"),
    ]


def test_channel_summary_and_table():
    assert chart_text.channel_summary(MONTHS) == (
        "Tiếp nhận 17 hồ sơ, trong đó trực tuyến 11 (64,7 %). Tháng nhiều nhất: 01/2023 (10 hồ sơ)."
    )
    table = chart_text.channel_table(MONTHS)
    assert table.columns == ["Tháng", "Trực tuyến", "Trực tiếp và bưu chính", "Tiếp nhận"]
    assert table.rows() == [
        ("01/2023", "4", "6", "10"),
        ("02/2023", "0", "0", "0"),
        ("03/2023", "7", "0", "7"),
    ]


def test_outcome_summary_names_the_highest_late_share():
    assert chart_text.outcome_summary(OUTCOMES, "label") == (
        "Tỷ lệ trước hạn, đúng hạn và quá hạn của 2 dòng trong bảng dưới. Quá hạn nhiều nhất: Đất đai, "
        "20,0 % (2 hồ sơ)."
    )


def test_ranking_summary_counts_who_meets_the_target_and_names_who_does_not():
    assert chart_text.ranking_summary(RANKING, "unit_name", "on_time_rate", ON_TIME_TARGET) == (
        "1 trên 2 đơn vị đạt chỉ tiêu > 95 % về tỷ lệ đúng hạn; chưa đạt: B (90,0 %)."
    )
    assert chart_text.ranking_summary(RANKING, "unit_name", "on_time_rate", None) == (
        "Tỷ lệ đúng hạn cao nhất: A (99,0 %); thấp nhất: B (90,0 %)."
    )


def test_ranking_summary_lists_five_names_and_counts_the_rest():
    many = pl.DataFrame({"unit_name": list("ABCDEFG"), "on_time_rate": [0.9 - i / 100 for i in range(7)]})
    assert chart_text.ranking_summary(many, "unit_name", "on_time_rate", ON_TIME_TARGET) == (
        "0 trên 7 đơn vị đạt chỉ tiêu > 95 % về tỷ lệ đúng hạn; chưa đạt: A (90,0 %), B (89,0 %), "
        "C (88,0 %), D (87,0 %), E (86,0 %) và 2 đơn vị khác."
    )


def test_target_summary_says_met_or_not_in_words():
    statuses = STATUSES.with_columns(pl.lit(">=").alias("comparison"))
    assert chart_text.target_summary(statuses, "label") == (
        "Đất đai 90,0 %: Đạt (chỉ tiêu ≥ 85 %); Xây dựng 80,0 %: Chưa đạt (chỉ tiêu ≥ 85 %); "
        "Đầu tư —: Chưa có số liệu (chỉ tiêu ≥ 85 %)."
    )


def test_heat_summary_counts_cells_below_the_target_and_names_the_lowest():
    assert chart_text.heat_summary(HEAT, "unit_name", ON_TIME_TARGET) == (
        "2 đơn vị × 2 tháng; 2 ô chưa đạt chỉ tiêu > 95 %. Thấp nhất: A, 01/2023, 50,0 %. "
        "Ô trống: không có hồ sơ giải quyết trong tháng."
    )
    assert chart_text.heat_data(HEAT, "unit_name").rows() == [
        ("A", "50,0 %", "94,0 %"),
        ("B", "100,0 %", "—"),
    ]
