"""Báo cáo: Biểu số 06/VPCP/KSTT of the chosen period, previewed per lĩnh vực, downloaded as .xlsx."""

import streamlit as st

from pipelines.scope import Scope
from ui import db, filters, report, tables, widgets

period = filters.current().period
st.title("Báo cáo Biểu số 06/VPCP/KSTT")
st.caption(
    f"{period.title_vi}. Báo cáo định kỳ dùng kỳ báo cáo (từ ngày 15 tháng trước đến ngày 14): chọn "
    "«Kỳ báo cáo …» ở thanh bên. Biểu tính trên mọi lĩnh vực và đơn vị, không theo bộ lọc nhóm hay cấp."
)
unit_names = tables.unit_names(db.kpi_table("unit", scope=Scope.of(period)))
unit_id = filters.url_choice("Đơn vị", "bieu_don_vi", unit_names, all_label="Tổng hợp các đơn vị")
st.download_button(
    "Tải Biểu 06 (.xlsx: trang tổng hợp và một trang mỗi đơn vị)",
    lambda: db.report_xlsx(period),
    file_name=f"bieu_06_{period.name}.xlsx",
    type="primary",
    icon=":material/download:",
    on_click="ignore",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
)
st.subheader(unit_names.get(unit_id, "Tổng hợp các cơ quan, đơn vị trực tiếp giải quyết TTHC"))
widgets.table(report.preview(db.report_table(scope=Scope.of(period, unit_id=unit_id))))
st.caption("Đơn vị tính: số hồ sơ TTHC. (3) = (4) + (5) + (6); (7) = (8) + (9) + (10); (11) = (12) + (13).")
