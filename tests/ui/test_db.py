"""The dashboard's warehouse handle: readers during an upload see the state before it or after it,
never an error or half of it; the data version moves with each ingest."""

import threading

import pytest

from pipelines import kpi
from pipelines.auth import User
from pipelines.periods import parse_period
from pipelines.scope import Scope
from tests.helpers.dashboard import UPLOAD_NAME, UPLOAD_NEW, build_warehouse, write_upload_export
from ui import db

YEAR = parse_period("2023")


@pytest.fixture
def warehouse(tmp_path, monkeypatch):
    path = build_warehouse(tmp_path, scale=0.02)
    monkeypatch.setenv(db.DB_ENV, str(path))
    return path


def received(cursor) -> int:
    return kpi.kpi_table(cursor, "total", scope=Scope.of(YEAR))["n_received"].item()


def test_readers_during_an_upload_see_before_or_after_never_between(warehouse, tmp_path):
    export = write_upload_export(tmp_path / "upload")
    version = db.data_version()
    with db._cursor() as cur:
        before = received(cur)
    seen, errors, done = set(), [], threading.Event()

    def read_until_done():
        while not done.is_set():
            try:
                with db._cursor() as cur:
                    seen.add(received(cur))
            except Exception as exc:  # any error at all is what this test looks for
                errors.append(exc)

    readers = [threading.Thread(target=read_until_done) for _ in range(3)]
    for reader in readers:
        reader.start()
    [result] = db.ingest_uploads([(UPLOAD_NAME, export.read_bytes(), None)], User("tester", "uploader"))
    done.set()
    for reader in readers:
        reader.join()
    assert result.status == "loaded"
    assert errors == []
    assert seen <= {before, before + UPLOAD_NEW}
    assert db.data_version() > version
    with db._cursor() as cur:
        assert received(cur) == before + UPLOAD_NEW
