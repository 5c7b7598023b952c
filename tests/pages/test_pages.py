"""Every page renders against the fixture warehouse, follows the URL's filters, and shows the KPI
layer's numbers (pipelines.kpi, what `tthc kpi` prints)."""

import polars as pl
import pytest

from pipelines import kpi
from pipelines.bieu_06 import NUMBER_COLUMNS
from pipelines.labels import SECTOR_GROUP_LABELS_VI, format_count_vi, format_rate_vi
from pipelines.periods import parse_period
from pipelines.scope import Scope
from tests.helpers.page_tables import markdown_tables
from tests.helpers.page_tiles import tiles
from tests.pages.conftest import CLI_PERIODS

PAGES = (
    "01_tong_quan",
    "02_linh_vuc",
    "03_don_vi",
    "04_ho_so",
    "05_bao_cao",
    "06_tai_len",
    "07_du_lieu",
    "08_chi_so_766",
)
# Tile label → kpi column; the labels are pipelines.labels.KPI_LABELS_VI, as `tthc kpi` heads its columns.
RATE_TILES = {
    "Tỷ lệ đúng hạn": "on_time_rate",
    "Chỉ số tiến độ (QĐ 766)": "progress_rate_766",
    "Tỷ lệ trước hạn": "early_rate",
    "Tỷ lệ hài lòng": "satisfaction_rate",
    "Tỷ lệ trực tuyến toàn trình": "online_full_rate",
    "Tỷ lệ đồng bộ": "synced_rate",
    "Tỷ lệ có phiếu xin lỗi": "apology_rate",
}
SIDEBAR_FILTERS = ["Loại kỳ", "Kỳ", "Nhóm lĩnh vực", "Cấp đơn vị"]
COUNT_TILES = {
    "Tiếp nhận": "n_received",
    "Đã giải quyết": "n_resolved",
    "Đang giải quyết": "n_pending",
    "Đang giải quyết quá hạn": "n_pending_overdue",
}


def worst_first(ranking: pl.DataFrame) -> pl.DataFrame:
    """The Đơn vị page's opening order: the last rank first (units sharing a rank in the view's order),
    units with nothing resolved (unranked) last."""
    by_rank = ranking.filter(pl.col("unit_rank").is_not_null()).partition_by("unit_rank", maintain_order=True)
    return pl.concat([*reversed(by_rank), ranking.filter(pl.col("unit_rank").is_null())])


def expected_tiles(con, period_name: str, sector_group=None, unit_level=None) -> dict[str, str]:
    scope = Scope.of(parse_period(period_name), sector_group=sector_group, unit_level=unit_level)
    total = kpi.kpi_table(con, "total", scope=scope).row(0, named=True)
    expected = {label: format_rate_vi(total[column]) for label, column in RATE_TILES.items()}
    expected |= {label: format_count_vi(total[column]) for label, column in COUNT_TILES.items()}
    if sector_group is None:
        groups = kpi.kpi_table(con, "sector_group", scope=scope)
        for group in ("land", "construction", "investment"):
            rate = groups.filter(key=group)["satisfaction_rate"]
            label = f"Tỷ lệ hài lòng — {SECTOR_GROUP_LABELS_VI[group]}"
            expected[label] = format_rate_vi(rate.item() if len(rate) else None)
    return expected


@pytest.mark.parametrize("period", ["2023-Q2", "BC-2023-01", "2022-12"])  # 2022: no targets, little data
@pytest.mark.parametrize("page", PAGES)
def test_page_renders_without_exception(app, page, period):
    at = app(page, ky=period)
    assert at.query_params["ky"] == period
    assert not at.exception
    assert not at.error
    assert at.title


def test_a_year_without_targets_still_shows_its_rates(app, kpi_con):
    at = app(ky="2022-12")
    period = parse_period("2022-12")
    total = kpi.kpi_table(kpi_con, "total", scope=Scope.of(period)).row(0, named=True)
    shown = tiles(at)
    assert {label: shown[label] for label in RATE_TILES} == {
        label: format_rate_vi(total[column]) for label, column in RATE_TILES.items()
    }
    assert any("Chưa có chỉ tiêu cho năm này" in block.value for block in at.markdown)


def test_overview_tiles_equal_the_kpi_layer(app, kpi_con):
    at = app(ky="2023-Q2")
    assert tiles(at) == expected_tiles(kpi_con, "2023-Q2")
    assert "Quý II/2023 (01/04/2023 – 30/06/2023)" in at.caption[0].value


@pytest.mark.parametrize("period", CLI_PERIODS)
def test_overview_tiles_equal_what_tthc_kpi_prints(app, warehouse, period):
    shown = tiles(app(ky=period))
    printed = warehouse.printed[period]
    compared = {**RATE_TILES, **COUNT_TILES}.keys() & printed.keys()
    assert len(compared) == 9  # all but the synced and apology rates, which `tthc kpi` does not print
    assert {label: shown[label] for label in compared} == {label: printed[label] for label in compared}


def test_changing_the_period_changes_the_numbers_and_the_url(app, kpi_con):
    at = app(ky="2023-03")
    march = tiles(at)
    at.selectbox(key="filter_period_month").set_value(parse_period("2023-04")).run()
    assert at.query_params["ky"] == "2023-04"
    assert tiles(at) == expected_tiles(kpi_con, "2023-04")
    assert tiles(at) != march


def _shown_and_expected(at, con, page: str, period_name: str) -> tuple[list, list]:
    """One column of the page's first table (or its count) and the same from the KPI layer."""
    scope = Scope.of(parse_period(period_name))
    if page == "02_linh_vuc":
        expected = kpi.kpi_table(con, "sector_group", scope=scope)["n_received"]
        return markdown_tables(at)[0]["Tiếp nhận"].to_list(), [format_count_vi(n) for n in expected]
    if page == "03_don_vi":
        ranking = kpi.unit_ranking(con, scope=scope.narrowed(unit_level="ward_commune"))
        expected = worst_first(ranking)["on_time_rate"]
        return markdown_tables(at)[0]["Tỷ lệ đúng hạn"].to_list(), [format_rate_vi(r) for r in expected]
    if page == "04_ho_so":
        listed = kpi.dossier_list(con, scope=scope, outcomes=["late", "pending_overdue"])
        return sorted(at.dataframe[0].value["Mã hồ sơ"]), sorted(listed["dossier_code"].head(50))  # page 1
    rows = kpi.report_table(con, scope=scope)
    shown = pl.from_pandas(at.dataframe[0].value)["(3) Tổng số"].to_list()
    return shown, [format_count_vi(n) for n in rows["n_received_total"]]


@pytest.mark.parametrize("page", ["02_linh_vuc", "03_don_vi", "04_ho_so", "05_bao_cao"])
def test_changing_the_period_changes_each_pages_numbers_to_the_kpi_layers(app, kpi_con, page):
    at = app(page, ky="2023-03")
    march, expected_march = _shown_and_expected(at, kpi_con, page, "2023-03")
    assert march == expected_march
    at.selectbox(key="filter_period_month").set_value(parse_period("2023-04")).run()
    assert at.query_params["ky"] == "2023-04"
    april, expected_april = _shown_and_expected(at, kpi_con, page, "2023-04")
    assert april == expected_april
    assert april != march


def test_official_period_and_filters_come_from_the_url(app, kpi_con):
    at = app(ky="BC-2023-Q1", nhom="land", cap="ward")
    assert at.selectbox(key="filter_kind").value == "bc_quarter"
    assert at.selectbox(key="choice_nhom").value == "land"
    assert at.selectbox(key="choice_cap").value == "ward"
    assert "15/12/2022" in at.sidebar.caption[0].value
    assert tiles(at) == expected_tiles(kpi_con, "BC-2023-Q1", "land", "ward")


def test_sector_page_drills_from_a_group_to_a_unit_to_its_dossiers_and_back(app, kpi_con):
    at = app("02_linh_vuc", ky="2023")
    assert "Đất đai" in markdown_tables(at)[0]["Nhóm lĩnh vực"].to_list()
    at.selectbox(key="groups_2023_choice").select("land").run()
    assert at.query_params["linh_vuc"] == "land"
    assert at.subheader[0].value == "Đất đai: kết quả theo đơn vị"
    units = markdown_tables(at)[0]
    ward = next(name for name in units["Đơn vị"] if name.startswith("Phường"))
    assert at.selectbox(key="units_land_2023_choice").options == units["Đơn vị"].to_list()
    at.selectbox(key="units_land_2023_choice").select_index(units["Đơn vị"].to_list().index(ward)).run()
    assert at.subheader[0].value == f"Hồ sơ đất đai của {ward}"
    period = parse_period("2023")
    unit_id = at.query_params["don_vi"]
    expected = kpi.dossier_list(kpi_con, scope=Scope.of(period, sector_group="land", unit_id=unit_id))
    assert sorted(at.dataframe[0].value["Mã hồ sơ"]) == sorted(expected["dossier_code"])
    assert [button.label for button in at.button] == ["Tất cả lĩnh vực", "Đất đai"]
    at.button[1].click().run()  # the breadcrumb back to the group
    assert at.subheader[0].value == "Đất đai: kết quả theo đơn vị"
    assert "don_vi" not in at.query_params


def test_unit_page_ranks_wards_and_communes_together_worst_first_and_opens_a_unit(app, kpi_con):
    at = app("03_don_vi", ky="2023-Q3")
    assert [tab.label for tab in at.tabs] == ["Phường và xã", "Cấp thành phố"]
    period = parse_period("2023-Q3")
    wards = kpi.unit_ranking(kpi_con, scope=Scope.of(period, unit_level="ward_commune"))
    assert set(wards["unit_level"]) == {"ward", "commune"}
    assert wards.height == 17
    shown = markdown_tables(at)[0]
    opening = worst_first(wards)
    assert shown["Đơn vị"].to_list() == opening["unit_name"].to_list()
    assert shown["Tỷ lệ đúng hạn"].to_list() == [format_rate_vi(r) for r in opening["on_time_rate"]]
    at.selectbox(key="rank_ward_commune_2023-Q3_choice").select(opening["unit_id"][0]).run()
    assert at.title[0].value == opening["unit_name"][0]
    assert at.query_params["don_vi"] == opening["unit_id"][0]
    assert [box.label for box in at.sidebar.selectbox] == SIDEBAR_FILTERS  # drawn after the unit's view
    assert at.selectbox(key="filter_period_quarter").value == period


def test_a_drill_down_keeps_the_filters_chosen_in_the_sidebar(app):
    """The filters' widgets are drawn after the page (ui/filters): the drill-down's st.rerun ends its run
    before them, and what the user chose there must survive it (Streamlit keeps the state of widgets a
    run stopped for a rerun did not reach)."""
    at = app("02_linh_vuc")
    at.selectbox(key="filter_kind").set_value("quarter").run()
    at.selectbox(key="filter_period_quarter").set_value(parse_period("2023-Q3")).run()
    at.selectbox(key="choice_cap").set_value("ward").run()
    at.selectbox(key="groups_2023-Q3_choice").select("land").run()
    assert at.subheader[0].value == "Đất đai: kết quả theo đơn vị"
    assert all(name.startswith("Phường") for name in markdown_tables(at)[0]["Đơn vị"])
    assert at.selectbox(key="filter_kind").value == "quarter"
    assert at.selectbox(key="filter_period_quarter").value == parse_period("2023-Q3")
    assert at.selectbox(key="choice_cap").value == "ward"
    assert (at.query_params["ky"], at.query_params["cap"]) == ("2023-Q3", "ward")


def test_unit_page_switches_to_best_first(app, kpi_con):
    at = app("03_don_vi", ky="2023-Q3")
    at.toggle(key="best_first").set_value(True).run()
    wards = kpi.unit_ranking(kpi_con, scope=Scope.of(parse_period("2023-Q3"), unit_level="ward_commune"))
    assert markdown_tables(at)[0]["Đơn vị"].to_list() == wards["unit_name"].to_list()


def test_dossier_page_lists_the_late_dossiers_by_page(app, kpi_con):
    at = app("04_ho_so", ky="2023", loai="late")
    period = parse_period("2023")
    late = kpi.dossier_list(kpi_con, scope=Scope.of(period), outcomes=["late"])
    assert at.markdown[0].value.startswith(f"**{format_count_vi(late.height)} hồ sơ**")
    page = at.dataframe[0].value
    assert len(page) == min(50, late.height)
    assert set(page["Kết quả"]) == {"Quá hạn"}
    assert not {"Người nộp", "Số điện thoại", "Địa chỉ"} & set(page.columns)
    assert [button.label for button in at.download_button] == [
        "Tải danh sách đang lọc (.xlsx)",
        "Tải danh sách đang lọc (.csv)",
    ]


def test_report_preview_is_the_kpi_layers_report_table(app, kpi_con):
    at = app("05_bao_cao", ky="BC-2023-6T")
    period = parse_period("BC-2023-6T")
    rows = kpi.report_table(kpi_con, scope=Scope.of(period))
    preview = pl.from_pandas(at.dataframe[0].value)
    assert preview.height == rows.height
    total = preview.row(preview.height - 1, named=True)
    assert total["(2) Lĩnh vực, công việc giải quyết theo cấp"] == "Tổng cộng"
    expected = rows.filter(row_kind="total").row(0, named=True)
    assert list(preview.columns) == [
        "(1) STT",
        "(2) Lĩnh vực, công việc giải quyết theo cấp",
        "(3) Tổng số",
        "(4) Trực tuyến",
        "(5) Trực tiếp, BCCI",
        "(6) Kỳ trước",
        "(7) Đã giải quyết",
        "(8) Trước hạn",
        "(9) Đúng hạn",
        "(10) Quá hạn",
        "(11) Đang giải quyết",
        "(12) Trong hạn",
        "(13) Quá hạn",
    ]
    assert list(total.values())[2:] == [format_count_vi(expected[column]) for column in NUMBER_COLUMNS]


def test_sector_page_drills_from_a_single_sector_to_a_unit_to_its_dossiers(app, kpi_con):
    at = app("02_linh_vuc", ky="2023")
    assert "Hộ tịch" in markdown_tables(at)[1]["Lĩnh vực"].to_list()
    at.selectbox(key="sectors_2023_choice").select("Hộ tịch").run()
    assert at.query_params["ten_linh_vuc"] == "Hộ tịch"
    assert at.subheader[0].value == "Hộ tịch: kết quả theo đơn vị"
    period = parse_period("2023")
    expected_units = kpi.sector_units(kpi_con, "Hộ tịch", scope=Scope.of(period))
    units = markdown_tables(at)[0]
    assert units["Đơn vị"].to_list() == expected_units["key"].to_list()
    assert units["Tiếp nhận"].to_list() == [format_count_vi(n) for n in expected_units["n_received"]]
    at.selectbox(key="units_Hộ tịch_2023_choice").select(expected_units["unit_id"][0]).run()
    unit_id = at.query_params["don_vi"]
    listed = kpi.dossier_list(kpi_con, scope=Scope.of(period, unit_id=unit_id))
    expected = listed.filter(pl.col("sector_name") == "Hộ tịch")["dossier_code"]
    assert sorted(at.dataframe[0].value["Mã hồ sơ"]) == sorted(expected)
    assert [button.label for button in at.button] == ["Tất cả lĩnh vực", "Hộ tịch"]


def test_dossier_page_opens_on_the_overdue_dossiers(app, kpi_con):
    at = app("04_ho_so", ky="2023")
    assert at.query_params["loai"] == "overdue"
    period = parse_period("2023")
    year = Scope.of(period)
    overdue = kpi.dossier_list(kpi_con, scope=year, outcomes=["late", "pending_overdue"])
    assert at.markdown[0].value.startswith(f"**{format_count_vi(overdue.height)} hồ sơ**")
    assert set(at.dataframe[0].value["Kết quả"]) <= {"Quá hạn", "Đang giải quyết, quá hạn"}
    late = kpi.dossier_list(kpi_con, scope=year, outcomes=["late"])
    pending = kpi.dossier_list(kpi_con, scope=year, outcomes=["pending_overdue"])
    assert overdue.height == late.height + pending.height > 0
