"""Chỉ số 766: the national service index's indicators that a dossier export supports, with points, for the
city or one unit; the score on 100 and its band; the monthly trend; the units ranked with their change."""

import streamlit as st

from pipelines import index_766
from pipelines.kpi_766 import calendar_period
from pipelines.labels import UNIT_LEVEL_FILTER_LABELS_VI, format_score_vi
from pipelines.periods import parse_period, previous_period
from pipelines.scope import Scope
from ui import charts_766, db, filters, text_766, widgets
from ui import format as fmt

chosen = filters.current()
period = calendar_period(chosen.period)
bands = index_766.load().bands
st.title("Chỉ số phục vụ người dân, doanh nghiệp (QĐ 766)")
notes = [period.title_vi]
if period != chosen.period:
    notes.append(
        f"Bộ chỉ số tính theo kỳ dương lịch (tháng, quý, năm): kỳ đã chọn là {chosen.period.title_vi}"
    )
if chosen.sector_group or chosen.unit_level:
    notes.append("Bộ lọc nhóm lĩnh vực và cấp đơn vị không áp dụng: chỉ số tính trên mọi hồ sơ của đơn vị")
st.caption(". ".join(notes) + ".")

ranking = db.index_766_ranking(scope=Scope.of(period))
unit_id = filters.url_choice(
    "Đơn vị", "don_vi", dict(ranking.select("unit_id", "unit_name").iter_rows()), all_label="Toàn thành phố"
)
scope = Scope.of(period, unit_id=unit_id)
indicators = db.index_766_indicators(scope=scope)
total = indicators.row(0, named=True)

left, middle, right = st.columns(3)
left.metric("Tổng điểm các chỉ số tính được", text_766.total_text(total))
middle.metric("Quy về thang 100", format_score_vi(total["score_100"]))
right.metric("Xếp loại", total["band_label_vi"] or fmt.EMPTY)
st.info(
    "Tổng điểm chỉ gồm các chỉ số tính được từ dữ liệu xuất danh sách hồ sơ, quy về thang 100 để so với các "
    f"mức chuẩn của bộ chỉ số ({text_766.bands_text(bands)}); các chỉ số còn lại ghi rõ cần dữ liệu gì.",
    icon=":material/info:",
)

left, right = st.columns([2, 3])
with left:
    widgets.chart(
        charts_766.gauge(total["score_100"], total["band_label_vi"], bands),
        "Điểm quy về thang 100",
        text_766.gauge_summary(total, bands),
        text_766.gauge_data(bands),
    )
with right:
    widgets.chart(
        charts_766.indicator_bars(indicators),
        "Điểm từng chỉ số so với điểm tối đa",
        text_766.bars_summary(indicators),
    )
st.subheader("Các chỉ số")
widgets.table(text_766.indicator_rows(indicators))

year = parse_period(str(period.to_date.year))
trend = db.index_766_trend(scope=Scope.of(year, unit_id=unit_id))
widgets.chart(
    charts_766.score_trend(trend, bands),
    f"Điểm quy về thang 100 theo tháng, {year.label_vi.lower()}",
    text_766.trend_summary(trend),
    text_766.trend_rows(trend),
)

st.subheader("Xếp hạng đơn vị")
st.caption(
    f"Theo điểm quy về thang 100, rồi tổng điểm; thay đổi hạng so với {previous_period(period).label_vi}. "
    "Đơn vị chưa tính được chỉ số nào không được xếp hạng."
)
levels = ("ward_commune", "city")
for level, tab in zip(levels, st.tabs([UNIT_LEVEL_FILTER_LABELS_VI[level] for level in levels]), strict=True):
    with tab:
        widgets.table(text_766.ranking_rows(ranking, level))
