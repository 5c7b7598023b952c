"""The overview's scorecard as a table (ui/scorecard.py): which online rate, what it says of a missing
column, a cell's parts, a heading's target."""

import polars as pl

from ui import scorecard

LABELS = {"service_level": "Mức độ DVC", "procedure_code": "Mã thủ tục"}


def _rows(**overrides) -> pl.DataFrame:
    """kpi_scorecard rows for the city and land, on-time only."""
    row = dict(
        sector_group="land",
        kpi="on_time_rate",
        value_rate=0.9496,
        value_rate_compared=0.9,
        delta_compared=0.0496,
        target_sector_group="all",
        comparison=">",
        target_value=0.95,
        status="not_met",
    )
    return pl.DataFrame([row | overrides, row | {"sector_group": "all", "value_rate": 0.97, "status": "met"}])


def test_the_online_column_is_fully_online_only_where_the_files_allow():
    assert scorecard.online_kpi({"channel", "service_level"}) == "online_full_rate"
    assert scorecard.online_kpi({"channel", "procedure_code"}) == "online_full_rate"
    assert scorecard.online_kpi({"channel"}) == "online_rate"
    assert scorecard.columns({"channel"})[-1] == "online_rate"
    assert scorecard.missing_online_note({"channel", "service_level"}, LABELS) is None
    note = scorecard.missing_online_note({"channel"}, LABELS)
    assert "«Mức độ DVC» hay «Mã thủ tục»" in note and "tỷ lệ trực tuyến (chung)" in note


def test_a_cell_reads_value_verdict_and_change_and_the_heading_gives_a_shared_target():
    table = scorecard.markdown(_rows(), ["on_time_rate"])
    header, _rule, land, city = table.replace(scorecard.NBSP, " ").splitlines()
    assert header == "| Nhóm lĩnh vực | Đúng hạn (> 95 %) |"
    assert land == "| Đất đai | **94,9 %** :red-badge[Chưa đạt] Δ +5,0 |"
    assert city == "| **Toàn thành phố** | **97,0 %** :green-badge[Đạt] Δ +5,0 |"


def test_a_row_with_its_own_target_says_it_and_no_change_is_a_dash():
    rows = _rows(
        target_value=0.85, comparison=">=", status="met", delta_compared=None, value_rate_compared=None
    )
    table = scorecard.markdown(rows, ["on_time_rate"]).replace(scorecard.NBSP, " ")
    header, _rule, land, _city = table.splitlines()
    assert header == "| Nhóm lĩnh vực | Đúng hạn |"
    assert land == "| Đất đai | **95,0 %** :green-badge[Đạt] (≥ 85 %) Δ — |"
