"""The demo year's dossiers: each one's life simulated from the demand tables of pipelines/demo_data/
(demand.csv, simulation.toml). Received in office hours, due after the procedure's legal number of
working days, finished early, on time or late, or withdrawn; channel, rating, sync and apology drawn.
Same seed, same dossiers.
"""

import csv
import datetime as dt
import random
import tomllib
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from pipelines.catalogues import Catalogues, is_day_off

DATA_DIR = Path(__file__).parent / "demo_data"
WARDS = "wards_and_communes"  # demand.csv: a procedure every ward and commune handles
RATINGS = ("very_satisfied", "satisfied", "neutral", "unsatisfied")  # the order of rating_weights


def _time(text: str) -> dt.time:
    return dt.time.fromisoformat(text)


@dataclass(frozen=True)
class Demand:
    handled_by: str  # a unit_id, or WARDS
    per_year: int  # dossiers a year at scale 1
    late_share: float
    busy_months: tuple[int, ...]


def _demand() -> dict[str, Demand]:
    with (DATA_DIR / "demand.csv").open(encoding="utf-8", newline="") as file:
        return {
            row["procedure_code"]: Demand(
                row["handled_by"],
                int(row["dossiers_per_year"]),
                float(row["late_share"]),
                tuple(int(month) for month in row["busy_months"].split(";") if month),
            )
            for row in csv.DictReader(file)
        }


DEMAND = _demand()
_SIM = tomllib.loads((DATA_DIR / "simulation.toml").read_text(encoding="utf-8"))
_SEASON = dict(enumerate(_SIM["season"], start=1))
_SAME_DAY_CUTOFF, _DUE_TIME, _LATEST_FINISH = (
    _time(_SIM[name]) for name in ("same_day_cutoff", "due_time", "latest_finish")
)
_OFFICE_MINUTES = tuple(
    minute
    for start, end in _SIM["office_hours"]
    for minute in range(
        _time(start).hour * 60 + _time(start).minute, _time(end).hour * 60 + _time(end).minute
    )
)


@dataclass(frozen=True)
class Procedure:
    code: str
    name: str
    sector: str
    group: str
    service_level: str
    days: int | None  # None: settled on the spot, no due date


@dataclass(frozen=True)
class Unit:
    unit_id: str
    name: str
    level: str
    aliases: tuple[str, ...]


@dataclass
class Dossier:
    procedure: Procedure
    unit: Unit
    received_at: dt.datetime
    due_at: dt.datetime | None
    closed_at: dt.datetime  # finished or withdrawn; may lie after the year
    withdrawn: bool
    channel: str
    rating: str | None
    synced: bool
    apology: bool
    code: str = ""
    serial: int = 0


class _Calendar:
    """Working days (no weekend, no day off) and their positions, to count days forward."""

    def __init__(self, first: dt.date, last: dt.date, days_off: set[dt.date]):
        span = (first + dt.timedelta(n) for n in range((last - first).days + 1))
        self.days = [day for day in span if not is_day_off(day, days_off)]
        self._index = {day: i for i, day in enumerate(self.days)}

    def shift(self, day: dt.date, n: int) -> dt.date:
        return self.days[self._index[day] + n]

    def between(self, first: dt.date, last: dt.date) -> int:
        return self._index[last] - self._index[first]

    def in_month(self, year: int, month: int) -> list[dt.date]:
        return [day for day in self.days if day.year == year and day.month == month]


def simulate(catalogues: Catalogues, year: int, seed: int, scale: float) -> list[Dossier]:
    """Every dossier of `year` and of the months before it that the year's exports still list, in order of
    receipt, numbered as the provincial system numbers them."""
    rng = random.Random(seed)
    first_month = _SIM["first_month_before"]
    days_off = set(catalogues.days_off["day"].to_list())
    cal = _Calendar(dt.date(year - 1, first_month, 1), dt.date(year + 2, 12, 31), days_off)
    procedures = _procedures(catalogues)
    units = _units(catalogues)
    wards = [u for u in units.values() if u.level != "city"]
    ward_weights = [_SIM["level_weight"][u.level] * rng.uniform(0.8, 1.2) for u in wards]
    ward_shares = [w / sum(ward_weights) for w in ward_weights]
    months = [(year - 1, m) for m in range(first_month, 13)] + [(year, m) for m in range(1, 13)]
    workdays = {ym: cal.in_month(*ym) for ym in months}
    dossiers = []
    for code, demand in DEMAND.items():
        procedure = procedures[code]
        if demand.handled_by == WARDS:
            handlers = list(zip(wards, ward_shares, strict=True))
        else:
            handlers = [(units[demand.handled_by], 1.0)]
        busy = _SIM["busy_factor"]
        weight = {
            ym: _SEASON[ym[1]] * len(workdays[ym]) * (busy if ym[1] in demand.busy_months else 1.0)
            for ym in months
        }
        year_weight = sum(w for (y, _), w in weight.items() if y == year)
        for ym in months:
            progress = min(max((ym[0] - year) * 12 + ym[1] - 1, 0) / 11, 1.0)
            for unit, share in handlers:
                expected = demand.per_year * scale * share * weight[ym] / year_weight
                for _ in range(int(expected + rng.random())):
                    received = _office_time(rng, rng.choice(workdays[ym]))
                    dossiers.append(_life(rng, cal, procedure, unit, received, demand.late_share, progress))
    dossiers.sort(key=lambda d: (d.received_at, d.unit.unit_id, d.procedure.code))
    counters: dict[tuple[str, int], int] = {}
    for serial, d in enumerate(dossiers, start=1):
        key = ("H37" if d.unit.level == "city" else "H38", d.received_at.year % 100)
        counters[key] = counters.get(key, 0) + 1
        d.code, d.serial = f"{key[0]}.{key[1]:02d}.{counters[key]:06d}", serial
    return dossiers


def as_frame(dossiers: list[Dossier]) -> pl.DataFrame:
    """One row per dossier: the simulated truth behind the exports."""
    return pl.DataFrame(
        {
            "dossier_code": [d.code for d in dossiers],
            "procedure_code": [d.procedure.code for d in dossiers],
            "sector": [d.procedure.sector for d in dossiers],
            "sector_group": [d.procedure.group for d in dossiers],
            "service_level": [d.procedure.service_level for d in dossiers],
            "unit_id": [d.unit.unit_id for d in dossiers],
            "unit_level": [d.unit.level for d in dossiers],
            "received_at": [d.received_at for d in dossiers],
            "due_at": [d.due_at for d in dossiers],
            "closed_at": [d.closed_at for d in dossiers],
            "is_withdrawn": [d.withdrawn for d in dossiers],
            "channel": [d.channel for d in dossiers],
            "rating": [d.rating for d in dossiers],
        },
        schema_overrides={"due_at": pl.Datetime("us"), "rating": pl.String},
    )


def _procedures(catalogues: Catalogues) -> dict[str, Procedure]:
    groups = dict(catalogues.sectors.select("name", "sector_group").iter_rows())
    return {
        row["procedure_code"]: Procedure(
            code=row["procedure_code"],
            name=row["procedure_name"],
            sector=row["sector"],
            group=groups.get(row["sector"], "other"),
            service_level=row["service_level"] or "",
            days=None if row["processing_days"] is None else int(row["processing_days"]),
        )
        for row in catalogues.procedures.iter_rows(named=True)
    }


def _units(catalogues: Catalogues) -> dict[str, Unit]:
    aliases = other_spellings(catalogues.unit_aliases.join(catalogues.units, on="unit_id"), "unit_id")
    return {
        row["unit_id"]: Unit(row["unit_id"], row["name"], row["level"], aliases.get(row["unit_id"], ()))
        for row in catalogues.units.iter_rows(named=True)
    }


def other_spellings(frame: pl.DataFrame, key: str) -> dict[str, tuple[str, ...]]:
    """Each catalogue entry's other spellings than its `name`, by `key`."""
    others: dict[str, tuple[str, ...]] = {}
    for row in frame.filter(pl.col("alias") != pl.col("name")).iter_rows(named=True):
        others[row[key]] = (*others.get(row[key], ()), row["alias"])
    return others


def _office_time(rng: random.Random, day: dt.date) -> dt.datetime:
    minute = rng.choice(_OFFICE_MINUTES)
    return dt.datetime.combine(day, dt.time(minute // 60, minute % 60))


def _later_same_day(rng: random.Random, moment: dt.datetime) -> dt.datetime:
    latest = dt.datetime.combine(moment.date(), _LATEST_FINISH)
    return min(moment + dt.timedelta(minutes=rng.randint(10, 180)), latest)


def due_at(day: dt.date) -> dt.datetime:
    """A due date as the provincial system writes it: at the end of office hours."""
    return dt.datetime.combine(day, _DUE_TIME)


def _due(cal: _Calendar, procedure: Procedure, received: dt.datetime) -> dt.datetime | None:
    if procedure.days is None:
        return None
    days = procedure.days
    if days == 0 and received.time() >= _SAME_DAY_CUTOFF:
        days = 1
    return due_at(cal.shift(received.date(), days))


def _channel(rng: random.Random, procedure: Procedure, progress: float) -> str:
    low, high = _SIM["online"][procedure.service_level]
    if rng.random() < low + (high - low) * progress:
        return "online"
    return "postal" if rng.random() < _SIM["postal_share"] else "in_person"


def _closed(
    rng: random.Random,
    cal: _Calendar,
    procedure: Procedure,
    received: dt.datetime,
    due: dt.datetime | None,
    late_share: float,
    withdrawn: bool,
) -> tuple[dt.datetime, bool]:
    """When the dossier is finished or withdrawn, and whether it is late."""
    on_due_share, skew, _ = _SIM["pace"][procedure.group]
    if withdrawn:
        day = cal.shift(received.date(), rng.randint(0, max(procedure.days or 0, 1)))
        return _finish_on(rng, day, received), False
    if due is None:
        return _later_same_day(rng, received), False
    span = cal.between(received.date(), due.date())
    draw = rng.random()
    if draw < late_share:
        return _finish_on(
            rng, cal.shift(due.date(), 1 + int(rng.random() ** 2 * max(3, span))), received
        ), True
    if draw < late_share + on_due_share or span == 0:
        day = due.date()
    else:
        day = cal.shift(received.date(), int(span * rng.random() ** skew))
    return _finish_on(rng, day, received), False


def _life(
    rng: random.Random,
    cal: _Calendar,
    procedure: Procedure,
    unit: Unit,
    received: dt.datetime,
    late_share: float,
    progress: float,
) -> Dossier:
    due = _due(cal, procedure, received)
    channel = _channel(rng, procedure, progress)
    withdrawn = rng.random() < _SIM["pace"][procedure.group][2]
    closed, late = _closed(rng, cal, procedure, received, due, late_share, withdrawn)
    rating = None
    low, high = _SIM["rated_share"]
    if not withdrawn and rng.random() < low + (high - low) * progress:
        weights = _SIM["rating_weights"]["late" if late else procedure.group]
        rating = rng.choices(RATINGS, weights)[0]
    synced = rng.random() < _SIM["synced_share"]
    apology = rng.random() < _SIM["apology_share"]
    return Dossier(procedure, unit, received, due, closed, withdrawn, channel, rating, synced, apology)


def _finish_on(rng: random.Random, day: dt.date, received: dt.datetime) -> dt.datetime:
    if day == received.date():
        return _later_same_day(rng, received)
    return _office_time(rng, day)
