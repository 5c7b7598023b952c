"""Dữ liệu: what the warehouse holds and what to fix in the exports or the catalogues."""

import streamlit as st

from ui import auth, db, dq, widgets
from ui import format as fmt

st.title("Chất lượng dữ liệu")
st.caption("Trang này luôn tính trên toàn bộ kho dữ liệu, không theo bộ lọc ở thanh bên.")

state = db.warehouse_state().row(0, named=True)
tiles = st.columns(5)
tiles[0].metric("Tệp đã nạp", fmt.number(state["n_files"]))
tiles[1].metric("Hồ sơ trong kho", fmt.number(state["n_dossiers"]))
tiles[2].metric("Tiếp nhận sớm nhất", fmt.date(state["first_received_date"]))
tiles[3].metric("Tiếp nhận muộn nhất", fmt.date(state["last_received_date"]))
tiles[4].metric(
    "Dữ liệu đến ngày",
    fmt.date(state["latest_as_of_date"]),
    help="Ngày «đến ngày» mới nhất của các tệp đã nạp: số liệu sau ngày này chưa có.",
)

st.subheader("Các tệp đã nạp")
if auth.signed_in().units:
    st.caption(
        "Tài khoản giới hạn theo đơn vị: chỉ các tệp do chính tài khoản này tải lên, hồ sơ của đơn vị mình."
    )
widgets.table(dq.files_table(db.ingested_files()))

st.subheader("Dòng bị loại theo lý do")
widgets.table(dq.reasons_table(db.rejects_by_reason()))

left, right = st.columns(2)
with left:
    st.subheader("Đơn vị chưa có trong danh mục")
    st.caption("Thêm tên (hoặc bí danh) vào catalogues/units.csv rồi chạy `tthc rebuild`.")
    widgets.table(dq.unknown_units_table(db.unknown_units()))
with right:
    st.subheader("Lĩnh vực chưa có trong danh mục")
    st.caption("Đang được tính vào nhóm «khác»; thêm vào catalogues/sectors.csv để xếp đúng nhóm.")
    widgets.table(dq.unknown_sectors_table(db.unknown_sectors()))

mismatches = db.outcome_mismatches()
st.subheader(f"Kết quả xử lý ghi trong tệp khác với kết quả tính từ ngày ({fmt.number(len(mismatches))})")
st.caption("Cột «Kết quả xử lý» của tệp xuất nói một đằng, ngày hẹn trả và ngày có kết quả nói một nẻo.")
widgets.table(dq.mismatches_table(mismatches))

st.subheader("Hồ sơ cần xem lại (vẫn được tính)")
st.caption(
    "Hồ sơ có kết quả ghi giờ sớm hơn giờ tiếp nhận trong cùng ngày, trạng thái đã xong nhưng thiếu ngày "
    "có kết quả, mã hồ sơ tự sinh (tệp không có cột mã), lĩnh vực chưa xác định, hạn trả quá xa."
)
groups = dq.flag_groups(db.flag_counts(), db.flagged_dossiers())
if not groups:
    st.markdown("Không có hồ sơ nào cần xem lại.")
for label, n_dossiers, rows in groups:
    with st.expander(f"{label}: {fmt.number(n_dossiers)} hồ sơ"):
        widgets.table(rows)

st.subheader("Hồ sơ không được hoặc chưa được tiếp nhận (không tính vào chỉ tiêu)")
widgets.table(dq.not_received_table(db.not_received()))
