"""When the warehouse cannot be opened for writing (a full disk, a rebuild in progress), the dashboard opens
it read-only, says so on every page and keeps serving the numbers; uploads are refused with the reason."""

import errno
import subprocess
import sys
import time
from pathlib import Path

from streamlit.testing.v1 import AppTest

from pipelines import warehouse
from pipelines.auth import OPEN_MODE_USER
from tests.helpers.dashboard import build_warehouse
from tests.helpers.page_tiles import tile_texts
from tests.pages.conftest import APP


def _full(*_args, **_kwargs):
    raise OSError(errno.ENOSPC, "No space left on device")


def test_a_full_disk_at_open_serves_the_pages_read_only(tmp_path, monkeypatch):
    db = build_warehouse(tmp_path)
    monkeypatch.setenv("TTHC_DB", str(db))
    monkeypatch.setattr(warehouse, "setup_fingerprint", lambda: "changed")
    monkeypatch.setattr(warehouse, "write_catalogue_tables", _full)
    at = AppTest.from_file(str(APP), default_timeout=60).run()
    assert not at.exception
    assert any("Chỉ đọc" in w.value and "đã đầy" in w.value for w in at.warning)
    assert tile_texts(at)  # the overview's tiles are there
    at.switch_page("app_pages/07_du_lieu.py").run()
    assert not at.exception
    assert any("Chỉ đọc" in w.value for w in at.warning)

    from ui import db as ui_db

    [refused] = ui_db.ingest_uploads([("x.csv", b"a,b\n", None)], uploader=OPEN_MODE_USER)
    assert refused.status == "failed" and "đã đầy" in refused.error_vi


_HOLD_REBUILD_LOCK = """
import sys, time
from pathlib import Path
from pipelines.rebuild_lock import rebuild_lock
db = Path(sys.argv[1])
with rebuild_lock(db):
    Path(f"{db}.held").touch()
    while not Path(f"{db}.go").exists():
        time.sleep(0.05)
"""


def test_during_a_rebuild_the_pages_serve_the_old_file_read_only(tmp_path, monkeypatch):
    db = build_warehouse(tmp_path)
    monkeypatch.setenv("TTHC_DB", str(db))
    rebuilding = subprocess.Popen([sys.executable, "-c", _HOLD_REBUILD_LOCK, str(db)])
    try:
        while not Path(f"{db}.held").exists():
            assert rebuilding.poll() is None
            time.sleep(0.05)
        at = AppTest.from_file(str(APP), default_timeout=60).run()
        assert not at.exception
        assert any("Chỉ đọc" in w.value and "đang được dựng lại" in w.value for w in at.warning)
        assert tile_texts(at)
    finally:
        Path(f"{db}.go").touch()
        rebuilding.wait()
