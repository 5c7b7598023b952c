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
        "Loại hồ sơ",
        dossiers.KIND_PARAM,
        dossiers.KINDS_VI,
        dossiers.ALL_KINDS_LABEL,
        default=dossiers.DEFAULT_KIND,
    )
with middle:
    unit_id = filters.url_choice("Đơn vị", "don_vi", units, default=auth.home_unit(units) or "")
with right:
    sector = filters.url_choice("Lĩnh vực", "ten_linh_vuc", {name: name for name in sectors})

listed_scope = scope.narrowed(unit_id=unit_id)
as_of = db.data_as_of()
if kind == dossiers.DUE_SOON and as_of is not None:  # relative to the data's as-of date, not the period
    listed_scope = dossiers.due_soon_scope(listed_scope, as_of)
listed = db.dossier_list(scope=listed_scope, outcomes=dossiers.outcomes_of(kind))
found = dossiers.narrowed(listed, kind, sector)
auth.dossier_notice(unit_id)
if kind == dossiers.DUE_SOON:
    shown = tables.dossiers(found, tables.DUE_SOON_COLUMNS)
    st.markdown(
        f"**{fmt.number(shown.height)} hồ sơ** đang giải quyết trong hạn, hạn trả trong "
        f"{dossiers.due_soon_days(db.settings())} ngày làm việc tới tính từ ngày dữ liệu {fmt.date(as_of)}; "
        "hạn gần nhất trước."
    )
    st.caption("Ngày làm việc: không tính thứ Bảy, Chủ nhật, ngày lễ và ngày nghỉ bù.")
else:
    shown = tables.dossiers(found)
    st.markdown(f"**{fmt.number(shown.height)} hồ sơ**, quá hạn nhiều ngày nhất trước.")
    st.caption(
        "Số ngày quá hạn tính theo ngày làm việc: không tính thứ Bảy, Chủ nhật, ngày lễ và ngày nghỉ bù."
    )
page = st.pagination(dossiers.n_pages(shown), key=f"page_{chosen.period.name}_{kind}_{unit_id}_{sector}")
widgets.dossier_table(dossiers.page_of(shown, page))

name = f"ho_so_sap_den_han_{as_of:%Y-%m-%d}" if kind == dossiers.DUE_SOON else f"ho_so_{chosen.period.name}"
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
