"""Tải lên: Văn phòng uploads the month's exports; per file counts, rejected rows and their download."""

import streamlit as st

from ui import auth, db, downloads, upload, widgets

st.title("Tải lên danh sách hồ sơ")
st.markdown(
    "Xuất danh sách hồ sơ từ Hệ thống thông tin giải quyết TTHC tỉnh (**Xuất Excel**) rồi chọn một hoặc "
    "nhiều tệp dưới đây. Không cần xoá dòng tiêu đề, dòng «Tổng cộng» hay các cột thông tin người nộp: "
    "thông tin cá nhân được bỏ đi khi đọc và không bao giờ được lưu."
)
round_key = st.session_state.setdefault("upload_round", 0)
files = st.file_uploader(
    "Chọn tệp xuất danh sách hồ sơ (.xlsx, .xls, .csv) — kéo thả vào ô dưới đây hoặc bấm nút chọn tệp",
    type=["xlsx", "xls", "csv"],
    accept_multiple_files=True,
    help="Tải lên cùng một tệp hai lần không làm thay đổi gì. Một hồ sơ có trong nhiều tệp được lấy theo "
    "tệp có ngày dữ liệu («đến ngày») mới nhất, bất kể thứ tự tải lên.",
    key=f"uploads_{round_key}",
)
if st.button("Nạp vào kho dữ liệu", type="primary", disabled=not files):
    with st.spinner("Đang đọc và nạp các tệp…"):
        st.session_state["upload_results"] = db.ingest_uploads(
            [(file.name, file.getvalue()) for file in files], auth.signed_in().name
        )
    st.session_state["upload_round"] = round_key + 1
    st.rerun()

results = st.session_state.get("upload_results")
if results:
    st.subheader("Kết quả nạp")
    widgets.table(upload.results_table(results))
    for result in results:
        if result.error_vi:
            st.error(f"{result.file_name}: {result.error_vi}")
    rejects = db.rejects_of(tuple(r.ingest_id for r in results if r.ingest_id is not None))
    if not rejects.is_empty():
        st.subheader(f"Các dòng bị loại ({len(rejects)})")
        widgets.table(upload.rejects_table(rejects))
        fixable = upload.rejects_download(rejects)
        left, right = st.columns(2)
        left.download_button(
            "Tải danh sách dòng bị loại (.xlsx)",
            lambda: downloads.xlsx_bytes(fixable, "Dòng bị loại"),
            file_name="dong_bi_loai.xlsx",
            icon=":material/download:",
            on_click="ignore",
        )
        right.download_button(
            "Tải danh sách dòng bị loại (.csv)",
            lambda: downloads.csv_bytes(fixable),
            file_name="dong_bi_loai.csv",
            mime="text/csv",
            icon=":material/download:",
            on_click="ignore",
        )
