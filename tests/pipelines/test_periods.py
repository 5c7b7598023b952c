"""Period names and dates (docs/definitions.md): calendar and official periods, previous and a year earlier."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipelines.errors import UnknownPeriodError
from pipelines.periods import (
    available_periods,
    custom_period,
    parse_period,
    period_for_dates,
    previous_period,
    year_earlier,
)

D = dt.date
PARSED = [
    # name → (from, to, label)
    ("2023-01", D(2023, 1, 1), D(2023, 1, 31), "Tháng 01/2023"),
    ("2024-02", D(2024, 2, 1), D(2024, 2, 29), "Tháng 02/2024"),
    ("2023-Q1", D(2023, 1, 1), D(2023, 3, 31), "Quý I/2023"),
    ("2023-Q4", D(2023, 10, 1), D(2023, 12, 31), "Quý IV/2023"),
    ("2023-H1", D(2023, 1, 1), D(2023, 6, 30), "6 tháng đầu năm 2023"),
    ("2023-H2", D(2023, 7, 1), D(2023, 12, 31), "6 tháng cuối năm 2023"),
    ("2023", D(2023, 1, 1), D(2023, 12, 31), "Năm 2023"),
    ("BC-2023-01", D(2022, 12, 15), D(2023, 1, 14), "Kỳ báo cáo tháng 01/2023"),
    ("BC-2023-03", D(2023, 2, 15), D(2023, 3, 14), "Kỳ báo cáo tháng 03/2023"),
    ("BC-2023-12", D(2023, 11, 15), D(2023, 12, 14), "Kỳ báo cáo tháng 12/2023"),
    ("BC-2023-Q1", D(2022, 12, 15), D(2023, 3, 14), "Kỳ báo cáo quý I/2023"),
    ("BC-2023-Q2", D(2023, 3, 15), D(2023, 6, 14), "Kỳ báo cáo quý II/2023"),
    ("BC-2023-Q3", D(2023, 6, 15), D(2023, 9, 14), "Kỳ báo cáo quý III/2023"),
    ("BC-2023-Q4", D(2023, 9, 15), D(2023, 12, 14), "Kỳ báo cáo quý IV/2023"),
    ("BC-2023-6T", D(2022, 12, 15), D(2023, 6, 14), "Kỳ báo cáo 6 tháng năm 2023"),
    ("BC-2023-9T", D(2022, 12, 15), D(2023, 9, 14), "Kỳ báo cáo 9 tháng năm 2023"),
    ("BC-2023", D(2022, 12, 15), D(2023, 12, 14), "Kỳ báo cáo năm 2023"),
]
UNKNOWN = [
    "2023-13",
    "2023-00",
    "2023-1",
    "2023-Q5",
    "2023-Q0",
    "2023-H3",
    "BC-2023-00",
    "BC-2023-13",
    "BC-2023-H1",
    "BC-2023-12T",
    "Q1-2023",
    "23-01",
    "2023/01",
    "",
    "tháng 1",
    "1899",
    "BC-1900",
]
PREVIOUS = [
    ("2023-01", "2022-12"),
    ("2023-03", "2023-02"),
    ("2023-Q1", "2022-Q4"),
    ("2023-Q3", "2023-Q2"),
    ("2023-H1", "2022-H2"),
    ("2023-H2", "2023-H1"),
    ("2023", "2022"),
    ("BC-2023-01", "BC-2022-12"),
    ("BC-2023-07", "BC-2023-06"),
    ("BC-2023-Q1", "BC-2022-Q4"),
    ("BC-2023-Q2", "BC-2023-Q1"),
    ("BC-2023", "BC-2022"),
    # cumulative periods have no preceding period of their kind: the same period a year earlier
    ("BC-2023-6T", "BC-2022-6T"),
    ("BC-2023-9T", "BC-2022-9T"),
]
AVAILABLE_JAN_FEB_2023 = [
    "2023-02",
    "2023-01",
    "2023-Q1",
    "2023-H1",
    "2023",
    "BC-2023-03",
    "BC-2023-02",
    "BC-2023-01",
    "BC-2023-Q1",
    "BC-2023-6T",
    "BC-2023-9T",
    "BC-2023",
]
# late December belongs to the official periods of the next year
AVAILABLE_END_OF_DEC_2022 = [
    "2022-12",
    "2022-Q4",
    "2022-H2",
    "2022",
    "BC-2023-01",
    "BC-2023-Q1",
    "BC-2023-6T",
    "BC-2023-9T",
    "BC-2023",
]


@pytest.mark.parametrize(("name", "from_date", "to_date", "label"), PARSED)
def test_parse(name, from_date, to_date, label):
    period = parse_period(name)
    assert (period.name, period.from_date, period.to_date, period.label_vi) == (
        name,
        from_date,
        to_date,
        label,
    )


def test_names_are_read_ignoring_case_and_spaces():
    assert parse_period(" bc-2023-q1 ") == parse_period("BC-2023-Q1")
    assert parse_period("2023-h2").name == "2023-H2"


@pytest.mark.parametrize("name", UNKNOWN)
def test_unknown_names_list_the_valid_forms(name):
    with pytest.raises(UnknownPeriodError) as error:
        parse_period(name)
    message = error.value.message_vi
    assert f"«{name}»" in message
    for form in (
        "2023-01",
        "2023-Q1",
        "2023-H1",
        "2023 (năm)",
        "BC-2023-01",
        "BC-2023-Q1",
        "BC-2023-6T",
        "BC-2023-9T",
        "BC-2023 (năm)",
    ):
        assert form in message


@pytest.mark.parametrize(("name", "previous"), PREVIOUS)
def test_previous(name, previous):
    assert previous_period(parse_period(name)).name == previous


@pytest.mark.parametrize("name", [name for name, *_ in PARSED])
def test_a_year_earlier_has_the_same_name_a_year_before(name):
    period = parse_period(name)
    earlier = year_earlier(period)
    assert earlier.kind == period.kind and earlier.index == period.index and earlier.year == period.year - 1


def test_custom_periods():
    period = custom_period(D(2023, 1, 10), D(2023, 1, 19))
    assert period.label_vi == "Từ ngày 10/01/2023 đến ngày 19/01/2023"
    assert period.title_vi == period.label_vi
    assert (previous_period(period).from_date, previous_period(period).to_date) == (
        D(2022, 12, 31),
        D(2023, 1, 9),
    )
    leap = custom_period(D(2024, 2, 29), D(2024, 3, 10))
    assert (year_earlier(leap).from_date, year_earlier(leap).to_date) == (D(2023, 2, 28), D(2023, 3, 10))
    with pytest.raises(UnknownPeriodError, match="sau ngày kết thúc"):
        custom_period(D(2023, 2, 1), D(2023, 1, 31))


def test_dates_that_match_a_named_period_get_its_name():
    assert period_for_dates(D(2022, 12, 15), D(2023, 1, 14)).name == "BC-2023-01"
    assert period_for_dates(D(2023, 2, 1), D(2023, 2, 28)).name == "2023-02"
    assert previous_period(period_for_dates(D(2023, 2, 1), D(2023, 2, 28))).name == "2023-01"
    assert period_for_dates(D(2023, 1, 5), D(2023, 1, 9)).kind == "custom"


def test_title_shows_the_dates():
    assert parse_period("BC-2023-01").title_vi == "Kỳ báo cáo tháng 01/2023 (15/12/2022 – 14/01/2023)"


@pytest.mark.parametrize(
    ("first", "last", "expected"),
    [
        (D(2023, 1, 10), D(2023, 2, 20), AVAILABLE_JAN_FEB_2023),
        (D(2022, 12, 20), D(2022, 12, 31), AVAILABLE_END_OF_DEC_2022),
    ],
)
def test_available_periods(first, last, expected):
    assert [p.name for p in available_periods(first, last)] == expected


@given(year=st.integers(min_value=1990, max_value=2090))
def test_periods_of_a_kind_follow_each_other_without_gaps(year):
    for names in (
        [f"{year}-{m:02d}" for m in range(1, 13)],
        [f"{year}-Q{q}" for q in range(1, 5)],
        [f"{year}-H1", f"{year}-H2"],
        [f"BC-{year}-{m:02d}" for m in range(1, 13)],
        [f"BC-{year}-Q{q}" for q in range(1, 5)],
    ):
        chain = [parse_period(name) for name in names]
        assert (
            chain[0].from_date == parse_period(str(year) if "BC" not in names[0] else f"BC-{year}").from_date
        )
        assert chain[-1].to_date == parse_period(str(year) if "BC" not in names[0] else f"BC-{year}").to_date
        for before, after in zip(chain, chain[1:], strict=False):
            assert before.to_date + dt.timedelta(days=1) == after.from_date
            assert previous_period(after) == before
