"""The overview's cockpit shows the KPI layer's numbers (pipelines.kpi, what `tthc kpi` prints) for several
periods and filters: the key-sector scorecard and its changes, the units below the on-time target, the
count of dossiers due soon; the Hồ sơ page lists those dossiers."""

import datetime as dt
import re

import polars as pl
import pytest

from pipelines import kpi
from pipelines.catalogues import load_catalogues
from pipelines.labels import SECTOR_GROUP_LABELS_VI, TOTAL_LABEL_VI, format_count_vi, format_rate_vi
from pipelines.periods import parse_period, previous_period, year_earlier
from pipelines.report_data import data_as_of
from pipelines.scope import Scope
from tests.helpers.page_tables import markdown_tables
from tests.pages.conftest import CLI_PERIODS

NBSP = "\u00a0"
ROWS = {SECTOR_GROUP_LABELS_VI[g]: g for g in ("land", "construction", "investment")} | {
    TOTAL_LABEL_VI: "all"
}
# The scorecard's headings start with these (the target follows in brackets when every row shares it).
COLUMNS = {"Đúng hạn": "on_time_rate", "Trước hạn": "early_rate", "Hài lòng": "satisfaction_rate"}
ONLINE_COLUMN = ("Trực tuyến toàn trình", "online_full_rate")  # the demo exports carry Mức độ DVC
DUE_SOON_DAYS = 2  # catalogues/settings.csv


def scorecard(at) -> dict[tuple[str, str], tuple[str, str]]:
    """(sector group, kpi) → (value shown, Δ shown) of the overview's scorecard."""
    table = next(table for table in markdown_tables(at) if table.columns[0] == "Nhóm lĩnh vực")
    kpis = {**COLUMNS, ONLINE_COLUMN[0]: ONLINE_COLUMN[1]}
    columns = [
        next(k for start, k in kpis.items() if heading.startswith(start)) for heading in table.columns[1:]
    ]
    shown = {}
    for label, *cells in table.iter_rows():
        for column, cell in zip(columns, cells, strict=True):
            cell = cell.replace(NBSP, " ")
            value = re.search(r"\*\*(.+?)\*\*", cell).group(1)
            shown[(ROWS[label.strip("*")], column)] = (value, cell.rsplit("Δ ", 1)[1])
    return shown


def _delta(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:+.1f}".replace(".", ",")


def expected_scorecard(con, period_name: str, against: str = "previous", **filters) -> dict:
    """The same cells from kpi_table and kpi_compare (by sector group and in total); the sector-group
    filter never applies to the scorecard."""
    period = parse_period(period_name)
    scope = Scope.of(period, unit_level=filters.get("unit_level"))
    expected = {}
    for by in ("sector_group", "total"):
        compared = kpi.kpi_compare(con, by, scope=scope)
        for row in compared.iter_rows(named=True):
            column = next((c for c in [*COLUMNS.values(), ONLINE_COLUMN[1]] if c == row["kpi"]), None)
            if column and row["key"] in ROWS.values():
                expected[(row["key"], column)] = (
                    format_rate_vi(row["value"]),
                    _delta(row[f"delta_{against}"]),
                )
    return expected


def _subset(shown: dict, expected: dict) -> dict:
    """The shown cells of the rows the KPI layer lists (a group without dossiers is '—' on the page)."""
    return {key: shown[key] for key in expected}


@pytest.mark.parametrize(
    ("period", "filters"),
    [
        ("2023-Q2", {}),
        ("2023-04", {}),
        ("BC-2023-01", {}),
        ("2023", {"cap": "ward"}),
        ("2023-Q3", {"nhom": "land"}),
    ],
)
def test_scorecard_equals_the_kpi_layer(app, kpi_con, period, filters):
    at = app(ky=period, **filters)
    shown = scorecard(at)
    assert {group for group, _ in shown} == set(ROWS.values())  # the sector-group filter hides no row
    level = {"ward": "ward"}.get(filters.get("cap"))
    expected = expected_scorecard(kpi_con, period, unit_level=level)
    assert _subset(shown, expected) == expected
    assert all(value == ("—", "—") for key, value in shown.items() if key not in expected)


@pytest.mark.parametrize("period", CLI_PERIODS)
def test_scorecard_city_row_equals_what_tthc_kpi_prints(app, warehouse, period):
    shown = scorecard(app(ky=period))
    printed = warehouse.printed[period]
    labels = {"on_time_rate": "Tỷ lệ đúng hạn", "early_rate": "Tỷ lệ trước hạn"}
    labels |= {"satisfaction_rate": "Tỷ lệ hài lòng", "online_full_rate": "Tỷ lệ trực tuyến toàn trình"}
    assert {k: shown[("all", k)][0] for k in labels} == {k: printed[label] for k, label in labels.items()}


def test_scorecard_compares_with_the_same_period_a_year_earlier_on_the_switch(app, kpi_con):
    at = app(ky="2023-Q2")
    at.toggle(key="against_year_ago").set_value(True).run()
    expected = expected_scorecard(kpi_con, "2023-Q2", against="year_ago")
    assert _subset(scorecard(at), expected) == expected
    # the first half of 2022 holds no dossier: no change anywhere, never the whole value
    assert {delta for _value, delta in scorecard(at).values()} == {"—"}


def test_cumulative_periods_say_they_compare_with_a_year_earlier(app):
    at = app(ky="BC-2023-6T")
    period = parse_period("BC-2023-6T")
    assert previous_period(period) == year_earlier(period)
    assert not at.toggle
    assert "so với cùng kỳ năm trước" in at.caption[0].value


def _links(at) -> list[tuple[str, str, str]]:
    """(page, label, query) of the page's links."""
    return [(link.proto.page, link.proto.label, link.proto.query_string) for link in at.get("page_link")]


def _laggards(at) -> list[tuple[str, str]]:
    """(unit_id, label) of the links to the Đơn vị page, in order."""
    return [
        (re.search(r"don_vi=(\w+)", query).group(1), label)
        for page, label, query in _links(at)
        if page == "don_vi"
    ]


@pytest.mark.parametrize(("period", "filters"), [("2023-Q2", {}), ("2023", {}), ("2023-Q3", {"cap": "city"})])
def test_laggards_are_the_units_below_the_on_time_target_worst_first(app, kpi_con, period, filters):
    at = app(ky=period, **filters)
    scope = Scope.of(parse_period(period), unit_level=filters.get("cap"))
    units = kpi.kpi_table(kpi_con, "unit", scope=scope).filter(pl.col("n_resolved") > 0)
    below = units.filter(pl.col("on_time_rate") <= 0.95).sort(
        ["on_time_rate", "n_late"], descending=[False, True], maintain_order=True
    )
    enough = below.filter(pl.col("n_resolved") >= 10)
    few = below.filter(pl.col("n_resolved") < 10)
    shown = _laggards(at)
    assert [unit_id for unit_id, _ in shown] == [*enough["unit_id"], *few["unit_id"]]
    if few.height:
        assert any(e.label.startswith("Ít hồ sơ (dưới 10") for e in at.expander)
    for (_, label), unit in zip(shown, pl.concat([enough, few]).iter_rows(named=True), strict=True):
        gap = f"{(unit['on_time_rate'] - 0.95) * 100:.1f} điểm %".replace(".", ",").replace("-", "−")
        assert label == (
            f"**{unit['key']}**: {format_rate_vi(unit['on_time_rate'])} ({gap}), "
            f"{format_count_vi(unit['n_late'])} quá hạn / {format_count_vi(unit['n_resolved'])} đã giải quyết"
        )
    kept = f"ky={period}" + (f"&cap={filters['cap']}" if filters else "")
    assert all(query.startswith(kept + "&don_vi=") for page, _, query in _links(at) if page == "don_vi")


def _working_days_after(start: dt.date, end: dt.date, days_off: set[dt.date]) -> int:
    days = (start + dt.timedelta(n) for n in range(1, (end - start).days + 1))
    return sum(1 for day in days if day.weekday() < 5 and day not in days_off)


def test_due_soon_count_and_list_are_relative_to_the_data_as_of_date(app, kpi_con):
    at = app(ky="2023-03")
    [(_, line, query)] = [link for link in _links(at) if link[0] == "ho_so"]
    assert query == "ky=2023-03&loai=due_soon"
    as_of = dt.datetime.strptime(re.search(r"(\d\d/\d\d/\d{4})$", line).group(1), "%d/%m/%Y").date()
    days_off = set(load_catalogues().days_off["day"].to_list())
    pending = kpi.dossier_list(kpi_con, scope=Scope(as_of, as_of), outcomes=["pending_in_time"])
    due = pending.filter(pl.col("due_date").is_not_null()).filter(
        pl.col("due_date").map_elements(
            lambda day: _working_days_after(as_of, day, days_off) <= DUE_SOON_DAYS, return_dtype=pl.Boolean
        )
    )
    assert line.startswith(f"**{format_count_vi(due.height)} hồ sơ sắp đến hạn**")
    listed = app("04_ho_so", ky="2023-03", loai="due_soon")
    assert listed.markdown[0].value.startswith(f"**{format_count_vi(due.height)} hồ sơ**")
    if due.height:
        assert sorted(listed.dataframe[0].value["Mã hồ sơ"]) == sorted(due["dossier_code"].head(50))
    assert [button.label for button in listed.download_button] == [
        "Tải danh sách đang lọc (.xlsx)",
        "Tải danh sách đang lọc (.csv)",
    ]


def test_a_units_view_lists_its_dossiers_due_soon(app, kpi_con):
    as_of = data_as_of(kpi_con)
    soon = kpi.dossier_list(kpi_con, scope=Scope(as_of, as_of), outcomes=["pending_in_time"]).filter(
        "is_due_soon"
    )
    unit_id = soon["unit_id"][0]
    at = app("03_don_vi", ky="2023", don_vi=unit_id)
    assert at.subheader[-1].value == "Hồ sơ sắp đến hạn"
    assert (
        list(at.dataframe[-1].value["Mã hồ sơ"])
        == soon.filter(unit_id=unit_id).sort("due_date", "dossier_code")["dossier_code"].to_list()
    )
