"""Paths and run settings: the one place that knows where files live."""

import os
from dataclasses import dataclass, field
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
SQL_DIR = PROJECT_DIR / "sql"
DEFINITIONS_DIR = PROJECT_DIR / "definitions"  # the KPIs and dimensions: the product's, not a city's
DEFAULT_DB_PATH = PROJECT_DIR / "data" / "warehouse" / "tthc.duckdb"
DEFAULT_RAW_DIR = PROJECT_DIR / "data" / "raw"
DEFAULT_DEMO_DIR = PROJECT_DIR / "data" / "demo"


def catalogue_dir() -> Path:
    """Units, sectors, targets, procedures, days off: a next city points TTHC_CATALOGUES elsewhere."""
    return Path(os.environ.get("TTHC_CATALOGUES", PROJECT_DIR / "catalogues"))


def raw_dir_for(db_path: Path) -> Path:
    """The project warehouse archives into data/raw/; any other warehouse into raw/ beside it."""
    if Path(db_path).resolve() == DEFAULT_DB_PATH:
        return DEFAULT_RAW_DIR
    return Path(db_path).resolve().parent / "raw"


def demo_dir_for(db_path: Path) -> Path:
    """Where `tthc demo` writes: data/demo/ for the project warehouse, demo/ beside any other."""
    if Path(db_path).resolve() == DEFAULT_DB_PATH:
        return DEFAULT_DEMO_DIR
    return Path(db_path).resolve().parent / "demo"


@dataclass(frozen=True)
class IngestSettings:
    max_file_bytes: int = int(os.environ.get("TTHC_MAX_FILE_MB", "200")) * 1024 * 1024
    # An .xlsx is a zip: its unpacked size bounds the reader's memory (a zip bomb is refused before reading).
    max_unpacked_bytes: int = int(os.environ.get("TTHC_MAX_UNPACKED_MB", "2048")) * 1024 * 1024
    header_search_rows: int = 30
    min_year: int = 1990
    max_year: int = 2099
    personal_headers: tuple[str, ...] = field(
        default=(
            "Người nộp",
            "Chủ hồ sơ",
            "Tên người nộp",
            "Tên tổ chức, cá nhân",
            "Tổ chức, cá nhân",
            "Số điện thoại",
            "SĐT",
            "Điện thoại",
            "Email",
            "Thư điện tử",
            "Địa chỉ",
            "CCCD",
            "Số CCCD",
            "CMND",
            "Số CMND",
            "Số giấy tờ",
            "Số định danh",
            "Họ và tên",
            "Họ tên",
        )
    )
