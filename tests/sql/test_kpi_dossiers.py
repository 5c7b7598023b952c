"""kpi_dossier_outcome and kpi_dossiers_in_period on the named dossiers of conftest.py."""

import datetime as dt

import pytest

from pipelines import kpi
from pipelines.scope import Scope

D = dt.date
JANUARY = Scope(D(2023, 1, 1), D(2023, 1, 31))
# cut-off 14/01/2023 → code: (outcome, finished_date, n_processing_days, n_processing_working_days,
# n_days_overdue). Working days exclude weekends and the holidays 02/01/2023 (New Year, observed).
OUTCOMES_AT_14_JAN = {
    "A01": ("early", D(2023, 1, 3), 24, 16, None),
    "A02": ("on_time", D(2023, 1, 10), 9, 6, None),
    "A03": ("pending_in_time", None, 9, 6, None),
    "A05": ("pending_in_time", None, 25, 17, None),
    "A06": ("on_time", D(2023, 1, 12), 2, 2, None),
    "A08": ("late", D(2022, 12, 31), 60, 43, 51),
    "A11": ("on_time", D(2023, 1, 4), 1, 1, None),
    "A12": ("pending_overdue", None, 44, 30, 15),
    "A13": ("withdrawn", D(2023, 1, 2), None, None, None),
    "A14": ("on_time", D(2023, 1, 14), 0, 0, None),
    "A15": ("pending_in_time", None, 30, 20, None),
    "B01": ("early", D(2022, 1, 8), 3, 2, None),
    "B02": ("on_time", D(2022, 12, 6), 1, 1, None),
    "B03": ("early", D(2022, 12, 8), 6, 4, None),
}
# due 15/01: in time on the due day itself, overdue the day after; due 31/01, finished 02/02
BOUNDARIES = [
    ("A05", D(2023, 1, 15), "pending_in_time"),
    ("A05", D(2023, 1, 16), "pending_overdue"),
    ("A10", D(2023, 1, 31), "pending_in_time"),
    ("A10", D(2023, 2, 1), "pending_overdue"),
    ("A10", D(2023, 2, 2), "late"),
    ("A07", D(2023, 1, 15), "withdrawn"),
]
# Jan 2023, late and overdue dossiers, most overdue first: (code, outcome, n_days_overdue)
JAN_LATE = [("A12", "pending_overdue", 32), ("A05", "pending_overdue", 16), ("A03", "late", 11)]
JAN_FLAGS = {
    # code: (is_received, is_carried_over, is_resolved, is_pending, is_pending_overdue, is_withdrawn)
    "A01": (False, True, True, False, False, False),
    "A02": (True, False, True, False, False, False),
    "A03": (True, False, True, False, False, False),
    "A04": (True, False, False, True, False, False),
    "A05": (False, True, False, True, True, False),
    "A06": (True, False, True, False, False, False),
    "A07": (True, False, False, False, False, True),
    "A10": (True, False, False, True, False, False),
    "A11": (True, False, True, False, False, False),
    "A12": (False, True, False, True, True, False),
    "A14": (True, False, True, False, False, False),
    "A15": (False, True, True, False, False, False),
}
FLAG_COLUMNS = (
    "is_received",
    "is_carried_over",
    "is_resolved",
    "is_pending",
    "is_pending_overdue",
    "is_withdrawn",
)


def _outcomes(con, cutoff):
    return con.execute(
        "select dossier_code, outcome, finished_date, n_processing_days, n_processing_working_days, "
        "n_days_overdue from kpi_dossier_outcome(?)",
        [cutoff],
    ).fetchall()


def test_outcomes_as_of_a_cutoff(named):
    actual = {row[0]: row[1:] for row in _outcomes(named, D(2023, 1, 14))}
    assert actual == OUTCOMES_AT_14_JAN


@pytest.mark.parametrize(("code", "cutoff", "outcome"), BOUNDARIES)
def test_outcome_boundaries(named, code, cutoff, outcome):
    assert {row[0]: row[1] for row in _outcomes(named, cutoff)}[code] == outcome


def test_dossiers_counted_in_a_period(named):
    table = kpi.dossier_list(named, scope=JANUARY)
    actual = {row[0]: row[1:] for row in table.select("dossier_code", *FLAG_COLUMNS).rows()}
    assert actual == JAN_FLAGS


def test_late_dossiers_most_overdue_first(named):
    table = kpi.dossier_list(named, scope=JANUARY, outcomes=["late", "pending_overdue"])
    assert table.select("dossier_code", "outcome", "n_days_overdue").rows() == JAN_LATE


@pytest.mark.parametrize(
    ("filters", "codes"),
    [
        (dict(unit_id="tnmt"), ["A12", "A05", "A03"]),
        (dict(sector_group="construction"), ["A05"]),
        (dict(unit_level="ward"), []),
    ],
)
def test_dossier_list_filters(named, filters, codes):
    table = kpi.dossier_list(named, scope=JANUARY.narrowed(**filters), outcomes=["late", "pending_overdue"])
    assert table["dossier_code"].to_list() == codes
