"""The setting withdrawn_counts_as_resolved (catalogues/settings.csv): off by default (docs/definitions.md), and on,
withdrawn dossiers count as resolved on time where they were finished, else on the day they were received."""

import datetime as dt

import pytest

from pipelines import kpi
from pipelines.scope import Scope
from pipelines.warehouse import connect, refresh_aggregates, transaction
from tests.helpers.kpi_warehouse import build_kpi_warehouse

DOSSIERS = {
    "W1": dict(
        unit="p_le_loi",
        sector="Hộ tịch",
        received="2023-01-05 08:00",
        due="2023-01-10",
        finished="2023-01-09 10:00",
    ),
    "W2": dict(
        unit="p_le_loi", sector="Hộ tịch", received="2023-01-16 08:00", due="2023-01-20", is_withdrawn=True
    ),
    "W3": dict(
        unit="p_le_loi",
        sector="Hộ tịch",
        received="2023-01-20 08:00",
        due="2023-01-25",
        finished="2023-02-03 09:00",
        is_withdrawn=True,
    ),
}
COUNTS = ("n_received", "n_resolved", "n_early", "n_on_time", "n_late", "n_pending", "n_withdrawn")
JANUARY, FEBRUARY = (
    Scope(dt.date(2023, 1, 1), dt.date(2023, 1, 31)),
    Scope(dt.date(2023, 2, 1), dt.date(2023, 2, 28)),
)


@pytest.fixture
def con(tmp_path):
    connection = connect(build_kpi_warehouse(tmp_path / "w.duckdb", DOSSIERS))
    yield connection
    connection.close()


def totals(con, period):
    return kpi.kpi_table(con, "total", scope=period).select(COUNTS).row(0)


def test_off_by_default_withdrawn_count_only_in_received(con):
    assert con.execute(
        "select value from cat_settings where key = 'withdrawn_counts_as_resolved'"
    ).fetchall() == [("false",)]
    assert totals(con, JANUARY) == (3, 1, 1, 0, 0, 0, 2)
    assert totals(con, FEBRUARY) == (0, 0, 0, 0, 0, 0, 0)


def test_on_withdrawn_are_resolved_on_time(con):
    with transaction(con):
        con.execute("update cat_settings set value = 'true' where key = 'withdrawn_counts_as_resolved'")
        refresh_aggregates(con)
    # W2 resolved on time the day it was received; W3 resolved on time on its finish date, in February.
    assert totals(con, JANUARY) == (3, 2, 1, 1, 0, 1, 0)
    assert totals(con, FEBRUARY) == (0, 1, 0, 1, 0, 0, 0)
