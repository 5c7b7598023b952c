"""Hồ sơ: the dossiers behind the numbers (late, pending overdue, late without apology), paged and
downloadable; never any personal data (the warehouse holds none)."""

import streamlit as st

from ui import auth, db, dossiers, downloads, filters, tables, widgets
from ui import format as fmt

chosen = filters.current()
scope = chosen.scope
st.title("Danh sách hồ sơ")
st.caption(f"{chosen.period.title_vi}. Thông tin cá nhân người nộp không được lưu, không bao giờ hiển thị.")

units = tables.unit_names(db.kpi_table("unit", scope=scope))
sectors = db.kpi_table("sector", scope=scope)["key"]
left, middle, right = st.columns(3)
with left:
    kind = filters.url_choice(
        "Loại hồ sơ", "loai", dossiers.KINDS_VI, dossiers.ALL_KINDS_LABEL, default=dossiers.DEFAULT_KIND
    )
with middle:
    unit_id = filters.url_choice("Đơn vị", "don_vi", units, default=auth.home_unit(units) or "")
with right:
    sector = filters.url_choice("Lĩnh vực", "ten_linh_vuc", {name: name for name in sectors})

listed = db.dossier_list(scope=scope.narrowed(unit_id=unit_id), outcomes=dossiers.outcomes_of(kind))
found = dossiers.narrowed(listed, kind, sector)
shown = tables.dossiers(found)
auth.dossier_notice(unit_id)
st.markdown(f"**{fmt.number(shown.height)} hồ sơ**, quá hạn nhiều ngày nhất trước.")
page = st.pagination(dossiers.n_pages(shown), key=f"page_{chosen.period.name}_{kind}_{unit_id}_{sector}")
widgets.dossier_table(dossiers.page_of(shown, page))

name = f"ho_so_{chosen.period.name}"
left, right = st.columns(2)
left.download_button(
    "Tải danh sách đang lọc (.xlsx)",
    lambda: downloads.xlsx_bytes(shown, "Hồ sơ"),
    file_name=f"{name}.xlsx",
    icon=":material/download:",
    on_click="ignore",
)
right.download_button(
    "Tải danh sách đang lọc (.csv)",
    lambda: downloads.csv_bytes(shown),
    file_name=f"{name}.csv",
    mime="text/csv",
    icon=":material/download:",
    on_click="ignore",
)
