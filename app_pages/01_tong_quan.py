"""Tổng quan: each KPI against the year's target, the monthly trend, volumes by channel."""

import streamlit as st

from pipelines.periods import parse_period, previous_period
from ui import chart_text, charts, db, filters, tiles, widgets

chosen = filters.current()
scope = chosen.scope
st.title("Tổng quan kết quả giải quyết TTHC")
st.caption(f"{chosen.period.title_vi}. Δ: so với {previous_period(chosen.period).label_vi.lower()}.")

targets = db.targets_status(scope=scope)
compare_total = db.kpi_compare("total", scope=scope)
tiles.show(
    tiles.target_tiles(
        targets, compare_total, db.kpi_compare("sector_group", scope=scope), scope.sector_group
    ),
    missing=tiles.missing_columns(db.field_coverage(), db.field_labels()),
)
tiles.show(tiles.volume_tiles(compare_total))

year = parse_period(str(scope.to_date.year))
trend = db.monthly_trend(scope=scope.over(year))
left, right = st.columns([3, 2])
with left:
    widgets.chart(
        charts.rate_trend(trend, targets),
        f"Tỷ lệ đúng hạn và trước hạn theo tháng, {year.label_vi.lower()}",
        chart_text.trend_summary(trend, targets),
        chart_text.trend_table(trend),
    )
with right:
    widgets.chart(
        charts.channel_bars(trend),
        f"Hồ sơ tiếp nhận theo hình thức nộp, theo tháng, {year.label_vi.lower()}",
        chart_text.channel_summary(trend),
        chart_text.channel_table(trend),
    )
