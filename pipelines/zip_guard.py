"""The zip-bomb guard for .xlsx and .ods (both zips): every member is inflated as a reader would inflate
it, from its compressed bytes, and the bytes that come out are counted. The sizes the zip declares are
never trusted: a member declaring 1,000 bytes can unpack to gigabytes."""

import os
import struct
import zipfile
import zlib
from pathlib import Path

_LOCAL_HEADER = struct.Struct("<4s5H3I2H")  # signature … file name length, extra field length
_LOCAL_SIGNATURE = b"PK\x03\x04"
_READ_BYTES = 1 << 20
_OUT_BYTES = 1 << 22  # inflate at most this much per step, so the guard itself never holds more
_MEMORY_SHARE = 4  # a file may unpack to at most a quarter of the machine's memory


class ZipSizeLie(Exception):
    """A member inflates to more than the size the zip declares for it: no honest writer does that."""


class ZipTooLarge(Exception):
    def __init__(self, unpacked: int):
        super().__init__(unpacked)
        self.unpacked = unpacked  # bytes counted when the guard stopped


def total_memory() -> int:
    """The machine's memory, or the container's limit when lower (cgroup v2)."""
    physical = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    try:
        limit = Path("/sys/fs/cgroup/memory.max").read_text().strip()
    except OSError:
        return physical
    return min(physical, int(limit)) if limit.isdigit() else physical


def unpacked_cap(setting: int) -> int:
    """The setting (TTHC_MAX_UNPACKED_MB), lowered to a share of the memory on a small machine."""
    return min(setting, total_memory() // _MEMORY_SHARE)


def _member_data_start(handle, member: zipfile.ZipInfo) -> int:
    handle.seek(member.header_offset)
    header = handle.read(_LOCAL_HEADER.size)
    if len(header) < _LOCAL_HEADER.size or not header.startswith(_LOCAL_SIGNATURE):
        raise zipfile.BadZipFile(f"bad local header for {member.filename!r}")
    fields = _LOCAL_HEADER.unpack(header)
    return member.header_offset + _LOCAL_HEADER.size + fields[-2] + fields[-1]


def _inflated_size(handle, member: zipfile.ZipInfo, budget: int) -> int:
    """The member's real unpacked size; ZipTooLarge as soon as it passes the budget, ZipSizeLie as soon as
    it passes the size the zip declares."""
    handle.seek(_member_data_start(handle, member))
    left = member.compress_size
    if member.compress_type == zipfile.ZIP_STORED:
        if left > budget:
            raise ZipTooLarge(left)
        if left > member.file_size:
            raise ZipSizeLie(member.filename)
        return left
    if member.compress_type != zipfile.ZIP_DEFLATED or member.flag_bits & 0x1:
        raise zipfile.BadZipFile(f"unsupported member {member.filename!r}")
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    size = 0
    while left > 0 and not inflater.eof:
        data = handle.read(min(_READ_BYTES, left))
        if not data:
            break
        left -= len(data)
        while data and not inflater.eof:
            size += len(inflater.decompress(data, _OUT_BYTES))
            if size > budget:
                raise ZipTooLarge(size)
            if size > member.file_size:
                raise ZipSizeLie(member.filename)
            data = inflater.unconsumed_tail
    return size


def unpacked_size(path: Path, cap: int) -> int:
    """The bytes the zip's members really unpack to; ZipTooLarge (with the count so far) past the cap,
    ZipSizeLie when a member unpacks to more than it declares, zipfile.BadZipFile or zlib.error when a
    member cannot be inflated."""
    total = 0
    with zipfile.ZipFile(path) as archive, path.open("rb") as handle:
        for member in archive.infolist():
            try:
                total += _inflated_size(handle, member, cap - total)
            except ZipTooLarge as exc:
                raise ZipTooLarge(total + exc.unpacked) from None
    return total
