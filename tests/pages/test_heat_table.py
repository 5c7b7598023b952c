"""The Đơn vị page's unit × month tables: equal to the KPI layer month by month, one per level, one decimal;
its bar charts name units by their short names."""

import json

import polars as pl

from pipelines import kpi
from pipelines.labels import format_rate_vi
from pipelines.periods import parse_period
from pipelines.scope import Scope
from ui import db


def test_unit_month_rates_equal_monthly_kpis(warehouse, monkeypatch, kpi_con):
    monkeypatch.setenv(db.DB_ENV, str(warehouse.path))
    year = parse_period("2023")
    table = db.unit_month_rates.__wrapped__(kpi_con, scope=Scope.of(year, unit_level="ward"))
    assert table.columns == ["unit_name", *[f"2023-{m:02d}" for m in range(1, 13)]]
    march = parse_period("2023-03")
    expected = kpi.kpi_table(kpi_con, "unit", scope=Scope.of(march, unit_level="ward")).select(
        pl.col("key").alias("unit_name"), pl.col("on_time_rate").alias("2023-03")
    )
    assert (
        table.select("unit_name", "2023-03")
        .join(expected, on="unit_name")
        .filter(pl.col("2023-03") != pl.col("2023-03_right"))
        .is_empty()
    )
    assert table.height == expected.height


def _figures(at) -> dict[str, dict]:
    """The page's Plotly charts by title (their accessible name), as the browser receives them."""
    return {chart.proto.alt: json.loads(chart.proto.spec) for chart in at.get("plotly_chart")}


def test_unit_page_heat_tables_keep_levels_apart_with_one_decimal_and_bars_use_short_names(app, kpi_con):
    at = app("03_don_vi", ky="2023")
    figures = _figures(at)
    wards = figures["Tỷ lệ đúng hạn theo tháng, phường và xã, năm 2023"]["data"][0]
    city = figures["Tỷ lệ đúng hạn theo tháng, cấp thành phố, năm 2023"]["data"][0]
    levels = dict(
        kpi.kpi_table(kpi_con, "unit", scope=Scope.of(parse_period("2023")))
        .select("key", "unit_level")
        .rows()
    )
    assert {levels[name] for name in wards["y"]} == {"ward", "commune"}
    assert {levels[name] for name in city["y"]} == {"city"}
    rates = db.unit_month_rates.__wrapped__(
        kpi_con, scope=Scope.of(parse_period("2023"), unit_level="ward_commune")
    )
    assert rates["unit_name"].to_list() == wards["y"]
    months = rates.drop("unit_name").rows()
    assert wards["text"] == [[format_rate_vi(v) if v is not None else "" for v in row] for row in months]
    assert any("," in cell and not cell.endswith(",0 %") for row in wards["text"] for cell in row)  # 99,6 %
    bars = figures["Tỷ lệ đúng hạn, phường và xã"]["data"][0]["y"]
    assert all(name.startswith(("P. ", "X. ")) for name in bars)
    assert not any(name.startswith(("Phường ", "Xã ")) for name in bars)
