"""The rebuild's lock: `tthc rebuild` holds it from its first check to the swap, and every read-write open
of the warehouse refuses while another process holds it. A file lock beside the warehouse (not DuckDB's
own lock, which would also shut out the dashboard's read-only open that keeps serving the old file)."""

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pipelines.errors import WarehouseRebuildingError

_HELD: set[Path] = set()  # the locks this process holds: its own opens pass


def _lock_path(db_path: Path) -> Path:
    path = Path(db_path).resolve()
    return path.with_name(f"{path.name}.rebuild.lock")


def _rebuilding_message(db_path: Path) -> str:
    return (
        f"Kho dữ liệu {db_path} đang được dựng lại (`tthc rebuild`): không nạp được tệp lúc này, nếu nạp thì "
        "lần nạp sẽ mất khi bản dựng lại thay vào. Chờ lệnh dựng lại xong rồi nạp lại."
    )


@contextmanager
def rebuild_lock(db_path: Path) -> Iterator[None]:
    path = _lock_path(db_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(handle)
        raise WarehouseRebuildingError(_rebuilding_message(db_path)) from None
    _HELD.add(path)
    try:
        yield
    finally:
        _HELD.discard(path)
        os.close(handle)  # releases the lock


def refuse_while_rebuilding(db_path: Path) -> None:
    """WarehouseRebuildingError while another process rebuilds this warehouse."""
    path = _lock_path(db_path)
    if path in _HELD or not path.exists():
        return
    handle = os.open(path, os.O_RDONLY)
    try:
        fcntl.flock(handle, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        raise WarehouseRebuildingError(_rebuilding_message(db_path)) from None
    finally:
        os.close(handle)
