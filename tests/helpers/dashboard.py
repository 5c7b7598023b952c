"""Warehouses for the dashboard tests: a small demo year, and one more export to upload on top of it."""

from pathlib import Path

from pipelines.demo import write_demo_exports
from pipelines.ingest import ingest_files
from tests.helpers.exports import row, write_csv

DEMO_SCALE = 0.05
UPLOAD_NAME = "them_hoso_thang12_2023.csv"
# What ingesting the upload export reports: 6 new dossiers, 2 rows rejected, a no totals row.
UPLOAD_NEW, UPLOAD_REJECTED = 6, 2
UPLOAD_REJECT_REASONS = {"unknown_unit": 1, "invalid_received": 1}


def build_warehouse(folder: Path, scale: float = DEMO_SCALE, is_demo: bool = False) -> Path:
    """The demo year at a small scale, ingested as real (non-demo) data so that an upload adds to it (as
    demo data, with the dashboard's demo banner, given is_demo)."""
    exports = write_demo_exports(folder / "exports", scale=scale)
    db = folder / "warehouse" / "tthc.duckdb"
    ingest_files(db, exports, is_demo=is_demo)
    return db


def write_upload_export(folder: Path) -> Path:
    """December dossiers of Đất đai in Phường Lê Lợi, two of them late, and two rows that are rejected."""
    folder.mkdir(parents=True, exist_ok=True)
    land = {
        "procedure": "Đăng ký biến động đất đai",
        "sector": "Đất đai",
        "unit": "UBND P. Lê Lợi",
        "due": "15/12/2023 17:00",
        "channel": "Trực tiếp",
    }
    rows = [
        row(
            "UP-001",
            received="01/12/2023 08:00",
            finished="05/12/2023 10:00",
            **land | {"channel": "Trực tuyến"},
        ),
        row("UP-002", received="01/12/2023 09:00", finished="15/12/2023 10:00", **land),
        row(
            "UP-003",
            received="04/12/2023 09:00",
            finished="20/12/2023 10:00",
            rating="Không hài lòng",
            **land,
        ),
        row("UP-004", received="04/12/2023 10:00", finished="22/12/2023 10:00", rating="", **land),
        row("UP-005", received="05/12/2023 10:00", finished="", status="Đang xử lý", rating="", **land),
        row(
            "UP-006", received="06/12/2023 10:00", finished="07/12/2023 10:00", rating="Rất hài lòng", **land
        ),
        row(
            "UP-007",
            received="06/12/2023 10:00",
            finished="07/12/2023 10:00",
            **land | {"unit": "UBND phường Không Có"},
        ),
        row("UP-008", received="31/11/2023 10:00", finished="07/12/2023 10:00", **land),
    ]
    return write_csv(folder / UPLOAD_NAME, rows)
