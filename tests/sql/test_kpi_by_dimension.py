"""kpi_by_dimension on the named dossiers of conftest.py: counts and rates hand-computed per period."""

import datetime as dt

import pytest

from pipelines import definitions, kpi
from pipelines.periods import custom_period, parse_period
from pipelines.scope import Scope
from pipelines.warehouse import connect
from tests.helpers.kpi_warehouse import COUNTS

COUNT_COLUMNS = ("key", *COUNTS)
RATE_COLUMNS = (
    "key",
    "on_time_rate",
    "early_rate",
    "online_rate",
    "online_full_rate",
    "satisfaction_rate",
    "synced_rate",
    "apology_rate",
    "progress_rate_766",
)
TNMT, LE_LOI, BAO_KHE = "Phòng Tài nguyên và Môi trường", "Phường Lê Lợi", "Xã Bảo Khê"

JAN_LAND = (3, 3, 5, 1, 3, 1, 1, 1, 0)
JAN_CONSTRUCTION = (1, 1, 0, 0, 0, 0, 2, 1, 0)
JAN_CIVIL = (4, 0, 2, 0, 2, 0, 1, 0, 1)
JAN_CITY = (3, 4, 4, 1, 2, 1, 3, 2, 0)
JAN_WARD = (2, 0, 1, 0, 1, 0, 0, 0, 1)
JAN_COMMUNE = (3, 0, 2, 0, 2, 0, 1, 0, 0)
Q1_OFFICIAL = (12, 3, 9, 1, 5, 3, 4, 4, 2)
Q1_CALENDAR = (9, 4, 8, 1, 5, 2, 4, 4, 1)
NOTHING = (0, 0, 0, 0, 0, 0, 0, 0, 0)

# (by, period name) → rows of COUNT_COLUMNS, in the order the view returns them
EXPECTED_COUNTS = {
    ("total", "2023-01"): [("all", 8, 4, 7, 1, 5, 1, 4, 2, 1)],
    ("sector", "2023-01"): [("Đất đai", *JAN_LAND), ("Xây dựng", *JAN_CONSTRUCTION), ("Hộ tịch", *JAN_CIVIL)],
    ("sector_group", "2023-01"): [
        ("land", *JAN_LAND),
        ("construction", *JAN_CONSTRUCTION),
        ("other", *JAN_CIVIL),
    ],
    ("unit", "2023-01"): [(TNMT, *JAN_CITY), (LE_LOI, *JAN_WARD), (BAO_KHE, *JAN_COMMUNE)],
    ("unit_level", "2023-01"): [("city", *JAN_CITY), ("ward", *JAN_WARD), ("commune", *JAN_COMMUNE)],
    ("month", "2023-Q1"): [
        ("2023-01", 8, 4, 7, 1, 5, 1, 4, 2, 1),
        ("2023-02", 1, 4, 1, 0, 0, 1, 4, 4, 0),
        ("2023-03", 0, 4, 0, 0, 0, 0, 4, 4, 0),
    ],
    # the official month crosses the year boundary: 15/12/2022 – 14/01/2023
    ("total", "BC-2023-01"): [("all", 8, 3, 6, 1, 4, 1, 4, 1, 1)],
    ("month", "BC-2023-01"): [
        ("2022-12", 3, 3, 1, 0, 0, 1, 4, 1, 1),
        ("2023-01", 5, 4, 5, 1, 4, 0, 4, 1, 0),
    ],
    # unit × month: a unit's row for each month it has dossiers received or carried over
    ("unit_month", "BC-2023-01"): [
        (TNMT, 2, 2, 0, 0, 0, 0, 4, 1, 0),
        (TNMT, 2, 4, 2, 1, 1, 0, 4, 1, 0),
        (LE_LOI, 1, 1, 1, 0, 0, 1, 0, 0, 1),
        (LE_LOI, 1, 0, 1, 0, 1, 0, 0, 0, 0),
        (BAO_KHE, 2, 0, 2, 0, 2, 0, 0, 0, 0),
    ],
    ("total", "BC-2023-Q1"): [("all", *Q1_OFFICIAL)],
    ("total", "BC-2023-6T"): [("all", *Q1_OFFICIAL)],
    ("total", "BC-2023-9T"): [("all", *Q1_OFFICIAL)],
    ("total", "BC-2023"): [("all", *Q1_OFFICIAL)],
    ("total", "2023-Q1"): [("all", *Q1_CALENDAR)],
    ("total", "2023-H1"): [("all", *Q1_CALENDAR)],
    ("total", "2023"): [("all", *Q1_CALENDAR)],
    ("total", "2023-02"): [("all", 1, 4, 1, 0, 0, 1, 4, 4, 0)],
    # the unknown lĩnh vực keeps its name, in group 'other'
    ("sector", "2023-02"): [
        ("Đất đai", 0, 1, 0, 0, 0, 0, 1, 1, 0),
        ("Xây dựng", 0, 2, 0, 0, 0, 0, 2, 2, 0),
        ("Hộ tịch", 0, 1, 1, 0, 0, 1, 0, 0, 0),
        ("Lĩnh vực lạ", 1, 0, 0, 0, 0, 0, 1, 1, 0),
    ],
    ("total", "2022"): [("all", 9, 0, 4, 2, 1, 1, 4, 1, 1)],
    ("total", "2022-12"): [("all", 7, 1, 3, 1, 1, 1, 4, 1, 1)],
    ("total", "2022-01"): [("all", 1, 0, 1, 1, 0, 0, 0, 0, 0)],
    # before any dossier: nothing at all
    ("total", "2021-12"): [("all", *NOTHING)],
    ("sector", "2021-12"): [],
    # long after: nothing received or resolved, the open dossiers still carried over and overdue
    ("total", "2030-01"): [("all", 0, 4, 0, 0, 0, 0, 4, 4, 0)],
    ("sector", "2030-01"): [
        ("Đất đai", 0, 1, 0, 0, 0, 0, 1, 1, 0),
        ("Xây dựng", 0, 2, 0, 0, 0, 0, 2, 2, 0),
        ("Lĩnh vực lạ", 0, 1, 0, 0, 0, 0, 1, 1, 0),
    ],
}

# (by, period name) → rows of RATE_COLUMNS
EXPECTED_RATES = {
    ("total", "2023-01"): [("all", 6 / 7, 1 / 7, 3 / 7, 2 / 4, 2 / 3, 1 / 2, 1.0, 8 / 11)],
    ("sector", "2023-01"): [
        ("Đất đai", 4 / 5, 1 / 5, 2 / 3, 1.0, 1 / 2, 1 / 2, 1.0, 4 / 6),
        # nothing resolved: on-time and early rates are undefined, not 0; online rates are 0 of 1
        ("Xây dựng", None, None, 0.0, 0.0, None, None, None, 1 / 2),
        ("Hộ tịch", 1.0, 0.0, 1 / 3, 0.0, 1.0, None, None, 1.0),
    ],
    # sync known only for A14 (not synced); A08 is late with no apology column: undefined
    ("total", "BC-2023-01"): [("all", 5 / 6, 1 / 6, 2 / 7, 2 / 3, 2 / 3, 0.0, None, 8 / 10)],
    # empty denominators: undefined, never 0 and never 100 %
    ("total", "2021-12"): [("all", None, None, None, None, None, None, None, None)],
    # nothing resolved or received, 4 pending and all overdue: the 766 progress rate is 0 of 4
    ("total", "2030-01"): [("all", None, None, None, None, None, None, None, 0.0)],
}

# single days and filters
CUSTOM_DAY = custom_period(dt.date(2023, 1, 14), dt.date(2023, 1, 14))
EXPECTED_CUSTOM_DAY = [("all", 1, 4, 1, 0, 1, 0, 4, 1, 0)]
EXPECTED_FILTERED = {
    # (by, period, sector_group, unit_level, unit_id)
    ("sector", "2023-01", "land", None, None): [("Đất đai", *JAN_LAND)],
    ("total", "2023-01", None, "ward", None): [("all", *JAN_WARD)],
    ("total", "2023-01", None, None, "x_bao_khe"): [("all", *JAN_COMMUNE)],
    ("unit", "2023-01", "construction", None, None): [(TNMT, *JAN_CONSTRUCTION)],
    ("month", "BC-2023-01", None, None, "tnmt"): [
        ("2022-12", 2, 2, 0, 0, 0, 0, 4, 1, 0),
        ("2023-01", 2, 4, 2, 1, 1, 0, 4, 1, 0),
    ],
    # every month listed, before the unit's first dossier too; a unit without dossiers: zeros
    ("month", "2022-Q4", None, None, "p_le_loi"): [
        ("2022-10", 0, 0, 0, 0, 0, 0, 0, 0, 0),
        ("2022-11", 1, 0, 0, 0, 0, 0, 1, 1, 0),
        ("2022-12", 1, 1, 1, 0, 0, 1, 0, 0, 1),
    ],
    ("total", "2023-01", None, None, "p_an_tao"): [("all", *NOTHING)],
    ("sector", "2023-01", None, None, "p_an_tao"): [],
}
EXPECTED_MONTH_WINDOWS = [
    ("2022-12", dt.date(2022, 12, 15), dt.date(2022, 12, 31)),
    ("2023-01", dt.date(2023, 1, 1), dt.date(2023, 1, 14)),
]
INVARIANT_PERIODS = ("2023-01", "2023-Q1", "2022", "BC-2023-01", "BC-2023-6T", "2030-01")


def _table(con, by, name, sector_group=None, unit_level=None, unit_id=None):
    period = parse_period(name)
    scope = Scope.of(period, sector_group=sector_group, unit_level=unit_level, unit_id=unit_id)
    return kpi.kpi_table(con, by, scope=scope)


@pytest.mark.parametrize(("by", "name"), list(EXPECTED_COUNTS))
def test_counts(named, by, name):
    assert _table(named, by, name).select(COUNT_COLUMNS).rows() == EXPECTED_COUNTS[by, name]


# late_rate: resolved late over resolved, (by, period name) → {key: rate}
EXPECTED_LATE_RATES = {
    ("sector", "2023-01"): {"Đất đai": 1 / 5, "Xây dựng": None, "Hộ tịch": 0.0},  # Xây dựng resolved nothing
    ("total", "BC-2023-01"): {"all": 1 / 6},
    ("total", "2023-Q1"): {"all": 2 / 8},
    ("total", "2021-12"): {"all": None},
}


@pytest.mark.parametrize(("by", "name"), list(EXPECTED_LATE_RATES))
def test_late_rate(named, by, name):
    actual = dict(_table(named, by, name).select("key", "late_rate").rows())
    assert actual == pytest.approx(EXPECTED_LATE_RATES[by, name])


@pytest.mark.parametrize(("by", "name"), list(EXPECTED_RATES))
def test_rates(named, by, name):
    actual = _table(named, by, name).select(RATE_COLUMNS).rows()
    expected = EXPECTED_RATES[by, name]
    assert [row[0] for row in actual] == [row[0] for row in expected]
    for actual_row, expected_row in zip(actual, expected, strict=True):
        assert actual_row[1:] == pytest.approx(expected_row[1:]), actual_row[0]


def test_a_single_day(named):
    table = kpi.kpi_table(named, "total", scope=Scope.of(CUSTOM_DAY))
    assert table.select(COUNT_COLUMNS).rows() == EXPECTED_CUSTOM_DAY


@pytest.mark.parametrize("case", list(EXPECTED_FILTERED))
def test_filters(named, case):
    by, name, sector_group, unit_level, unit_id = case
    table = _table(named, by, name, sector_group, unit_level, unit_id)
    assert table.select(COUNT_COLUMNS).rows() == EXPECTED_FILTERED[case]


def test_months_are_clipped_to_the_period(named):
    table = _table(named, "month", "BC-2023-01")
    assert table.select("key", "window_from_date", "window_to_date").rows() == EXPECTED_MONTH_WINDOWS


def test_unit_rows_carry_their_ids_and_levels(named):
    table = _table(named, "unit", "2023-01")
    assert table.select("unit_id", "unit_level").rows() == [
        ("tnmt", "city"),
        ("p_le_loi", "ward"),
        ("x_bao_khe", "commune"),
    ]


@pytest.mark.parametrize("name", INVARIANT_PERIODS)
def test_invariants(named, name):
    total = _table(named, "total", name).row(0, named=True)
    for dimension in definitions.dimensions():
        by = dimension.name
        table = _table(named, by, name)
        assert (
            table.select("key", "sector_group", "sector_name", "window_from_date").n_unique() == table.height
        ), by
        for row in table.iter_rows(named=True):
            assert row["n_early"] + row["n_on_time"] + row["n_late"] == row["n_resolved"]
            assert row["n_pending_in_time"] + row["n_pending_overdue"] == row["n_pending"]
            assert (
                row["n_carried_over"] + row["n_received"]
                == row["n_resolved"] + row["n_pending"] + row["n_withdrawn"]
            )
        assert table["n_received"].sum() == total["n_received"], by
        assert table["n_resolved"].sum() == total["n_resolved"], by
        if not dimension.is_by_month:
            assert table["n_pending"].sum() == total["n_pending"], by


def test_an_unknown_dimension_is_refused(named):
    with pytest.raises(ValueError, match="by must be one of"):
        kpi.kpi_table(named, "ward", scope=Scope(dt.date(2023, 1, 1), dt.date(2023, 1, 31)))


def test_an_empty_warehouse(tmp_path):
    con = connect(tmp_path / "empty.duckdb")
    try:
        scope = Scope(dt.date(2023, 1, 1), dt.date(2023, 3, 31))
        assert kpi.kpi_table(con, "total", scope=scope).select(COUNT_COLUMNS).rows() == [("all", *NOTHING)]
        assert kpi.monthly_trend(con, scope=scope)["key"].to_list() == ["2023-01", "2023-02", "2023-03"]
        assert kpi.kpi_table(con, "unit", scope=scope).height == 0
        assert kpi.available_periods(con) == []
    finally:
        con.close()


def test_wards_and_communes_together_are_the_sum_of_both_levels(named):
    """The 'ward_commune' filter value selects exactly the wards and the communes."""
    year = Scope(dt.date(2022, 12, 15), dt.date(2023, 12, 31))
    counts = ["n_received", "n_resolved", "n_early", "n_on_time", "n_late", "n_pending", "n_withdrawn"]

    def level(unit_level):
        return kpi.kpi_table(named, "total", scope=year.narrowed(unit_level=unit_level)).select(counts).row(0)

    together, ward, commune = level("ward_commune"), level("ward"), level("commune")
    assert together == tuple(a + b for a, b in zip(ward, commune, strict=True))
    assert any(together)
