"""Tổng quan: the key sectors' scorecard, the units below target, dossiers due soon, each KPI against the
year's target, the monthly trend, volumes by channel."""

import streamlit as st

from pipelines.periods import parse_period, previous_period, year_earlier
from ui import chart_text, charts, db, dossiers, filters, laggards, scorecard, tables, tiles, widgets
from ui import format as fmt

chosen = filters.current()
scope, period = chosen.scope, chosen.period
st.title("Tổng quan kết quả giải quyết TTHC")
previous, year_ago = previous_period(period), year_earlier(period)
if previous == year_ago:  # the cumulative official periods and years: the period before is a year before
    against = "previous"
    st.caption(
        f"{period.title_vi}. Δ: so với cùng kỳ năm trước, {fmt.in_sentence(previous.label_vi)} (kỳ lũy kế)."
    )
else:
    with st.container(horizontal=True, vertical_alignment="center"):
        st.caption(period.title_vi)
        is_year_ago = st.toggle("So với cùng kỳ năm trước", key="against_year_ago")
    against = "year_ago" if is_year_ago else "previous"
compared = year_ago if against == "year_ago" else previous

targets = db.targets_status(scope=scope)
present = set(db.field_coverage()["field_name"])
kept = filters.shared_params()
card, lagging = st.columns([3, 2], gap="medium")
with card:
    cards = db.scorecard(scope=scope.narrowed(sector_group=None), compared=compared)
    scorecard.show(cards, present, db.field_labels(), compared)
with lagging:
    laggards.show(db.unit_laggards(scope=scope), tables.overall_target(targets, "on_time_rate"), kept)
    as_of = db.data_as_of()
    if as_of is not None:
        pending = db.dossier_list(
            scope=dossiers.due_soon_scope(scope, as_of), outcomes=dossiers.outcomes_of(dossiers.DUE_SOON)
        )
        soon = dossiers.narrowed(pending, dossiers.DUE_SOON, None)
        dossiers.due_soon_link(soon.height, dossiers.due_soon_days(db.settings()), as_of, kept)

compare_total = db.kpi_compare("total", scope=scope)
tiles.show(
    tiles.target_tiles(
        targets, compare_total, db.kpi_compare("sector_group", scope=scope), scope.sector_group, against
    ),
    missing=tiles.missing_columns(db.field_coverage(), db.field_labels()),
)
tiles.show(tiles.volume_tiles(compare_total, against))

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
