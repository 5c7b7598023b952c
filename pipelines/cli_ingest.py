"""`tthc ingest`, `tthc rejects`, `tthc rebuild`."""

import argparse
from pathlib import Path

from pipelines.catalogues import load_catalogues
from pipelines.file_context import UploadChoice
from pipelines.ingest import IngestResult, ingest_files
from pipelines.ingest_summary import reason_lines_vi, summary_vi
from pipelines.rebuild import rebuild
from pipelines.settings import DEFAULT_DB_PATH, SQL_DIR
from pipelines.text import printable
from pipelines.warehouse import connect


def format_result(result: IngestResult) -> str:
    """The file's one-sentence summary, then one indented line per reject and skip reason."""
    catalogues = load_catalogues()
    unit_names = dict(catalogues.units.select("unit_id", "name").iter_rows())
    lines = [summary_vi(result, catalogues.vocabulary, unit_names)]
    lines += [f"    {line}" for line in reason_lines_vi(result, catalogues.vocabulary)]
    return printable("\n".join(lines))


def run_ingest(args: argparse.Namespace) -> int:
    results = ingest_files(args.db, args.files, uploaded_by=args.user, choice=UploadChoice(args.unit))
    for result in results:
        print(format_result(result))
    return 1 if any(r.status == "failed" for r in results) else 0


def run_rejects(args: argparse.Namespace) -> int:
    con = connect(args.db, read_only=True)
    try:
        rows = con.execute(
            (SQL_DIR / "load" / "list_rejects.sql").read_text(encoding="utf-8"),
            [args.file],
        ).fetchall()
    finally:
        con.close()
    for file_name, sheet_row, column_name, message_vi, values in rows:
        where = f"{file_name}, dòng {sheet_row}" + (f", cột «{column_name}»" if column_name else "")
        print(printable(f"{where}: {message_vi}  {values}"))
    print(f"Tổng: {len(rows)} dòng bị loại.")
    return 0


def run_rebuild(args: argparse.Namespace) -> int:
    results = rebuild(args.db, rebuilt_by=args.user)
    for result in results:
        print(format_result(result))
    print(f"Đã dựng lại kho dữ liệu từ {len(results)} tệp gốc.")
    return 1 if any(r.status == "failed" for r in results) else 0


def register(commands: argparse._SubParsersAction) -> None:
    ingest = commands.add_parser(
        "ingest",
        help="Nạp tệp xuất hồ sơ (.xlsx, .xls, .ods, .csv, .txt; nhận dạng theo nội dung) vào kho dữ liệu.",
    )
    ingest.add_argument("files", nargs="+", type=Path)
    ingest.add_argument(
        "--unit",
        default=None,
        help="Đơn vị của các tệp không có cột đơn vị (sổ theo dõi của một đơn vị): tên hoặc bí danh trong "
        "catalogues/units.csv. Không bao giờ thay cột đơn vị có trong tệp.",
    )
    ingest.add_argument("--db", type=Path, default=DEFAULT_DB_PATH)
    ingest.add_argument("--user", default=None, help="Người tải lên (ghi vào nhật ký nạp).")
    ingest.set_defaults(run=run_ingest)

    rejects = commands.add_parser("rejects", help="Liệt kê các dòng bị loại kèm lý do.")
    rejects.add_argument("--file", default=None, help="Chỉ các dòng của tệp này (tên tệp).")
    rejects.add_argument("--db", type=Path, default=DEFAULT_DB_PATH)
    rejects.set_defaults(run=run_rejects)

    rebuild_parser = commands.add_parser("rebuild", help="Dựng lại kho dữ liệu từ các tệp gốc đã lưu.")
    rebuild_parser.add_argument("--db", type=Path, default=DEFAULT_DB_PATH)
    rebuild_parser.add_argument("--user", default=None, help="Người dựng lại (ghi vào nhật ký nạp).")
    rebuild_parser.set_defaults(run=run_rebuild)
