"""What each month-end export of the demo year lists, in that month's shape (pipelines/demo_data/
exports.toml): the dossiers received in the month, those still open from earlier months and those closed
in it, one row each with made-up personal columns, and the month's deliberate bad rows.
"""

import datetime as dt
import random
import tomllib
import unicodedata
from dataclasses import dataclass, field

from pipelines.demo_simulation import DATA_DIR, Dossier, Unit, due_at

_EXPORTS = tomllib.loads((DATA_DIR / "exports.toml").read_text(encoding="utf-8"))
_STATUSES = _EXPORTS["statuses"]
_WARD_STYLES = _EXPORTS["ward_styles"]
DATE_FIELDS = ("received", "due", "finished")


@dataclass(frozen=True)
class Shape:
    suffix: str
    columns: tuple[tuple[str, str], ...]  # (field, header) in sheet order
    date_format: str | None  # None: real Excel date cells
    finished_status: str
    channels: dict[str, list[str]]
    ratings: dict[str, list[str]]
    levels: dict[str, str] | None = None
    due_date_only: bool = False
    title: bool = True
    date_group: str | None = None  # two-row header: this merged cell over the three date columns
    totals: str | None = "Tổng cộng"
    encoding: str = "utf-8-sig"
    delimiter: str = ","
    ascii_values: bool = False
    nfd: bool = False
    fields: tuple[str, ...] = field(init=False)

    def __post_init__(self):
        object.__setattr__(self, "fields", tuple(name for name, _ in self.columns))


def _shape(month: dict) -> Shape:
    spelled = {
        "channels": _EXPORTS["channels"][month.pop("channels", "a")],
        "ratings": _EXPORTS["ratings"][month.pop("ratings", "three_levels")],
        "levels": _EXPORTS["levels"][month.pop("levels")] if "levels" in month else None,
    }
    columns = tuple((name, header) for name, header in month.pop("columns"))
    totals = month.pop("totals", "Tổng cộng") or None
    return Shape(
        columns=columns, date_format=month.pop("date_format", None), totals=totals, **spelled, **month
    )


SHAPES = tuple(_shape(dict(month)) for month in _EXPORTS["month"])  # January … December


def sector_spellings(aliases: dict[str, tuple[str, ...]], rng: random.Random) -> dict[str, str]:
    """The system spells some sectors another way in some months (always the same way within one file)."""
    return {sector: rng.choice(names) for sector, names in aliases.items() if rng.random() < 0.3}


def _fake_name(serial: int) -> str:
    """Obviously made up: 'Nguyễn Văn A', 'Trần Thị B', …"""
    surnames, middle_names = _EXPORTS["surnames"], _EXPORTS["middle_names"]
    return f"{surnames[serial % 10]} {middle_names[serial // 10 % 4]} {chr(65 + serial % 26)}"


def _strip_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")


def _index_766_cells(d: Dossier, is_finished: bool) -> dict[str, str]:
    """The national index's columns, drawn from the dossier's serial (not the month's random stream, so
    that the other columns stay as they were): about 70 % of results electronic, 85 % digitised, 40 % paid
    online."""
    cells = _EXPORTS["index_766"]
    return {
        "e_result": cells["yes"] if is_finished and d.serial % 10 < 7 else cells["no"] if is_finished else "",
        "digitised": cells["yes"] if d.serial % 20 < 17 else cells["no"],
        "paid_online": cells["yes"] if d.serial % 5 < 2 else cells["no"],
        "payment_method": cells["online_payment"] if d.serial % 5 < 2 else cells["other_payment"],
    }


class Export:
    """One month-end export: its title, then one row per listed dossier, with the month's bad rows."""

    def __init__(
        self,
        shape: Shape,
        year: int,
        month: int,
        as_of: dt.datetime,
        rng: random.Random,
        sectors: dict[str, str],
    ):
        self.shape, self.year, self.month, self.as_of = shape, year, month, as_of
        self.rng, self.sectors = rng, sectors
        self.unit_style = rng.randrange(len(_WARD_STYLES["ward"]))

    def title_lines(self) -> list[str]:
        if not self.shape.title:
            return []
        return [line.format(month=self.month, year=self.year, as_of=self.as_of) for line in _EXPORTS["title"]]

    def rows(self, dossiers: list[Dossier]) -> list[dict[str, object]]:
        rows = [self._row(d) for d in dossiers]
        duplicated = self.rng.choice(rows)
        self._add_bad_rows(rows, dossiers)
        for number, row in enumerate(rows, start=1):
            row["stt"] = number
        at = next(i for i, row in enumerate(rows) if row is duplicated)
        rows.insert(at + 1, dict(duplicated))  # exact duplicate, the row number too
        return rows

    def _row(self, d: Dossier) -> dict[str, object]:
        closed = d.closed_at <= self.as_of
        finished = d.closed_at if closed and not d.withdrawn else None
        due_day = d.due_at.date() if d.due_at else None
        late = due_day is not None and (
            finished.date() > due_day if finished else not closed and due_day < self.as_of.date()
        )
        row: dict[str, object] = {
            "code": d.code,
            "procedure_code": d.procedure.code,
            "procedure": d.procedure.name,
            "sector": self.sectors.get(d.procedure.sector, d.procedure.sector),
            "unit": self._unit_text(d.unit),
            "applicant": _fake_name(d.serial),
            "phone": f"000{d.serial:07d}",
            "address": f"Số {d.serial % 300 + 1}, phố Mẫu Thử, TP Hưng Yên",
            "id_card": f"000000{d.serial:06d}",
            "email": f"nguoinop{d.serial}@example.invalid",
            "received": d.received_at,
            "due": d.due_at,
            "finished": finished,
            "status": self._status(d, closed),
            "channel": self.rng.choice(self.shape.channels[d.channel]),
            "level": self.shape.levels[d.procedure.service_level] if self.shape.levels else None,
            "rating": self.rng.choice(self.shape.ratings[d.rating]) if finished and d.rating else None,
            "synced": _STATUSES["synced"][d.synced],
            "apology": _STATUSES["apology"] if late and d.apology else None,
            "outcome": _outcome(finished, d.due_at),
            **_index_766_cells(d, finished is not None),
        }
        if self.shape.ascii_values:
            for name in ("unit", "status", "channel", "rating"):
                row[name] = row[name] and _strip_marks(row[name])
        return row

    def _status(self, d: Dossier, closed: bool) -> str:
        if closed and d.withdrawn:
            return self.rng.choice(_STATUSES["withdrawn"])
        if closed:
            return self.shape.finished_status
        if self.as_of - d.received_at < dt.timedelta(days=3):
            return _STATUSES["just_received"]
        return _STATUSES["awaiting_documents"] if self.rng.random() < 0.06 else _STATUSES["in_progress"]

    def _unit_text(self, unit: Unit) -> str:
        rng = self.rng
        if unit.level == "city":
            text = rng.choice(unit.aliases) if unit.aliases and rng.random() < 0.15 else unit.name
        else:
            styles = _WARD_STYLES[unit.level]
            style = styles[self.unit_style] if rng.random() < 0.85 else rng.choice(styles)
            text = style.format(unit.name.split(" ", 1)[1])
        return _strip_marks(text) if rng.random() < 0.02 else text

    def _add_bad_rows(self, rows: list[dict[str, object]], dossiers: list[Dossier]) -> None:
        """Rows the pipeline must reject, and one stale copy of a finished dossier (conflicting duplicate)."""
        rng, month_start = self.rng, self.as_of.replace(day=1, hour=0, minute=0, second=0)
        fresh = [i for i, d in enumerate(dossiers) if d.received_at >= month_start and d.due_at is not None]
        finished = [i for i, row in enumerate(rows) if row["finished"] is not None]
        stale_at = rng.choice(finished)
        stale = dict(
            rows[stale_at], finished=None, rating=None, outcome=None, status=_STATUSES["in_progress"]
        )
        rows.insert(stale_at, stale)
        bad = []
        for number, kind in enumerate(("no_code", "bad_date", "finished_first", "unknown_unit", "due_first")):
            row = self._row(dossiers[rng.choice(fresh)])
            # Codes 9mmnnn: out of the real dossiers' range, unique over the year's files.
            row["code"] = f"{row['code'][:7]}9{self.month:02d}{number:03d}"
            received = row["received"]
            if kind == "no_code":
                row["code"] = None
            elif kind == "bad_date":
                row["received"] = _impossible_date(self.shape, self.year)
            elif kind == "finished_first":
                row.update(finished=received - dt.timedelta(days=2), status=self.shape.finished_status)
            elif kind == "unknown_unit":
                row["unit"] = _EXPORTS["unknown_unit"]
            else:
                row["due"] = due_at(received.date() - dt.timedelta(days=1))
            bad.append(row)
        for row in bad:
            rows.insert(rng.randrange(len(rows) + 1), row)


def _outcome(finished: dt.datetime | None, due: dt.datetime | None) -> str | None:
    early, on_time, late = _EXPORTS["outcomes"]
    if finished is None:
        return None
    if due is None or finished.date() == due.date():
        return on_time
    return early if finished.date() < due.date() else late


def _impossible_date(shape: Shape, year: int) -> str:
    if shape.date_format and shape.date_format.startswith("%Y"):
        return f"{year}-02-31 09:15:00"
    return f"31/02/{year} 09:15"
