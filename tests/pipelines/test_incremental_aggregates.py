"""An ingest corrects the aggregates with what it changed (sql/load/merge_daily_counts.sql) instead of
recounting every dossier: after every ingest they must equal a full rebuild, row for row."""

import datetime as dt
import random

import duckdb
import pytest

from pipelines.ingest import ingest_files
from pipelines.warehouse import connect
from tests.helpers.exports import row, write_csv

AGGREGATES = ("agg_daily_counts", "agg_monthly_balances", "agg_unit_sectors", "agg_unit_months")
UNITS = ("UBND phường Lê Lợi", "UBND xã Bảo Khê", "Sở Tài nguyên và Môi trường")
SECTORS = ("Hộ tịch", "Đất đai", "Chứng thực")
STATUSES = ("Đã trả kết quả", "Đang xử lý", "Đã rút hồ sơ")
CHANNELS = ("Trực tuyến", "Trực tiếp", "BCCI")
RATINGS = ("Hài lòng", "Rất hài lòng", "Không hài lòng", "")


def _aggregates(con) -> dict:
    return {table: con.execute(f"select * from {table} order by all").fetchall() for table in AGGREGATES}


def stored_aggregates(db) -> dict:
    """The aggregates as the last ingest left them (read-only: opening read-write rebuilds them)."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        return _aggregates(con)
    finally:
        con.close()


def rebuilt_aggregates(db) -> dict:
    con = connect(db)  # read-write: recounts the aggregates from every dossier
    try:
        return _aggregates(con)
    finally:
        con.close()


def title(as_of: dt.date) -> tuple[str]:
    return (f"Từ ngày 01/01/2023 đến ngày {as_of:%d/%m/%Y}",)


def random_dossier(rng: random.Random, code: str) -> dict:
    received = dt.datetime(2023, 1, 2, 8) + dt.timedelta(days=rng.randrange(80), hours=rng.randrange(8))
    status = rng.choice(STATUSES)
    finished = received + dt.timedelta(days=rng.randrange(15)) if status == "Đã trả kết quả" else None
    due = received + dt.timedelta(days=rng.randrange(1, 10)) if rng.random() < 0.9 else None
    return row(
        code,
        unit=rng.choice(UNITS),
        sector=rng.choice(SECTORS),
        status=status,
        received=f"{received:%d/%m/%Y %H:%M}",
        due=f"{due:%d/%m/%Y %H:%M}" if due else "",
        finished=f"{finished:%d/%m/%Y %H:%M}" if finished else "",
        channel=rng.choice(CHANNELS),
        rating=rng.choice(RATINGS),
    )


@pytest.mark.parametrize("seed", range(4))
def test_every_ingest_leaves_the_aggregates_a_full_rebuild_would_give(tmp_path, seed):
    """Seeded series of exports: new dossiers, new versions (other unit, sector, dates, outcome), the same
    content with a later as-of date, an older export, the same export twice over, a demo year replaced."""
    rng = random.Random(seed)
    db = tmp_path / "w.duckdb"
    codes = [f"R-{i}" for i in range(40)]
    demo = write_csv(
        tmp_path / "demo.csv",
        [random_dossier(rng, c) for c in codes[:10]],
        title_lines=title(dt.date(2023, 1, 31)),
    )
    ingest_files(db, [demo], is_demo=True)
    assert stored_aggregates(db) == rebuilt_aggregates(db)
    previous_rows: list[dict] = []
    for i, as_of in enumerate(
        [
            dt.date(2023, 1, 31),
            dt.date(2023, 2, 28),
            dt.date(2023, 2, 15),
            dt.date(2023, 3, 31),
            dt.date(2023, 3, 31),
            dt.date(2023, 4, 30),
        ]
    ):
        rows = [random_dossier(rng, code) for code in rng.sample(codes, 15)]
        rows += rng.sample(previous_rows, min(5, len(previous_rows)))  # unchanged or refreshed
        previous_rows = rows
        export = write_csv(tmp_path / f"export_{i}.csv", rows, title_lines=title(as_of))
        [result] = ingest_files(db, [export])
        assert result.status == "loaded"
        assert stored_aggregates(db) == rebuilt_aggregates(db), f"after export {i} (as of {as_of})"


def test_a_dossier_moved_to_another_unit_leaves_no_trace_of_its_old_pair(tmp_path):
    db = tmp_path / "w.duckdb"
    first = write_csv(
        tmp_path / "jan.csv",
        [row("M-1", unit="UBND xã Bảo Khê", sector="Đất đai"), row("M-2")],
        title_lines=title(dt.date(2023, 1, 31)),
    )
    moved = write_csv(
        tmp_path / "feb.csv",
        [row("M-1", unit="UBND phường Lê Lợi", sector="Đất đai")],
        title_lines=title(dt.date(2023, 2, 28)),
    )
    ingest_files(db, [first])
    ingest_files(db, [moved])
    stored = stored_aggregates(db)
    assert stored == rebuilt_aggregates(db)
    assert sorted((unit_id, sector) for _, unit_id, _, _, sector, *_ in stored["agg_unit_sectors"]) == [
        ("p_le_loi", "Hộ tịch"),
        ("p_le_loi", "Đất đai"),
    ]
