"""Reporting periods, the one definition of their names and dates (docs/definitions.md, Periods).

Calendar periods: `2023-01`, `2023-Q1`, `2023-H1`, `2023`. Official report periods (kỳ báo cáo,
Nghị định 09/2019/NĐ-CP, art. 12) end on the 14th and start on the 15th of the month before:
`BC-2023-01` is 15/12/2022 – 14/01/2023; `BC-2023-Q1`; the cumulative `BC-2023-6T` and `BC-2023-9T`;
`BC-2023` is 15/12/2022 – 14/12/2023. Any other [from, to] is a custom period.
"""

import calendar
import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from pipelines.errors import UnknownPeriodError

_ROMAN = ("I", "II", "III", "IV")

VALID_FORMS_VI = (
    "2023-01 (tháng), 2023-Q1 (quý), 2023-H1 (6 tháng), 2023 (năm); kỳ báo cáo: "
    "BC-2023-01 (tháng, 15/12/2022 – 14/01/2023), BC-2023-Q1 (quý), BC-2023-6T (6 tháng), "
    "BC-2023-9T (9 tháng), BC-2023 (năm)"
)


@dataclass(frozen=True)
class Period:
    name: str
    from_date: dt.date
    to_date: dt.date
    label_vi: str
    kind: str = "custom"
    year: int | None = None
    index: int | None = None

    @property
    def dates_vi(self) -> str:
        return f"{self.from_date:%d/%m/%Y} – {self.to_date:%d/%m/%Y}"

    @property
    def title_vi(self) -> str:
        """The label with the dates: the dashboard always shows the dates of the period it shows."""
        if self.kind == "custom":
            return self.label_vi
        return f"{self.label_vi} ({self.dates_vi})"


def _last_day(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _official_window(year: int, first_month: int, last_month: int) -> tuple[dt.date, dt.date]:
    """From the 15th of the month before first_month to the 14th of last_month."""
    start = dt.date(year - 1, 12, 15) if first_month == 1 else dt.date(year, first_month - 1, 15)
    return start, dt.date(year, last_month, 14)


def _month(year: int, month: int) -> Period:
    return Period(
        f"{year}-{month:02d}",
        dt.date(year, month, 1),
        _last_day(year, month),
        f"Tháng {month:02d}/{year}",
        "month",
        year,
        month,
    )


def _quarter(year: int, quarter: int) -> Period:
    return Period(
        f"{year}-Q{quarter}",
        dt.date(year, 3 * quarter - 2, 1),
        _last_day(year, 3 * quarter),
        f"Quý {_ROMAN[quarter - 1]}/{year}",
        "quarter",
        year,
        quarter,
    )


def _half(year: int, half: int) -> Period:
    label = f"6 tháng đầu năm {year}" if half == 1 else f"6 tháng cuối năm {year}"
    return Period(
        f"{year}-H{half}",
        dt.date(year, 6 * half - 5, 1),
        _last_day(year, 6 * half),
        label,
        "half",
        year,
        half,
    )


def _year(year: int, _index: int | None = None) -> Period:
    return Period(str(year), dt.date(year, 1, 1), dt.date(year, 12, 31), f"Năm {year}", "year", year)


def _bc_month(year: int, month: int) -> Period:
    return Period(
        f"BC-{year}-{month:02d}",
        *_official_window(year, month, month),
        f"Kỳ báo cáo tháng {month:02d}/{year}",
        "bc_month",
        year,
        month,
    )


def _bc_quarter(year: int, quarter: int) -> Period:
    return Period(
        f"BC-{year}-Q{quarter}",
        *_official_window(year, 3 * quarter - 2, 3 * quarter),
        f"Kỳ báo cáo quý {_ROMAN[quarter - 1]}/{year}",
        "bc_quarter",
        year,
        quarter,
    )


def _bc_6t(year: int, _index: int | None = None) -> Period:
    return Period(
        f"BC-{year}-6T", *_official_window(year, 1, 6), f"Kỳ báo cáo 6 tháng năm {year}", "bc_6t", year
    )


def _bc_9t(year: int, _index: int | None = None) -> Period:
    return Period(
        f"BC-{year}-9T", *_official_window(year, 1, 9), f"Kỳ báo cáo 9 tháng năm {year}", "bc_9t", year
    )


def _bc_year(year: int, _index: int | None = None) -> Period:
    return Period(f"BC-{year}", *_official_window(year, 1, 12), f"Kỳ báo cáo năm {year}", "bc_year", year)


@dataclass(frozen=True)
class _Kind:
    pattern: re.Pattern[str]
    build: Callable[[int, int | None], Period]
    n_per_year: int | None  # None: one period a year, no index


# In the order the period selector lists them.
_KINDS: dict[str, _Kind] = {
    "month": _Kind(re.compile(r"(\d{4})-(\d{2})"), _month, 12),
    "quarter": _Kind(re.compile(r"(\d{4})-Q(\d)"), _quarter, 4),
    "half": _Kind(re.compile(r"(\d{4})-H(\d)"), _half, 2),
    "year": _Kind(re.compile(r"(\d{4})"), _year, None),
    "bc_month": _Kind(re.compile(r"BC-(\d{4})-(\d{2})"), _bc_month, 12),
    "bc_quarter": _Kind(re.compile(r"BC-(\d{4})-Q(\d)"), _bc_quarter, 4),
    "bc_6t": _Kind(re.compile(r"BC-(\d{4})-6T"), _bc_6t, None),
    "bc_9t": _Kind(re.compile(r"BC-(\d{4})-9T"), _bc_9t, None),
    "bc_year": _Kind(re.compile(r"BC-(\d{4})"), _bc_year, None),
}
_MIN_YEAR, _MAX_YEAR = 1901, 9998  # a year earlier and the 15/12 start of the year must still be dates


def _unknown(name: str) -> UnknownPeriodError:
    return UnknownPeriodError(f"Không nhận ra kỳ «{name}». Các dạng hợp lệ: {VALID_FORMS_VI}.")


def parse_period(name: str) -> Period:
    """A period from its name (case and surrounding spaces ignored); UnknownPeriodError otherwise."""
    text = name.strip().upper()
    for kind in _KINDS.values():
        match = kind.pattern.fullmatch(text)
        if not match:
            continue
        year = int(match.group(1))
        index = int(match.group(2)) if kind.n_per_year else None
        if not _MIN_YEAR <= year <= _MAX_YEAR or (index is not None and not 1 <= index <= kind.n_per_year):
            raise _unknown(name)
        return kind.build(year, index)
    raise _unknown(name)


def custom_period(from_date: dt.date, to_date: dt.date) -> Period:
    if from_date > to_date:
        raise UnknownPeriodError(
            f"Ngày bắt đầu {from_date:%d/%m/%Y} sau ngày kết thúc {to_date:%d/%m/%Y}: kỳ không hợp lệ."
        )
    return Period(
        f"{from_date.isoformat()}..{to_date.isoformat()}",
        from_date,
        to_date,
        f"Từ ngày {from_date:%d/%m/%Y} đến ngày {to_date:%d/%m/%Y}",
    )


def _periods_of_year(year: int) -> Iterator[Period]:
    for kind in _KINDS.values():
        if kind.n_per_year is None:
            yield kind.build(year, None)
        else:
            for index in range(1, kind.n_per_year + 1):
                yield kind.build(year, index)


def period_for_dates(from_date: dt.date, to_date: dt.date) -> Period:
    """The named period with exactly these dates (no two share them), else a custom period."""
    if _MIN_YEAR <= to_date.year <= _MAX_YEAR:
        for period in _periods_of_year(to_date.year):
            if (period.from_date, period.to_date) == (from_date, to_date):
                return period
    return custom_period(from_date, to_date)


def _a_year_earlier(day: dt.date) -> dt.date:
    if (day.month, day.day) == (2, 29):
        return dt.date(day.year - 1, 2, 28)
    return day.replace(year=day.year - 1)


def year_earlier(period: Period) -> Period:
    """The same period a year earlier (a custom period: the same dates, 29/02 → 28/02)."""
    if period.kind == "custom":
        return period_for_dates(_a_year_earlier(period.from_date), _a_year_earlier(period.to_date))
    return _KINDS[period.kind].build(period.year - 1, period.index)


def previous_period(period: Period) -> Period:
    """The period before: the previous month, quarter, half, year or official month/quarter/year.

    The cumulative official periods (6T, 9T) have no preceding period of their kind: they compare
    with the same period a year earlier, as the reports do. A custom period: the same number of days
    just before it.
    """
    kind = _KINDS.get(period.kind)
    if kind is None:
        n_days = (period.to_date - period.from_date).days + 1
        return period_for_dates(
            period.from_date - dt.timedelta(days=n_days), period.from_date - dt.timedelta(days=1)
        )
    if kind.n_per_year is None or period.index == 1:
        return kind.build(period.year - 1, kind.n_per_year)
    return kind.build(period.year, period.index - 1)


def available_periods(first_date: dt.date, last_date: dt.date) -> list[Period]:
    """Every named period overlapping [first_date, last_date], by kind, the most recent first."""
    overlapping = [
        period
        for year in range(first_date.year, last_date.year + 2)  # BC-(Y+1) periods start in December of Y
        for period in _periods_of_year(year)
        if period.from_date <= last_date and period.to_date >= first_date
    ]
    kind_order = list(_KINDS)
    return sorted(overlapping, key=lambda p: (kind_order.index(p.kind), -p.to_date.toordinal()))
