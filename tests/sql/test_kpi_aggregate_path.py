"""The aggregate path (agg_daily_counts → agg_window_counts → kpi_by_dimension) gives exactly the counts
of the per-dossier definition (kpi_dossiers_in_period), for many periods, groupings and filters."""

import datetime as dt
import random

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipelines import definitions, kpi, periods
from pipelines.scope import Scope
from pipelines.warehouse import connect
from tests.helpers.kpi_warehouse import build_kpi_warehouse

FIRST_DAY, N_DAYS = dt.date(2021, 10, 1), 600  # about 2021-10 … 2023-05
UNITS = ("tnmt", "qldt", "p_le_loi", "p_minh_khai", "x_bao_khe", "x_tan_hung")
SECTORS = ("Đất đai", "Xây dựng", "Đầu tư tại Việt Nam", "Hộ tịch", "Chứng thực", "Lĩnh vực ngoài danh mục")
# Every count of definitions/kpis.toml: each needs its per-dossier reference below.
COUNTS = tuple(kpi.key for kpi in definitions.kpis() if not kpi.is_rate)
# The same counts, one dossier at a time: the definitions (docs/definitions.md) over kpi_dossiers_in_period's
# flags.
PER_DOSSIER_SQL = """
select
    {key} as key,
    count(*) filter (where is_received) as n_received,
    count(*) filter (where is_received and is_online) as n_received_online,
    count(*) filter (where is_received and is_channel_known) as n_received_channel_known,
    count(*) filter (where is_received and is_full_online_offered) as n_received_full_offered,
    count(*) filter (where is_received and is_full_online_offered and is_channel_known)
        as n_received_full_channel_known,
    count(*) filter (where is_received and is_full_online_offered and is_online) as n_received_full_online,
    count(*) filter (where is_withdrawn) as n_withdrawn,
    count(*) filter (where is_carried_over) as n_carried_over,
    count(*) filter (where is_resolved) as n_resolved,
    count(*) filter (where is_resolved and outcome = 'early') as n_early,
    count(*) filter (where is_resolved and outcome = 'on_time') as n_on_time,
    count(*) filter (where is_resolved and outcome = 'late') as n_late,
    count(*) filter (where is_pending) as n_pending,
    count(*) filter (where is_pending_overdue) as n_pending_overdue,
    count(*) filter (where is_pending and not is_pending_overdue) as n_pending_in_time,
    count(*) filter (where is_resolved and is_rated) as n_rated,
    count(*) filter (where is_resolved and is_satisfied) as n_satisfied,
    count(*) filter (where is_resolved and is_synced is not null) as n_sync_known,
    count(*) filter (where is_resolved and is_synced) as n_synced,
    count(*) filter (where is_resolved and outcome = 'late' and has_apology is not null) as n_apology_known,
    count(*) filter (where is_resolved and outcome = 'late' and has_apology) as n_apology,
    count(*) filter (where is_received and is_paid_online is not null) as n_payment_known,
    count(*) filter (where is_received and is_paid_online) as n_paid_online,
    count(*) filter (where is_received and is_digitised is not null) as n_digitised_known,
    count(*) filter (where is_received and is_digitised) as n_digitised,
    count(*) filter (where is_resolved and has_e_result is not null) as n_e_result_known,
    count(*) filter (where is_resolved and has_e_result) as n_e_result
from kpi_dossiers_in_period(?, ?, ?, ?, ?, null)
group by all
"""
KEY_EXPRESSIONS = {
    "total": "'all'",
    "sector": "sector_name",
    "sector_group": "sector_group",
    "unit": "unit_name",
    "unit_level": "unit_level",
    "sector_unit": "sector_name || ' | ' || unit_name",
}
FILTERS = [
    (None, None, None),
    ("land", None, None),
    (None, "ward", None),
    (None, "ward_commune", None),
    (None, None, "x_bao_khe"),
]


def _random_dossiers(n: int, seed: int) -> dict[str, dict]:
    rng = random.Random(seed)
    specs = {}
    for i in range(n):
        received = dt.datetime.combine(FIRST_DAY, dt.time(8)) + dt.timedelta(
            days=rng.randrange(N_DAYS), minutes=rng.randrange(600)
        )
        due = received.date() + dt.timedelta(days=rng.randrange(0, 20)) if rng.random() < 0.8 else None
        finished = (
            received + dt.timedelta(days=rng.randrange(0, 40), hours=rng.randrange(8))
            if rng.random() < 0.8
            else None
        )
        specs[f"R{i:05d}"] = dict(
            unit=rng.choice(UNITS),
            sector=rng.choice(SECTORS),
            received=received.isoformat(sep=" "),
            due=None if due is None else f"{due.isoformat()} 17:00",
            finished=None if finished is None else finished.isoformat(sep=" "),
            is_withdrawn=rng.random() < 0.05,
            channel=rng.choice(("online", "in_person", "postal", "unknown")),
            service_level=rng.choice(("full", "partial", "none", None)),
            procedure_code=rng.choice(("P-HT-01", None)),
            rating=rng.choice((None, None, "very_satisfied", "satisfied", "neutral", "unsatisfied")),
            is_synced=rng.choice((None, True, False)),
            has_apology=rng.choice((None, True, False)),
            has_e_result=rng.choice((None, True, False)),
            is_digitised=rng.choice((None, True, False)),
            is_paid_online=rng.choice((None, True, False)),
        )
    return specs


@pytest.fixture(scope="module")
def random_warehouse(tmp_path_factory):
    path = build_kpi_warehouse(tmp_path_factory.mktemp("random") / "w.duckdb", _random_dossiers(1500, seed=7))
    con = connect(path, read_only=True)
    yield con
    con.close()


def _per_dossier(con, by, from_date, to_date, sector_group=None, unit_level=None, unit_id=None):
    sql = PER_DOSSIER_SQL.format(key=KEY_EXPRESSIONS[by])
    result = con.execute(sql, [from_date, to_date, sector_group, unit_level, unit_id])
    names = [column[0] for column in result.description]
    rows = [dict(zip(names, row, strict=True)) for row in result.fetchall()]
    return {row["key"]: tuple(row[name] for name in COUNTS) for row in rows}


def _aggregated(con, by, from_date, to_date, sector_group=None, unit_level=None, unit_id=None):
    scope = Scope(from_date, to_date, sector_group=sector_group, unit_level=unit_level, unit_id=unit_id)
    table = kpi.kpi_table(con, by, scope=scope)
    key = pl.concat_str("sector_name", pl.lit(" | "), "key") if by == "sector_unit" else pl.col("key")
    return {row[0]: row[1:] for row in table.select(key, *COUNTS).rows()}


def _assert_same(con, by, from_date, to_date, filters=(None, None, None)):
    expected = _per_dossier(con, by, from_date, to_date, *filters)
    actual = _aggregated(con, by, from_date, to_date, *filters)
    if by == "total" and not expected:
        expected = {"all": (0,) * len(COUNTS)}
    assert actual == expected, (by, from_date, to_date, filters)


# one of each kind, official ones crossing a year boundary
NAMED_PERIODS = [
    periods.parse_period(name)
    for name in (
        "2022-12",
        "2022-Q4",
        "2022-H2",
        "2022",
        "BC-2023-01",
        "BC-2023-Q1",
        "BC-2023-6T",
        "BC-2022-9T",
        "BC-2023",
    )
]


@pytest.mark.parametrize("period", NAMED_PERIODS, ids=lambda p: p.name)
def test_named_periods_by_every_grouping(random_warehouse, period):
    for by in KEY_EXPRESSIONS:
        _assert_same(random_warehouse, by, period.from_date, period.to_date)


@pytest.mark.parametrize("filters", FILTERS)
def test_filters(random_warehouse, filters):
    for name in ("2022-Q3", "BC-2023-01", "2023"):
        period = periods.parse_period(name)
        for by in ("total", "sector", "unit"):
            _assert_same(random_warehouse, by, period.from_date, period.to_date, filters)


def test_months_equal_each_month_counted_alone(random_warehouse):
    period = periods.parse_period("BC-2023-Q1")
    months = kpi.monthly_trend(random_warehouse, scope=Scope.of(period))
    for row in months.iter_rows(named=True):
        expected = _per_dossier(random_warehouse, "total", row["window_from_date"], row["window_to_date"])
        assert tuple(row[c] for c in COUNTS) == expected.get("all", (0,) * len(COUNTS)), row["key"]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    start=st.integers(min_value=-40, max_value=N_DAYS + 40),
    length=st.integers(min_value=0, max_value=200),
    by=st.sampled_from(sorted(KEY_EXPRESSIONS)),
)
def test_any_period(random_warehouse, start, length, by):
    from_date = FIRST_DAY + dt.timedelta(days=start)
    _assert_same(random_warehouse, by, from_date, from_date + dt.timedelta(days=length))
