"""Tải lên: Văn phòng uploads the month's exports; the unit of a register that names none; per file a
sentence and counts; rejected rows grouped by reason, and their download."""

import streamlit as st

from ui import auth, db, downloads, upload, widgets
from ui import format as fmt

st.title("Tải lên danh sách hồ sơ")
st.markdown(
    "Xuất danh sách hồ sơ từ Hệ thống thông tin giải quyết TTHC tỉnh (**Xuất Excel**) rồi chọn một hoặc "
    "nhiều tệp dưới đây: tệp .xlsx, .xls (kể cả tệp .xls mà hệ thống tải về dạng trang web hoặc XML), .ods, "
    ".csv hoặc văn bản Unicode (.txt), sổ theo dõi của một đơn vị cũng được. Không cần xoá dòng tiêu đề, "
    "dòng «Tổng cộng» hay các cột thông tin người nộp: thông tin cá nhân được bỏ đi khi đọc và không bao "
    "giờ được lưu."
)
round_key = st.session_state.setdefault("upload_round", 0)
files = st.file_uploader(
    "Chọn tệp xuất danh sách hồ sơ — kéo thả vào ô dưới đây hoặc bấm nút chọn tệp",
    type=upload.ACCEPTED_SUFFIXES,
    accept_multiple_files=True,
    help="Tải lên cùng một tệp hai lần không làm thay đổi gì. Một hồ sơ có trong nhiều tệp được lấy theo "
    "tệp có ngày dữ liệu («đến ngày») mới nhất, bất kể thứ tự tải lên.",
    key=f"uploads_{round_key}",
)
units = upload.unit_options()
if auth.signed_in().units:  # a scoped uploader's file can only be one of their units'
    units = {unit_id: name for unit_id, name in units.items() if unit_id in auth.signed_in().units}
chosen: dict[str, str | None] = {}
for file in files or []:
    question = db.unit_question(file.name, file.getvalue())
    if question:
        st.warning(question, icon=":material/help:")
        chosen[file.name] = st.selectbox(
            f"Đơn vị của tệp «{file.name}»",
            list(units),
            index=None,
            format_func=units.get,
            placeholder="Chọn đơn vị…",
            key=f"unit_{round_key}_{file.name}",
        )
missing = [name for name, unit_id in chosen.items() if unit_id is None]
if missing:
    st.caption("Chọn đơn vị cho " + ", ".join(f"«{fmt.md(name)}»" for name in missing) + " để nạp.")
if st.button("Nạp vào kho dữ liệu", type="primary", disabled=not files or bool(missing)):
    with st.spinner("Đang đọc và nạp các tệp…"):
        st.session_state["upload_results"] = db.ingest_uploads(
            [(file.name, file.getvalue(), chosen.get(file.name)) for file in files], auth.signed_in()
        )
    st.session_state["upload_round"] = round_key + 1
    st.rerun()

results = st.session_state.get("upload_results")
if results:
    st.subheader("Kết quả nạp")
    for status, sentence in upload.summaries(results):
        {"loaded": st.success, "duplicate_file": st.info}.get(status, st.error)(sentence)
    widgets.table(upload.results_table(results))
    rejects = db.rejects_of(tuple(r.ingest_id for r in results if r.ingest_id is not None))
    if not rejects.is_empty():
        st.subheader(f"Các dòng bị loại ({len(rejects)}), theo lý do")
        for label, rows in upload.rejects_by_reason(rejects):
            with st.expander(f"{label}: {len(rows)} dòng"):
                widgets.table(rows)
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
