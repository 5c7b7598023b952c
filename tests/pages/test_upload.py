"""First run on an empty warehouse loads the demo year; an upload shows its counts and rejected rows,
replaces the demo data, and every page sees the new numbers."""

import pytest

from pipelines.ingest import ingest_files
from tests.helpers.dashboard import UPLOAD_NAME, UPLOAD_NEW, UPLOAD_REJECTED, write_upload_export
from tests.helpers.exports import row, write_csv
from tests.helpers.page_tiles import tile_texts, tiles
from tests.pages.conftest import run_app
from ui.db import DB_ENV, DEMO_SCALE_ENV
from ui.filters import NO_DATA_SIDEBAR_VI

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
    assert tile_texts(at)[0]["value"] != "—"

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
    assert at.success[0].value.startswith(f"Đã nạp «{UPLOAD_NAME}» (dữ liệu đến ngày 22/12/2023): 8 dòng, ")
    # the main reason (ties: the first in definitions/ingest_reasons.csv) and what to do about it
    assert "2 dòng bị loại, chủ yếu vì ngày tiếp nhận sai (1 dòng): sửa ngày tiếp nhận" in at.success[0].value
    # rejected rows grouped by reason, one table each
    assert [e.label for e in at.expander] == [
        "Ngày tiếp nhận sai: 1 dòng",
        "Đơn vị không có trong danh mục: 1 dòng",
    ]
    invalid_date, unknown_unit = at.dataframe[1].value, at.dataframe[2].value
    assert (unknown_unit["Dòng"].to_list(), invalid_date["Dòng"].to_list()) == (
        [8],
        [9],
    )  # the header is row 1
    assert "UBND phường Không Có" in unknown_unit["Giá trị gốc"][0]
    for rejects in (unknown_unit, invalid_date):
        assert "Nguyễn Văn Giả Định" not in rejects.to_csv()  # personal columns never reach the page
    assert len(at.download_button) == 2
    assert not any(DEMO_BANNER in w.value for w in at.warning)  # real data replaced the demo

    at.switch_page("app_pages/01_tong_quan.py").run()
    volumes = tiles(at)
    assert volumes["Tiếp nhận"] == str(UPLOAD_NEW)
    at.switch_page("app_pages/07_du_lieu.py").run()
    assert at.dataframe[0].value["Tệp"].to_list() == [UPLOAD_NAME]
    assert at.dataframe[2].value["Đơn vị (như ghi trong tệp)"].to_list() == ["UBND phường Không Có"]


def test_a_warehouse_without_a_dated_dossier_says_so_on_the_pages_and_in_the_sidebar(empty_warehouse):
    """An upload whose every row was rejected: no period to choose, a note instead of the filters, both
    where the page stops early (filters.current) and where it does not (Tải lên)."""
    export = write_csv(empty_warehouse / "hoso.csv", [row("X-1", received="31/11/2023 10:00")])
    ingest_files(empty_warehouse / "warehouse" / "tthc.duckdb", [export])
    at = run_app()
    assert not at.exception
    assert any(note.value.startswith("Chưa có dữ liệu để hiển thị") for note in at.main.info)
    assert [note.value for note in at.sidebar.info] == [NO_DATA_SIDEBAR_VI]
    at.switch_page("app_pages/06_tai_len.py").run()
    assert not at.exception
    assert [note.value for note in at.sidebar.info] == [NO_DATA_SIDEBAR_VI]
    assert not at.sidebar.selectbox


def test_uploading_the_same_file_twice_changes_nothing(empty_warehouse):
    export = write_upload_export(empty_warehouse / "exports")
    at = run_app("06_tai_len")
    for _ in range(2):
        at.file_uploader[0].set_value((UPLOAD_NAME, export.read_bytes(), "text/csv"))
        at.run()
        next(b for b in at.button if b.label == "Nạp vào kho dữ liệu").click().run()
    assert at.dataframe[0].value["Kết quả"].to_list() == ["Đã nạp trước đó, không có gì mới"]


def test_a_register_without_unit_asks_for_its_unit_then_loads(empty_warehouse):
    """Only the file that needs one gets the question; the other loads as it is."""
    from tests.helpers.real_exports import td_list, unit_register, write_html, write_xlsx

    register = write_xlsx(unit_register(title_unit=None), empty_warehouse / "so_theo_doi.xlsx")
    listing = write_html(td_list(), empty_warehouse / "danh_sach.xls")
    at = run_app("06_tai_len")
    at.file_uploader[0].set_value(
        [("so_theo_doi.xlsx", register.read_bytes(), None), ("danh_sach.xls", listing.read_bytes(), None)]
    )
    at.run()
    assert [w.value for w in at.warning if "không có cột đơn vị" in w.value] == [
        w.value for w in at.warning if "«so_theo_doi.xlsx»" in w.value
    ]
    [question] = [box for box in at.selectbox if box.label.startswith("Đơn vị của tệp")]
    assert question.label == "Đơn vị của tệp «so_theo_doi.xlsx»"
    load = next(b for b in at.button if b.label == "Nạp vào kho dữ liệu")
    assert load.disabled
    question.set_value("p_lam_son").run()
    next(b for b in at.button if b.label == "Nạp vào kho dữ liệu").click().run()
    assert not at.exception
    sentences = [s.value for s in at.success]
    assert len(sentences) == 2
    assert "đơn vị của tệp: Phường Lam Sơn" in sentences[0]
    assert "1 dòng bị loại, chủ yếu vì có kết quả trước ngày tiếp nhận" in sentences[1]


def test_a_rate_whose_column_no_file_has_says_so_on_the_overview(empty_warehouse):
    from tests.helpers.real_exports import unit_register, write_xlsx

    at = run_app("06_tai_len")
    register = write_xlsx(unit_register(), empty_warehouse / "so.xlsx")  # no channel, rating, sync columns
    at.file_uploader[0].set_value(("so.xlsx", register.read_bytes(), None))
    at.run()
    next(b for b in at.button if b.label == "Nạp vào kho dữ liệu").click().run()
    at.switch_page("app_pages/01_tong_quan.py").run()
    at.query_params["ky"] = "2023-03"
    at.run()
    online = next(tile for tile in tile_texts(at) if tile["label"] == "Tỷ lệ trực tuyến toàn trình")
    assert online["value"] == "—"
    assert online["missing"] == "Không tính được: các tệp đã nạp không có cột «Hình thức nộp»."


def test_a_scoped_uploader_loads_their_units_rows_only_and_sees_their_own_files(empty_warehouse, monkeypatch):
    from pipelines.auth import add_user
    from tests.pages.test_auth_pages import sign_in

    users = empty_warehouse / "users.toml"
    monkeypatch.setenv("TTHC_USERS_FILE", str(users))
    add_user("minhkhai", "mat-khau-minh-khai", "uploader", users, units=["p_minh_khai"])
    at = sign_in(run_app(), "minhkhai", "mat-khau-minh-khai")
    at.switch_page("app_pages/06_tai_len.py").run()
    export = write_upload_export(empty_warehouse / "exports")  # Lê Lợi's dossiers, not Minh Khai's
    at.file_uploader[0].set_value((UPLOAD_NAME, export.read_bytes(), "text/csv"))
    at.run()
    next(b for b in at.button if b.label == "Nạp vào kho dữ liệu").click().run()
    assert not at.exception
    assert at.dataframe[0].value.to_dict("records")[0]["Hồ sơ mới"] == "0"
    assert "Ngoài phạm vi đơn vị của tài khoản: 6 dòng" in [e.label for e in at.expander]
    at.switch_page("app_pages/07_du_lieu.py").run()
    assert at.dataframe[0].value["Tệp"].to_list() == [UPLOAD_NAME]  # not the demo year's files
