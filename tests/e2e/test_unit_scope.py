"""A unit-scoped viewer in headless Chromium: every page, URL and download shows dossiers of their own unit
only (the numbers stay the city's); and labels from the URL draw no link and fetch no image."""

import csv
import io
import urllib.parse
from pathlib import Path

import duckdb
import openpyxl
import polars as pl
import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from pipelines import kpi
from pipelines.auth import add_user
from pipelines.periods import parse_period
from pipelines.scope import Scope
from tests.helpers.a11y import settle
from tests.helpers.browser import chromium, serve
from tests.helpers.dashboard import build_warehouse
from tests.helpers.report_docx import numbers_in, read_report

pytestmark = pytest.mark.e2e
YEAR = parse_period("2023")
USER, PASSWORD = "donvi", "mat-khau-don-vi"
OVERDUE = ("late", "pending_overdue")


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("scope")


@pytest.fixture(scope="module")
def units(folder) -> dict:
    """Read before the app opens the warehouse: the viewer's unit (the fewest overdue dossiers, at least
    one) and another unit (the most), with their dossier codes and the city's count of late dossiers."""
    warehouse = build_warehouse(folder)
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        listed = kpi.dossier_list(con, scope=Scope.of(YEAR))
    finally:
        con.close()
    overdue = (
        listed.filter(pl.col("outcome").is_in(OVERDUE))
        .group_by("unit_id", "unit_name")
        .len()
        .sort("len", "unit_id")
    )
    own, other = overdue.row(0, named=True), overdue.row(-1, named=True)
    land = listed.filter(unit_id=other["unit_id"], sector_group="land")
    return {
        "warehouse": warehouse,
        "own": own["unit_id"],
        "own_name": own["unit_name"],
        "own_codes": set(listed.filter(unit_id=own["unit_id"])["dossier_code"]),
        "other": other["unit_id"],
        "other_name": other["unit_name"],
        "other_codes": set(listed.filter(unit_id=other["unit_id"])["dossier_code"]),
        "other_sector": (land if land.height else listed.filter(unit_id=other["unit_id"]))["sector_name"][0],
        "n_late_city": listed.filter(outcome="late").height,
    }


@pytest.fixture(scope="module")
def tab(folder, units):
    users = folder / "users.toml"
    add_user(USER, PASSWORD, "viewer", users, units=[units["own"]])
    with serve(units["warehouse"], {"TTHC_USERS_FILE": str(users)}) as url, chromium() as browser:
        page = browser.new_page(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
        page.set_default_timeout(30_000)
        # A table's «Download as CSV» then saves through a plain download, not a file picker headless
        # Chromium cannot answer.
        page.add_init_script("delete window.showSaveFilePicker")
        page.base_url = url
        page.requested = []
        page.on("request", lambda request: page.requested.append(request.url))
        yield page


def sign_in(tab) -> None:
    """Each page load is a new session: the link opens on the sign-in form, then on the page it names."""
    tab.locator('[data-test-script-state="notRunning"]').wait_for()
    tab.get_by_label("Tên đăng nhập").fill(USER)
    tab.get_by_label("Mật khẩu").fill(PASSWORD)
    tab.get_by_test_id("stForm").get_by_role("button", name="Đăng nhập").click()
    heading = tab.get_by_role("heading", level=1, name="Đăng nhập")
    try:
        heading.wait_for(state="detached")
    except PlaywrightTimeout:
        raise AssertionError(tab.locator("body").inner_text()) from None


def open_page(tab, path: str, **params: str) -> str:
    """The page at path?params, once drawn; its text."""
    tab.goto(f"{tab.base_url}/{path}?{urllib.parse.urlencode(params)}")
    sign_in(tab)
    tab.get_by_role("heading", level=1).first.wait_for()
    settle(tab)
    return tab.locator("body").inner_text()


def tables_codes(tab) -> set[str]:
    """The dossier codes in every table of the page, as each table's own «Download as CSV» gives them
    (the grid draws its cells on a canvas, out of the DOM's reach); an empty table offers no download."""
    codes = set()
    for table in tab.get_by_test_id("stDataFrame").all():
        if not table.is_visible():  # a chart's numbers, folded under it
            continue
        table.hover()
        button = table.get_by_role("button", name="Download as CSV")
        try:
            button.wait_for(timeout=3_000)
        except PlaywrightTimeout:
            continue
        with tab.expect_download() as started:
            button.click()
        rows = csv.DictReader(io.StringIO(Path(started.value.path()).read_text(encoding="utf-8-sig")))
        codes |= {row["Mã hồ sơ"] for row in rows if "Mã hồ sơ" in row}
    return codes


def download(tab, button: str) -> Path:
    with tab.expect_download(timeout=120_000) as started:
        tab.get_by_role("button", name=button).click()
    return Path(started.value.path())


def csv_units(path: Path) -> list[str]:
    return [row["Đơn vị"] for row in csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig")))]


def xlsx_units(path: Path) -> list[str]:
    rows = list(openpyxl.load_workbook(io.BytesIO(path.read_bytes())).active.iter_rows(values_only=True))
    column = rows[0].index("Đơn vị")
    return [row[column] for row in rows[1:]]


def test_the_sidebar_says_whose_view_it_is(tab, units):
    text = open_page(tab, "", ky=YEAR.name)
    assert f"Đang xem với tài khoản {USER}" in text and units["own_name"] in text


def test_the_dossier_page_and_its_downloads_hold_the_own_unit_only(tab, units):
    open_page(tab, "ho_so", ky=YEAR.name, loai="overdue")
    shown = tables_codes(tab)
    assert shown and shown <= units["own_codes"]
    for button, read in (
        ("Tải danh sách đang lọc (.csv)", csv_units),
        ("Tải danh sách đang lọc (.xlsx)", xlsx_units),
    ):
        shown = read(download(tab, button))
        assert shown and set(shown) == {units["own_name"]}


@pytest.mark.parametrize(
    "url",
    [
        ("ho_so", {"don_vi": "{other}", "loai": "overdue"}),
        ("ho_so", {"don_vi": "{other}", "loai": "late"}),
        ("linh_vuc", {"linh_vuc": "land", "don_vi": "{other}"}),
        ("linh_vuc", {"ten_linh_vuc": "{other_sector}", "don_vi": "{other}"}),
        ("don_vi", {"don_vi": "{other}"}),
    ],
    ids=["ho_so-overdue", "ho_so-late", "linh_vuc-group", "linh_vuc-sector", "don_vi"],
)
def test_a_url_for_another_units_dossiers_shows_none(tab, units, url):
    path, params = url
    text = open_page(tab, path, ky=YEAR.name, **{key: value.format(**units) for key, value in params.items()})
    assert "chỉ xem được hồ sơ chi tiết" in text
    assert not units["other_codes"] & tables_codes(tab)
    if path == "ho_so":
        for button, read in (
            ("Tải danh sách đang lọc (.csv)", csv_units),
            ("Tải danh sách đang lọc (.xlsx)", xlsx_units),
        ):
            assert read(download(tab, button)) == []


def test_the_data_page_shows_no_other_units_dossiers(tab, units):
    open_page(tab, "du_lieu")
    for expander in tab.get_by_test_id("stExpander").all():  # the flagged dossiers, folded by flag
        expander.locator("summary").click()
    settle(tab)
    assert tables_codes(tab) <= units["own_codes"]


def test_the_reports_list_of_late_dossiers_is_the_own_units_and_its_numbers_the_citys(tab, units, folder):
    open_page(tab, "bao_cao", ky=YEAR.name)
    docx = folder / "bao_cao.docx"
    docx.write_bytes(download(tab, "Tải báo cáo (.docx)").read_bytes())
    report = read_report(docx)
    assert numbers_in(report.paragraph_starting("Trong "))[0] == str(units["n_late_city"])
    listed = report.table_headed("STT", "Mã hồ sơ") if any("Mã hồ sơ" in t[0] for t in report.tables) else []
    assert {row[2] for row in listed} <= {units["own_name"]}
    assert not units["other_codes"] & {row[1] for row in listed}


def test_labels_from_the_url_draw_no_link_and_fetch_no_image(tab, units):
    hostile = "[x](https://evil.example/login) ![](http://img.evil.example/p.png) www.evil.example"
    tab.requested.clear()
    for path, param in (
        ("linh_vuc", "ten_linh_vuc"),
        ("ho_so", "ten_linh_vuc"),
        ("ho_so", "don_vi"),
        ("don_vi", "don_vi"),
        ("bao_cao", "bieu_don_vi"),
    ):
        open_page(tab, path, ky=YEAR.name, **{param: hostile})
        assert tab.locator("a[href*='evil.example']").count() == 0
        assert tab.locator("img[src*='evil.example']").count() == 0
    hosts = {urllib.parse.urlsplit(url).hostname for url in tab.requested}
    assert hosts == {"127.0.0.1"}  # nothing fetched from the image's host, nor any other
