"""The national service index (kpi_766_*, scored from definitions/index_766.toml): the points of a small
fixture computed by hand, every threshold met exactly on one side and missed on the other, a column no
file of a scope has marked as not computable, the bands, the ranking's rank change and the monthly trend.
"""

import csv
import datetime as dt
import io
import json
import shutil

import pytest

from pipelines import cli, index_766, kpi, kpi_766
from pipelines.definitions import DefinitionError
from pipelines.periods import parse_period
from pipelines.scope import Scope
from pipelines.settings import DEFINITIONS_DIR
from pipelines.warehouse import connect, transaction
from tests.helpers.kpi_warehouse import build_kpi_warehouse
from tests.sql.test_kpi_aggregate_path import _random_dossiers

CIVIL = "Hộ tịch"
ALL_YES = dict(is_paid_online=True, is_digitised=True, has_e_result=True, is_synced=True)


def _ward(n: int) -> dict:
    """p_le_loi, Jan 2023: 01–06 early, 07–08 late, 09 open and due in March, 10 open and overdue."""
    due, finished = ("2023-01-20", "2023-01-10 10:00") if n <= 6 else ("2023-01-10", "2023-01-15 10:00")
    if n == 9:
        due, finished = "2023-03-15", None
    if n == 10:
        due, finished = "2023-01-20", None
    return dict(
        unit="p_le_loi",
        sector=CIVIL,
        received=f"2023-01-{n + 2:02d} 08:00",
        due=due,
        finished=finished,
        channel="online" if n <= 5 else "in_person",
        is_paid_online=n <= 3,
        is_digitised=n <= 8,
        has_e_result=n <= 4,
        is_synced=None if n >= 9 else n <= 6,
        rating="satisfied" if n <= 4 else "unsatisfied" if n == 5 else None,
    )


def _commune(n: int) -> dict:
    """x_bao_khe, Jan 2023: 01–06 on their due date, 07–10 late; no electronic-result column, no rating."""
    due, finished = ("2023-01-20", "2023-01-20 15:00") if n <= 6 else ("2023-01-10", "2023-01-12 10:00")
    return dict(
        unit="x_bao_khe",
        sector=CIVIL,
        received=f"2023-01-{n + 2:02d} 09:00",
        due=due,
        finished=finished,
        channel="online" if n <= 4 else "in_person",
        is_paid_online=n <= 2,
        is_digitised=n <= 7,
        is_synced=True,
    )


DOSSIERS = {
    **{f"W1-{n:02d}": _ward(n) for n in range(1, 11)},
    **{f"W2-{n:02d}": _commune(n) for n in range(1, 11)},
    # tnmt (city), Jan 2023: all early, online, paid online, digitised, electronic result, synced
    **{
        f"T-{n:02d}": dict(
            unit="tnmt",
            sector=CIVIL,
            received=f"2023-01-0{n} 08:00",
            due="2023-01-20",
            finished="2023-01-05 10:00",
            channel="online",
            rating="very_satisfied",
            **ALL_YES,
        )
        for n in range(1, 6)
    },
    # Dec 2022: the ward resolves its one dossier late, the commune on time (every column yes)
    "W1-D1": dict(
        unit="p_le_loi",
        sector=CIVIL,
        received="2022-12-05 08:00",
        due="2022-12-06",
        finished="2022-12-10 08:00",
        channel="online",
        **ALL_YES,
    ),
    "W2-D1": dict(
        unit="x_bao_khe",
        sector=CIVIL,
        received="2022-12-05 08:00",
        due="2022-12-06",
        finished="2022-12-06 08:00",
        channel="online",
        **ALL_YES,
    ),
    # Feb 2023: one early dossier from a file without channel, payment, digitisation, result, sync or rating
    "T-F1": dict(
        unit="tnmt",
        sector=CIVIL,
        received="2023-02-01 08:00",
        due="2023-02-05",
        finished="2023-02-02 08:00",
        channel="unknown",
    ),
}

# Expected points, January 2023 (hand-computed from the rows above; rules in definitions/index_766.toml).
# Phường Lê Lợi: received 10, resolved 8 (6 early, 2 late), pending 2 at 31/01 (W1-09 in time, W1-10 overdue)
#   progress   20 × (6 + 1) / (8 + 2) = 14
#   online     5 / 10 = 50 %, at the 50 % threshold → 6
#   paid       3 / 10 = 30 %, at the 30 % threshold → 6
#   digitised  8 / 10 = 80 %, at the 80 % threshold → 4
#   e_result   6 × 4 / 8 = 3
#   synced     6 × 6 / 8 = 4.5
#   satisfaction 4 / 5 = 80 %, no points
#   total 37.5 of 48 → 78.125 on 100: đạt chuẩn tối thiểu
WARD_JAN = {
    "progress": 14.0,
    "online_submitted": 6.0,
    "paid_online": 6.0,
    "digitised": 4.0,
    "e_result": 3.0,
    "synced": 4.5,
}
# Xã Bảo Khê: received 10, resolved 10 (6 on time, 4 late), nothing pending
#   progress   20 × 6 / 10 = 12
#   online     4 / 10 = 40 % < 50 % → 3
#   paid       2 / 10 = 20 % < 30 % → 0.9
#   digitised  7 / 10 = 70 % < 80 % → 3.2
#   e_result   no file of the commune's January has the column: not computable (10 resolved)
#   synced     6 × 10 / 10 = 6
#   total 25.1 of 42 → 59.7619… on 100: dưới chuẩn tối thiểu
COMMUNE_JAN = {"progress": 12.0, "online_submitted": 3.0, "paid_online": 0.9, "digitised": 3.2, "synced": 6.0}
# The city: received 25, resolved 23 (17 early or on time), pending 2 (1 in time)
#   progress   20 × (17 + 1) / (23 + 2) = 14.4
#   online     (5 + 4 + 5) / 25 = 56 % → 6
#   paid       (3 + 2 + 5) / 25 = 40 % → 6
#   digitised  (8 + 7 + 5) / 25 = 80 % → 4
#   e_result   6 × (4 + 5) / (8 + 5) = 54 / 13 (the commune adds nothing: no column)
#   synced     6 × (6 + 10 + 5) / (8 + 10 + 5) = 126 / 23
#   satisfaction (4 + 5) / (5 + 5) = 90 %
CITY_JAN = {
    "progress": 14.4,
    "online_submitted": 6.0,
    "paid_online": 6.0,
    "digitised": 4.0,
    "e_result": 54 / 13,
    "synced": 126 / 23,
}
CITY_JAN_TOTAL = 30.4 + 54 / 13 + 126 / 23  # 40.03… of 48 → 83.40… on 100: đạt chuẩn tối thiểu
# Feb 2023, the city: resolved 1 (T-F1, early), pending 2 at 28/02 (W1-09 due 15/03 in time, W1-10 overdue)
#   progress 20 × (1 + 1) / (1 + 2) = 13.33…; every other indicator's column is missing
#   total 13.33… of 20 → 66.66… on 100: dưới chuẩn tối thiểu
CITY_FEB_TOTAL = 40 / 3
NOT_COMPUTABLE = {"publicity_procedures", "online_procedures", "complaints"}

JAN = Scope(dt.date(2023, 1, 1), dt.date(2023, 1, 31))
EXACT = dict(abs=1e-9)


@pytest.fixture(scope="module")
def index_warehouse(tmp_path_factory):
    return build_kpi_warehouse(tmp_path_factory.mktemp("index_766") / "w.duckdb", DOSSIERS)


@pytest.fixture(scope="module")
def con(index_warehouse):
    con = connect(index_warehouse, read_only=True)
    yield con
    con.close()


def _rows(table) -> dict[str, dict]:
    return {row["indicator"]: row for row in table.iter_rows(named=True)}


def _points(table) -> dict[str, float]:
    return {key: row["points"] for key, row in _rows(table).items() if row["points"] is not None}


def test_the_wards_points_meet_each_threshold_exactly_at_it(con):
    table = kpi_766.indicators(con, scope=JAN.narrowed(unit_id="p_le_loi"))
    assert _points(table) == pytest.approx(WARD_JAN, **EXACT)
    row = _rows(table)["satisfaction"]
    assert (row["status"], row["rate_value"], row["points"]) == ("computed", pytest.approx(0.8), None)
    first = table.row(0, named=True)
    assert (first["total_points"], first["total_max_points"]) == pytest.approx((37.5, 48.0), **EXACT)
    assert first["score_100"] == pytest.approx(78.125, **EXACT)
    assert first["band"] == "minimum" and first["band_label_vi"] == "Đạt chuẩn tối thiểu"


def test_the_communes_points_fall_below_each_threshold_and_a_missing_column_scores_nothing(con):
    table = kpi_766.indicators(con, scope=JAN.narrowed(unit_id="x_bao_khe"))
    rows = _rows(table)
    assert _points(table) == pytest.approx(COMMUNE_JAN, **EXACT)
    for key in ("e_result", "satisfaction"):
        assert (rows[key]["status"], rows[key]["points"], rows[key]["rate_value"]) == (
            "column_missing",
            None,
            None,
        )
    assert "Kết quả điện tử" in rows["e_result"]["needs_vi"]
    first = rows["progress"]
    assert (first["total_points"], first["total_max_points"]) == pytest.approx((25.1, 42.0), **EXACT)
    assert first["score_100"] == pytest.approx(25.1 / 42 * 100, abs=1e-8)
    assert first["band"] == "below_minimum"


def test_the_city_adds_the_units_counts_before_scoring(con):
    table = kpi_766.indicators(con, scope=JAN)
    assert _points(table) == pytest.approx(CITY_JAN, **EXACT)
    rows = _rows(table)
    assert rows["satisfaction"]["rate_value"] == pytest.approx(0.9)
    assert {key for key, row in rows.items() if row["status"] == "not_computable"} == NOT_COMPUTABLE
    assert rows["progress"]["total_points"] == pytest.approx(CITY_JAN_TOTAL, **EXACT)
    assert rows["progress"]["score_100"] == pytest.approx(CITY_JAN_TOTAL / 48 * 100, abs=1e-8)
    assert rows["progress"]["band"] == "minimum"


def test_a_city_department_with_every_column_reaches_the_top_band(con):
    first = kpi_766.indicators(con, scope=JAN.narrowed(unit_id="tnmt")).row(0, named=True)
    assert (first["total_points"], first["score_100"], first["band_label_vi"]) == (48.0, 100.0, "Chuẩn khá")


def test_columns_absent_from_a_period_are_not_computable_and_left_out_of_the_maximum(con):
    rows = _rows(kpi_766.indicators(con, scope=Scope.of(parse_period("2023-02"))))
    missing = {"online_submitted", "paid_online", "digitised", "e_result", "synced", "satisfaction"}
    assert {key for key, row in rows.items() if row["status"] == "column_missing"} == missing
    assert rows["progress"]["points"] == pytest.approx(CITY_FEB_TOTAL, **EXACT)
    assert (rows["progress"]["total_max_points"], rows["progress"]["band"]) == (20.0, "below_minimum")


def test_a_period_without_dossiers_has_no_score(con):
    rows = _rows(kpi_766.indicators(con, scope=Scope.of(parse_period("2022-11"))))
    assert {row["status"] for key, row in rows.items() if key not in NOT_COMPUTABLE} == {"no_dossiers"}
    assert {row["score_100"] for row in rows.values()} == {None}


def test_ranking_of_wards_and_communes_with_the_rank_change_against_december(con):
    ranking = kpi_766.ranking(con, scope=JAN.narrowed(unit_level="ward_commune"))
    # December: the commune 100 (48 of 48), the ward 58.33 (progress 0: its one dossier late)
    assert ranking.select("unit_id", "unit_rank", "unit_rank_previous", "rank_change").rows() == [
        ("p_le_loi", 1, 2, 1),
        ("x_bao_khe", 2, 1, -1),
    ]
    assert ranking["score_100"].to_list() == pytest.approx([78.125, 25.1 / 42 * 100], abs=1e-8)


def test_city_departments_are_ranked_apart(con):
    ranking = kpi_766.ranking(con, scope=JAN)
    assert ranking.select("unit_id", "unit_rank", "rank_change").rows() == [
        ("p_le_loi", 1, 1),
        ("x_bao_khe", 2, -1),
        ("tnmt", 1, None),  # nothing in December
    ]


def test_monthly_trend_scores_each_month_alone(con):
    trend = kpi_766.trend(con, scope=Scope(dt.date(2022, 12, 1), dt.date(2023, 2, 28)))
    # December, the city: 1 late + 1 on time → progress 10; every column yes on both → 6 + 6 + 4 + 6 + 6
    assert trend["month"].to_list() == ["2022-12", "2023-01", "2023-02"]
    assert trend["total_points"].to_list() == pytest.approx([38.0, CITY_JAN_TOTAL, CITY_FEB_TOTAL], **EXACT)
    assert trend["total_max_points"].to_list() == [48.0, 48.0, 20.0]
    assert trend["band"].to_list() == ["minimum", "minimum", "below_minimum"]


def test_scoring_parameters_are_read_from_the_catalogue(index_warehouse, tmp_path):
    folder = tmp_path / "definitions"
    shutil.copytree(DEFINITIONS_DIR, folder)
    path = folder / "index_766.toml"
    path.write_text(path.read_text(encoding="utf-8").replace("threshold = 0.5", "threshold = 0.6"), "utf-8")
    copy = shutil.copy(index_warehouse, tmp_path / "copy.duckdb")
    con = connect(copy)
    try:
        with transaction(con):
            index_766.write_index_tables(con, index_766.load(folder))
        points = _points(kpi_766.indicators(con, scope=JAN.narrowed(unit_id="p_le_loi")))
    finally:
        con.close()
    assert points["online_submitted"] == 3.0  # 50 % is now under the threshold
    assert points["progress"] == pytest.approx(14.0, **EXACT)


def test_a_catalogue_that_contradicts_itself_is_refused(tmp_path):
    folder = tmp_path / "definitions"
    shutil.copytree(DEFINITIONS_DIR, folder)
    path = folder / "index_766.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('"online_rate"', '"n_received"'), "utf-8")
    with pytest.raises(DefinitionError, match="online_submitted: rate 'n_received' is not a rate"):
        index_766.load(folder)


@pytest.mark.parametrize(
    ("name", "shown"),
    [("2023-03", "2023-03"), ("2023-Q1", "2023-Q1"), ("2023", "2023"), ("BC-2023-02", "2023-02")]
    + [("BC-2023-Q2", "2023-Q2"), ("BC-2023-6T", "2023"), ("2023-H1", "2023"), ("BC-2023", "2023")],
)
def test_the_index_uses_calendar_periods(name, shown):
    assert kpi_766.calendar_period(parse_period(name)).name == shown


@pytest.fixture(scope="module")
def random_con(tmp_path_factory):
    path = build_kpi_warehouse(
        tmp_path_factory.mktemp("random_766") / "w.duckdb", _random_dossiers(1500, seed=11)
    )
    con = connect(path, read_only=True)
    yield con
    con.close()


def _rates(indicators) -> dict[str, float | None]:
    return {row["rate_kpi"]: row["rate_value"] for row in indicators.iter_rows(named=True) if row["rate_kpi"]}


@pytest.mark.parametrize("name", ["2021-12", "2022-01", "2022-Q3", "2022", "2023-Q1"])
def test_the_monthly_aggregate_gives_the_kpi_layers_rates(random_con, name):
    """agg_unit_months, summed over whole months, against agg_window_kpis over the same dates."""
    scope = Scope.of(parse_period(name))
    rate_kpis = {i.rate for i in index_766.load().indicators if i.rate}
    by_unit = kpi.kpi_table(random_con, "unit", scope=scope)
    expected = {
        (row["unit_id"], rate): row[rate] for row in by_unit.iter_rows(named=True) for rate in rate_kpis
    }
    ranking = kpi_766.ranking(random_con, scope=scope)
    assert set(ranking["unit_id"]) == set(by_unit["unit_id"])
    for unit_id in ranking["unit_id"]:
        shown = _rates(kpi_766.indicators(random_con, scope=scope.narrowed(unit_id=unit_id)))
        assert shown == pytest.approx({rate: expected[(unit_id, rate)] for rate in rate_kpis})
    total = kpi.kpi_table(random_con, "total", scope=scope).row(0, named=True)
    assert _rates(kpi_766.indicators(random_con, scope=scope)) == pytest.approx(
        {rate: total[rate] for rate in rate_kpis}
    )
    months = kpi.monthly_trend(random_con, scope=scope)
    trend = kpi_766.trend(random_con, scope=scope)
    assert trend["month"].to_list() == months["key"].to_list()


def _cli(capsys, *args) -> tuple[int, str, str]:
    code = cli.main(["kpi-766", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_tthc_kpi_766_prints_the_hand_computed_points(index_warehouse, capsys):
    code, out, _ = _cli(
        capsys, "--db", str(index_warehouse), "--period", "2023-01", "--unit", "p_le_loi", "--format", "csv"
    )
    assert code == 0
    rows = {row["indicator"]: row for row in csv.DictReader(io.StringIO(out))}
    assert {key: float(row["points"]) for key, row in rows.items() if row["points"]} == pytest.approx(
        WARD_JAN
    )
    assert (rows["e_result"]["score_100"], rows["e_result"]["band"]) == ("78.125", "minimum")


def test_tthc_kpi_766_ranks_as_the_page(index_warehouse, con, capsys):
    code, out, _ = _cli(
        capsys, "--db", str(index_warehouse), "--period", "2023-01", "--by", "unit", "--format", "json"
    )
    assert code == 0
    expected = kpi_766.ranking(con, scope=JAN).select("unit_id", "unit_rank", "rank_change").rows()
    assert [(row["unit_id"], row["unit_rank"], row["rank_change"]) for row in json.loads(out)] == expected


def test_tthc_kpi_766_takes_calendar_periods_only(index_warehouse, capsys):
    code, _, err = _cli(capsys, "--db", str(index_warehouse), "--period", "BC-2023-Q1")
    assert code == 2
    assert "kỳ dương lịch" in err
    code, out, _ = _cli(capsys, "--db", str(index_warehouse), "--period", "2023-01", "--by", "month")
    assert code == 0
    assert out.splitlines()[0] == "Chỉ số 766, Tháng 01/2023 (01/01/2023 – 31/01/2023)"
    assert out.splitlines()[2].split() == [
        "2023-01",
        "40,03",
        "48,00",
        "83,4",
        "Đạt",
        "chuẩn",
        "tối",
        "thiểu",
    ]
