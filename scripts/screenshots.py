"""README screenshots from the real app in headless Chromium: the overview, the sector drill-down and the
Chỉ số 766 page, on the demo year that the first run of an empty warehouse generates; and the first page
of the period report, downloaded as PDF from the Báo cáo page and drawn by poppler's pdftoppm.

    python -m scripts.screenshots   # writes docs/screenshot_overview.png, docs/screenshot_drilldown.png,
                                    # docs/screenshot_chi_so_766.png and docs/report_first_page.png
"""

import subprocess
import tempfile
from pathlib import Path

from tests.helpers.browser import chromium, serve

DOCS = Path(__file__).resolve().parents[1] / "docs"
PERIOD = "2023"
REPORT_PERIOD = "BC-2023-6T"


def main() -> None:
    with tempfile.TemporaryDirectory() as folder, serve(Path(folder) / "w.duckdb") as url, chromium() as web:
        page = web.new_page(viewport={"width": 1440, "height": 1250})
        page.set_default_timeout(120_000)  # the first visit generates and ingests the demo year
        page.goto(f"{url}/?ky={PERIOD}")
        page.locator(".tthc-tile-value").first.wait_for()
        page.locator(".js-plotly-plot").nth(1).wait_for()
        page.wait_for_timeout(1500)
        page.screenshot(path=DOCS / "screenshot_overview.png")
        page.goto(f"{url}/linh_vuc?ky={PERIOD}&linh_vuc=land")
        page.get_by_text("Đất đai: kết quả theo đơn vị").wait_for()
        page.locator(".js-plotly-plot").first.wait_for()
        page.wait_for_timeout(1500)
        page.screenshot(path=DOCS / "screenshot_drilldown.png")
        index_766(page, url)
        page.goto(f"{url}/bao_cao?ky={REPORT_PERIOD}")
        with page.expect_download() as download:
            page.get_by_role("button", name="Tải báo cáo (.pdf)").click()
        pdf = Path(folder) / "bao_cao.pdf"
        download.value.save_as(pdf)
        first_page = DOCS / "report_first_page"
        subprocess.run(
            ["pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "1", "-singlefile", pdf, first_page], check=True
        )


def index_766(page, url: str) -> None:
    page.goto(f"{url}/chi_so_766?ky={PERIOD}")
    page.get_by_test_id("stMetricValue").first.wait_for()
    page.locator(".js-plotly-plot").nth(2).wait_for()
    page.wait_for_timeout(1500)
    page.screenshot(path=DOCS / "screenshot_chi_so_766.png")


if __name__ == "__main__":
    main()
