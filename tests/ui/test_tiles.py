"""Overview tiles from kpi_targets_status and kpi_period_compare rows: which Δ goes with which tile."""

import polars as pl
from lxml import html

from ui.tiles import Tile, html_block, missing_columns, target_tiles, volume_tiles

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
    return [(t.label, t.value_text, t.delta_text, t.target, t.status, t.delta_tone) for t in tiles]


def test_target_tiles_with_the_national_index_after_on_time():
    assert shown(target_tiles(TARGETS, COMPARE_TOTAL, COMPARE_GROUPS, None)) == [
        ("Tỷ lệ đúng hạn", "96,2 %", "+1,2 điểm %", "Chỉ tiêu > 95 %", "met", "good"),
        ("Chỉ số tiến độ (QĐ 766)", "97,0 %", "-0,4 điểm %", None, None, "bad"),
        ("Tỷ lệ hài lòng", "91,0 %", "—", "Chỉ tiêu ≥ 90 %", "met", "flat"),
        ("Tỷ lệ hài lòng — Đất đai", "—", "—", "Chỉ tiêu ≥ 85 %", "no_data", "flat"),
    ]


def test_with_a_group_filter_every_tile_is_measured_on_the_group():
    filtered = TARGETS.head(2).with_columns(pl.lit("land").alias("sector_group"))
    labels = [t.label for t in target_tiles(filtered, COMPARE_TOTAL, COMPARE_GROUPS, "land")]
    assert labels == ["Tỷ lệ đúng hạn", "Chỉ số tiến độ (QĐ 766)", "Tỷ lệ hài lòng"]


def test_volume_tiles_show_signed_counts_and_no_colour_for_no_change():
    tiles = {t.kpi: t for t in volume_tiles(COMPARE_TOTAL)}
    assert (tiles["n_received"].value_text, tiles["n_received"].delta_text) == ("1.234", "+34")
    assert tiles["n_pending_overdue"].delta_tone == "flat"
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
    assert [(previous[k].delta_text, previous[k].delta_tone) for k in ("n_pending", "n_pending_overdue")] == [
        ("-3", "good"),
        ("-1", "good"),
    ]
    year_ago = {t.kpi: t for t in volume_tiles(compare, "year_ago")}
    assert [year_ago[k].delta_text for k in ("n_pending", "n_pending_overdue")] == ["+4", "—"]


def test_a_value_beside_its_target_never_reads_as_the_other_verdict():
    near = TARGETS.head(1).with_columns(pl.lit(0.9496).alias("value_rate"), pl.lit("not_met").alias("status"))
    tile = target_tiles(near, COMPARE_TOTAL, COMPARE_GROUPS, None)[0]
    assert (tile.value_text, tile.status, tile.target) == ("94,9 %", "not_met", "Chỉ tiêu > 95 %")


def test_the_tiles_block_shows_each_tile_as_text_with_an_arrow_words_and_its_note():
    tiles = target_tiles(TARGETS, COMPARE_TOTAL, COMPARE_GROUPS, None)
    tiles.append(Tile("online_rate", "Tỷ lệ <b>trực tuyến</b> & khác", None, None, help="dòng 1\n\ndòng 2"))
    block = html_block(tiles, missing={"online_rate": "Hình thức <nộp>"})
    assert "\n" not in block  # a blank line would end Markdown's HTML block and show the rest as text
    shown = html.fragment_fromstring(block).find_class("tthc-tile")
    texts = [tile.text_content() for tile in shown]
    assert texts[0] == "Tỷ lệ đúng hạn96,2 %↑ +1,2 điểm %✓ Đạt Chỉ tiêu > 95 %Ghi chúa"
    assert texts[1].startswith("Chỉ số tiến độ (QĐ 766)97,0 %↓ -0,4 điểm %")
    assert shown[1].find_class("tthc-tile-delta")[0].get("class") == "tthc-tile-delta tthc-bad"
    assert texts[3].startswith("Tỷ lệ hài lòng — Đất đai——– Chưa có số liệu Chỉ tiêu ≥ 85 %")
    assert texts[4] == (
        "Tỷ lệ <b>trực tuyến</b> & khác——"
        "Không tính được: các tệp đã nạp không có cột «Hình thức <nộp>».Ghi chúdòng 1  dòng 2"
    )
