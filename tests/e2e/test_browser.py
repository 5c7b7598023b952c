"""The dashboard in headless Chromium: a KPI tile, the drill-down from Đất đai to a ward's dossiers,
an upload that changes the numbers, a phone-width window. Screenshots go to tests/artifacts/."""

from pathlib import Path

import duckdb
import openpyxl
import pytest

from pipelines import kpi
from pipelines.labels import format_count_vi, format_rate_vi
from pipelines.periods import parse_period
from pipelines.scope import Scope
from tests.helpers.a11y import settle
from tests.helpers.browser import chromium, click_bar, serve
from tests.helpers.dashboard import UPLOAD_NEW, build_warehouse, write_upload_export
from tests.helpers.report_docx import numbers_in, read_report

pytestmark = pytest.mark.e2e
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
YEAR = parse_period("2023")
REPORT = parse_period("BC-2023-6T")  # before the December upload below: its numbers do not move


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> Path:
    return build_warehouse(tmp_path_factory.mktemp("e2e"))


@pytest.fixture(scope="module")
def expected(warehouse) -> dict:
    """Read before the app opens the warehouse: the app then holds its only read-write connection."""
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        total = kpi.kpi_table(con, "total", scope=Scope.of(YEAR)).row(0, named=True)
        units = kpi.kpi_table(con, "unit", scope=Scope.of(YEAR, sector_group="land"))
        groups = kpi.kpi_table(con, "sector_group", scope=Scope.of(YEAR))
        form = kpi.report_table(con, scope=Scope.of(REPORT))
    finally:
        con.close()
    return {
        "on_time": format_rate_vi(total["on_time_rate"]),
        "received": total["n_received"],
        "units": units["key"].to_list(),
        "groups": groups["key"].to_list(),
        "report_total": form.filter(row_kind="total").row(0, named=True),
    }


@pytest.fixture(scope="module")
def page(warehouse, expected):
    """The dashboard as `tthc serve` starts it (its pages rendered once before the server answers)."""
    ARTIFACTS.mkdir(exist_ok=True)
    with serve(warehouse, timeout_s=180, as_served=True) as url, chromium() as browser:
        tab = browser.new_page(viewport={"width": 1400, "height": 1000})
        tab.set_default_timeout(20_000)
        tab.base_url = url
        yield tab


def tile(page, label: str):
    return page.locator(".tthc-tile").filter(has_text=label).first.locator(".tthc-tile-value")


def test_overview_shows_the_on_time_rate_of_the_kpi_layer(page, expected):
    page.goto(f"{page.base_url}/?ky={YEAR.name}")
    assert tile(page, "Tỷ lệ đúng hạn").inner_text() == expected["on_time"]
    page.screenshot(path=ARTIFACTS / "e2e_overview.png")


def test_drill_from_land_to_a_ward_to_its_dossiers(page, expected):
    page.goto(f"{page.base_url}/linh_vuc?ky={YEAR.name}")
    page.get_by_text("Trước hạn, đúng hạn, quá hạn theo nhóm lĩnh vực").wait_for()
    click_bar(page, chart_index=0, trace_index=0, point_index=expected["groups"].index("land"))
    page.get_by_text("Đất đai: kết quả theo đơn vị").wait_for()
    settle(page)  # the units' chart drawn in place of the groups' before a bar of it is clicked
    ward = next(name for name in expected["units"] if name.startswith("Phường"))
    click_bar(page, chart_index=0, trace_index=0, point_index=expected["units"].index(ward))
    page.get_by_text(f"Hồ sơ đất đai của {ward}").wait_for()
    assert "linh_vuc=land" in page.url and "don_vi=" in page.url
    page.screenshot(path=ARTIFACTS / "e2e_drilldown.png")


def test_a_page_opened_at_its_address_asks_the_server_s_health_at_the_root_only(page):
    asked = []

    def record(request):
        asked.append(request.url)

    page.on("request", record)
    page.goto(f"{page.base_url}/don_vi?ky={YEAR.name}")
    page.get_by_text("Xếp hạng đơn vị").wait_for()
    page.remove_listener("request", record)
    health = [url for url in asked if url.endswith("_stcore/health")]
    assert health == [f"{page.base_url}/_stcore/health"]


def test_upload_changes_the_numbers(page, expected, tmp_path):
    export = write_upload_export(tmp_path)
    page.goto(f"{page.base_url}/tai_len")
    page.locator("input[type=file]").set_input_files(export)
    page.get_by_role("button", name="Nạp vào kho dữ liệu").click()
    page.get_by_text("Các dòng bị loại (2)").wait_for()
    page.screenshot(path=ARTIFACTS / "e2e_upload.png", full_page=True)
    page.goto(f"{page.base_url}/?ky={YEAR.name}")
    assert tile(page, "Tiếp nhận").inner_text() == format_count_vi(expected["received"] + UPLOAD_NEW)


def test_downloads_are_generated_on_click(page):
    page.goto(f"{page.base_url}/ho_so?ky={YEAR.name}&loai=late")
    with page.expect_download() as download:
        page.get_by_role("button", name="Tải danh sách đang lọc (.csv)").click()
    csv_text = Path(download.value.path()).read_text(encoding="utf-8")
    assert csv_text.startswith("\ufeffMã hồ sơ,Đơn vị,Lĩnh vực,")
    page.goto(f"{page.base_url}/bao_cao?ky={REPORT.name}")
    with page.expect_download() as download:
        page.get_by_role("button", name="Tải Biểu 06").click()
    assert download.value.suggested_filename == f"bieu_06_{REPORT.name}.xlsx"
    assert Path(download.value.path()).read_bytes()[:2] == b"PK"  # a zip: an .xlsx workbook


def test_the_period_report_downloads_as_docx_and_xlsx(page, expected, tmp_path):
    page.goto(f"{page.base_url}/bao_cao?ky={REPORT.name}")
    total = expected["report_total"]
    with page.expect_download(timeout=120_000) as download:  # the charts are drawn in Chromium too
        page.get_by_role("button", name="Tải báo cáo (.docx)").click()
    assert download.value.suggested_filename == f"bao_cao_{REPORT.name}.docx"
    docx = tmp_path / "bao_cao.docx"
    download.value.save_as(docx)
    report = read_report(docx)
    columns = ("n_received_total", "n_received_online", "n_received_offline", "n_carried_over", "n_withdrawn")
    assert numbers_in(report.paragraph_starting("1. "))[1:] == [format_count_vi(total[c]) for c in columns]
    assert report.n_images == 2
    with page.expect_download() as download:
        page.get_by_role("button", name="Tải Biểu 06 (.xlsx)").click()
    xlsx = tmp_path / "bieu_06.xlsx"
    download.value.save_as(xlsx)
    sheet = openpyxl.load_workbook(xlsx)["Tổng hợp"]
    total_row = next(row for row in sheet.iter_rows(values_only=True) if row[1] == "Tổng cộng")
    assert total_row[2] == total["n_received_total"] and total_row[12] == total["n_pending_overdue"]
    page.screenshot(path=ARTIFACTS / "e2e_report.png", full_page=True)


def test_phone_width_puts_the_tiles_in_pairs_and_keeps_tables_inside_the_page(page, expected):
    page.set_viewport_size({"width": 390, "height": 844})
    try:
        page.goto(f"{page.base_url}/?ky={YEAR.name}")
        tiles = page.locator(".tthc-tile")
        tiles.nth(2).wait_for()  # the page streams its elements: wait for the three tiles compared
        # two side by side, the third under them (the layout settles a moment after the elements arrive)
        page.wait_for_function(
            """() => { const [a, b, c] = [...document.querySelectorAll(".tthc-tile")]
                              .map(e => e.getBoundingClientRect());
                       return Math.abs(a.top - b.top) < 1 && b.left >= a.right && c.top >= a.bottom; }""",
            timeout=10_000,
        )
        first = tiles.nth(0).bounding_box()
        assert first["x"] + first["width"] <= 390
        page.goto(f"{page.base_url}/don_vi?ky={YEAR.name}")
        # ui/tables.show: the ranking's block, made a focusable region by ui/accessibility's script
        ranking = page.locator('[data-testid="stMarkdownContainer"][role="region"]').first
        ranking.locator("table").wait_for()
        assert ranking.bounding_box()["width"] <= 390
        assert ranking.evaluate(
            "region => region.scrollWidth > region.clientWidth"
        )  # it scrolls, not the page
        assert ranking.get_attribute("tabindex") == "0"
        heading = ranking.evaluate(
            """region => region.closest('[data-testid="stElementContainer"]')
                              .previousElementSibling.querySelector("h3").textContent.trim()"""
        )
        assert ranking.get_attribute("aria-label") == heading
        page_width = page.evaluate("document.documentElement.scrollWidth")
        assert page_width <= 390, f"the page scrolls sideways: {page_width} px wide"
        page.screenshot(path=ARTIFACTS / "e2e_phone.png", full_page=True)
    finally:
        page.set_viewport_size({"width": 1400, "height": 1000})
