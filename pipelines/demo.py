"""Demo data: a seeded year of monthly exports for Hưng Yên city, shaped like the provincial system's.

`demo_dossiers` simulates every dossier's life (received in office hours, due after the procedure's
legal number of working days, finished early, on time or late, or withdrawn). `write_demo_exports`
writes what each month-end export lists (the dossiers received in the month, those still open from
earlier months and those closed in it), every month in another file shape, with a few bad rows on
purpose. Same seed, same dossiers and byte-identical files.
"""

import calendar
import codecs
import csv
import datetime as dt
import io
import random
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from pipelines import demo_xlsx
from pipelines.catalogues import Catalogues, is_day_off, load_catalogues

_WARDS = "wards_and_communes"  # a procedure every ward and commune handles

# procedure_code: (handled by, dossiers a year at scale 1, share finished late, busy months)
_DEMAND: dict[str, tuple[str, int, float, tuple[int, ...]]] = {
    "2.000815": (_WARDS, 13500, 0.002, ()),
    "2.000884": (_WARDS, 3000, 0.002, ()),
    "2.001035": (_WARDS, 1600, 0.004, ()),
    "2.001019": (_WARDS, 300, 0.006, ()),
    "2.000942": (_WARDS, 200, 0.0, ()),
    "1.001193": (_WARDS, 1700, 0.006, ()),
    "1.000689": (_WARDS, 60, 0.01, ()),
    "1.004884": (_WARDS, 120, 0.02, ()),
    "1.000894": (_WARDS, 850, 0.006, (1, 10, 11, 12)),
    "1.000656": (_WARDS, 700, 0.006, ()),
    "1.004873": (_WARDS, 2100, 0.01, ()),
    "2.000635": (_WARDS, 2400, 0.0, ()),
    "1.004859": (_WARDS, 380, 0.015, ()),
    "2.000950": (_WARDS, 40, 0.0, (1, 2)),
    "1.001776": (_WARDS, 550, 0.05, ()),
    "1.001731": (_WARDS, 220, 0.01, ()),
    "1.001699": (_WARDS, 180, 0.05, ()),
    "1.011607": (_WARDS, 150, 0.02, (10, 11)),
    "1.010833": (_WARDS, 80, 0.01, ()),
    "1.000954": (_WARDS, 280, 0.0, (11, 12)),
    "1.000775": (_WARDS, 140, 0.02, (1, 12)),
    "1.003554": (_WARDS, 110, 0.15, ()),
    "1.004227": ("vpdkdd", 2500, 0.09, ()),
    "1.004217": ("vpdkdd", 1700, 0.03, ()),
    "1.004241": ("vpdkdd", 900, 0.03, ()),
    "1.005398": ("vpdkdd", 450, 0.08, ()),
    "2.000889": ("vpdkdd", 80, 0.08, ()),
    "1.004199": ("vpdkdd", 450, 0.14, ()),
    "1.012753": ("vpdkdd", 350, 0.22, ()),
    "1.004269": ("vpdkdd", 300, 0.01, ()),
    "1.001990": ("vpdkdd", 250, 0.04, ()),
    "1.000798": ("tnmt", 220, 0.15, ()),
    "2.000381": ("tnmt", 20, 0.25, ()),
    "1.010728": ("tnmt", 40, 0.03, ()),
    "1.013225": ("qldt", 620, 0.05, ()),
    "1.009990": ("qldt", 60, 0.05, ()),
    "1.013226": ("qldt", 30, 0.05, ()),
    "1.009994": ("qldt", 40, 0.08, ()),
    "1.008432": ("qldt", 120, 0.03, ()),
    "1.001053": ("qldt", 15, 0.03, ()),
    "1.001612": ("tckh", 1050, 0.01, ()),
    "2.000720": ("tckh", 430, 0.01, ()),
    "1.001570": ("tckh", 200, 0.01, ()),
    "1.001266": ("tckh", 170, 0.01, ()),
    "1.005280": ("tckh", 8, 0.0, ()),
    "2.000908": ("tp", 550, 0.002, ()),
    "2.000528": ("tp", 30, 0.01, ()),
    "2.000806": ("tp", 40, 0.03, ()),
    "2.000748": ("tp", 100, 0.01, ()),
    "2.002307": ("ldtbxh", 60, 0.02, ()),
    "1.010803": ("ldtbxh", 50, 0.02, ()),
    "1.001029": ("vhtt", 25, 0.0, ()),
    "1.005098": ("gddt", 240, 0.01, (6, 7, 8)),
    "1.005092": ("gddt", 180, 0.0, ()),
    "1.002425": ("yte", 60, 0.03, ()),
    "1.000748": ("noivu", 200, 0.03, (1, 12)),
    "2.000620": ("kinhte", 30, 0.02, ()),
    "1.003397": ("kinhte", 15, 0.02, ()),
    "2.002411": ("thanhtra", 25, 0.15, ()),
    "2.002413": ("thanhtra", 80, 0.0, ()),
}
_BUSY_FACTOR = 3.0
_SEASON = dict(enumerate((1.15, 0.85, 1.05, 0.95, 1.0, 1.0, 1.0, 0.95, 0.95, 1.0, 1.05, 1.1), start=1))
_LEVEL_WEIGHT = {"ward": 1.25, "commune": 0.75}
# Dossiers received from this month of the year before are simulated: those still open on 1 January
# are in January's export, as the provincial system carries them over.
_FIRST_MONTH_BEFORE = 9

# sector group: (share finished on the due date, skew of early finishes (> 1: soon after receipt),
# share withdrawn)
_PACE = {
    "land": (0.20, 0.7, 0.025),
    "construction": (0.18, 0.8, 0.025),
    "investment": (0.06, 1.8, 0.010),
    "other": (0.06, 1.8, 0.008),
}
# service level: share submitted online in January and in December
_ONLINE = {"toàn trình": (0.42, 0.80), "một phần": (0.12, 0.30), "": (0.01, 0.03)}
_POSTAL_SHARE = 0.02
_RATED_SHARE = (0.30, 0.55)
_RATINGS = ("very_satisfied", "satisfied", "neutral", "unsatisfied")
_RATING_WEIGHTS = {
    "land": (40, 46, 9, 5),
    "construction": (42, 45, 9, 4),
    "investment": (55, 38, 5, 2),
    "other": (60, 36, 3, 1),
    "late": (15, 40, 25, 20),
}
_SYNCED_SHARE = 0.985
_APOLOGY_SHARE = 0.8
_SAME_DAY_CUTOFF = dt.time(15, 0)  # chứng thực asked after 15:00 is due the next working day
_DUE_TIME = dt.time(17, 0)
_LATEST_FINISH = dt.time(17, 25)
_OFFICE_MINUTES = (*range(7 * 60 + 30, 11 * 60 + 30), *range(13 * 60 + 30, 17 * 60))


@dataclass(frozen=True)
class _Procedure:
    code: str
    name: str
    sector: str
    group: str
    service_level: str
    days: int | None  # None: settled on the spot, no due date


@dataclass(frozen=True)
class _Unit:
    unit_id: str
    name: str
    level: str
    aliases: tuple[str, ...]


@dataclass
class _Dossier:
    procedure: _Procedure
    unit: _Unit
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


def demo_dossiers(year: int = 2023, seed: int = 2023, scale: float = 1.0) -> pl.DataFrame:
    """The simulated truth behind the demo exports, one row per dossier (also those carried into the year)."""
    dossiers = _simulate(load_catalogues(), year, seed, scale)
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


def write_demo_exports(folder: Path, year: int = 2023, seed: int = 2023, scale: float = 1.0) -> list[Path]:
    """Write the twelve month-end exports of `year` into `folder`; `scale` shrinks volumes (tests)."""
    catalogues = load_catalogues()
    dossiers = _simulate(catalogues, year, seed, scale)
    sector_aliases = _aliases(catalogues.sector_aliases, "name")
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for month, shape in enumerate(_SHAPES, start=1):
        rng = random.Random(seed * 100 + month)
        start = dt.datetime(year, month, 1)
        as_of = dt.datetime(year, month, calendar.monthrange(year, month)[1], 23, 59, 59)
        listed = [d for d in dossiers if d.received_at <= as_of and d.closed_at >= start]
        export = _Export(shape, year, month, as_of, rng, _sector_spellings(sector_aliases, rng))
        rows = export.rows(listed)
        path = folder / f"hoso_thang{month:02d}_{year}{shape.suffix}"
        if shape.suffix == ".xlsx":
            _write_xlsx(path, shape, export.title_lines(), rows)
        else:
            _write_text(path, shape, export.title_lines(), rows)
        paths.append(path)
    return paths


# --- simulation ---------------------------------------------------------------------------------------


def _simulate(catalogues: Catalogues, year: int, seed: int, scale: float) -> list[_Dossier]:
    rng = random.Random(seed)
    days_off = set(catalogues.days_off["day"].to_list())
    cal = _Calendar(dt.date(year - 1, _FIRST_MONTH_BEFORE, 1), dt.date(year + 2, 12, 31), days_off)
    procedures = _procedures(catalogues)
    units = _units(catalogues)
    wards = [u for u in units.values() if u.level != "city"]
    ward_weights = [_LEVEL_WEIGHT[u.level] * rng.uniform(0.8, 1.2) for u in wards]
    ward_shares = [w / sum(ward_weights) for w in ward_weights]
    months = [(year - 1, m) for m in range(_FIRST_MONTH_BEFORE, 13)] + [(year, m) for m in range(1, 13)]
    workdays = {ym: cal.in_month(*ym) for ym in months}
    dossiers = []
    for code, (handler, volume, late_share, busy) in _DEMAND.items():
        procedure = procedures[code]
        if handler == _WARDS:
            handlers = list(zip(wards, ward_shares, strict=True))
        else:
            handlers = [(units[handler], 1.0)]
        weight = {
            ym: _SEASON[ym[1]] * len(workdays[ym]) * (_BUSY_FACTOR if ym[1] in busy else 1.0) for ym in months
        }
        year_weight = sum(w for (y, _), w in weight.items() if y == year)
        for ym in months:
            progress = min(max((ym[0] - year) * 12 + ym[1] - 1, 0) / 11, 1.0)
            for unit, share in handlers:
                expected = volume * scale * share * weight[ym] / year_weight
                for _ in range(int(expected + rng.random())):
                    received = _office_time(rng, rng.choice(workdays[ym]))
                    dossiers.append(_life(rng, cal, procedure, unit, received, late_share, progress))
    dossiers.sort(key=lambda d: (d.received_at, d.unit.unit_id, d.procedure.code))
    counters: dict[tuple[str, int], int] = {}
    for serial, d in enumerate(dossiers, start=1):
        key = ("H37" if d.unit.level == "city" else "H38", d.received_at.year % 100)
        counters[key] = counters.get(key, 0) + 1
        d.code, d.serial = f"{key[0]}.{key[1]:02d}.{counters[key]:06d}", serial
    return dossiers


def _procedures(catalogues: Catalogues) -> dict[str, _Procedure]:
    groups = dict(catalogues.sectors.select("name", "sector_group").iter_rows())
    return {
        row["procedure_code"]: _Procedure(
            code=row["procedure_code"],
            name=row["procedure_name"],
            sector=row["sector"],
            group=groups.get(row["sector"], "other"),
            service_level=row["service_level"] or "",
            days=None if row["processing_days"] is None else int(row["processing_days"]),
        )
        for row in catalogues.procedures.iter_rows(named=True)
    }


def _units(catalogues: Catalogues) -> dict[str, _Unit]:
    aliases = _aliases(catalogues.unit_aliases.join(catalogues.units, on="unit_id"), "unit_id")
    return {
        row["unit_id"]: _Unit(row["unit_id"], row["name"], row["level"], aliases.get(row["unit_id"], ()))
        for row in catalogues.units.iter_rows(named=True)
    }


def _aliases(frame: pl.DataFrame, key: str) -> dict[str, tuple[str, ...]]:
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


def _due(cal: _Calendar, procedure: _Procedure, received: dt.datetime) -> dt.datetime | None:
    if procedure.days is None:
        return None
    days = procedure.days
    if days == 0 and received.time() >= _SAME_DAY_CUTOFF:
        days = 1
    return dt.datetime.combine(cal.shift(received.date(), days), _DUE_TIME)


def _life(
    rng: random.Random,
    cal: _Calendar,
    procedure: _Procedure,
    unit: _Unit,
    received: dt.datetime,
    late_share: float,
    progress: float,
) -> _Dossier:
    on_due_share, skew, withdrawn_share = _PACE[procedure.group]
    due = _due(cal, procedure, received)
    low, high = _ONLINE[procedure.service_level]
    if rng.random() < low + (high - low) * progress:
        channel = "online"
    else:
        channel = "postal" if rng.random() < _POSTAL_SHARE else "in_person"
    withdrawn = rng.random() < withdrawn_share
    late = False
    if withdrawn:
        day = cal.shift(received.date(), rng.randint(0, max(procedure.days or 0, 1)))
        closed = _finish_on(rng, day, received)
    elif due is None:
        closed = _later_same_day(rng, received)
    else:
        span = cal.between(received.date(), due.date())
        draw = rng.random()
        if draw < late_share:
            late = True
            day = cal.shift(due.date(), 1 + int(rng.random() ** 2 * max(3, span)))
        elif draw < late_share + on_due_share or span == 0:
            day = due.date()
        else:
            day = cal.shift(received.date(), int(span * rng.random() ** skew))
        closed = _finish_on(rng, day, received)
    rating = None
    if not withdrawn and rng.random() < _RATED_SHARE[0] + (_RATED_SHARE[1] - _RATED_SHARE[0]) * progress:
        weights = _RATING_WEIGHTS["late" if late else procedure.group]
        rating = rng.choices(_RATINGS, weights)[0]
    return _Dossier(
        procedure,
        unit,
        received,
        due,
        closed,
        withdrawn,
        channel,
        rating,
        synced=rng.random() < _SYNCED_SHARE,
        apology=rng.random() < _APOLOGY_SHARE,
    )


def _finish_on(rng: random.Random, day: dt.date, received: dt.datetime) -> dt.datetime:
    if day == received.date():
        return _later_same_day(rng, received)
    return _office_time(rng, day)


# --- file shapes --------------------------------------------------------------------------------------

_DATE_FIELDS = ("received", "due", "finished")
_CHANNELS_A = {
    "online": ("Trực tuyến", "Nộp trực tuyến", "DVC trực tuyến"),
    "in_person": ("Trực tiếp", "Tại quầy"),
    "postal": ("Bưu chính công ích", "BCCI"),
}
_CHANNELS_B = {
    "online": ("Qua mạng", "Cổng DVC"),
    "in_person": ("Một cửa", "Trực tiếp"),
    "postal": ("Qua bưu điện", "Bưu chính"),
}
_CHANNEL_CODES = {"online": ("2",), "in_person": ("1",), "postal": ("3",)}
_RATINGS_3 = {
    "very_satisfied": ("Rất hài lòng",),
    "satisfied": ("Hài lòng",),
    "neutral": ("Bình thường",),
    "unsatisfied": ("Không hài lòng",),
}
_RATINGS_5 = {
    "very_satisfied": ("Rất hài lòng",),
    "satisfied": ("Hài lòng",),
    "neutral": ("Chấp nhận được",),
    "unsatisfied": ("Không hài lòng", "Rất không hài lòng"),
}
_LEVELS_NAMED = {"toàn trình": "Toàn trình", "một phần": "Một phần", "": "Trực tiếp"}
_LEVELS_NUMBERED = {"toàn trình": "Mức độ 4", "một phần": "Mức độ 3", "": "Mức độ 2"}
_OUTCOMES = ("Trước hạn", "Đúng hạn", "Quá hạn")
_WARD_STYLES = {
    "ward": ("Phường {}", "UBND phường {}", "UBND P. {}", "P. {}", "Ủy ban nhân dân phường {}"),
    "commune": ("Xã {}", "UBND xã {}", "Ủy ban nhân dân xã {}", "UBND X. {}", "Xã {}"),
}
_UNKNOWN_UNIT = "UBND xã Không Tồn Tại"
_SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô")
_MIDDLE_NAMES = ("Văn", "Thị", "Đức", "Minh")


@dataclass(frozen=True)
class _Shape:
    suffix: str
    columns: tuple[tuple[str, str], ...]  # (field, header) in sheet order
    date_format: str | None  # None: real Excel date cells
    finished_status: str
    channels: dict[str, tuple[str, ...]] = field(default_factory=lambda: _CHANNELS_A)
    ratings: dict[str, tuple[str, ...]] = field(default_factory=lambda: _RATINGS_3)
    levels: dict[str, str] | None = None
    due_date_only: bool = False
    title: bool = True
    date_group: str | None = None  # two-row header: this merged cell over the three date columns
    totals: str | None = "Tổng cộng"
    encoding: str = "utf-8-sig"
    delimiter: str = ","
    ascii_values: bool = False
    nfd: bool = False


_SHAPES = (
    _Shape(  # January: like the sample, Excel dates, due shown as a date
        ".xlsx",
        (
            ("stt", "STT"),
            ("code", "Mã hồ sơ"),
            ("procedure_code", "Mã thủ tục"),
            ("procedure", "Tên thủ tục hành chính"),
            ("sector", "Lĩnh vực"),
            ("unit", "Đơn vị tiếp nhận"),
            ("applicant", "Người nộp"),
            ("phone", "Số điện thoại"),
            ("received", "Ngày tiếp nhận"),
            ("due", "Ngày hẹn trả"),
            ("finished", "Ngày có kết quả"),
            ("status", "Trạng thái"),
            ("channel", "Hình thức nộp"),
            ("rating", "Đánh giá"),
            ("note", "Ghi chú"),
        ),
        None,
        "Đã trả kết quả",
        due_date_only=True,
    ),
    _Shape(  # February: plain CSV with BOM, other spellings, seconds
        ".csv",
        (
            ("code", "Số hồ sơ"),
            ("procedure_code", "Mã TTHC"),
            ("procedure", "Thủ tục"),
            ("sector", "Lĩnh vực TTHC"),
            ("unit", "Cơ quan giải quyết"),
            ("received", "Ngày nhận"),
            ("due", "Hạn xử lý"),
            ("finished", "Ngày hoàn thành"),
            ("status", "Tình trạng"),
            ("channel", "Kênh nộp"),
            ("rating", "Mức độ hài lòng"),
            ("address", "Địa chỉ"),
        ),
        "%d/%m/%Y %H:%M:%S",
        "Đã trả kết quả",
        title=False,
        totals=None,
    ),
    _Shape(  # March: two-row header, dates as text, reported outcome
        ".xlsx",
        (
            ("stt", "STT"),
            ("code", "Mã HS"),
            ("procedure_code", "Mã TTHC"),
            ("procedure", "Tên TTHC"),
            ("sector", "Tên lĩnh vực"),
            ("unit", "Đơn vị xử lý"),
            ("applicant", "Chủ hồ sơ"),
            ("id_card", "CCCD"),
            ("received", "Tiếp nhận"),
            ("due", "Hẹn trả"),
            ("finished", "Có kết quả"),
            ("status", "Trạng thái hồ sơ"),
            ("channel", "Hình thức tiếp nhận"),
            ("rating", "Kết quả đánh giá"),
            ("outcome", "Kết quả xử lý"),
        ),
        "%d/%m/%Y %H:%M",
        "Hoàn thành",
        channels=_CHANNELS_B,
        date_group="Ngày",
    ),
    _Shape(  # April: Excel's "Unicode text" (UTF-16, tabs), title rows and totals kept
        ".csv",
        (
            ("stt", "STT"),
            ("code", "Mã số hồ sơ"),
            ("procedure_code", "Mã thủ tục"),
            ("procedure", "Tên thủ tục"),
            ("sector", "Lĩnh vực"),
            ("unit", "Đơn vị"),
            ("applicant", "Người nộp"),
            ("phone", "SĐT"),
            ("received", "Ngày nộp"),
            ("due", "Ngày hẹn trả kết quả"),
            ("finished", "Ngày kết thúc xử lý"),
            ("status", "Trạng thái"),
            ("channel", "Nguồn hồ sơ"),
            ("rating", "Đánh giá"),
        ),
        "%d/%m/%Y %H:%M",
        "Đã trả kết quả",
        encoding="utf-16",
        delimiter="\t",
    ),
    _Shape(  # May: online level, sync and apology columns
        ".xlsx",
        (
            ("stt", "STT"),
            ("code", "Mã hồ sơ"),
            ("procedure_code", "Mã thủ tục"),
            ("procedure", "Tên thủ tục"),
            ("level", "Mức độ DVC"),
            ("sector", "Lĩnh vực"),
            ("unit", "Đơn vị tiếp nhận"),
            ("applicant", "Tên người nộp"),
            ("phone", "Số điện thoại"),
            ("address", "Địa chỉ"),
            ("received", "Ngày tiếp nhận"),
            ("due", "Ngày hẹn trả"),
            ("finished", "Ngày có kết quả"),
            ("status", "Trạng thái"),
            ("channel", "Hình thức nộp"),
            ("rating", "Đánh giá"),
            ("synced", "Đồng bộ DVCQG"),
            ("apology", "Phiếu xin lỗi"),
        ),
        None,
        "Đã trả kết quả",
        levels=_LEVELS_NAMED,
    ),
    _Shape(  # June: semicolons, ISO dates, five-level ratings
        ".csv",
        (
            ("code", "Mã hồ sơ"),
            ("procedure_code", "Mã TTHC"),
            ("procedure", "Tên thủ tục hành chính"),
            ("sector", "Lĩnh vực"),
            ("unit", "Cơ quan thực hiện"),
            ("id_card", "Số CCCD"),
            ("received", "Thời gian tiếp nhận"),
            ("due", "Hạn giải quyết"),
            ("finished", "Ngày hoàn thành"),
            ("status", "Trạng thái"),
            ("channel", "Hình thức nộp"),
            ("rating", "Mức độ hài lòng"),
        ),
        "%Y-%m-%d %H:%M:%S",
        "Đã hoàn thành",
        ratings=_RATINGS_5,
        title=False,
        totals=None,
        delimiter=";",
    ),
    _Shape(  # July: two-row header with Excel dates, old "Mức độ 3/4" levels
        ".xlsx",
        (
            ("stt", "STT"),
            ("code", "Số hồ sơ"),
            ("procedure_code", "Mã TTHC"),
            ("procedure", "Tên thủ tục"),
            ("level", "Mức độ"),
            ("sector", "Lĩnh vực"),
            ("unit", "Đơn vị"),
            ("applicant", "Người nộp"),
            ("received", "Tiếp nhận"),
            ("due", "Hẹn trả"),
            ("finished", "Có kết quả"),
            ("status", "Trạng thái"),
            ("channel", "Hình thức nộp"),
            ("rating", "Đánh giá"),
            ("synced", "Đã đồng bộ"),
        ),
        None,
        "Đã trả kết quả",
        channels=_CHANNELS_B,
        levels=_LEVELS_NUMBERED,
        date_group="Ngày",
    ),
    _Shape(  # August: an old tool without diacritics; finished date only as "Ngày trả kết quả"
        ".csv",
        (
            ("code", "Ma ho so"),
            ("procedure_code", "Ma thu tuc"),
            ("procedure", "Ten thu tuc"),
            ("sector", "Linh vuc"),
            ("unit", "Don vi tiep nhan"),
            ("applicant", "Nguoi nop"),
            ("phone", "So dien thoai"),
            ("received", "Ngay tiep nhan"),
            ("due", "Ngay hen tra"),
            ("finished", "Ngay tra ket qua"),
            ("status", "Trang thai"),
            ("channel", "Hinh thuc nop"),
            ("rating", "Danh gia"),
        ),
        "%d/%m/%Y %H:%M",
        "Da tra ket qua",
        title=False,
        totals=None,
        ascii_values=True,
    ),
    _Shape(  # September: text dates with seconds, email, reported outcome, "Tổng số"
        ".xlsx",
        (
            ("stt", "STT"),
            ("code", "Mã hồ sơ"),
            ("procedure_code", "Mã thủ tục"),
            ("procedure", "Tên thủ tục"),
            ("sector", "Lĩnh vực"),
            ("unit", "Đơn vị xử lý"),
            ("applicant", "Người nộp"),
            ("email", "Email"),
            ("received", "Ngày tiếp nhận"),
            ("due", "Ngày hẹn trả"),
            ("finished", "Ngày có kết quả"),
            ("status", "Trạng thái"),
            ("channel", "Hình thức nộp"),
            ("rating", "Đánh giá"),
            ("outcome", "Kết quả xử lý"),
        ),
        "%d/%m/%Y %H:%M:%S",
        "Đã trả kết quả",
        totals="Tổng số",
    ),
    _Shape(  # October: CSV with the title lines, text in decomposed Unicode (NFD)
        ".csv",
        (
            ("code", "Mã hồ sơ"),
            ("procedure_code", "Mã thủ tục"),
            ("procedure", "Tên thủ tục"),
            ("sector", "Lĩnh vực"),
            ("unit", "Đơn vị tiếp nhận"),
            ("applicant", "Người nộp"),
            ("phone", "Số điện thoại"),
            ("received", "Ngày tiếp nhận"),
            ("due", "Ngày hẹn trả"),
            ("finished", "Ngày có kết quả"),
            ("status", "Trạng thái"),
            ("channel", "Hình thức nộp"),
            ("rating", "Đánh giá"),
        ),
        "%d/%m/%Y %H:%M",
        "Đã trả kết quả",
        channels=_CHANNELS_B,
        totals=None,
        nfd=True,
    ),
    _Shape(  # November: Excel dates, channel codes 1/2/3, levels, sync, apology
        ".xlsx",
        (
            ("stt", "STT"),
            ("code", "Mã hồ sơ"),
            ("procedure_code", "Mã TTHC"),
            ("procedure", "Tên TTHC"),
            ("level", "Mức độ DVC"),
            ("sector", "Lĩnh vực"),
            ("unit", "Cơ quan giải quyết"),
            ("applicant", "Người nộp"),
            ("id_card", "CCCD"),
            ("received", "Ngày tiếp nhận"),
            ("due", "Ngày hẹn trả kết quả"),
            ("finished", "Ngày có kết quả"),
            ("status", "Trạng thái"),
            ("channel", "Kênh nộp"),
            ("rating", "Đánh giá"),
            ("synced", "Đồng bộ DVCQG"),
            ("apology", "Xin lỗi"),
        ),
        None,
        "Đã trả kết quả",
        channels=_CHANNEL_CODES,
        levels=_LEVELS_NAMED,
    ),
    _Shape(  # December: two-row header, text dates, due as a date
        ".xlsx",
        (
            ("stt", "STT"),
            ("code", "Mã hồ sơ"),
            ("procedure_code", "Mã TTHC"),
            ("procedure", "Tên thủ tục hành chính"),
            ("sector", "Lĩnh vực"),
            ("unit", "Đơn vị tiếp nhận"),
            ("applicant", "Người nộp"),
            ("phone", "Số điện thoại"),
            ("address", "Địa chỉ"),
            ("received", "Tiếp nhận"),
            ("due", "Hẹn trả"),
            ("finished", "Có kết quả"),
            ("status", "Trạng thái"),
            ("channel", "Hình thức nộp"),
            ("rating", "Đánh giá"),
            ("apology", "Phiếu xin lỗi"),
            ("note", "Ghi chú"),
        ),
        "%d/%m/%Y %H:%M",
        "Đã trả kết quả",
        due_date_only=True,
        date_group="Ngày",
    ),
)


def _sector_spellings(aliases: dict[str, tuple[str, ...]], rng: random.Random) -> dict[str, str]:
    """The system spells some sectors another way in some months (always the same way within one file)."""
    return {sector: rng.choice(names) for sector, names in aliases.items() if rng.random() < 0.3}


def _fake_name(serial: int) -> str:
    """Obviously made up: 'Nguyễn Văn A', 'Trần Thị B', …"""
    return f"{_SURNAMES[serial % 10]} {_MIDDLE_NAMES[serial // 10 % 4]} {chr(65 + serial % 26)}"


def _strip_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")


class _Export:
    """One month-end export: its title, then one row per listed dossier, with the month's bad rows."""

    def __init__(
        self,
        shape: _Shape,
        year: int,
        month: int,
        as_of: dt.datetime,
        rng: random.Random,
        sectors: dict[str, str],
    ):
        self.shape, self.year, self.month, self.as_of, self.rng, self.sectors = (
            shape,
            year,
            month,
            as_of,
            rng,
            sectors,
        )
        self.unit_style = rng.randrange(len(_WARD_STYLES["ward"]))

    def title_lines(self) -> list[str]:
        if not self.shape.title:
            return []
        return [
            "UBND THÀNH PHỐ HƯNG YÊN",
            "DANH SÁCH HỒ SƠ TIẾP NHẬN VÀ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH",
            f"Từ ngày 01/{self.month:02d}/{self.year} đến ngày {self.as_of:%d/%m/%Y}",
        ]

    def rows(self, dossiers: list[_Dossier]) -> list[dict[str, object]]:
        rows = [self._row(d) for d in dossiers]
        duplicated = self.rng.choice(rows)
        self._add_bad_rows(rows, dossiers)
        for number, row in enumerate(rows, start=1):
            row["stt"] = number
        at = next(i for i, row in enumerate(rows) if row is duplicated)
        rows.insert(at + 1, dict(duplicated))  # exact duplicate, the row number too
        return rows

    def _row(self, d: _Dossier) -> dict[str, object]:
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
            "synced": "Đã đồng bộ" if d.synced else "Chưa đồng bộ",
            "apology": "Có" if late and d.apology else None,
            "outcome": _outcome(finished, d.due_at),
        }
        if self.shape.ascii_values:
            for name in ("unit", "status", "channel", "rating"):
                row[name] = row[name] and _strip_marks(row[name])
        return row

    def _status(self, d: _Dossier, closed: bool) -> str:
        if closed and d.withdrawn:
            return self.rng.choice(("Đã rút hồ sơ", "Dừng xử lý"))
        if closed:
            return self.shape.finished_status
        if self.as_of - d.received_at < dt.timedelta(days=3):
            return "Mới tiếp nhận"
        return "Chờ bổ sung" if self.rng.random() < 0.06 else "Đang xử lý"

    def _unit_text(self, unit: _Unit) -> str:
        rng = self.rng
        if unit.level == "city":
            text = rng.choice(unit.aliases) if unit.aliases and rng.random() < 0.15 else unit.name
        else:
            styles = _WARD_STYLES[unit.level]
            style = styles[self.unit_style] if rng.random() < 0.85 else rng.choice(styles)
            text = style.format(unit.name.split(" ", 1)[1])
        return _strip_marks(text) if rng.random() < 0.02 else text

    def _add_bad_rows(self, rows: list[dict[str, object]], dossiers: list[_Dossier]) -> None:
        """Rows the pipeline must reject, and one stale copy of a finished dossier (conflicting duplicate)."""
        rng, month_start = self.rng, self.as_of.replace(day=1, hour=0, minute=0, second=0)
        fresh = [i for i, d in enumerate(dossiers) if d.received_at >= month_start and d.due_at is not None]
        finished = [i for i, row in enumerate(rows) if row["finished"] is not None]
        stale_at = rng.choice(finished)
        stale = dict(rows[stale_at], finished=None, rating=None, outcome=None, status="Đang xử lý")
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
                row["unit"] = _UNKNOWN_UNIT
            else:
                row["due"] = dt.datetime.combine(received.date() - dt.timedelta(days=1), _DUE_TIME)
            bad.append(row)
        for row in bad:
            rows.insert(rng.randrange(len(rows) + 1), row)


def _outcome(finished: dt.datetime | None, due: dt.datetime | None) -> str | None:
    if finished is None:
        return None
    if due is None or finished.date() == due.date():
        return _OUTCOMES[1]
    return _OUTCOMES[0] if finished.date() < due.date() else _OUTCOMES[2]


def _impossible_date(shape: _Shape, year: int) -> str:
    if shape.date_format and shape.date_format.startswith("%Y"):
        return f"{year}-02-31 09:15:00"
    return f"31/02/{year} 09:15"


# --- writers ------------------------------------------------------------------------------------------


def _text_cell(shape: _Shape, field: str, value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        fmt = shape.date_format or "%d/%m/%Y %H:%M"
        return value.strftime(fmt.split(" ")[0] if field == "due" and shape.due_date_only else fmt)
    return str(value)


def _write_text(path: Path, shape: _Shape, title: list[str], rows: list[dict[str, object]]) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=shape.delimiter, lineterminator="\r\n")
    fields = [field for field, _ in shape.columns]
    if title:
        writer.writerows([[line] for line in title] + [[]])
    writer.writerow([header for _, header in shape.columns])
    writer.writerows([_text_cell(shape, f, row.get(f)) for f in fields] for row in rows)
    if shape.totals:
        writer.writerow([shape.totals] + [""] * (len(fields) - 2) + [f"{len(rows)} hồ sơ"])
    text = buffer.getvalue()
    if shape.nfd:
        text = unicodedata.normalize("NFD", text)
    if shape.encoding == "utf-16":
        # Written little-endian with its BOM whatever the platform, as Excel does.
        path.write_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    else:
        path.write_bytes(text.encode(shape.encoding))


def _write_xlsx(path: Path, shape: _Shape, title: list[str], rows: list[dict[str, object]]) -> None:
    fields = [field for field, _ in shape.columns]
    last = len(fields) - 1
    sheet: list[tuple[int, list[demo_xlsx.Value]]] = [(demo_xlsx.TITLE, [line]) for line in title]
    merges = [(r, 0, r, last) for r in range(len(title))]
    if title:
        sheet.append((demo_xlsx.PLAIN, []))
    top = len(sheet)
    if shape.date_group:
        upper = [None if field in _DATE_FIELDS else header for field, header in shape.columns]
        lower = [header if field in _DATE_FIELDS else "" for field, header in shape.columns]
        first_date = fields.index("received")
        upper[first_date] = shape.date_group
        sheet += [(demo_xlsx.HEADER, upper), (demo_xlsx.HEADER, lower)]
        merges.append((top, first_date, top, first_date + 2))
        merges += [(top, c, top + 1, c) for c, field in enumerate(fields) if field not in _DATE_FIELDS]
    else:
        sheet.append((demo_xlsx.HEADER, [header for _, header in shape.columns]))
    for row in rows:
        values = [row.get(field) for field in fields]
        if shape.date_format:
            values = [
                _text_cell(shape, field, value) if isinstance(value, dt.datetime) else value
                for field, value in zip(fields, values, strict=True)
            ]
        sheet.append((demo_xlsx.PLAIN, values))
    if shape.totals:
        sheet.append((demo_xlsx.HEADER, [shape.totals] + [None] * (last - 1) + [f"{len(rows)} hồ sơ"]))
    date_styles = {fields.index("due"): demo_xlsx.DATE} if shape.due_date_only else {}
    demo_xlsx.write_workbook(path, "Danh sách hồ sơ", sheet, merges, date_styles, column_width=18)
