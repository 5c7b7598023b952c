"""Báo cáo: the deadline calendar, the period report to download (Biểu 06 .xlsx, the narrative .docx and
its .pdf) and the Biểu 06 preview."""

import streamlit as st

from pipelines.bieu_06 import IDENTITIES, MEASURE, as_of_lines
from pipelines.scope import Scope
from ui import auth, db, filters, report, tables
from ui import format as fmt

period = filters.current().period
st.title("Báo cáo định kỳ")
report.deadline_calendar(db.available_periods(), db.data_as_of(), period)

st.subheader(period.title_vi)
as_of, warning = as_of_lines(period, db.data_as_of())
st.caption(
    f"{as_of}. Báo cáo tính trên mọi lĩnh vực và đơn vị, không theo bộ lọc nhóm hay cấp ở thanh bên; báo cáo "
    "định kỳ dùng kỳ báo cáo (từ ngày 15 tháng trước đến ngày 14)."
)
if warning:
    st.warning(warning, icon=":material/warning:")
report.downloads(period)

st.subheader("Biểu số 06/VPCP/KSTT")
unit_names = tables.unit_names(db.kpi_table("unit", scope=Scope.of(period)))
unit_id = filters.url_choice(
    "Đơn vị",
    "bieu_don_vi",
    unit_names,
    all_label="Tổng hợp các đơn vị",
    default=auth.home_unit(unit_names) or "",
)
st.markdown(
    f"**{fmt.md(unit_names.get(unit_id, 'Tổng hợp các cơ quan, đơn vị trực tiếp giải quyết TTHC'))}**"
)
report.show_preview(db.report_table(scope=Scope.of(period, unit_id=unit_id)))
st.caption(f"{MEASURE}. {IDENTITIES}.")
