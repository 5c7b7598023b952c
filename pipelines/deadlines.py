"""The plan's four period reports of a year and their deadlines (docs/definitions.md, "Periods"):
BC-YYYY-Q1 before 14/3, BC-YYYY-6T before 14/6, BC-YYYY-Q3 before 14/9, BC-YYYY before 14/12. A deadline
falls on its period's last day. "Next" is measured from the data's as-of date, never from the
computer's clock.
"""

import datetime as dt
from dataclasses import dataclass

from pipelines.periods import Period, parse_period

REPORT_NAMES = ("BC-{year}-Q1", "BC-{year}-6T", "BC-{year}-Q3", "BC-{year}")


@dataclass(frozen=True)
class DueReport:
    period: Period

    @property
    def deadline(self) -> dt.date:
        return self.period.to_date


def reports_of_year(year: int) -> list[DueReport]:
    """The four reports of `year`, in deadline order."""
    return [DueReport(parse_period(name.format(year=year))) for name in REPORT_NAMES]


def next_due(as_of_date: dt.date) -> DueReport:
    """The report whose deadline is the first on or after the as-of date (a deadline on that very day
    is still to be met)."""
    candidates = reports_of_year(as_of_date.year) + reports_of_year(as_of_date.year + 1)
    return next(report for report in candidates if report.deadline >= as_of_date)


def is_incomplete(period: Period, as_of_date: dt.date | None) -> bool:
    """The data stop before the period's last day: the report says so."""
    return as_of_date is not None and as_of_date < period.to_date
