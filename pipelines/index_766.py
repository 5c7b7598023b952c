"""The national service index of Quyết định 766/QĐ-TTg as definitions/index_766.toml declares it (bands,
groups, indicators and their scoring), checked when read and loaded into the warehouse tables
def_766_bands, def_766_groups and def_766_indicators, which sql/int_766_scores.sql scores from."""

import functools
import tomllib
from dataclasses import dataclass, fields
from pathlib import Path

import duckdb
import polars as pl

from pipelines import definitions
from pipelines.settings import DEFINITIONS_DIR

FORMULAS = ("linear", "step", "rate_only", "not_computable")
SCORED = ("linear", "step")


@dataclass(frozen=True)
class Band:
    key: str
    label_vi: str
    min_score: float


@dataclass(frozen=True)
class Group:
    key: str
    label_vi: str
    max_points: float


@dataclass(frozen=True)
class Indicator:
    key: str
    group: str
    label_vi: str
    formula: str
    needs_vi: str
    note: str
    source: str
    max_points: float | None = None
    threshold: float | None = None
    points_below: float | None = None
    rate: str | None = None
    base: tuple[str, ...] = ()


@dataclass(frozen=True)
class Index766:
    bands: tuple[Band, ...]
    groups: tuple[Group, ...]
    indicators: tuple[Indicator, ...]


def _entries(document: dict, table: str, cls: type) -> tuple:
    tuples = {f.name for f in fields(cls) if str(f.type).startswith("tuple")}
    try:
        return tuple(
            cls(**{name: tuple(value) if name in tuples else value for name, value in entry.items()})
            for entry in document.get(table, [])
        )
    except TypeError as exc:
        raise definitions.DefinitionError(f"index_766.toml: a [[{table}]] entry {exc}") from None


def _indicator_problems(indicator: Indicator, groups: set[str]) -> list[str]:
    kpis = {kpi.key: kpi for kpi in definitions.kpis()}
    problems = []
    if indicator.formula not in FORMULAS:
        problems.append(f"formula {indicator.formula!r} is not one of {FORMULAS}")
    if indicator.group not in groups:
        problems.append(f"group {indicator.group!r} is not declared")
    if indicator.formula != "not_computable":
        if indicator.rate not in kpis or not kpis[indicator.rate].is_rate:
            problems.append(f"rate {indicator.rate!r} is not a rate of kpis.toml")
        if not indicator.base or any(name not in kpis or kpis[name].is_rate for name in indicator.base):
            problems.append("base must list counts of kpis.toml")
    if (indicator.formula in SCORED) != (indicator.max_points is not None):
        problems.append("a linear or step indicator has max_points, the others none")
    if (indicator.formula == "step") != (
        indicator.threshold is not None and indicator.points_below is not None
    ):
        problems.append("a step indicator has threshold and points_below, the others neither")
    return [f"{indicator.key}: {problem}" for problem in problems]


def _check(index: Index766) -> None:
    keys = [indicator.key for indicator in index.indicators]
    problems = [f"{key} is declared twice" for key in set(keys) if keys.count(key) > 1]
    groups = {group.key for group in index.groups}
    for indicator in index.indicators:
        problems += _indicator_problems(indicator, groups)
    scores = [band.min_score for band in index.bands]
    if not scores or scores[0] != 0 or scores != sorted(set(scores)):
        problems.append("bands start at 0 and rise")
    if problems:
        raise definitions.DefinitionError("index_766.toml: " + "; ".join(problems))


@functools.cache
def load(folder: Path = DEFINITIONS_DIR) -> Index766:
    document = tomllib.loads((folder / "index_766.toml").read_text(encoding="utf-8"))
    index = Index766(
        _entries(document, "band", Band),
        _entries(document, "group", Group),
        _entries(document, "indicator", Indicator),
    )
    _check(index)
    return index


def tables(index: Index766) -> dict[str, pl.DataFrame]:
    """The def_766_* tables' contents; display_order numbers the entries in the order of the file."""
    indicator_rows = [
        dict(
            indicator=i.key,
            group_key=i.group,
            label_vi=i.label_vi,
            formula=i.formula,
            max_points=i.max_points,
            threshold=i.threshold,
            points_below=i.points_below,
            rate_kpi=i.rate,
            base_counts=list(i.base),
            needs_vi=i.needs_vi,
            display_order=order,
        )
        for order, i in enumerate(index.indicators, start=1)
    ]
    return {
        "def_766_bands": pl.DataFrame(
            [dict(band=b.key, label_vi=b.label_vi, min_score=float(b.min_score)) for b in index.bands]
        ),
        "def_766_groups": pl.DataFrame(
            [
                dict(
                    group_key=g.key, label_vi=g.label_vi, max_points=float(g.max_points), display_order=order
                )
                for order, g in enumerate(index.groups, start=1)
            ]
        ),
        "def_766_indicators": pl.DataFrame(
            indicator_rows,
            schema_overrides={
                "max_points": pl.Float64,
                "threshold": pl.Float64,
                "points_below": pl.Float64,
                "rate_kpi": pl.String,
                "base_counts": pl.List(pl.String),
            },
            infer_schema_length=None,
        ),
    }


def write_index_tables(con: duckdb.DuckDBPyConnection, index: Index766 | None = None) -> None:
    """(Re)create the def_766_* tables (inside the caller's transaction), before the views that read them."""
    for table, frame in tables(index or load()).items():
        con.register("index_766_frame", frame.to_arrow())
        con.execute(f"create or replace table {table} as select * from index_766_frame")
        con.unregister("index_766_frame")
