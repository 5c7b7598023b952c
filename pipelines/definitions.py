"""The KPIs and dimensions the product computes, read from definitions/*.toml (the one place they are
declared) and loaded into the warehouse tables def_kpis, def_dimensions and def_codes, so that SQL orders
and joins by them. Labels, CLI fields, table columns, tiles and the docs read them from here.
"""

import functools
import re
import tomllib
from dataclasses import dataclass, fields
from pathlib import Path

import duckdb
import polars as pl

from pipelines.settings import DEFINITIONS_DIR

KINDS = ("count", "rate")
# How the SQL tells KPI columns by name (kpi_period_compare, kpi_targets_status): n_received, on_time_rate,
# progress_rate_766 (but not n_rated).
COUNT_KEY, RATE_KEY = "^n_", "_rate($|_)"
PLACES = ("compare", "table", "ranking", "tile", "scorecard")


class DefinitionError(ValueError):
    """definitions/*.toml contradicts itself: a developer's mistake, raised when the files are read."""


@dataclass(frozen=True)
class Kpi:
    key: str
    kind: str
    label_vi: str
    is_higher_better: bool
    note: str
    source: str
    numerator: tuple[str, ...] = ()
    denominator: tuple[str, ...] = ()
    shown_in: tuple[str, ...] = ()
    beside: str | None = None
    help_vi: str | None = None
    cli_order: int | None = None
    source_field: str | None = None  # the export column a rate is computed from (header_spellings.csv field)

    @property
    def is_rate(self) -> bool:
        return self.kind == "rate"

    @property
    def cli_field(self) -> str:
        """Its name in `tthc kpi --format csv|json`: the key without the n_ of a count."""
        return self.key.removeprefix("n_")


@dataclass(frozen=True)
class Dimension:
    name: str
    key_column: str
    header_vi: str
    note: str
    kept_columns: tuple[str, ...] = ()
    is_by_month: bool = False
    is_always_listed: bool = False
    is_in_cli: bool = False


@dataclass(frozen=True)
class Code:
    column: str
    code: str
    label_vi: str
    note: str | None = None
    members: tuple[str, ...] = ()  # a filter choice standing for several codes


@dataclass(frozen=True)
class Definitions:
    kpis: tuple[Kpi, ...]
    dimensions: tuple[Dimension, ...]
    codes: tuple[Code, ...]


def _entries(path: Path, table: str, cls: type) -> tuple:
    tuples = {f.name for f in fields(cls) if str(f.type).startswith("tuple")}
    entries = tomllib.loads(path.read_text(encoding="utf-8")).get(table, [])
    try:
        return tuple(
            cls(**{name: tuple(value) if name in tuples else value for name, value in entry.items()})
            for entry in entries
        )
    except TypeError as exc:
        raise DefinitionError(f"{path.name}: a [[{table}]] entry {exc}") from None


def _check_kpis(kpis: tuple[Kpi, ...]) -> None:
    by_key = {kpi.key: kpi for kpi in kpis}
    counts = {kpi.key for kpi in kpis if kpi.kind == "count"}
    problems = [f"{key} is declared twice" for key in by_key if [k.key for k in kpis].count(key) > 1]
    for kpi in kpis:
        if kpi.kind not in KINDS:
            problems.append(f"{kpi.key}: kind {kpi.kind!r} is not one of {KINDS}")
        if bool(re.match(COUNT_KEY, kpi.key)) != (kpi.kind == "count") or bool(
            re.search(RATE_KEY, kpi.key)
        ) != (kpi.kind == "rate"):
            problems.append(f"{kpi.key}: a count's key starts with n_, a rate's has _rate as a word")
        if kpi.is_rate != bool(kpi.numerator and kpi.denominator) or (kpi.numerator and not kpi.is_rate):
            problems.append(f"{kpi.key}: a rate has a numerator and a denominator, a count neither")
        problems += [
            f"{kpi.key}: {name} is not a declared count"
            for name in (*kpi.numerator, *kpi.denominator)
            if name not in counts
        ]
        problems += [f"{kpi.key}: unknown place {place!r}" for place in kpi.shown_in if place not in PLACES]
        if kpi.beside is not None and kpi.beside not in by_key:
            problems.append(f"{kpi.key}: beside {kpi.beside!r}, which is not declared")
    cli_orders = [kpi.cli_order for kpi in kpis if kpi.cli_order is not None]
    if len(set(cli_orders)) != len(cli_orders):
        problems.append("two KPIs have the same cli_order")
    if problems:
        raise DefinitionError("kpis.toml: " + "; ".join(problems))


def _check_dimensions(dimensions: tuple[Dimension, ...], codes: tuple[Code, ...]) -> None:
    names = [dimension.name for dimension in dimensions]
    problems = [f"dimension {name} is declared twice" for name in set(names) if names.count(name) > 1]
    pairs = [(code.column, code.code) for code in codes]
    problems += [f"code {pair} is declared twice" for pair in set(pairs) if pairs.count(pair) > 1]
    problems += [
        f"code {code.code}: member {member!r} is not a code of {code.column}"
        for code in codes
        for member in code.members
        if (code.column, member) not in pairs
    ]
    if problems:
        raise DefinitionError("dimensions.toml: " + "; ".join(problems))


@functools.cache
def load(folder: Path = DEFINITIONS_DIR) -> Definitions:
    kpis = _entries(folder / "kpis.toml", "kpi", Kpi)
    dimensions = _entries(folder / "dimensions.toml", "dimension", Dimension)
    codes = _entries(folder / "dimensions.toml", "code", Code)
    _check_kpis(kpis)
    _check_dimensions(dimensions, codes)
    return Definitions(kpis, dimensions, codes)


def kpis() -> tuple[Kpi, ...]:
    """Every KPI, in display order."""
    return load().kpis


def kpi(key: str) -> Kpi:
    return _by_key()[key]


@functools.cache
def _by_key() -> dict[str, Kpi]:
    return {kpi.key: kpi for kpi in kpis()}


def shown_in(place: str) -> tuple[Kpi, ...]:
    """The KPIs of one of PLACES, in display order."""
    if place not in PLACES:
        raise ValueError(f"place must be one of {PLACES}, not {place!r}")
    return tuple(kpi for kpi in kpis() if place in kpi.shown_in)


def cli_kpis() -> tuple[Kpi, ...]:
    """The columns of `tthc kpi`, in their order."""
    return tuple(sorted((k for k in kpis() if k.cli_order is not None), key=lambda k: k.cli_order))


def beside(key: str) -> tuple[Kpi, ...]:
    """The KPIs shown right after `key`'s tile."""
    return tuple(kpi for kpi in kpis() if kpi.beside == key)


def dimensions() -> tuple[Dimension, ...]:
    return load().dimensions


def dimension(name: str) -> Dimension:
    found = [dimension for dimension in dimensions() if dimension.name == name]
    if not found:
        raise ValueError(f"by must be one of {tuple(d.name for d in dimensions())}, not {name!r}")
    return found[0]


def labels(column: str, with_filter_choices: bool = False) -> dict[str, str]:
    """code → Vietnamese name of a grouping column's codes, in display order; with_filter_choices also
    the codes that stand for several (e.g. ward_commune)."""
    return {
        code.code: code.label_vi
        for code in load().codes
        if code.column == column and (with_filter_choices or not code.members)
    }


def _frame(rows: list[dict], list_columns: tuple[str, ...]) -> pl.DataFrame:
    return pl.DataFrame(
        rows, schema_overrides=dict.fromkeys(list_columns, pl.List(pl.String)), infer_schema_length=None
    )


def tables() -> dict[str, pl.DataFrame]:
    """The def_* tables' contents; display_order numbers the entries in the order of their file."""
    definitions = load()
    kpi_rows = [
        dict(
            kpi=k.key,
            kind=k.kind,
            numerator=list(k.numerator),
            denominator=list(k.denominator),
            label_vi=k.label_vi,
            display_order=order,
            is_higher_better=k.is_higher_better,
            shown_in=list(k.shown_in),
            cli_order=k.cli_order,
        )
        for order, k in enumerate(definitions.kpis, start=1)
    ]
    dimension_rows = [
        dict(
            dimension=d.name,
            key_column=d.key_column,
            kept_columns=list(d.kept_columns),
            is_by_month=d.is_by_month,
            is_always_listed=d.is_always_listed,
            display_order=order,
        )
        for order, d in enumerate(definitions.dimensions, start=1)
    ]
    code_rows = [
        dict(
            column_name=c.column,
            code=c.code,
            label_vi=c.label_vi,
            display_order=order,
            members=list(c.members),
        )
        for order, c in enumerate(definitions.codes, start=1)
    ]
    return {
        "def_kpis": _frame(kpi_rows, ("numerator", "denominator", "shown_in")),
        "def_dimensions": _frame(dimension_rows, ("kept_columns",)),
        "def_codes": _frame(code_rows, ("members",)),
    }


def write_definition_tables(con: duckdb.DuckDBPyConnection) -> None:
    """(Re)create the def_* tables (inside the caller's transaction), before the views that read them."""
    for table, frame in tables().items():
        con.register("definition_frame", frame.to_arrow())
        con.execute(f"create or replace table {table} as select * from definition_frame")
        con.unregister("definition_frame")
