"""Demo data: a seeded year of monthly exports for Hưng Yên city, shaped like the provincial system's.

`demo_dossiers` is the simulated truth (pipelines.demo_simulation: every dossier's life, from the demand
tables of pipelines/demo_data/). `write_demo_exports` writes what each month-end export lists
(pipelines.demo_exports), every month in another file shape, with a few bad rows on purpose
(pipelines.demo_files). Same seed, same dossiers and byte-identical files.
"""

import calendar
import datetime as dt
import random
from pathlib import Path

import polars as pl

from pipelines.catalogues import load_catalogues
from pipelines.demo_exports import SHAPES, Export, sector_spellings
from pipelines.demo_files import write_export
from pipelines.demo_simulation import as_frame, other_spellings, simulate


def demo_dossiers(year: int = 2023, seed: int = 2023, scale: float = 1.0) -> pl.DataFrame:
    """The simulated truth behind the demo exports, one row per dossier (also those carried into the year)."""
    return as_frame(simulate(load_catalogues(), year, seed, scale))


def write_demo_exports(folder: Path, year: int = 2023, seed: int = 2023, scale: float = 1.0) -> list[Path]:
    """Write the twelve month-end exports of `year` into `folder`; `scale` shrinks volumes (tests)."""
    catalogues = load_catalogues()
    dossiers = simulate(catalogues, year, seed, scale)
    sector_aliases = other_spellings(catalogues.sector_aliases, "name")
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for month, shape in enumerate(SHAPES, start=1):
        rng = random.Random(seed * 100 + month)
        start = dt.datetime(year, month, 1)
        as_of = dt.datetime(year, month, calendar.monthrange(year, month)[1], 23, 59, 59)
        listed = [d for d in dossiers if d.received_at <= as_of and d.closed_at >= start]
        export = Export(shape, year, month, as_of, rng, sector_spellings(sector_aliases, rng))
        path = folder / f"hoso_thang{month:02d}_{year}{shape.suffix}"
        write_export(path, shape, export.title_lines(), export.rows(listed))
        paths.append(path)
    return paths
