"""What leadership sees first, in headless Chromium with both banners showing (open mode and demo data):
at 1440 × 900 the key-sector scorecard and the units below target; at 390 × 844 at least four KPI values,
tiles two to a row, each banner on one line and no chart toolbar. Screenshots go to tests/artifacts/."""

from pathlib import Path

import pytest

from pipelines.periods import parse_period
from tests.helpers.browser import chromium, serve
from tests.helpers.dashboard import build_warehouse

pytestmark = pytest.mark.e2e
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
PERIOD = parse_period("2023-Q2")
BANNERS = ("Chế độ mở", "Dữ liệu minh họa")
# What counts as a KPI value on the page: a tile's value (ui/tiles), a scorecard cell's value (bold in its cell).
KPI_VALUES = ".tthc-tile-value, td strong"


@pytest.fixture(scope="module")
def url(tmp_path_factory):
    with serve(build_warehouse(tmp_path_factory.mktemp("first_screen"), is_demo=True)) as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    with chromium() as launched:
        yield launched


def _open(browser, url: str, width: int, height: int):
    page = browser.new_page(viewport={"width": width, "height": height})
    page.set_default_timeout(30_000)
    page.goto(f"{url}/?ky={PERIOD.name}")
    page.locator(".tthc-tile").first.wait_for()
    page.wait_for_load_state("networkidle")
    for banner in BANNERS:
        assert page.get_by_test_id("stAlert").filter(has_text=banner).is_visible(), banner
    return page


def _on_first_screen(box: dict | None, width: int, height: int) -> bool:
    return (
        box is not None
        and box["y"] >= 0
        and box["y"] + box["height"] <= height
        and box["x"] + box["width"] <= width
    )


def test_scorecard_and_laggards_are_on_the_first_screen_at_1440(browser, url):
    page = _open(browser, url, 1440, 900)
    try:
        scorecard = page.locator("table").filter(has_text="Nhóm lĩnh vực")
        laggards = page.get_by_role("heading", name="Đơn vị chưa đạt chỉ tiêu")
        first_laggard = page.get_by_test_id("stPageLink").filter(has_text="đã giải quyết").first
        for element in (scorecard, laggards, first_laggard):
            assert _on_first_screen(element.bounding_box(), 1440, 900)
        page.screenshot(path=ARTIFACTS / "e2e_first_screen_1440.png")
    finally:
        page.close()


def test_phone_first_screen_shows_four_kpi_values_tiles_in_pairs_one_line_banners(browser, url):
    page = _open(browser, url, 390, 844)
    try:
        values = page.locator(KPI_VALUES)
        boxes = [values.nth(i).bounding_box() for i in range(values.count())]
        assert sum(_on_first_screen(box, 390, 844) for box in boxes) >= 4
        tiles = page.locator(".tthc-tile")
        first, second = tiles.nth(0).bounding_box(), tiles.nth(1).bounding_box()
        assert abs(first["y"] - second["y"]) < 1 and second["x"] > first["x"] + first["width"] - 1
        assert second["x"] + second["width"] <= 390
        for banner in BANNERS:
            text = page.get_by_test_id("stAlert").filter(has_text=banner).locator("p")
            line = float(text.evaluate("p => parseFloat(getComputedStyle(p).lineHeight)"))
            assert text.bounding_box()["height"] <= line * 1.5, banner
        assert page.locator(".modebar-btn").count() == 0  # no Plotly toolbar over the legends
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=ARTIFACTS / "e2e_first_screen_390.png")
    finally:
        page.close()
