"""definitions/ (kpis.toml, dimensions.toml) against what the KPI views compute: every KPI column they
output is declared and every declared KPI is output; each rate is its declared numerator over its declared
denominator; every dimension yields its rows; a catalogue that contradicts itself is refused."""

import datetime as dt
import re
import shutil

import pytest

from pipelines import definitions, kpi
from pipelines.periods import parse_period
from pipelines.scope import Scope
from pipelines.settings import DEFINITIONS_DIR, SQL_DIR
from pipelines.warehouse import connect, transaction
from tests.helpers.kpi_warehouse import NAMED_DOSSIERS, build_kpi_warehouse

JAN = Scope(dt.date(2023, 1, 1), dt.date(2023, 1, 31))
# Periods with dossiers received, resolved, pending, rated, withdrawn, with and without a known channel.
PERIODS = ("2023-01", "BC-2023-01", "2022-12", "2023-Q1", "2030-01")
# What a kpi_by_dimension row carries besides its KPIs: its key, the columns a dimension keeps, its window.
ROW_COLUMNS = {"key", "window_from_date", "window_to_date", "sort_order"} | {
    column for dimension in definitions.dimensions() for column in dimension.kept_columns
}
DECLARED = {k.key for k in definitions.kpis()}


# The kpi_ views and what this file checks of each; the per-dossier views and the data range output no KPI
# (their n_… are a dossier's days), nor do the data-quality views kpi_dq_*.
CHECKED_VIEWS = {
    "kpi_by_dimension",
    "kpi_unit_ranking",
    "kpi_focus_by_unit",
    "kpi_period_compare",
    "kpi_targets_status",
    "kpi_scorecard",
    "kpi_unit_laggards",
}
NO_KPI_VIEWS = {"kpi_dossier_outcome", "kpi_dossiers_in_period", "kpi_data_range"}
# The national index's views score def_766_indicators (definitions/index_766.toml): tests/sql/test_kpi_766.py.
INDEX_766_VIEWS = {"kpi_766_indicators", "kpi_766_ranking", "kpi_766_trend"}


def test_every_kpi_view_is_checked_here_or_outputs_no_kpi():
    views = {path.stem for path in SQL_DIR.glob("kpi_*.sql") if not path.stem.startswith("kpi_dq_")}
    assert views == CHECKED_VIEWS | NO_KPI_VIEWS | INDEX_766_VIEWS


def _is_kpi_column(name: str) -> bool:
    return bool(re.match(definitions.COUNT_KEY, name) or re.search(definitions.RATE_KEY, name))


@pytest.mark.parametrize("dimension", definitions.dimensions(), ids=lambda d: d.name)
def test_every_kpi_column_kpi_by_dimension_outputs_is_declared_and_the_other_way_round(named, dimension):
    table = kpi.kpi_table(named, dimension.name, scope=JAN)
    assert set(table.columns) - ROW_COLUMNS == DECLARED


def test_the_other_kpi_views_output_declared_kpis_only(named):
    ranking = kpi.unit_ranking(named, scope=JAN)
    focus = kpi.focus_by_unit(named, scope=JAN)
    laggards = kpi.unit_laggards(named, scope=JAN)
    columns = [*ranking.columns, *focus.columns, *laggards.columns]
    outputs = {name for name in columns if _is_kpi_column(name)} - {"n_min_resolved"}  # a setting
    assert outputs and outputs <= DECLARED


def test_the_scorecard_lists_the_kpis_declared_for_it_with_their_values(named):
    card = kpi.scorecard(named, scope=JAN, compared=parse_period("2022-12"))
    declared = [k.key for k in definitions.shown_in("scorecard")]
    assert card.filter(sector_group="all")["kpi"].to_list() == declared
    total = kpi.kpi_table(named, "total", scope=JAN).row(0, named=True)
    for row in card.filter(sector_group="all").iter_rows(named=True):
        assert row["value_rate"] == pytest.approx(total[row["kpi"]]), row["kpi"]


def test_comparisons_list_the_kpis_declared_for_them_in_display_order(named):
    compared = kpi.kpi_compare(named, "total", scope=JAN)
    assert compared["kpi"].to_list() == [k.key for k in definitions.shown_in("compare")]
    assert compared["is_rate"].to_list() == [k.is_rate for k in definitions.shown_in("compare")]


def _ratio(row: dict, rate: definitions.Kpi) -> float | None:
    denominator = sum(row[name] for name in rate.denominator)
    return None if denominator == 0 else sum(row[name] for name in rate.numerator) / denominator


@pytest.mark.parametrize("name", PERIODS)
def test_each_rate_is_its_declared_numerator_over_its_declared_denominator(named, name):
    rates = [k for k in definitions.kpis() if k.is_rate]
    rows = [
        row
        for by in ("total", "sector", "unit", "month")
        for row in kpi.kpi_table(named, by, scope=Scope.of(parse_period(name))).iter_rows(named=True)
    ]
    assert rows
    for row in rows:
        for rate in rates:
            assert row[rate.key] == pytest.approx(_ratio(row, rate)), (name, row["key"], rate.key)


def test_targets_status_measures_every_declared_rate_over_its_denominator(tmp_path):
    path = build_kpi_warehouse(tmp_path / "w.duckdb", NAMED_DOSSIERS)
    con = connect(path)
    rates = [k for k in definitions.kpis() if k.is_rate]
    try:
        with transaction(con):
            con.execute("delete from cat_targets")
            con.executemany(
                "insert into cat_targets values (2023, ?, 'all', '>=', 0.5, 'test')", [[r.key] for r in rates]
            )
        status = kpi.targets_status(con, scope=JAN)
        total = kpi.kpi_table(con, "total", scope=JAN).row(0, named=True)
    finally:
        con.close()
    assert status["kpi"].to_list() == [r.key for r in rates]
    for row, rate in zip(status.iter_rows(named=True), rates, strict=True):
        assert row["n_denominator"] == sum(total[name] for name in rate.denominator), rate.key
        assert row["value_rate"] == pytest.approx(total[rate.key]), rate.key


@pytest.mark.parametrize("dimension", definitions.dimensions(), ids=lambda d: d.name)
def test_every_dimension_has_keys_and_carries_only_its_columns(named, dimension):
    table = kpi.kpi_table(named, dimension.name, scope=Scope.of(parse_period("BC-2023-01")))
    assert table.height > 0 and table["key"].null_count() == 0
    for column in ("unit_id", "unit_level", "sector_group", "sector_name"):
        is_kept = column in dimension.kept_columns
        assert table[column].null_count() == (0 if is_kept else table.height), (dimension.name, column)
    # 15/12/2022 – 14/01/2023: one window, or one per calendar month
    assert (table["window_from_date"].n_unique() == 2) == dimension.is_by_month


def test_the_warehouse_holds_the_definitions(named):
    kpis = named.execute("select kpi, kind from def_kpis order by display_order").fetchall()
    assert kpis == [(k.key, k.kind) for k in definitions.kpis()]
    dimensions = named.execute("select dimension from def_dimensions order by display_order").fetchall()
    assert [name for (name,) in dimensions] == [d.name for d in definitions.dimensions()]


BROKEN = [
    ('key = "n_received"\nkind = "count"', "n_received is declared twice"),
    ('key = "late_rate"\nkind = "rate"\nnumerator = ["n_late"]', "a rate has a numerator and a denominator"),
    ('key = "late_rate"\nkind = "rate"\nnumerator = ["n_gone"]\ndenominator = ["n_resolved"]', "n_gone"),
    ('key = "late_share"\nkind = "rate"\nnumerator = ["n_late"]\ndenominator = ["n_resolved"]', "_rate"),
    ('key = "n_more"\nkind = "count"\nshown_in = ["sidebar"]', "unknown place 'sidebar'"),
]


@pytest.mark.parametrize(("entry", "message"), BROKEN)
def test_a_catalogue_that_contradicts_itself_is_refused(tmp_path, entry, message):
    shutil.copytree(DEFINITIONS_DIR, tmp_path, dirs_exist_ok=True)
    common = 'label_vi = "x"\nis_higher_better = true\nnote = "x"\nsource = "x"'
    with (tmp_path / "kpis.toml").open("a", encoding="utf-8") as file:
        file.write(f"\n[[kpi]]\n{entry}\n{common}\n")
    with pytest.raises(definitions.DefinitionError, match=re.escape(message)):
        definitions.load(tmp_path)
