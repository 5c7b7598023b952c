"""Parsers for cell text: day-first dates, Excel serials and the coded values of DOMAIN.md."""

import datetime as dt

import polars as pl

from pipelines.text import fold

# Day-first only: a dd/mm/yyyy cell is never read month-first.
DATE_FORMATS = (
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y",
    "%d-%m-%Y %H:%M:%S",
    "%d-%m-%Y %H:%M",
    "%d-%m-%Y",
    "%d.%m.%Y %H:%M:%S",
    "%d.%m.%Y",
    "%Y-%m-%d %H:%M:%S%.f",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d",
    "%Y-%m-%dT%H:%M:%S%.f",
    "%Y-%m-%dT%H:%M:%S",
)
_EXCEL_EPOCH = dt.datetime(1899, 12, 30)
_MS_PER_DAY = 86_400_000


def parse_datetime(column: str) -> pl.Expr:
    """Text → Datetime (null when it is no real date); Excel serial numbers rounded to the second."""
    text = pl.col(column).str.strip_chars()
    by_format = [text.str.strptime(pl.Datetime("us"), f, strict=False, exact=True) for f in DATE_FORMATS]
    serial = text.cast(pl.Float64, strict=False)
    from_serial = (
        pl.when(serial.is_between(1, 2_958_465))
        .then(pl.lit(_EXCEL_EPOCH) + pl.duration(milliseconds=(serial * _MS_PER_DAY).round(0).cast(pl.Int64)))
        .cast(pl.Datetime("us"))
    )
    return pl.coalesce([*by_format, from_serial]).dt.round("1s")


def parse_datetime_series(text: pl.Series) -> pl.Series:
    """Same result as parse_datetime, faster on big columns: the formats a sample uses go first, and only
    the cells they leave unparsed go through every format."""
    sample = pl.DataFrame({"d": text.drop_nulls().head(2000)})

    def attempt(date_format: str) -> pl.Expr:
        return pl.col("d").str.strip_chars().str.strptime(pl.Datetime("us"), date_format, strict=False)

    used = [f for f in DATE_FORMATS if sample.select(attempt(f).is_not_null().any()).item()]
    frame = pl.DataFrame({"d": text})
    quick = pl.coalesce([attempt(f) for f in used] or [pl.lit(None, dtype=pl.Datetime("us"))]).dt.round("1s")
    parsed = frame.select(quick.alias("quick"), pl.col("d"))
    leftover = parsed["quick"].is_null() & parsed["d"].is_not_null()
    if not leftover.any():
        return parsed["quick"]
    full = parsed.filter(leftover).select(parse_datetime("d"))["d"]
    return parsed["quick"].scatter(leftover.arg_true(), full)


def _has_phrase(key: str, phrases: tuple[str, ...]) -> bool:
    padded = f" {key} "
    return any(f" {p} " in padded for p in phrases)


def channel_code(raw: str | None) -> str:
    key = fold(raw or "")
    if key in {"2"} or _has_phrase(key, ("truc tuyen", "qua mang", "cong dvc", "dvc", "online")):
        return "online"
    if key in {"3"} or _has_phrase(key, ("buu chinh", "bcci", "buu dien")):
        return "postal"
    if key in {"1"} or _has_phrase(key, ("truc tiep", "tai quay", "mot cua")):
        return "in_person"
    return "unknown"


_RATINGS = {
    "rat hai long": "very_satisfied",
    "hai long": "satisfied",
    "binh thuong": "neutral",
    "chap nhan duoc": "neutral",
    "khong hai long": "unsatisfied",
    "rat khong hai long": "unsatisfied",
}


def rating_code(raw: str | None) -> str | None:
    return _RATINGS.get(fold(raw or ""))


_WITHDRAWN_PHRASES = ("rut", "da rut ho so", "dung xu ly", "huy", "da huy", "tu choi tiep nhan", "tra lai")


def is_withdrawn_status(raw: str | None) -> bool:
    return _has_phrase(fold(raw or ""), _WITHDRAWN_PHRASES)


def service_level_code(raw: str | None) -> str | None:
    key = fold(raw or "")
    if not key:
        return None
    if _has_phrase(key, ("toan trinh", "muc do 4", "4")):
        return "full"
    if _has_phrase(key, ("mot phan", "muc do 3", "3")):
        return "partial"
    return "none"


_YES = {"co", "x", "1", "true", "yes", "da dong bo", "dong bo", "da gui", "da xin loi", "da co"}


def yes_no(raw: str | None) -> bool:
    """In a present column, anything but a yes ('Có', 'x', 'Đã đồng bộ', …) counts as no."""
    return fold(raw or "") in _YES


_OUTCOMES = {"truoc han": "early", "dung han": "on_time", "qua han": "late", "tre han": "late"}


def outcome_code(raw: str | None) -> str | None:
    return _OUTCOMES.get(fold(raw or ""))
