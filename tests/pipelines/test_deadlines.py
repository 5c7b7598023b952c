"""The plan's four reports of a year, and which one is due next after the data's as-of date."""

import datetime as dt

import pytest

from pipelines.deadlines import is_incomplete, next_due, reports_of_year
from pipelines.periods import parse_period

D = dt.date


def test_the_four_reports_of_a_year_and_their_deadlines():
    reports = reports_of_year(2023)
    assert [(r.period.name, r.deadline) for r in reports] == [
        ("BC-2023-Q1", D(2023, 3, 14)),
        ("BC-2023-6T", D(2023, 6, 14)),
        ("BC-2023-Q3", D(2023, 9, 14)),
        ("BC-2023", D(2023, 12, 14)),
    ]
    assert reports[0].period.from_date == D(2022, 12, 15)


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        (D(2023, 1, 10), "BC-2023-Q1"),
        (D(2023, 3, 14), "BC-2023-Q1"),  # due that very day: still the one to make
        (D(2023, 3, 15), "BC-2023-6T"),
        (D(2023, 6, 14), "BC-2023-6T"),
        (D(2023, 9, 20), "BC-2023"),
        (D(2023, 12, 14), "BC-2023"),
        (D(2023, 12, 15), "BC-2024-Q1"),  # after the year report: next year's first
        (D(2023, 12, 31), "BC-2024-Q1"),
        (D(2024, 2, 29), "BC-2024-Q1"),
    ],
)
def test_next_due_is_counted_from_the_as_of_date(as_of, expected):
    assert next_due(as_of).period.name == expected


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [(D(2023, 3, 10), True), (D(2023, 3, 14), False), (D(2023, 4, 1), False), (None, False)],
)
def test_incomplete_when_the_data_stop_before_the_last_day(as_of, expected):
    assert is_incomplete(parse_period("BC-2023-Q1"), as_of) is expected
