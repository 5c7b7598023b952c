"""The Đơn vị page's unit × month table equals the KPI layer month by month."""

import polars as pl

from pipelines import kpi
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
