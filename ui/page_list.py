"""The dashboard's pages in the sidebar's order: script, title, icon and address (the overview's is the
root)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class PageEntry:
    script: str
    title: str
    icon: str
    address: str  # the URL path; "" for the overview, the default page


OVERVIEW = PageEntry("app_pages/01_tong_quan.py", "Tổng quan", ":material/dashboard:", "")
UPLOAD = PageEntry("app_pages/06_tai_len.py", "Tải lên", ":material/upload_file:", "tai_len")
PAGES = (
    OVERVIEW,
    PageEntry("app_pages/02_linh_vuc.py", "Lĩnh vực", ":material/category:", "linh_vuc"),
    PageEntry("app_pages/03_don_vi.py", "Đơn vị", ":material/apartment:", "don_vi"),
    PageEntry("app_pages/04_ho_so.py", "Hồ sơ", ":material/description:", "ho_so"),
    PageEntry("app_pages/05_bao_cao.py", "Báo cáo", ":material/summarize:", "bao_cao"),
    PageEntry("app_pages/08_chi_so_766.py", "Chỉ số 766", ":material/speed:", "chi_so_766"),
    UPLOAD,
    PageEntry("app_pages/07_du_lieu.py", "Dữ liệu", ":material/fact_check:", "du_lieu"),
)
