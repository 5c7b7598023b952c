"""Đơn vị: wards, communes and city departments ranked by on-time rate (worst first), a unit × month heat
table per level; a chosen unit's own trend, lĩnh vực, late dossiers and dossiers due soon."""

import streamlit as st

from pipelines.labels import UNIT_LEVEL_FILTER_LABELS_VI
from pipelines.periods import parse_period
from ui import auth, chart_text, charts, db, dossiers, filters, tables, widgets
from ui import format as fmt

shared = filters.current()
scope, period = shared.scope, shared.period
year = parse_period(str(period.to_date.year))
targets = db.targets_status(scope=scope)
on_time_target = tables.overall_target(targets, "on_time_rate")
unit_names = tables.unit_names(db.kpi_table("unit", scope=scope))
home = auth.home_unit(unit_names)
if home and not st.session_state.get("opened_home_unit"):  # a scoped user opens on their own unit, once
    st.session_state["opened_home_unit"] = True
    st.query_params.setdefault("don_vi", home)
unit_id = st.query_params.get("don_vi")


def unit_view(unit_id: str) -> None:
    """One unit: its trend, lĩnh vực, late dossiers and dossiers due soon."""
    st.title(fmt.md(unit_names[unit_id]))
    st.caption(period.title_vi)
    if st.button("‹ Tất cả đơn vị", type="tertiary"):
        del st.query_params["don_vi"]
        st.rerun()
    unit_scope = scope.narrowed(unit_level=None, unit_id=unit_id)
    trend = db.monthly_trend(scope=unit_scope.over(year))
    widgets.chart(
        charts.rate_trend(trend, targets),
        f"Tỷ lệ đúng hạn và trước hạn theo tháng, {year.label_vi.lower()}",
        chart_text.trend_summary(trend, targets),
        chart_text.trend_table(trend),
    )
    st.subheader("Theo lĩnh vực")
    widgets.table(tables.sector_rows(db.kpi_table("sector", scope=unit_scope)))
    st.subheader("Hồ sơ quá hạn và đang giải quyết quá hạn")
    auth.dossier_notice(unit_id)
    late = db.dossier_list(scope=unit_scope, outcomes=("late", "pending_overdue"))
    widgets.dossier_table(tables.dossiers(late))
    st.subheader("Hồ sơ sắp đến hạn")
    as_of = db.data_as_of()
    st.caption(
        f"Đang giải quyết trong hạn, hạn trả trong {dossiers.due_soon_days(db.settings())} ngày làm việc tới "
        f"tính từ ngày dữ liệu {fmt.date(as_of)}; tải về ở trang Hồ sơ."
    )
    pending = db.dossier_list(
        scope=dossiers.due_soon_scope(unit_scope, as_of), outcomes=dossiers.outcomes_of(dossiers.DUE_SOON)
    )
    soon = dossiers.narrowed(pending, dossiers.DUE_SOON, None)
    widgets.dossier_table(tables.dossiers(soon, tables.DUE_SOON_COLUMNS))


def ranking() -> None:
    """Every unit of each level, ranked, with its month-by-month heat table."""
    st.title("Xếp hạng đơn vị")
    best_first = st.toggle("Tốt nhất trước", key="best_first")
    order_vi = "tốt nhất trước" if best_first else "kém nhất trước"
    st.caption(
        f"{period.title_vi}. Xếp theo tỷ lệ đúng hạn, rồi tỷ lệ trước hạn, rồi số hồ sơ đã giải quyết, "
        f"{order_vi}; đơn vị chưa giải quyết hồ sơ nào ở cuối."
    )
    levels = [scope.unit_level] if scope.unit_level else ["ward_commune", "city"]
    for level, tab in zip(
        levels, st.tabs([UNIT_LEVEL_FILTER_LABELS_VI[level] for level in levels]), strict=True
    ):
        level_vi = UNIT_LEVEL_FILTER_LABELS_VI[level].lower()
        with tab:
            ranked = db.unit_ranking(scope=scope.narrowed(unit_level=level))
            ranked = tables.with_short_unit_names(
                ranked if best_first else tables.worst_first(ranked), "unit_name"
            )
            picked = widgets.pick(
                charts.rate_bars(ranked, "short_name", "unit_id", "on_time_rate", on_time_target),
                f"Tỷ lệ đúng hạn, {level_vi}",
                chart_text.ranking_summary(ranked, "unit_name", "on_time_rate", on_time_target),
                tables.ranking_rows(ranked),
                ranked["unit_id"],
                key=f"rank_{level}_{period.name}",
                action="xem chi tiết đơn vị",
                name_column="Đơn vị",
            )
            if picked:
                st.query_params["don_vi"] = picked
                st.rerun()
            rates = db.unit_month_rates(scope=scope.over(year).narrowed(unit_level=level))
            widgets.chart(
                charts.heat_table(rates, "unit_name", on_time_target and on_time_target["target_value"]),
                f"Tỷ lệ đúng hạn theo tháng, {level_vi}, {year.label_vi.lower()}",
                chart_text.heat_summary(rates, "unit_name", on_time_target),
                chart_text.heat_data(rates, "unit_name"),
            )


if unit_id in unit_names:
    unit_view(unit_id)
else:
    ranking()
