"""Đơn vị: wards, communes and city departments ranked by on-time rate, a unit × month heat table;
a chosen unit's own trend, lĩnh vực and open or late dossiers."""

import streamlit as st

from pipelines.labels import UNIT_LEVEL_FILTER_LABELS_VI
from pipelines.periods import parse_period
from ui import chart_text, charts, db, filters, tables, widgets

scope = filters.current()
start, end = scope.period.from_date, scope.period.to_date
year = parse_period(str(end.year))
targets = db.targets_status(*scope.scope)
on_time_target = tables.overall_target(targets, "on_time_rate")
unit_names = tables.unit_names(db.kpi_table("unit", *scope.scope))
unit_id = st.query_params.get("don_vi")

if unit_id in unit_names:
    st.title(unit_names[unit_id])
    st.caption(scope.period.title_vi)
    if st.button("‹ Tất cả đơn vị", type="tertiary"):
        del st.query_params["don_vi"]
        st.rerun()
    trend = db.monthly_trend(year.from_date, year.to_date, scope.sector_group, None, unit_id)
    widgets.chart(
        charts.rate_trend(trend, targets),
        f"Tỷ lệ đúng hạn và trước hạn theo tháng, {year.label_vi.lower()}",
        chart_text.trend_summary(trend, targets),
        chart_text.trend_table(trend),
    )
    st.subheader("Theo lĩnh vực")
    widgets.table(tables.sector_rows(db.kpi_table("sector", start, end, scope.sector_group, None, unit_id)))
    st.subheader("Hồ sơ quá hạn và đang giải quyết quá hạn")
    late = db.dossier_list(start, end, scope.sector_group, None, unit_id, ("late", "pending_overdue"))
    widgets.dossier_table(tables.dossiers(late))
    st.stop()

st.title("Xếp hạng đơn vị")
st.caption(
    f"{scope.period.title_vi}. Xếp theo tỷ lệ đúng hạn, rồi tỷ lệ trước hạn, rồi số hồ sơ đã giải quyết."
)
levels = [scope.unit_level] if scope.unit_level else ["ward_commune", "city"]
for level, tab in zip(levels, st.tabs([UNIT_LEVEL_FILTER_LABELS_VI[level] for level in levels]), strict=True):
    with tab:
        ranking = db.unit_ranking(start, end, scope.sector_group, level)
        chosen = widgets.pick(
            charts.rate_bars(ranking, "unit_name", "unit_id", "on_time_rate", on_time_target),
            f"Tỷ lệ đúng hạn, {UNIT_LEVEL_FILTER_LABELS_VI[level].lower()}",
            chart_text.ranking_summary(ranking, "unit_name", "on_time_rate", on_time_target),
            tables.ranking_rows(ranking),
            ranking["unit_id"],
            key=f"rank_{level}_{scope.period.name}",
            action="xem chi tiết đơn vị",
        )
        if chosen:
            st.query_params["don_vi"] = chosen
            st.rerun()

rates = db.unit_month_rates(year, scope.sector_group, scope.unit_level)
widgets.chart(
    charts.heat_table(rates, "unit_name", on_time_target and on_time_target["target_value"]),
    f"Tỷ lệ đúng hạn của từng đơn vị theo tháng, {year.label_vi.lower()}",
    chart_text.heat_summary(rates, "unit_name", on_time_target),
    chart_text.heat_data(rates, "unit_name"),
)
