"""Catalogues (units, sectors, targets, procedures, days off): read from data files, loaded into tables."""

import datetime as dt
import functools
from dataclasses import dataclass
from pathlib import Path

import duckdb
import holidays
import polars as pl

from pipelines.settings import catalogue_dir
from pipelines.text import fold, nfc, unit_key
from pipelines.vocabulary import Vocabulary, load_vocabulary

HOLIDAY_YEARS = range(2015, 2041)


@dataclass(frozen=True)
class Catalogues:
    units: pl.DataFrame
    unit_aliases: pl.DataFrame
    sectors: pl.DataFrame
    sector_aliases: pl.DataFrame
    targets: pl.DataFrame
    procedures: pl.DataFrame
    days_off: pl.DataFrame
    settings: pl.DataFrame
    vocabulary: Vocabulary


def _read_csv(path: Path) -> pl.DataFrame:
    return pl.read_csv(path, infer_schema=False, encoding="utf8").with_columns(
        pl.col(pl.String).str.strip_chars()
    )


def _split_aliases(frame: pl.DataFrame, id_column: str, name_column: str, key) -> pl.DataFrame:
    names = frame.select(pl.col(id_column), pl.col(name_column).alias("alias"))
    aliases = (
        frame.select(pl.col(id_column), pl.col("aliases").fill_null("").str.split(";").alias("alias"))
        .explode("alias")
        .filter(pl.col("alias").str.strip_chars() != "")
    )
    return (
        pl.concat([names, aliases])
        .with_columns(pl.col("alias").map_elements(key, return_dtype=pl.String).alias("match_key"))
        .unique(subset=[id_column, "match_key"], keep="first", maintain_order=True)
    )


def _parse_optional_date(column: str) -> pl.Expr:
    return pl.col(column).str.strptime(pl.Date, "%Y-%m-%d", strict=True)


@functools.cache
def _official_days_off() -> dict[dt.date, str]:
    return dict(holidays.country_holidays("VN", years=HOLIDAY_YEARS))


def _days_off(extra: pl.DataFrame) -> pl.DataFrame:
    official = _official_days_off()
    package_days = pl.DataFrame(
        {"day": list(official.keys()), "name": list(official.values())},
        schema={"day": pl.Date, "name": pl.String},
    ).with_columns(pl.lit("holidays").alias("source"))
    extra_days = extra.select(
        _parse_optional_date("day"), pl.col("name"), pl.lit("extra_days_off.csv").alias("source")
    )
    return pl.concat([package_days, extra_days]).unique(subset=["day"], keep="last").sort("day")


def load_catalogues(folder: Path | None = None) -> Catalogues:
    folder = folder or catalogue_dir()
    units = _read_csv(folder / "units.csv").with_columns(
        pl.col("name").map_elements(nfc, return_dtype=pl.String),
        _parse_optional_date("valid_from"),
        _parse_optional_date("valid_to"),
    )
    sectors = _read_csv(folder / "sectors.csv").with_columns(
        pl.col("name").map_elements(nfc, return_dtype=pl.String)
    )
    targets = _read_csv(folder / "targets.csv").with_columns(
        pl.col("year").cast(pl.Int32), pl.col("target_value").cast(pl.Float64)
    )
    procedures = _read_csv(folder / "procedures.csv")
    return Catalogues(
        units=units.drop("aliases"),
        unit_aliases=_split_aliases(units, "unit_id", "name", unit_key).join(
            units.select("unit_id", "valid_from", "valid_to"), on="unit_id"
        ),
        sectors=sectors.drop("aliases"),
        sector_aliases=_split_aliases(sectors, "name", "name", fold),
        targets=targets,
        procedures=procedures,
        days_off=_days_off(_read_csv(folder / "extra_days_off.csv")),
        settings=_read_csv(folder / "settings.csv"),
        vocabulary=load_vocabulary(folder),
    )


def write_catalogue_tables(con: duckdb.DuckDBPyConnection, catalogues: Catalogues) -> None:
    """Replace the cat_* tables' contents (inside the caller's transaction)."""
    vocabulary = catalogues.vocabulary
    tables = {
        "cat_units": catalogues.units.select(
            "unit_id",
            pl.col("name").alias("unit_name"),
            pl.col("level").alias("unit_level"),
            "valid_from",
            "valid_to",
        ),
        "cat_sectors": catalogues.sectors.select(pl.col("name").alias("sector_name"), "sector_group"),
        "cat_targets": catalogues.targets.select(
            "year", "kpi", "sector_group", "comparison", "target_value", "note"
        ),
        "cat_procedures": catalogues.procedures.select(
            "procedure_code",
            "procedure_name",
            pl.col("sector").alias("sector_name"),
            pl.col("service_level").map_elements(
                lambda raw: vocabulary.code("service_level", raw, "none"), return_dtype=pl.String
            ),
            pl.col("processing_days").cast(pl.Int32),
        ),
        "cat_days_off": catalogues.days_off,
        "cat_settings": catalogues.settings,
    }
    for table, frame in tables.items():
        con.execute(f"delete from {table}")
        con.register("catalogue_frame", frame.to_arrow())
        con.execute(f"insert into {table} by name select * from catalogue_frame")
        con.unregister("catalogue_frame")


def is_day_off(day: dt.date, days_off: set[dt.date]) -> bool:
    return day.weekday() >= 5 or day in days_off
