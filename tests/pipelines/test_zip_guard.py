"""The zip-bomb guard counts the bytes a workbook really unpacks to, whatever sizes the zip declares, for
.xlsx and .ods alike, under a cap that is also bounded by the machine's memory."""

import struct
import zipfile
from pathlib import Path

import pytest

from pipelines import zip_guard
from pipelines.ingest import ingest_file
from pipelines.settings import IngestSettings
from pipelines.warehouse import connect
from tests.helpers.exports import row, write_xlsx

MB = 1024 * 1024
ODS = Path("tests/fixtures/office/register.libreoffice.ods")
SHEETS = {".xlsx": "xl/worksheets/sheet1.xml", ".ods": "content.xml"}


def _declare_size(path: Path, member_name: str, declared: int) -> None:
    """Overwrite the member's uncompressed size in its local header and its central directory entry, as a
    hand-made bomb does (the CRC is left as it is)."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        member = archive.getinfo(member_name)
    struct.pack_into("<I", data, member.header_offset + 22, declared)
    (central,) = struct.unpack_from("<I", data, data.rfind(b"PK\x05\x06") + 16)
    while True:  # walk the central directory to this member's entry
        name_length, extra_length, comment_length = struct.unpack_from("<3H", data, central + 28)
        name = bytes(data[central + 46 : central + 46 + name_length]).decode()
        if name == member_name:
            struct.pack_into("<I", data, central + 24, declared)
            break
        central += 46 + name_length + extra_length + comment_length
    path.write_bytes(bytes(data))


def padded_workbook(source: Path, target: Path, padding: int, declared: int | None) -> Path:
    """A copy of a real workbook whose sheet ends with `padding` bytes of whitespace (still valid XML),
    optionally declaring a false unpacked size for that sheet."""
    sheet = SHEETS[target.suffix]
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w") as copy:
        for member in original.infolist():
            data = original.read(member)
            if member.filename == sheet:
                data += b" " * padding
            copy.writestr(member, data, compress_type=member.compress_type)
    if declared is not None:
        _declare_size(target, sheet, declared)
    return target


@pytest.fixture
def warehouse(tmp_path):
    con = connect(tmp_path / "w.duckdb")
    yield con, tmp_path
    con.close()


def _source(tmp_path: Path, suffix: str) -> Path:
    return write_xlsx(tmp_path / "good.xlsx", [row("Z-1")]) if suffix == ".xlsx" else ODS


@pytest.mark.parametrize("suffix", [".xlsx", ".ods"])
def test_a_sheet_declaring_1000_bytes_but_unpacking_to_30_mb_is_refused(warehouse, suffix):
    con, folder = warehouse
    bomb = padded_workbook(_source(folder, suffix), folder / f"bomb{suffix}", 30 * MB, declared=1000)
    with zipfile.ZipFile(bomb) as archive:
        assert sum(member.file_size for member in archive.infolist()) < MB  # what the old guard summed
    result = ingest_file(con, bomb, folder / "raw")  # the default cap (2 GB or less) is far above 30 MB
    assert result.status == "failed"
    assert "giải nén ra nhiều hơn kích thước chính nó khai báo" in result.error_vi
    assert con.execute("select count(*) from dossiers").fetchall() == [(0,)]
    assert con.execute("select status from ingest_log").fetchall() == [("failed",)]


@pytest.mark.parametrize("suffix", [".xlsx", ".ods"])
def test_a_workbook_unpacking_to_more_than_the_cap_is_refused(warehouse, suffix):
    con, folder = warehouse
    big = padded_workbook(_source(folder, suffix), folder / f"big{suffix}", 30 * MB, declared=None)
    result = ingest_file(con, big, folder / "raw", settings=IngestSettings(max_unpacked_bytes=20 * MB))
    assert result.status == "failed"
    assert "giải nén lớn hơn 20 MB" in result.error_vi
    assert "TTHC_MAX_UNPACKED_MB" in result.error_vi
    assert con.execute("select count(*) from dossiers").fetchall() == [(0,)]


@pytest.mark.parametrize("suffix", [".xlsx", ".ods"])
def test_a_workbook_under_the_cap_still_loads(warehouse, suffix):
    con, folder = warehouse
    honest = padded_workbook(_source(folder, suffix), folder / f"ok{suffix}", 5 * MB, declared=None)
    result = ingest_file(con, honest, folder / "raw", settings=IngestSettings(max_unpacked_bytes=20 * MB))
    assert result.status == "loaded"
    assert result.n_new >= 1


def test_the_cap_is_at_most_a_quarter_of_the_memory(warehouse, monkeypatch):
    con, folder = warehouse
    monkeypatch.setattr(zip_guard, "total_memory", lambda: 32 * MB)
    assert zip_guard.unpacked_cap(2048 * MB) == 8 * MB
    honest = padded_workbook(_source(folder, ".xlsx"), folder / "big.xlsx", 12 * MB, declared=None)
    result = ingest_file(con, honest, folder / "raw", settings=IngestSettings(max_unpacked_bytes=2048 * MB))
    assert result.status == "failed"
    assert "vượt giới hạn 8 MB" in result.error_vi


def test_the_guard_counts_the_real_bytes(tmp_path):
    path = tmp_path / "plain.zip"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("a.xml", b"x" * 123_456)
        archive.writestr("b.xml", b"y" * 1000, compress_type=zipfile.ZIP_STORED)
    assert zip_guard.unpacked_size(path, 10 * MB) == 124_456
    with pytest.raises(zip_guard.ZipTooLarge):
        zip_guard.unpacked_size(path, 100_000)
    _declare_size(path, "a.xml", 1000)
    with pytest.raises(zip_guard.ZipSizeLie):
        zip_guard.unpacked_size(path, 10 * MB)
