"""Bảng điều khiển TTHC: the page list, the first run, the demo banner and the shared sidebar filters."""

import streamlit as st

from pipelines.errors import TthcError
from ui import accessibility, auth, db, filters

st.set_page_config(page_title="Kết quả giải quyết TTHC — TP Hưng Yên", page_icon="🏛️", layout="wide")
accessibility.apply()


def pages(with_upload: bool) -> list[st.Page]:
    upload = st.Page(
        "app_pages/06_tai_len.py", title="Tải lên", icon=":material/upload_file:", url_path="tai_len"
    )
    return [
        st.Page("app_pages/01_tong_quan.py", title="Tổng quan", icon=":material/dashboard:", default=True),
        st.Page(
            "app_pages/02_linh_vuc.py", title="Lĩnh vực", icon=":material/category:", url_path="linh_vuc"
        ),
        st.Page("app_pages/03_don_vi.py", title="Đơn vị", icon=":material/apartment:", url_path="don_vi"),
        st.Page("app_pages/04_ho_so.py", title="Hồ sơ", icon=":material/description:", url_path="ho_so"),
        st.Page("app_pages/05_bao_cao.py", title="Báo cáo", icon=":material/summarize:", url_path="bao_cao"),
        st.Page(
            "app_pages/08_chi_so_766.py", title="Chỉ số 766", icon=":material/speed:", url_path="chi_so_766"
        ),
        *([upload] if with_upload else []),
        st.Page("app_pages/07_du_lieu.py", title="Dữ liệu", icon=":material/fact_check:", url_path="du_lieu"),
    ]


# The sign-in form keeps the link's page in the address (hidden navigation), so a forwarded link opens
# where it points once signed in.
user = auth.current_user(keep_page=lambda: st.navigation(pages(with_upload=True), position="hidden"))
navigation = st.navigation(pages(with_upload=user.may("upload")))

try:
    if db.read_only_reason():
        st.warning(
            f"**Chỉ đọc** — {db.read_only_reason()} Các trang vẫn hiển thị số liệu đang có; khởi động lại "
            "bảng điều khiển khi đã khắc phục để tải tệp lên được.",
            icon=":material/lock:",
        )
    elif db.data_version() == 0:  # nothing was ever loaded: the demo year rather than empty pages
        with st.status("Kho dữ liệu trống: đang tạo và nạp dữ liệu minh họa năm 2023…") as status:
            progress = st.progress(0.0)
            db.load_demo_year(lambda share, text: progress.progress(share, text=text))
            status.update(label="Đã nạp dữ liệu minh họa năm 2023.", state="complete", expanded=False)
    is_demo = db.warehouse_state()["is_demo"].item()
except TthcError as exc:  # e.g. the warehouse held by a `tthc` command: say so instead of a traceback
    st.error(exc.message_vi)
    st.stop()

if is_demo:
    st.warning(
        "**Dữ liệu minh họa** — các số liệu đang hiển thị được sinh ngẫu nhiên để giới thiệu bảng điều "
        "khiển. Tải tệp xuất thật lên ở trang «Tải lên»: dữ liệu minh họa sẽ được thay thế.",
        icon=":material/science:",
    )
# Báo cáo opens on the period report due next after the data's as-of date.
filters.sidebar(db.available_periods(), db.next_due_period() if navigation.url_path == "bao_cao" else None)
auth.sidebar_account(user)
navigation.run()
