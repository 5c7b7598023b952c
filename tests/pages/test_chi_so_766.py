"""The Chỉ số 766 page shows the KPI layer's numbers (pipelines.kpi_766, what `tthc kpi-766` prints) for
several periods and units, over calendar periods only, and says which indicators the export cannot support.
"""

import pytest

from pipelines import kpi_766
from pipelines.labels import format_points_vi, format_rate_vi, format_score_vi
from pipelines.periods import parse_period
from pipelines.scope import Scope

PAGE = "08_chi_so_766"
PERIODS = ("2023-Q2", "2023-04", "2023")


def _metrics(at) -> dict[str, str]:
    return {metric.label: metric.value for metric in at.metric}


def _expected_metrics(con, scope: Scope) -> dict[str, str]:
    total = kpi_766.indicators(con, scope=scope).row(0, named=True)
    return {
        "Tổng điểm các chỉ số tính được": (
            f"{format_points_vi(total['total_points'])} / {format_points_vi(total['total_max_points'])}"
        ),
        "Quy về thang 100": format_score_vi(total["score_100"]),
        "Xếp loại": total["band_label_vi"],
    }


def _table(at, title: str):
    return next(frame.value for frame in at.dataframe if title in frame.value.columns)


@pytest.mark.parametrize("period", PERIODS)
def test_the_citys_score_and_indicators_equal_the_kpi_layer(app, kpi_con, period):
    at = app(PAGE, ky=period)
    assert not at.exception
    scope = Scope.of(parse_period(period))
    assert _metrics(at) == _expected_metrics(kpi_con, scope)
    expected = kpi_766.indicators(kpi_con, scope=scope)
    shown = _table(at, "Cách tính")
    assert shown["Chỉ số"].to_list() == expected["label_vi"].to_list()
    assert shown["Điểm"].to_list() == [format_points_vi(p) for p in expected["points"]]
    assert shown["Tỷ lệ"].to_list() == [format_rate_vi(r) for r in expected["rate_value"]]


def test_a_units_score_follows_the_url(app, kpi_con):
    period = parse_period("2023-Q2")
    unit_id = kpi_766.ranking(kpi_con, scope=Scope.of(period, unit_level="ward_commune"))["unit_id"][0]
    at = app(PAGE, ky=period.name, don_vi=unit_id)
    assert _metrics(at) == _expected_metrics(kpi_con, Scope.of(period, unit_id=unit_id))
    assert at.query_params["don_vi"] == unit_id


def test_columns_the_export_lacks_are_marked_not_computable(app, kpi_con):
    at = app(PAGE, ky="2023")
    shown = _table(at, "Cách tính")
    notes = dict(zip(shown["Chỉ số"].to_list(), shown["Ghi chú"].to_list(), strict=True))
    expected = kpi_766.indicators(kpi_con, scope=Scope.of(parse_period("2023")))
    missing = expected.filter(expected["status"].is_in(["column_missing", "not_computable"]))
    assert missing.height >= 3  # publicity, procedure catalogue, complaints at least
    for label, needs in missing.select("label_vi", "needs_vi").iter_rows():
        assert notes[label] == f"Không tính được từ dữ liệu xuất: cần {needs}"
        assert shown.loc[shown["Chỉ số"] == label, "Điểm"].item() == "—"


def test_the_ranking_of_wards_and_communes_equals_the_kpi_layer(app, kpi_con):
    at = app(PAGE, ky="2023-Q2")
    expected = kpi_766.ranking(kpi_con, scope=Scope.of(parse_period("2023-Q2")))
    wards = expected.filter(expected["unit_level"] != "city")
    shown = _table(at, "So với kỳ trước")
    assert shown["Đơn vị"].to_list() == wards["unit_name"].to_list()
    assert shown["Thang 100"].to_list() == [format_score_vi(s) for s in wards["score_100"]]


def test_an_official_period_is_shown_as_its_calendar_period(app, kpi_con):
    at = app(PAGE, ky="BC-2023-Q2")
    assert "Quý II/2023 (01/04/2023 – 30/06/2023)" in at.caption[0].value
    assert "kỳ đã chọn là Kỳ báo cáo quý II/2023" in at.caption[0].value
    assert _metrics(at) == _expected_metrics(kpi_con, Scope.of(parse_period("2023-Q2")))
