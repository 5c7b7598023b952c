"""First run on an empty warehouse loads the demo year; an upload shows its counts and rejected rows,
replaces the demo data, and every page sees the new numbers."""

import pytest

from tests.helpers.dashboard import UPLOAD_NAME, UPLOAD_NEW, UPLOAD_REJECTED, write_upload_export
from tests.pages.conftest import run_app
from ui.db import DB_ENV, DEMO_SCALE_ENV

DEMO_BANNER = "Dữ liệu minh họa"


@pytest.fixture
def empty_warehouse(tmp_path, monkeypatch):
    monkeypatch.setenv(DB_ENV, str(tmp_path / "warehouse" / "tthc.duckdb"))
    monkeypatch.setenv(DEMO_SCALE_ENV, "0.02")
    return tmp_path


def test_first_run_loads_the_demo_then_an_upload_replaces_it(empty_warehouse):
    at = run_app()
    assert not at.exception
    assert at.status[0].label == "Đã nạp dữ liệu minh họa năm 2023."
    assert DEMO_BANNER in at.warning[0].value
    assert at.metric[0].value != "—"

    at.switch_page("app_pages/06_tai_len.py").run()
    export = write_upload_export(empty_warehouse / "exports")
    at.file_uploader[0].set_value((UPLOAD_NAME, export.read_bytes(), "text/csv"))
    at.run()
    next(b for b in at.button if b.label == "Nạp vào kho dữ liệu").click().run()
    assert not at.exception
    results = at.dataframe[0].value
    assert results.to_dict("records") == [
        {
            "Tệp": UPLOAD_NAME,
            "Kết quả": "Đã nạp",
            "Dữ liệu đến ngày": "22/12/2023",
            "Số dòng đọc": "8",
            "Hồ sơ mới": str(UPLOAD_NEW),
            "Cập nhật": "0",
            "Không đổi": "0",
            "Bị loại": str(UPLOAD_REJECTED),
            "Bỏ qua": "0",
        }
    ]
    rejects = at.dataframe[1].value
    assert rejects["Dòng"].to_list() == [8, 9]  # sheet rows: the header is row 1
    assert rejects["Lý do"].to_list() == ["Đơn vị không có trong danh mục", "Ngày tiếp nhận sai"]
    assert "UBND phường Không Có" in rejects["Giá trị gốc"][0]
    assert "Nguyễn Văn Giả Định" not in rejects.to_csv()  # personal columns never reach the page
    assert len(at.download_button) == 2
    assert not any(DEMO_BANNER in w.value for w in at.warning)  # real data replaced the demo

    at.switch_page("app_pages/01_tong_quan.py").run()
    volumes = {metric.label: metric.value for metric in at.metric}
    assert volumes["Tiếp nhận"] == str(UPLOAD_NEW)
    at.switch_page("app_pages/07_du_lieu.py").run()
    assert at.dataframe[0].value["Tệp"].to_list() == [UPLOAD_NAME]
    assert at.dataframe[2].value["Đơn vị (như ghi trong tệp)"].to_list() == ["UBND phường Không Có"]


def test_uploading_the_same_file_twice_changes_nothing(empty_warehouse):
    export = write_upload_export(empty_warehouse / "exports")
    at = run_app("06_tai_len")
    for _ in range(2):
        at.file_uploader[0].set_value((UPLOAD_NAME, export.read_bytes(), "text/csv"))
        at.run()
        next(b for b in at.button if b.label == "Nạp vào kho dữ liệu").click().run()
    assert at.dataframe[0].value["Kết quả"].to_list() == ["Đã nạp trước đó, không có gì mới"]
