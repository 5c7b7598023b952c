"""Targets, period-over-period, unit ranking, focus groups and the data range, on the named dossiers."""

import datetime as dt

import pytest

from pipelines import kpi
from pipelines.periods import parse_period
from pipelines.scope import Scope
from tests.helpers.kpi_warehouse import COUNTS

D = dt.date
JAN = Scope(D(2023, 1, 1), D(2023, 1, 31))
TNMT, LE_LOI, BAO_KHE = "Phòng Tài nguyên và Môi trường", "Phường Lê Lợi", "Xã Bảo Khê"
TARGET_COLUMNS = (
    "kpi",
    "sector_group",
    "target_sector_group",
    "comparison",
    "target_value",
    "value_rate",
    "n_denominator",
    "status",
    "gap_pp",
)
# Jan 2023 against conftest.TEST_TARGETS (year 2023)
EXPECTED_TARGETS = [
    ("on_time_rate", "all", "all", ">", 0.95, 6 / 7, 7, "not_met", (6 / 7 - 0.95) * 100),
    ("early_rate", "all", "all", ">=", 0.80, 1 / 7, 7, "not_met", (1 / 7 - 0.80) * 100),
    ("satisfaction_rate", "all", "all", ">=", 0.90, 2 / 3, 3, "not_met", (2 / 3 - 0.90) * 100),
    # exactly on a '>=' target: met, gap 0
    ("satisfaction_rate", "land", "land", ">=", 0.50, 0.5, 2, "met", 0.0),
    # nothing rated in construction: no data, never 0
    ("satisfaction_rate", "construction", "construction", ">=", 0.85, None, 0, "no_data", None),
    # online over the 7 received with a known channel (A11's is unknown)
    ("online_rate", "all", "all", "<=", 0.5, 3 / 7, 7, "met", (3 / 7 - 0.5) * 100),
    ("apology_rate", "all", "all", ">=", 1.00, 1.0, 1, "met", 0.0),
]
# filtered on land: the group's own satisfaction target replaces the general one
EXPECTED_TARGETS_LAND = [
    ("on_time_rate", "land", "all", ">", 0.95, 4 / 5, 5, "not_met", (4 / 5 - 0.95) * 100),
    ("early_rate", "land", "all", ">=", 0.80, 1 / 5, 5, "not_met", (1 / 5 - 0.80) * 100),
    ("satisfaction_rate", "land", "land", ">=", 0.50, 0.5, 2, "met", 0.0),
    ("online_rate", "land", "all", "<=", 0.5, 2 / 3, 3, "not_met", (2 / 3 - 0.5) * 100),
    ("apology_rate", "land", "all", ">=", 1.00, 1.0, 1, "met", 0.0),
]
EXPECTED_TARGETS_2022 = [("on_time_rate", "all", "all", ">", 0.50, 3 / 4, 4, "met", 25.0)]

# Jan 2023 against Dec 2022 (tnmt 1st, Bảo Khê 2nd, Lê Lợi 3rd): (unit_id, rank, previous rank, change)
EXPECTED_RANKING = [("x_bao_khe", 1, 2, 1), ("p_le_loi", 2, 3, 1), ("tnmt", 3, 1, -2)]
# 12–14/01/2023: Lê Lợi and Bảo Khê tie on all three (same rank); tnmt resolved nothing: unranked
EXPECTED_TIED_RANKING = [("p_le_loi", 1, None, None), ("x_bao_khe", 1, None, None), ("tnmt", None, 1, None)]

# Jan 2023 total beside Dec 2022 and Jan 2022: kpi → (value, previous, year ago)
EXPECTED_COMPARE = {
    "n_received": (8, 7, 1),
    "n_resolved": (7, 3, 1),
    "on_time_rate": (6 / 7, 2 / 3, 1.0),
    "early_rate": (1 / 7, 1 / 3, 1.0),
    "apology_rate": (1.0, None, None),
}
EXPECTED_FOCUS = [
    ("land", TNMT, 2, 3, 4, 1, 2, 1, 1, 1, 0),
    ("land", BAO_KHE, 1, 0, 1, 0, 1, 0, 0, 0, 0),
    ("construction", TNMT, 1, 1, 0, 0, 0, 0, 2, 1, 0),
]


def _approx_rows(rows):
    return [tuple(pytest.approx(v) if isinstance(v, float) else v for v in row) for row in rows]


@pytest.mark.parametrize(
    ("period", "sector_group", "expected"),
    [
        (JAN, None, EXPECTED_TARGETS),
        (JAN, "land", EXPECTED_TARGETS_LAND),
        (Scope(D(2022, 1, 1), D(2022, 12, 31)), None, EXPECTED_TARGETS_2022),
        (Scope(D(2024, 1, 1), D(2024, 1, 31)), None, []),
    ],
)
def test_targets(named, period, sector_group, expected):
    table = kpi.targets_status(named, scope=period.narrowed(sector_group=sector_group))
    assert table.select(TARGET_COLUMNS).rows() == _approx_rows(expected)


def test_ranking_with_change_against_the_previous_period(named):
    table = kpi.unit_ranking(named, scope=JAN)
    assert (
        table.select("unit_id", "unit_rank", "unit_rank_previous", "rank_change").rows() == EXPECTED_RANKING
    )
    assert table["unit_name"].to_list() == [BAO_KHE, LE_LOI, TNMT]


def test_ties_share_a_rank_and_units_without_results_are_unranked(named):
    table = kpi.unit_ranking(named, scope=Scope(D(2023, 1, 12), D(2023, 1, 14)))
    rows = table.select("unit_id", "unit_rank", "unit_rank_previous", "rank_change").rows()
    assert rows == EXPECTED_TIED_RANKING


def test_compare_with_the_previous_period_and_a_year_earlier(named):
    table = kpi.kpi_compare(named, "total", scope=JAN)
    assert table["key"].unique().to_list() == ["all"]
    assert table.height == 18
    rows = {row["kpi"]: row for row in table.iter_rows(named=True)}
    for name, (value, previous, year_ago) in EXPECTED_COMPARE.items():
        row = rows[name]
        assert (row["value"], row["value_previous"], row["value_year_ago"]) == pytest.approx(
            (value, previous, year_ago)
        ), name
        assert row["is_rate"] == name.endswith("_rate")
    assert rows["on_time_rate"]["delta_previous"] == pytest.approx(6 / 7 - 2 / 3)
    assert rows["on_time_rate"]["delta_year_ago"] == pytest.approx(6 / 7 - 1)
    assert rows["apology_rate"]["delta_previous"] is None


def test_compare_by_unit_keeps_the_current_keys(named):
    table = kpi.kpi_compare(named, "unit", scope=JAN)
    assert table["key"].unique(maintain_order=True).to_list() == [TNMT, LE_LOI, BAO_KHE]
    received = {row["key"]: row for row in table.filter(table["kpi"] == "n_received").iter_rows(named=True)}
    # Dec 2022: tnmt received A01, A05, A12, A15, B03; Bảo Khê B02; Jan 2022: only tnmt (B01)
    assert received[TNMT]["value_previous"] == 5
    assert received[BAO_KHE]["value_year_ago"] is None


def test_focus_groups_by_unit(named):
    table = kpi.focus_by_unit(named, scope=JAN)
    assert table.select("sector_group", "key", *COUNTS).rows() == EXPECTED_FOCUS


def test_available_periods_follow_the_data(named):
    names = [p.name for p in kpi.available_periods(named)]
    assert names[:3] == ["2023-02", "2023-01", "2022-12"]
    assert "BC-2022-01" in names  # 15/12/2021 – 14/01/2022 holds the first dossier, 05/01/2022
    assert "BC-2023-02" in names and "BC-2023-03" not in names  # the last day with data is 02/02/2023
    assert parse_period("2021-12").name not in names
