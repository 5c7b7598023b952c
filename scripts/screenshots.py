"""README screenshots from the real app in headless Chromium: the overview and the sector drill-down,
on the demo year that the first run of an empty warehouse generates.

    python -m scripts.screenshots        # writes docs/screenshot_overview.png, docs/screenshot_drilldown.png
"""

import tempfile
from pathlib import Path

from tests.helpers.browser import chromium, serve

DOCS = Path(__file__).resolve().parents[1] / "docs"
PERIOD = "2023"


def main() -> None:
    with tempfile.TemporaryDirectory() as folder, serve(Path(folder) / "w.duckdb") as url, chromium() as web:
        page = web.new_page(viewport={"width": 1440, "height": 1250})
        page.set_default_timeout(120_000)  # the first visit generates and ingests the demo year
        page.goto(f"{url}/?ky={PERIOD}")
        page.get_by_test_id("stMetricValue").first.wait_for()
        page.locator(".js-plotly-plot").nth(1).wait_for()
        page.wait_for_timeout(1500)
        page.screenshot(path=DOCS / "screenshot_overview.png")
        page.goto(f"{url}/linh_vuc?ky={PERIOD}&linh_vuc=land")
        page.get_by_text("Đất đai: kết quả theo đơn vị").wait_for()
        page.locator(".js-plotly-plot").first.wait_for()
        page.wait_for_timeout(1500)
        page.screenshot(path=DOCS / "screenshot_drilldown.png")


if __name__ == "__main__":
    main()
