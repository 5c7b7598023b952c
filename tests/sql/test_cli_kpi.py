"""`tthc kpi`: its csv and json equal the views; the table is for people; bad periods get a message."""

import csv
import datetime as dt
import io
import json

import pytest

from pipelines import cli, kpi
from pipelines.cli_kpi import BY_CHOICES, FIELDS
from pipelines.periods import parse_period
from pipelines.scope import Scope

HEADER = (
    "key,received,carried_over,resolved,early,on_time,late,pending,pending_overdue,withdrawn,on_time_rate,"
    "early_rate,online_rate,online_full_rate,satisfaction_rate,progress_rate_766"
)
# Xây dựng resolved nothing in Jan 2023: its on-time and early rates are empty
EXPECTED_SECTOR_CSV = [
    HEADER,
    "Đất đai,3,3,5,1,3,1,1,1,0,0.8000,0.2000,0.6667,1.0000,0.5000,0.6667",
    "Xây dựng,1,1,0,0,0,0,2,1,0,,,0.0000,0.0000,,0.5000",
    "Hộ tịch,4,0,2,0,2,0,1,0,1,1.0000,0.0000,0.3333,0.0000,1.0000,1.0000",
]


def _run(capsys, *args):
    code = cli.main(["kpi", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _view_as_csv_rows(con, by, period_name=None, from_date=None, to_date=None):
    if period_name:
        period = parse_period(period_name)
        from_date, to_date = period.from_date, period.to_date
    rows = []
    for row in kpi.kpi_table(con, by, scope=Scope(from_date, to_date)).iter_rows(named=True):
        rows.append(
            [
                str(row[column])
                if column.startswith("n_") or field == "key"
                else ("" if row[column] is None else f"{row[column]:.4f}")
                for field, column in FIELDS.items()
            ]
        )
    return rows


def test_csv_exact_output(named_warehouse, capsys):
    code, out, _ = _run(
        capsys, "--db", str(named_warehouse), "--by", "sector", "--period", "2023-01", "--format", "csv"
    )
    assert code == 0
    assert out.splitlines() == EXPECTED_SECTOR_CSV


@pytest.mark.parametrize("by", BY_CHOICES)
@pytest.mark.parametrize("period_name", ["2023-01", "BC-2023-Q1"])
def test_csv_equals_the_view(named, named_warehouse, capsys, by, period_name):
    code, out, _ = _run(
        capsys, "--db", str(named_warehouse), "--by", by, "--period", period_name, "--format", "csv"
    )
    assert code == 0
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == list(FIELDS)
    assert rows[1:] == _view_as_csv_rows(named, by, period_name)


def test_custom_dates(named, named_warehouse, capsys):
    code, out, _ = _run(
        capsys,
        "--db",
        str(named_warehouse),
        "--by",
        "unit",
        "--from",
        "2023-01-14",
        "--to",
        "2023-02-02",
        "--format",
        "csv",
    )
    assert code == 0
    expected = _view_as_csv_rows(named, "unit", from_date=dt.date(2023, 1, 14), to_date=dt.date(2023, 2, 2))
    assert list(csv.reader(io.StringIO(out)))[1:] == expected


def test_json(named_warehouse, capsys):
    code, out, _ = _run(
        capsys, "--db", str(named_warehouse), "--by", "total", "--period", "2023-01", "--format", "json"
    )
    assert code == 0
    [row] = json.loads(out)
    assert list(row) == list(FIELDS)
    assert row["key"] == "all" and row["received"] == 8 and row["withdrawn"] == 1
    assert row["on_time_rate"] == 0.8571 and row["progress_rate_766"] == 0.7273


def test_json_undefined_rates_are_null(named_warehouse, capsys):
    _, out, _ = _run(
        capsys, "--db", str(named_warehouse), "--by", "total", "--period", "2021-12", "--format", "json"
    )
    [row] = json.loads(out)
    assert row["on_time_rate"] is None and row["received"] == 0


def test_table_is_for_people(named_warehouse, capsys):
    code, out, _ = _run(
        capsys, "--db", str(named_warehouse), "--by", "sector_group", "--period", "BC-2023-01"
    )
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "Kỳ báo cáo tháng 01/2023 (15/12/2022 – 14/01/2023)"
    assert lines[1].startswith("Nhóm lĩnh vực") and "Tỷ lệ đúng hạn" in lines[1]
    land = lines[2].split()
    # Đất đai: 4 received, 2 carried over, 3 resolved (1 early, 2 on time): 100,0 % on time, 33,3 % early
    assert land[:4] == ["Đất", "đai", "4", "2"]
    assert "100,0 %" in lines[2] and "33,3 %" in lines[2]
    construction = lines[3]
    assert construction.startswith("Xây dựng") and "—" in construction  # nothing resolved: no rate


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--period", "2023-13"], "Các dạng hợp lệ: 2023-01 (tháng)"),
        (["--period", "BC-2023-H1"], "BC-2023-6T"),
        (["--from", "2023-01-01"], "--to"),
        (["--from", "2023-02-01", "--to", "2023-01-01"], "sau ngày kết thúc"),
        (["--period", "2023-01", "--to", "2023-01-31"], "không dùng cả hai"),
    ],
)
def test_bad_periods_get_a_message(named_warehouse, capsys, args, message):
    code, out, err = _run(capsys, "--db", str(named_warehouse), "--by", "total", *args)
    assert code == 2
    assert out == ""
    assert err.startswith("Lỗi: ") and message in err


def test_a_date_that_is_not_one_is_a_usage_error(named_warehouse, capsys):
    with pytest.raises(SystemExit) as exit_info:
        cli.main(
            [
                "kpi",
                "--db",
                str(named_warehouse),
                "--by",
                "total",
                "--from",
                "31/01/2023",
                "--to",
                "2023-02-01",
            ]
        )
    assert exit_info.value.code == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err
