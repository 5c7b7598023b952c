"""The process `tthc serve` runs: every page rendered once, headless, before Streamlit's server starts, then
the server, on the asgi.py beside the app (the app with the page-address hint of ui/backend_hint.py).

A leader's first visit after a restart would otherwise pay for what only the process's first session
does (importing Plotly, Polars and the pipelines, opening the warehouse and preparing its views, the
pages' first queries; on an empty warehouse, the demo year). Done here, it is done before the server
answers its health check, and the caches it fills (st.cache_resource, st.cache_data) are the process's,
which every later session reads.

    python -m ui.server APP_PATH    (server options in STREAMLIT_SERVER_… variables, see pipelines/cli_serve)
"""

import logging
import sys
import time
from pathlib import Path

from streamlit.testing.v1 import AppTest
from streamlit.web import cli

PAGES_DIR = "app_pages"


class _NoRestartAdvice(logging.Filter):
    """The headless render reads Streamlit's configuration before the command line sets the port and
    address; Streamlit then advises a restart, which does not apply: the server has not started yet."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "please restart streamlit" not in record.getMessage()


def warm_up(app: Path) -> None:
    """Each page of the app once, as the open-mode user (with users configured only the sign-in screen:
    the modules are imported all the same)."""
    started = time.monotonic()
    run = AppTest.from_file(str(app), default_timeout=900)
    run.run()
    for page in sorted((app.parent / PAGES_DIR).glob("*.py")):
        if run.exception:
            break
        run.switch_page(f"{PAGES_DIR}/{page.name}").run()
    state = "có lỗi, các trang sẽ tự tính lại khi mở" if run.exception else "xong"
    print(f"Chuẩn bị các trang: {state} ({time.monotonic() - started:.1f} giây).", flush=True)


def main() -> None:
    app = Path(sys.argv[1]).resolve()
    print("Đang chuẩn bị các trang của bảng điều khiển…", flush=True)
    warm_up(app)
    logging.getLogger("streamlit.config").addFilter(_NoRestartAdvice())
    cli.main(["run", str(app.with_name("asgi.py"))])


if __name__ == "__main__":
    main()
