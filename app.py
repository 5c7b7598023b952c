"""Bảng điều khiển TTHC: the navigation (the pages are in ui/page_list.py), the first run, the demo banner
and the shared sidebar filters, drawn after the page."""

import streamlit as st

from pipelines.errors import TthcError
from ui import accessibility, auth, db, filters, page_list

st.set_page_config(page_title="Kết quả giải quyết TTHC — TP Hưng Yên", page_icon="🏛️", layout="wide")
accessibility.apply()


def pages(with_upload: bool) -> list[st.Page]:
    return [
        st.Page(
            entry.script,
            title=entry.title,
            icon=entry.icon,
            url_path=entry.address or None,
            default=entry is page_list.OVERVIEW,
        )
        for entry in page_list.PAGES
        if with_upload or entry is not page_list.UPLOAD
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
periods = db.available_periods()  # as the run began, for the widgets too, even if the page uploads
# Báo cáo opens on the period report due next after the data's as-of date.
filters.choose(periods, db.next_due_period() if navigation.url_path == "bao_cao" else None)
navigation.run()
# After the page, so that its first numbers are not drawn behind them (ui/filters). A page that ends its run
# early (st.rerun) is run again at once; one that stops draws the filters' note itself (filters.current).
filters.sidebar(periods)
auth.sidebar_account(user)
