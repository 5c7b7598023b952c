"""`tthc ingest`, `tthc rejects`, `tthc rebuild`."""

import argparse
from pathlib import Path

from pipelines.ingest import IngestResult, ingest_files, rebuild
from pipelines.normalise import REJECT_REASONS_VI
from pipelines.settings import DEFAULT_DB_PATH
from pipelines.warehouse import connect

SKIP_REASONS_VI = {
    "blank": "dòng trống",
    "totals": "dòng tổng cộng",
    "exact_duplicate": "dòng trùng lặp y hệt",
}
REJECT_LABELS_VI = {
    "missing_code": "thiếu mã hồ sơ",
    "missing_received": "thiếu ngày tiếp nhận",
    "invalid_received": "ngày tiếp nhận sai",
    "invalid_due": "ngày hẹn trả sai",
    "invalid_finished": "ngày có kết quả sai",
    "finished_before_received": "có kết quả trước khi tiếp nhận",
    "due_before_received": "hẹn trả trước ngày tiếp nhận",
    "unknown_unit": "đơn vị không có trong danh mục",
    "duplicate_conflict": "mã hồ sơ trùng, nội dung khác",
}
assert REJECT_LABELS_VI.keys() == REJECT_REASONS_VI.keys()


def format_result(result: IngestResult) -> str:
    if result.status == "failed":
        return f"{result.file_name}: KHÔNG ĐỌC ĐƯỢC — {result.error_vi}"
    if result.status == "duplicate_file":
        return f"{result.file_name}: tệp này đã được nạp trước đó (cùng nội dung), không có gì mới."
    as_of = result.as_of_date.strftime("%d/%m/%Y") if result.as_of_date else "không rõ"
    lines = [
        f"{result.file_name} (dữ liệu đến ngày {as_of}): đọc {result.n_read} dòng — "
        f"{result.n_new} hồ sơ mới, {result.n_updated} cập nhật, {result.n_unchanged} không đổi, "
        f"{result.n_rejected} bị loại, {result.n_skipped} bỏ qua"
    ]
    for code, n in sorted(result.rejected_by_reason.items()):
        lines.append(f"    bị loại: {n} dòng {REJECT_LABELS_VI[code]} ({code})")
    for code, n in sorted(result.skipped_by_reason.items()):
        lines.append(f"    bỏ qua: {n} {SKIP_REASONS_VI[code]}")
    return "\n".join(lines)


def run_ingest(args: argparse.Namespace) -> int:
    results = ingest_files(args.db, args.files, uploaded_by=args.user)
    for result in results:
        print(format_result(result))
    return 1 if any(r.status == "failed" for r in results) else 0


def run_rejects(args: argparse.Namespace) -> int:
    con = connect(args.db, read_only=True)
    try:
        rows = con.execute(
            (Path(__file__).parent.parent / "sql" / "load" / "list_rejects.sql").read_text(encoding="utf-8"),
            [args.file],
        ).fetchall()
    finally:
        con.close()
    for file_name, sheet_row, column_name, message_vi, values in rows:
        where = f"{file_name}, dòng {sheet_row}" + (f", cột «{column_name}»" if column_name else "")
        print(f"{where}: {message_vi}  {values}")
    print(f"Tổng: {len(rows)} dòng bị loại.")
    return 0


def run_rebuild(args: argparse.Namespace) -> int:
    results = rebuild(args.db, rebuilt_by=args.user)
    for result in results:
        print(format_result(result))
    print(f"Đã dựng lại kho dữ liệu từ {len(results)} tệp gốc.")
    return 1 if any(r.status == "failed" for r in results) else 0


def register(commands: argparse._SubParsersAction) -> None:
    ingest = commands.add_parser("ingest", help="Nạp tệp xuất hồ sơ (.xlsx, .xls, .csv) vào kho dữ liệu.")
    ingest.add_argument("files", nargs="+", type=Path)
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
