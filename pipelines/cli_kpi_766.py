"""`tthc kpi-766`: the national service index (Quyết định 766/QĐ-TTg) of a calendar period, as the Chỉ số 766
page shows it: the indicators of the city or of one unit, the units ranked, or the score of each month."""

import argparse
import csv
import json
import sys
from pathlib import Path

import polars as pl

from pipelines import kpi_766, periods
from pipelines.errors import UnknownPeriodError
from pipelines.labels import format_points_vi, format_rate_vi, format_score_vi
from pipelines.scope import Scope
from pipelines.settings import DEFAULT_DB_PATH
from pipelines.warehouse import connect

# --by → the kpi_766 function and the columns printed (csv, json: as named here; table: the headings).
VIEWS = {
    "indicator": (
        kpi_766.indicators,
        {
            "indicator": "Chỉ số",
            "status": "Trạng thái",
            "rate_value": "Tỷ lệ",
            "points": "Điểm",
            "max_points": "Tối đa",
            "total_points": "Tổng điểm",
            "total_max_points": "Tối đa tính được",
            "score_100": "Thang 100",
            "band": "Xếp loại",
        },
    ),
    "unit": (
        kpi_766.ranking,
        {
            "unit_id": "Mã đơn vị",
            "unit_name": "Đơn vị",
            "unit_level": "Cấp",
            "unit_rank": "Hạng",
            "rank_change": "So với kỳ trước",
            "total_points": "Điểm",
            "total_max_points": "Tối đa tính được",
            "score_100": "Thang 100",
            "band": "Xếp loại",
        },
    ),
    "month": (
        kpi_766.trend,
        {
            "month": "Tháng",
            "total_points": "Điểm",
            "total_max_points": "Tối đa tính được",
            "score_100": "Thang 100",
            "band": "Xếp loại",
        },
    ),
}
DECIMALS = 6
NOT_CALENDAR_VI = "Chỉ số 766 tính theo kỳ dương lịch: tháng, quý hoặc năm (ví dụ 2023-04, 2023-Q2, 2023)."


def _period(name: str) -> periods.Period:
    period = periods.parse_period(name)
    if period.kind not in kpi_766.CALENDAR_KINDS:
        raise UnknownPeriodError(NOT_CALENDAR_VI)
    return period


def _machine(value: object) -> object:
    return round(value, DECIMALS) if isinstance(value, float) else value


def _shown(column: str, row: dict) -> str:
    """A cell of the table for people: Vietnamese numbers, the band's name."""
    value = row[column]
    if column == "band":
        value = row["band_label_vi"]
    if column == "rate_value":
        return format_rate_vi(value)
    if column == "score_100":
        return format_score_vi(value)
    if column in ("points", "max_points", "total_points", "total_max_points"):
        return format_points_vi(value)
    return "—" if value is None else str(value)


def _write(table: pl.DataFrame, columns: dict[str, str], output_format: str, title: str) -> None:
    full_rows = list(table.iter_rows(named=True))
    rows = [{name: row[name] for name in columns} for row in full_rows]
    if output_format == "json":
        print(
            json.dumps(
                [{k: _machine(v) for k, v in row.items()} for row in rows], ensure_ascii=False, indent=2
            )
        )
        return
    if output_format == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([("" if v is None else _machine(v)) for v in row.values()] for row in rows)
        return
    body = [[_shown(name, row) for name in columns] for row in full_rows]
    headers = list(columns.values())
    widths = [max(len(line[i]) for line in [headers, *body]) for i in range(len(headers))]
    print(title)
    for line in [headers, *body]:
        print("  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip())


def run(args: argparse.Namespace) -> int:
    period = _period(args.period)
    function, columns = VIEWS[args.by]
    filters = {"unit_level": args.level} if args.by == "unit" else {"unit_id": args.unit}
    con = connect(args.db, read_only=True)
    try:
        table = function(con, scope=Scope.of(period, **filters))
    finally:
        con.close()
    _write(table, columns, args.format, f"Chỉ số 766, {period.title_vi}")
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "kpi-766",
        help="chỉ số phục vụ người dân, doanh nghiệp (QĐ 766) của một kỳ dương lịch",
        description="Các chỉ số của Bộ chỉ số 766 tính được từ dữ liệu xuất, điểm, tổng điểm quy về thang "
        "100 và xếp loại; theo chỉ số (thành phố hoặc --unit), theo đơn vị (xếp hạng) hoặc theo tháng.",
    )
    parser.add_argument("--db", type=Path, default=DEFAULT_DB_PATH, help="tệp kho dữ liệu DuckDB")
    parser.add_argument("--period", required=True, help="kỳ dương lịch: 2023-04 (tháng), 2023-Q2 (quý), 2023")
    parser.add_argument(
        "--by", choices=tuple(VIEWS), default="indicator", help="theo chỉ số, đơn vị hoặc tháng"
    )
    parser.add_argument("--unit", help="mã đơn vị (--by indicator, month); mặc định toàn thành phố")
    parser.add_argument("--level", help="cấp đơn vị (--by unit): city, ward, commune, ward_commune")
    parser.add_argument("--format", choices=("csv", "json", "table"), default="table")
    parser.set_defaults(run=run)
