"""The demo year: reproducible, realistic volumes and mix, due dates in working days, and twelve monthly
exports that the pipeline reads, each with its deliberate bad rows."""

import datetime as dt
import functools

import polars as pl
import pytest

from pipelines import cli_demo
from pipelines.catalogues import load_catalogues
from pipelines.cli import main
from pipelines.demo import demo_dossiers, write_demo_exports
from pipelines.headers import locate_header
from pipelines.ingest import ingest_files
from pipelines.parse import parse_datetime
from pipelines.read_export import SHEET_ROW, read_grids
from pipelines.settings import IngestSettings
from pipelines.text import nfc

YEAR = 2023
SMALL = 0.05  # the exports' tests run on 5 % of the volume
YEAR_END = dt.datetime(YEAR, 12, 31, 23, 59, 59)
BAD_ROW_REASONS = {
    "missing_code",
    "invalid_received",
    "finished_before_received",
    "unknown_unit",
    "due_before_received",
    "duplicate_conflict",
}


@pytest.fixture(scope="module")
def truth() -> pl.DataFrame:
    return demo_dossiers(YEAR)


@pytest.fixture(scope="module")
def year_truth(truth) -> pl.DataFrame:
    return truth.filter(pl.col("received_at").dt.year() == YEAR)


@pytest.fixture(scope="module")
def resolved(year_truth) -> pl.DataFrame:
    """Dossiers of the year finished by its end, with their outcome by calendar date."""
    return year_truth.filter(~pl.col("is_withdrawn") & (pl.col("closed_at") <= YEAR_END)).with_columns(
        pl.when(pl.col("due_at").is_null() | (pl.col("closed_at").dt.date() == pl.col("due_at").dt.date()))
        .then(pl.lit("on_time"))
        .when(pl.col("closed_at").dt.date() < pl.col("due_at").dt.date())
        .then(pl.lit("early"))
        .otherwise(pl.lit("late"))
        .alias("outcome")
    )


@pytest.fixture(scope="module")
def exports(tmp_path_factory):
    return write_demo_exports(tmp_path_factory.mktemp("demo"), YEAR, scale=SMALL)


def _read(path):
    settings = IngestSettings()
    grid = read_grids(path, path.name, settings)[0]
    header = locate_header(grid, load_catalogues().vocabulary, settings.header_search_rows)
    rows = grid.filter(pl.col(SHEET_ROW) > max(header.header_rows)).select(
        pl.col(header.columns["dossier_code"]).alias("code"),
        parse_datetime(header.columns["finished_at"]).alias("finished_at"),
    )
    return header, rows


def test_same_seed_same_bytes_other_seed_other_files(exports, tmp_path):
    again = write_demo_exports(tmp_path / "again", YEAR, scale=SMALL)
    assert [p.read_bytes() for p in again] == [p.read_bytes() for p in exports]
    other = write_demo_exports(tmp_path / "other", YEAR, seed=7, scale=SMALL)
    csv_pairs = [(a, b) for a, b in zip(exports, other, strict=True) if a.suffix == ".csv"]
    assert csv_pairs and all(a.read_bytes() != b.read_bytes() for a, b in csv_pairs)


def test_volumes_look_like_a_city_of_120_000(year_truth):
    assert 35_000 <= year_truth.height <= 50_000
    by_level = dict(year_truth.group_by("unit_level").len().iter_rows())
    assert (by_level["ward"] + by_level["commune"]) / year_truth.height > 0.6
    top_sectors = year_truth.group_by("sector").len().sort("len", descending=True)["sector"].head(2)
    assert set(top_sectors) == {"Chứng thực", "Hộ tịch"}
    by_group = dict(year_truth.group_by("sector_group").len().iter_rows())
    assert by_group["land"] > by_group["investment"] > by_group["construction"] > 0


def test_every_unit_of_the_catalogue_has_dossiers(truth):
    assert set(truth["unit_id"]) == set(load_catalogues().units["unit_id"])


def test_land_is_slower_and_later_than_the_rest(resolved):
    late = dict(resolved.group_by("sector_group").agg((pl.col("outcome") == "late").mean()).iter_rows())
    assert 0.03 < late["land"] < 0.15
    assert late["land"] > 5 * late["other"]
    overall_late = (resolved["outcome"] == "late").mean()
    assert 0.005 < overall_late < 0.05


def test_withdrawn_and_settled_on_the_spot_are_a_few_percent(year_truth):
    assert 0.005 < year_truth["is_withdrawn"].mean() < 0.03
    assert 0.02 < year_truth["due_at"].is_null().mean() < 0.15


def test_online_share_rises_through_the_year_mostly_on_full_online_procedures(year_truth):
    monthly = (
        year_truth.group_by(pl.col("received_at").dt.month().alias("month"))
        .agg((pl.col("channel") == "online").mean().alias("online"))
        .sort("month")
    )
    assert 0.2 < monthly["online"][0] < 0.4
    assert 0.5 < monthly["online"][-1] < 0.7
    by_level = dict(
        year_truth.group_by("service_level").agg((pl.col("channel") == "online").mean()).iter_rows()
    )
    assert by_level["toàn trình"] > by_level["một phần"] > by_level[""]


def test_part_of_the_finished_dossiers_are_rated_mostly_satisfied(resolved, year_truth):
    rated = resolved.filter(pl.col("rating").is_not_null())
    assert 0.3 < rated.height / resolved.height < 0.6
    assert rated["rating"].is_in(["very_satisfied", "satisfied"]).mean() > 0.85
    assert (
        year_truth.filter(pl.col("is_withdrawn"))["rating"].null_count() == year_truth["is_withdrawn"].sum()
    )


def test_received_in_office_hours_and_due_at_17h_on_working_days(truth):
    days_off = load_catalogues().days_off["day"].implode()
    received = truth["received_at"]
    assert received.dt.weekday().max() <= 5 and not received.dt.date().is_in(days_off).any()
    minutes = received.dt.hour().cast(pl.Int32) * 60 + received.dt.minute()
    assert minutes.min() >= 7 * 60 + 30 and minutes.max() < 17 * 60
    with_due = truth.filter(pl.col("due_at").is_not_null())
    due = with_due["due_at"]
    assert due.dt.weekday().max() <= 5 and not due.dt.date().is_in(days_off).any()
    assert (due.dt.time() == dt.time(17, 0)).all()
    assert (due.dt.date() >= with_due["received_at"].dt.date()).all()
    assert (with_due["closed_at"] >= with_due["received_at"]).all()


def test_exports_come_in_the_shapes_real_ones_do(exports):
    assert [p.suffix for p in exports].count(".xlsx") >= 5 and [p.suffix for p in exports].count(".csv") >= 4
    assert any(p.read_bytes().startswith(b"\xff\xfe") for p in exports)  # Excel's "Unicode text"
    headers = [_read(path)[0] for path in exports]
    assert all(h.personal_columns for h in headers)
    assert any(len(h.header_rows) == 2 for h in headers)
    assert len({tuple(sorted(h.columns.items())) for h in headers}) >= 6
    titled = [h for h in headers if h.title_lines]
    assert titled and all("đến ngày" in nfc(" ".join(h.title_lines)) for h in titled)


def test_a_dossier_open_at_one_month_end_is_finished_in_a_later_export(exports):
    january, february = (_read(path)[1] for path in exports[:2])
    finished_in_january = set(january.filter(pl.col("finished_at").is_not_null())["code"])
    open_in_january = set(january.filter(pl.col("finished_at").is_null())["code"]) - finished_in_january
    finished_in_february = set(february.filter(pl.col("finished_at").is_not_null())["code"])
    assert len(open_in_january & finished_in_february) >= 5


def test_cli_demo_writes_beside_the_warehouse_and_ingests_bad_rows_as_rejects(tmp_path, monkeypatch, capsys):
    results = []

    def ingest_and_keep(*args, **kwargs):
        assert kwargs["is_demo"] is True
        results.extend(ingest_files(*args, **kwargs))
        return results

    monkeypatch.setattr(cli_demo, "write_demo_exports", functools.partial(write_demo_exports, scale=0.02))
    monkeypatch.setattr(cli_demo, "ingest_files", ingest_and_keep)
    assert main(["demo", "--db", str(tmp_path / "w.duckdb")]) == 0
    out = capsys.readouterr().out
    assert len(list((tmp_path / "demo").iterdir())) == 12
    assert (
        out.count("(dữ liệu đến ngày ") == 12
        and "hoso_thang12_2023.xlsx» (dữ liệu đến ngày 31/12/2023)" in out
    )
    for result in results:
        assert result.status == "loaded", result.error_vi
        assert result.rejected_by_reason == dict.fromkeys(BAD_ROW_REASONS, 1), result.file_name
        assert result.skipped_by_reason["exact_duplicate"] == 1, result.file_name
