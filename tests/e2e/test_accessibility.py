"""WCAG 2.1 AA in headless Chromium: axe-core on every page (open mode and signed in, 1440 px and 390 px
wide), the document's language, and the drill-down, filters, upload and downloads with the keyboard alone.

One server for the module: it starts in open mode (no users file); the signed-in tests then write the
users file, which the app reads on every run, so the same server asks for a sign-in from then on."""

from pathlib import Path

import duckdb
import pytest
from playwright.sync_api import expect

from pipelines import kpi
from pipelines.auth import add_user
from pipelines.periods import parse_period
from pipelines.scope import Scope
from tests.helpers.a11y import axe_version, settle, sidebar_caption_contrasts, tab_to, violations
from tests.helpers.browser import chromium, serve
from tests.helpers.dashboard import UPLOAD_REJECTED, build_warehouse, write_upload_export

pytestmark = pytest.mark.e2e
YEAR = parse_period("2023")
WIDTHS = (1440, 390)
# Each page by its link in the sidebar, and its heading.
PAGES = {
    "Tổng quan": "Tổng quan kết quả giải quyết TTHC",
    "Lĩnh vực": "Kết quả theo lĩnh vực",
    "Đơn vị": "Xếp hạng đơn vị",
    "Hồ sơ": "Danh sách hồ sơ",
    "Báo cáo": "Báo cáo định kỳ",
    "Chỉ số 766": "Chỉ số phục vụ người dân, doanh nghiệp (QĐ 766)",
    "Tải lên": "Tải lên danh sách hồ sơ",
    "Dữ liệu": "Chất lượng dữ liệu",
}
USER, PASSWORD = "vanphong", "mat-khau-van-phong"
TEXT_AA = 4.5


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("a11y")


@pytest.fixture(scope="module")
def warehouse(folder) -> Path:
    return build_warehouse(folder)


@pytest.fixture(scope="module")
def land(warehouse) -> dict:
    """The first ward among the units of Đất đai, read before the app opens the warehouse (it then holds
    the only read-write connection)."""
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        units = kpi.kpi_table(con, "unit", scope=Scope.of(YEAR, sector_group="land"))
    finally:
        con.close()
    ward = units.filter(units["key"].str.starts_with("Phường")).row(0, named=True)
    return {"ward_id": ward["unit_id"], "ward": ward["key"]}


@pytest.fixture(scope="module")
def users_file(folder) -> Path:
    return folder / "users.toml"  # absent: open mode


@pytest.fixture(scope="module")
def accounts(users_file) -> Path:
    """Requested by the signed-in tests only, which run after the open-mode ones: from then on the server
    asks for a sign-in."""
    add_user(USER, PASSWORD, "uploader", users_file)
    return users_file


@pytest.fixture(scope="module")
def browser(warehouse, land, users_file):
    with serve(warehouse, {"TTHC_USERS_FILE": str(users_file)}) as url, chromium() as chrome:
        chrome.base_url = url
        yield chrome


def new_tab(browser, width: int):
    tab = browser.new_page(viewport={"width": width, "height": 900}, accept_downloads=True)
    tab.set_default_timeout(30_000)
    return tab


def open_page(tab, path: str = "") -> None:
    separator = "&" if "?" in path else "?"
    tab.goto(f"{tab.context.browser.base_url}/{path}{separator}ky={YEAR.name}")
    settle(tab)


def visit(tab, link: str) -> None:
    """A page by its link in the sidebar (opened first on a phone), in the same session."""
    target = tab.get_by_test_id("stSidebarNavLink").filter(has_text=link)
    if target.get_attribute("aria-current") != "page":
        expand = tab.get_by_test_id("stExpandSidebarButton")
        if expand.is_visible():
            expand.click()
        target.click()
    tab.get_by_role("heading", level=1, name=PAGES[link]).wait_for()
    settle(tab)


def sign_in(tab) -> None:
    """Typed and sent with Enter; the app then opens on the overview."""
    tab.get_by_label("Tên đăng nhập").fill(USER)
    tab.get_by_label("Mật khẩu").fill(PASSWORD)
    tab.keyboard.press("Enter")
    tab.get_by_role("heading", level=1, name=PAGES["Tổng quan"]).wait_for()
    settle(tab)


def every_page(tab) -> dict[str, list[str]]:
    """axe-core's findings on each page, which must speak Vietnamese."""
    found = {}
    for link in PAGES:
        visit(tab, link)
        # the app's script sets it once its element mounts, which may follow the page's heading
        tab.wait_for_function("document.documentElement.lang === 'vi'", timeout=10_000)
        found[link] = violations(tab)
    return found


def test_axe_core_is_recent_enough(browser):
    tab = browser.new_page()  # a blank page is enough to read the bundled script's version
    major, minor, *_ = map(int, axe_version(tab).split("."))
    assert (major, minor) >= (4, 10)


@pytest.mark.parametrize("width", WIDTHS)
def test_every_page_in_open_mode_passes_axe(browser, width):
    tab = new_tab(browser, width)
    open_page(tab)
    found = every_page(tab)
    assert found == {link: [] for link in PAGES}
    assert min(sidebar_caption_contrasts(tab)) >= TEXT_AA


def test_the_drill_down_with_the_keyboard_alone_and_its_levels_pass_axe(browser, land):
    """Group → unit → dossiers in the lists under the charts (Tab, type, Enter), back by the breadcrumb (Enter)
    with a visible focus; axe-core on the unit and dossier levels, which no sidebar link opens."""
    tab = new_tab(browser, 1440)
    open_page(tab, "linh_vuc")
    choose(tab, "Xem từng đơn vị của nhóm", "Đất đai")
    tab.get_by_role("heading", name="Đất đai: kết quả theo đơn vị").wait_for()
    settle(tab)
    assert violations(tab) == []
    choose(tab, "Xem danh sách hồ sơ của đơn vị", land["ward"])
    tab.get_by_role("heading", name=f"Hồ sơ đất đai của {land['ward']}").wait_for()
    assert "linh_vuc=land" in tab.url and f"don_vi={land['ward_id']}" in tab.url
    settle(tab)
    assert violations(tab) == []
    assert tab_to(tab, lambda now: now["text"] == "Đất đai")["outline"] >= 2  # ui/accessibility.css
    tab.keyboard.press("Enter")
    tab.get_by_role("heading", name="Đất đai: kết quả theo đơn vị").wait_for()
    settle(tab)
    assert tab_to(tab, lambda now: now["text"] == "Tất cả lĩnh vực")["outline"] >= 2
    tab.keyboard.press("Enter")
    tab.get_by_role("heading", name="Trước hạn, đúng hạn, quá hạn theo nhóm lĩnh vực").wait_for()
    assert "linh_vuc=" not in tab.url


def choose(tab, label: str, name: str) -> None:
    """Tab to the list called `label`, type the name of the row wanted, take it (Enter)."""
    tab_to(tab, lambda now: now["testid"] == "stSelectbox" and now["text"] == label)
    tab.keyboard.type(name)
    # the list filters as it is typed into: Enter takes the first row left, so wait until it is the one
    expect(tab.get_by_role("option")).to_have_count(1)
    expect(tab.get_by_role("option")).to_have_text(name)
    tab.keyboard.press("Enter")


def test_a_filter_and_a_download_with_the_keyboard_alone(browser):
    tab = new_tab(browser, 1440)
    open_page(tab, "ho_so")
    tab_to(tab, lambda now: now["testid"] == "stSelectbox" and now["text"] == "Kỳ")
    tab.keyboard.press("ArrowDown")  # opens the list on the next (earlier) period
    tab.keyboard.press("Enter")
    tab.wait_for_url(lambda url: f"ky={YEAR.name}" not in url)
    settle(tab)
    button = tab_to(tab, lambda now: now["tag"] == "BUTTON" and now["text"].endswith("(.csv)"))
    assert button["outline"] >= 2
    with tab.expect_download() as download:
        tab.keyboard.press("Enter")
    assert download.value.suggested_filename.endswith(".csv")


@pytest.mark.parametrize("width", WIDTHS)
def test_every_page_signed_in_passes_axe(browser, accounts, width):
    tab = new_tab(browser, width)
    open_page(tab)
    found = {"Đăng nhập": violations(tab)}
    sign_in(tab)
    found |= every_page(tab)
    assert found == {link: [] for link in ("Đăng nhập", *PAGES)}
    assert min(sidebar_caption_contrasts(tab)) >= TEXT_AA


def test_upload_with_the_keyboard_alone(browser, accounts, folder):
    """Signed in as the uploader; last, as it changes the warehouse."""
    export = write_upload_export(folder / "upload")
    tab = new_tab(browser, 1440)
    open_page(tab)
    sign_in(tab)
    tab_to(tab, lambda now: now["testid"] == "stSidebarNavLink" and now["text"].endswith("Tải lên"))
    tab.keyboard.press("Enter")
    tab.get_by_role("heading", level=1, name=PAGES["Tải lên"]).wait_for()
    settle(tab)
    with tab.expect_file_chooser() as chooser:  # listening well before the key, or the dialog may win
        browse = tab_to(tab, lambda now: now["tag"] == "BUTTON" and "stFileUploaderDropzone" in now["inside"])
        tab.keyboard.press("Enter")
    assert browse["outline"] >= 2
    chooser.value.set_files(export)
    tab.get_by_role("button", name="Nạp vào kho dữ liệu", disabled=False).wait_for()  # the file is in
    assert tab_to(tab, lambda now: now["text"] == "Nạp vào kho dữ liệu")["outline"] >= 2
    tab.keyboard.press("Enter")
    tab.get_by_text(f"Các dòng bị loại ({UPLOAD_REJECTED})").wait_for()
