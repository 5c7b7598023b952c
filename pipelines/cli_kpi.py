"""`tthc kpi` (KPI table for a period) and `tthc report` (the period report: Biểu 06 .xlsx, the narrative
report .docx, or its .pdf)."""

import argparse
import csv
import datetime as dt
import json
import sys
from pathlib import Path

import polars as pl

from pipelines import definitions, kpi, periods
from pipelines.errors import UnknownPeriodError
from pipelines.labels import KPI_LABELS_VI, format_count_vi, format_rate_vi
from pipelines.report_files import write_report
from pipelines.scope import Scope
from pipelines.settings import DEFAULT_DB_PATH
from pipelines.warehouse import connect

# The machine-readable fields of `tthc kpi`, in order, and the kpi_by_dimension column of each
# (definitions/kpis.toml: cli_order).
FIELDS = {"key": "key", **{kpi.cli_field: kpi.key for kpi in definitions.cli_kpis()}}
RATE_DECIMALS = 4
BY_CHOICES = tuple(dimension.name for dimension in definitions.dimensions() if dimension.is_in_cli)


def _iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"ngày «{text}» phải có dạng YYYY-MM-DD") from None


def _period(args: argparse.Namespace) -> periods.Period:
    if args.period is not None:
        if args.to_date is not None:
            raise UnknownPeriodError("Dùng --period, hoặc --from cùng --to, không dùng cả hai.")
        return periods.parse_period(args.period)
    if args.to_date is None:
        raise UnknownPeriodError("Thiếu --to: --from cần đi cùng --to (YYYY-MM-DD).")
    return periods.custom_period(args.from_date, args.to_date)


def _is_rate(field: str) -> bool:
    return field != "key" and definitions.kpi(FIELDS[field]).is_rate


def _rounded(rate: float | None) -> float | None:
    return None if rate is None else round(rate, RATE_DECIMALS)


def _machine_rows(table: pl.DataFrame) -> list[dict[str, object]]:
    """Rates rounded to 4 decimals, None when undefined."""
    return [
        {field: _rounded(row[column]) if _is_rate(field) else row[column] for field, column in FIELDS.items()}
        for row in table.iter_rows(named=True)
    ]


def _write_csv(table: pl.DataFrame) -> None:
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(FIELDS)
    for row in _machine_rows(table):
        writer.writerow(
            ("" if value is None else f"{value:.{RATE_DECIMALS}f}") if _is_rate(field) else value
            for field, value in row.items()
        )


def _write_json(table: pl.DataFrame) -> None:
    print(json.dumps(_machine_rows(table), ensure_ascii=False, indent=2))


def _key_vi(by: str, key: str) -> str:
    key_column = definitions.dimension(by).key_column
    if key_column == "month":
        year, month = key.split("-")
        return f"{month}/{year}"
    return definitions.labels(key_column).get(key, key)


def _write_table(table: pl.DataFrame, by: str, period: periods.Period) -> None:
    columns = list(FIELDS.values())[1:]
    headers = [definitions.dimension(by).header_vi, *(KPI_LABELS_VI[column] for column in columns)]
    body = [
        [
            _key_vi(by, row["key"]),
            *(
                format_rate_vi(row[column])
                if definitions.kpi(column).is_rate
                else format_count_vi(row[column])
                for column in columns
            ),
        ]
        for row in table.iter_rows(named=True)
    ]
    widths = [max(len(line[i]) for line in [headers, *body]) for i in range(len(headers))]
    print(period.title_vi)
    for line in [headers, *body]:
        numbers = (cell.rjust(width) for cell, width in zip(line[1:], widths[1:], strict=True))
        print("  ".join([line[0].ljust(widths[0]), *numbers]).rstrip())


def run_kpi(args: argparse.Namespace) -> int:
    period = _period(args)
    con = connect(args.db, read_only=True)
    try:
        table = kpi.kpi_table(con, args.by, scope=Scope.of(period))
    finally:
        con.close()
    if args.format == "csv":
        _write_csv(table)
    elif args.format == "json":
        _write_json(table)
    else:
        _write_table(table, args.by, period)
    return 0


def run_report(args: argparse.Namespace) -> int:
    period = periods.parse_period(args.period)
    con = connect(args.db, read_only=True)
    try:
        written = write_report(con, period, args.out, with_charts=not args.no_charts)
    finally:
        con.close()
    if written.n_unit_sheets is not None:
        print(f"Đã ghi {args.out}: Biểu số 06/VPCP/KSTT, {period.title_vi}, {written.n_unit_sheets} đơn vị.")
        return 0
    print(f"Đã ghi {args.out}: báo cáo kết quả giải quyết TTHC, {period.title_vi}.")
    if written.charts_missing_reason:
        print(f"Không kèm biểu đồ: {written.charts_missing_reason}")
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    kpi_parser = subparsers.add_parser(
        "kpi",
        help="bảng chỉ tiêu của một kỳ",
        description="Chỉ tiêu giải quyết hồ sơ TTHC của một kỳ, theo nhóm chọn bằng --by.",
    )
    kpi_parser.add_argument("--db", type=Path, default=DEFAULT_DB_PATH, help="tệp kho dữ liệu DuckDB")
    kpi_parser.add_argument("--by", required=True, choices=BY_CHOICES, help="nhóm theo")
    when = kpi_parser.add_mutually_exclusive_group(required=True)
    when.add_argument("--period", help=f"tên kỳ: {periods.VALID_FORMS_VI}")
    when.add_argument("--from", dest="from_date", type=_iso_date, help="ngày đầu kỳ, YYYY-MM-DD (cùng --to)")
    kpi_parser.add_argument("--to", dest="to_date", type=_iso_date, help="ngày cuối kỳ, YYYY-MM-DD")
    kpi_parser.add_argument(
        "--format",
        choices=("csv", "json", "table"),
        default="table",
        help="table: bảng căn cột, tiêu đề tiếng Việt; csv, json: cho máy đọc, tỷ lệ là phân số 0–1",
    )
    kpi_parser.set_defaults(run=run_kpi)

    report_parser = subparsers.add_parser(
        "report",
        help="báo cáo định kỳ của một kỳ: Biểu 06 (.xlsx), báo cáo (.docx) hoặc .pdf",
        description="Báo cáo định kỳ, loại tệp theo đuôi của --out: .xlsx là Biểu số 06/VPCP/KSTT "
        "(trang tổng hợp, một trang mỗi đơn vị); .docx là báo cáo kết quả giải quyết TTHC (có Biểu 06 "
        "ở phụ lục); .pdf là báo cáo đó dạng PDF (cần LibreOffice).",
    )
    report_parser.add_argument("--period", required=True, help=f"tên kỳ: {periods.VALID_FORMS_VI}")
    report_parser.add_argument("--db", type=Path, default=DEFAULT_DB_PATH, help="tệp kho dữ liệu DuckDB")
    report_parser.add_argument("--out", type=Path, required=True, help="tệp sẽ ghi: .xlsx, .docx hoặc .pdf")
    report_parser.add_argument(
        "--no-charts", action="store_true", help="báo cáo .docx, .pdf không kèm biểu đồ (không cần Chromium)"
    )
    report_parser.set_defaults(run=run_report)
