"""`tthc demo`: write a year of realistic monthly exports for Hưng Yên city and load them as demo data."""

import argparse
from pathlib import Path

from pipelines.cli_ingest import format_result
from pipelines.demo import write_demo_exports
from pipelines.ingest import ingest_files
from pipelines.settings import DEFAULT_DB_PATH, demo_dir_for


def run_demo(args: argparse.Namespace) -> int:
    folder = args.out or demo_dir_for(args.db)
    paths = write_demo_exports(folder, year=args.year, seed=args.seed)
    print(f"Đã tạo {len(paths)} tệp xuất hồ sơ mẫu năm {args.year} trong {folder}.")
    results = ingest_files(args.db, paths, uploaded_by="tthc demo", is_demo=True)
    for result in results:
        print(format_result(result))
    print(f"Các dòng bị loại là lỗi cố ý của dữ liệu mẫu; xem chi tiết: tthc rejects --db {args.db}")
    return 1 if any(r.status == "failed" for r in results) else 0


def register(commands: argparse._SubParsersAction) -> None:
    demo = commands.add_parser(
        "demo",
        help="Tạo 12 tệp xuất hồ sơ mẫu của một năm (TP Hưng Yên) và nạp vào kho làm dữ liệu minh họa.",
    )
    demo.add_argument("--db", type=Path, default=DEFAULT_DB_PATH)
    demo.add_argument("--year", type=int, default=2023)
    demo.add_argument("--seed", type=int, default=2023, help="Cùng hạt giống, cùng dữ liệu.")
    demo.add_argument(
        "--out", type=Path, default=None, help="Thư mục ghi các tệp (mặc định: demo/ cạnh kho dữ liệu)."
    )
    demo.set_defaults(run=run_demo)
