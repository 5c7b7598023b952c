"""A full disk, injected where the writes happen: during the archive copy, in the manifest, in the ingest
log, at a read-write open. A clear message, no partial file, no traceback, and a read-only open."""

import errno
import os
import shutil

import duckdb
import pytest

from pipelines import archive, ingest, warehouse
from pipelines.cli import main as tthc
from pipelines.errors import WarehouseDiskFullError
from pipelines.ingest import ingest_files
from pipelines.warehouse import connect
from tests.helpers.exports import row, write_csv


def _full(*_args, **_kwargs):
    raise OSError(errno.ENOSPC, "No space left on device")


def query(db, sql):
    con = connect(db, read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


@pytest.fixture
def loaded(tmp_path):
    db = tmp_path / "w.duckdb"
    ingest_files(db, [write_csv(tmp_path / "jan.csv", [row("J-1")])])
    return db, tmp_path / "raw", write_csv(tmp_path / "feb.csv", [row("F-1"), row("F-2")])


def test_full_during_the_archive_copy(loaded, monkeypatch, capsys):
    db, raw, feb = loaded
    manifest = (raw / "manifest.jsonl").read_text(encoding="utf-8")

    def half_copy(source, target):
        with open(source, "rb") as reading, open(target, "wb") as writing:
            writing.write(reading.read(20))
        _full()

    monkeypatch.setattr(shutil, "copyfile", half_copy)
    assert tthc(["ingest", str(feb), "--db", str(db)]) == 1
    out, err = capsys.readouterr()
    assert "Ổ đĩa đã đầy: không lưu được bản gốc của tệp «feb.csv»" in out
    assert "Traceback" not in out + err
    assert sorted(p.suffix for p in raw.iterdir()) == [".csv", ".jsonl"]  # no .part, no second file
    assert (raw / "manifest.jsonl").read_text(encoding="utf-8") == manifest
    assert query(db, "select file_name, status from ingest_log order by ingest_id") == [
        ("jan.csv", "loaded"),
        ("feb.csv", "failed"),
    ]
    assert query(db, "select count(*) from dossiers") == [(1,)]


def test_full_while_writing_the_manifest_leaves_no_half_line(loaded, monkeypatch):
    db, raw, feb = loaded
    manifest = (raw / "manifest.jsonl").read_bytes()
    real_write = os.write

    def half_write(handle, data):
        real_write(handle, data[: len(data) // 2])
        _full()

    monkeypatch.setattr(archive.os, "write", half_write)
    [result] = ingest_files(db, [feb])
    assert result.status == "failed" and "Ổ đĩa đã đầy" in result.error_vi
    assert (raw / "manifest.jsonl").read_bytes() == manifest


def test_full_for_the_archive_and_the_log_says_the_log_was_not_written(loaded, monkeypatch):
    db, _, feb = loaded
    monkeypatch.setattr(shutil, "copyfile", _full)

    def log_full(*_args, **_kwargs):
        raise duckdb.IOException("Could not write file: No space left on device")

    monkeypatch.setattr(ingest, "log_failure", log_full)
    [result] = ingest_files(db, [feb])
    assert result.status == "failed"
    assert "Ổ đĩa đầy nên cả nhật ký nạp cũng không ghi được" in result.error_vi
    assert query(db, "select status from ingest_log order by ingest_id") == [("loaded",)]


def test_an_unchanged_warehouse_opens_without_writing(loaded, monkeypatch):
    db, _, _ = loaded
    monkeypatch.setattr(warehouse, "write_catalogue_tables", _full)
    monkeypatch.setattr(warehouse, "write_definition_tables", _full)
    connect(db).close()  # nothing changed since the last open: nothing to write, so a full disk is no matter
    assert query(db, "select count(*) from dossiers") == [(1,)]


def test_full_at_open_when_the_setup_changed(loaded, monkeypatch, capsys):
    db, _, feb = loaded
    monkeypatch.setattr(warehouse, "setup_fingerprint", lambda: "changed")
    monkeypatch.setattr(warehouse, "write_catalogue_tables", _full)
    with pytest.raises(WarehouseDiskFullError) as error:
        connect(db)
    assert "đã đầy" in error.value.message_vi and "chỉ đọc" in error.value.message_vi
    assert tthc(["ingest", str(feb), "--db", str(db)]) == 2
    out, err = capsys.readouterr()
    assert err.startswith("Lỗi: Ổ đĩa chứa kho dữ liệu") and "Traceback" not in out + err
    assert query(db, "select count(*) from dossiers") == [(1,)]  # a read-only open still works
