"""Overview tiles from kpi_targets_status and kpi_period_compare rows: which Δ goes with which tile."""

import polars as pl

from ui.tiles import missing_columns, target_tiles, volume_tiles

TARGETS = pl.DataFrame(
    {
        "kpi": ["on_time_rate", "satisfaction_rate", "satisfaction_rate"],
        "sector_group": ["all", "all", "land"],
        "target_sector_group": ["all", "all", "land"],
        "comparison": [">", ">=", ">="],
        "target_value": [0.95, 0.90, 0.85],
        "value_rate": [0.962, 0.91, None],
        "status": ["met", "met", "no_data"],
        "note": ["a", "b", "c"],
    }
)
COMPARE_TOTAL = pl.DataFrame(
    {
        "key": ["all"] * 5,
        "kpi": ["on_time_rate", "progress_rate_766", "satisfaction_rate", "n_received", "n_pending_overdue"],
        "value": [0.962, 0.97, 0.91, 1234.0, 5.0],
        "delta_previous": [0.012, -0.004, None, 34.0, 0.0],
    }
)
COMPARE_GROUPS = pl.DataFrame(
    {
        "key": ["land"],
        "kpi": ["satisfaction_rate"],
        "value": [None],
        "delta_previous": [None],
    },
    schema_overrides={"value": pl.Float64, "delta_previous": pl.Float64},
)


def shown(tiles):
    return [(t.label, t.value_text, t.delta_text, t.target, t.status, t.delta_colour) for t in tiles]


def test_target_tiles_with_the_national_index_after_on_time():
    assert shown(target_tiles(TARGETS, COMPARE_TOTAL, COMPARE_GROUPS, None)) == [
        ("Tỷ lệ đúng hạn", "96,2 %", "+1,2 điểm %", "Chỉ tiêu > 95 %", "met", "normal"),
        ("Chỉ số tiến độ (QĐ 766)", "97,0 %", "-0,4 điểm %", None, None, "normal"),
        ("Tỷ lệ hài lòng", "91,0 %", "—", "Chỉ tiêu ≥ 90 %", "met", "off"),
        ("Tỷ lệ hài lòng — Đất đai", "—", "—", "Chỉ tiêu ≥ 85 %", "no_data", "off"),
    ]


def test_with_a_group_filter_every_tile_is_measured_on_the_group():
    filtered = TARGETS.head(2).with_columns(pl.lit("land").alias("sector_group"))
    labels = [t.label for t in target_tiles(filtered, COMPARE_TOTAL, COMPARE_GROUPS, "land")]
    assert labels == ["Tỷ lệ đúng hạn", "Chỉ số tiến độ (QĐ 766)", "Tỷ lệ hài lòng"]


def test_volume_tiles_show_signed_counts_and_no_colour_for_no_change():
    tiles = {t.kpi: t for t in volume_tiles(COMPARE_TOTAL)}
    assert (tiles["n_received"].value_text, tiles["n_received"].delta_text) == ("1.234", "+34")
    assert tiles["n_pending_overdue"].delta_colour == "off"
    assert tiles["n_resolved"].value_text == "—"


def test_a_rate_whose_column_no_file_has_says_which_column():
    coverage = pl.DataFrame({"field_name": ["dossier_code", "rating", "synced"]})
    labels = {
        "channel": "Hình thức nộp",
        "rating": "Đánh giá",
        "synced": "Đồng bộ DVCQG",
        "apology": "Phiếu xin lỗi",
    }
    assert missing_columns(coverage, labels) == {
        "online_rate": "Hình thức nộp",
        "online_full_rate": "Hình thức nộp",
        "apology_rate": "Phiếu xin lỗi",
    }


def test_pending_going_down_is_good_news_and_the_switch_takes_the_year_ago_change():
    compare = pl.DataFrame(
        {
            "key": ["all", "all"],
            "kpi": ["n_pending", "n_pending_overdue"],
            "value": [10.0, 2.0],
            "delta_previous": [-3.0, -1.0],
            "delta_year_ago": [4.0, None],
        }
    )
    previous = {t.kpi: t for t in volume_tiles(compare)}
    # st.metric's "inverse": a fall is drawn green
    assert [
        (previous[k].delta_text, previous[k].delta_colour) for k in ("n_pending", "n_pending_overdue")
    ] == [
        ("-3", "inverse"),
        ("-1", "inverse"),
    ]
    year_ago = {t.kpi: t for t in volume_tiles(compare, "year_ago")}
    assert [year_ago[k].delta_text for k in ("n_pending", "n_pending_overdue")] == ["+4", "—"]


def test_a_value_beside_its_target_never_reads_as_the_other_verdict():
    near = TARGETS.head(1).with_columns(pl.lit(0.9496).alias("value_rate"), pl.lit("not_met").alias("status"))
    tile = target_tiles(near, COMPARE_TOTAL, COMPARE_GROUPS, None)[0]
    assert (tile.value_text, tile.status, tile.target) == ("94,9 %", "not_met", "Chỉ tiêu > 95 %")
