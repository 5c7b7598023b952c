"""Fixtures of tests/sql/: the warehouse of named dossiers (tests/helpers/kpi_warehouse.py), built once."""

from pathlib import Path

import pytest

from pipelines.warehouse import connect
from tests.helpers.kpi_warehouse import NAMED_DOSSIERS, build_kpi_warehouse


@pytest.fixture(scope="session")
def named_warehouse(tmp_path_factory) -> Path:
    return build_kpi_warehouse(tmp_path_factory.mktemp("named") / "w.duckdb", NAMED_DOSSIERS)


@pytest.fixture(scope="session")
def named(named_warehouse):
    con = connect(named_warehouse, read_only=True)
    yield con
    con.close()
