"""The words and tables of the Chỉ số 766 page: each chart's one-line summary and numbers (what a screen
reader gets, widgets.chart), the indicators with their rule and status, the ranking rows."""

import polars as pl

from pipelines.index_766 import Band
from pipelines.labels import format_points_vi, format_rate_vi, format_score_vi
from ui import format as fmt
from ui.tables import rank_change_vi

NOTHING_COMPUTABLE = "Chưa tính được chỉ số nào trong kỳ này."
MISSING_VI = "Không tính được từ dữ liệu xuất: cần {}"
STATUS_VI = {
    "no_dossiers": "Chưa có hồ sơ để tính trong kỳ",
    "rate_only": "Chỉ hiển thị tỷ lệ, không tính điểm",
}


def bands_text(bands: tuple[Band, ...]) -> str:
    """'dưới 70: Dưới chuẩn tối thiểu; từ 70 đến dưới 85: …; từ 85: Chuẩn khá'."""
    parts = []
    for band, upper in zip(bands, [*(b.min_score for b in bands[1:]), None], strict=True):
        if band.min_score == 0:
            parts.append(f"dưới {upper:g}: {band.label_vi}")
        elif upper is None:
            parts.append(f"từ {band.min_score:g}: {band.label_vi}")
        else:
            parts.append(f"từ {band.min_score:g} đến dưới {upper:g}: {band.label_vi}")
    return "; ".join(parts)


def total_text(total: dict) -> str:
    """'37,50 / 48' of a kpi_766_indicators row's totals."""
    return f"{format_points_vi(total['total_points'])} / {format_points_vi(total['total_max_points'])}"


def gauge_summary(total: dict, bands: tuple[Band, ...]) -> str:
    if total["score_100"] is None:
        return NOTHING_COMPUTABLE
    return (
        f"Tổng {total_text(total)} điểm của các chỉ số tính được, quy về thang 100: "
        f"{format_score_vi(total['score_100'])}, {total['band_label_vi'].lower()} ({bands_text(bands)})."
    )


def gauge_data(bands: tuple[Band, ...]) -> pl.DataFrame:
    uppers = [*(f"dưới {b.min_score:g}" for b in bands[1:]), "100"]
    return pl.DataFrame(
        {
            "Mức": [band.label_vi for band in bands],
            "Từ": [f"{band.min_score:g}" for band in bands],
            "Đến": uppers,
        }
    )


def bars_summary(indicators: pl.DataFrame) -> str:
    scored = indicators.filter(pl.col("points").is_not_null())
    if scored.is_empty():
        return NOTHING_COMPUTABLE
    share = scored.with_columns((pl.col("points") / pl.col("max_points")).alias("share"))
    weakest = share.row(share["share"].arg_min(), named=True)
    return (
        f"{fmt.number(scored.height)} chỉ số tính được điểm. Thấp nhất so với điểm tối đa: "
        f"{weakest['label_vi']}, {format_points_vi(weakest['points'])} / "
        f"{format_points_vi(weakest['max_points'])}."
    )


def _rule(row: dict) -> str:
    if row["formula"] == "linear":
        return f"{format_points_vi(row['max_points'])} × tỷ lệ"
    if row["formula"] == "step":
        return (
            f"{format_points_vi(row['max_points'])} khi từ {format_rate_vi(row['threshold'], 0)}, "
            f"dưới đó {format_points_vi(row['points_below'])}"
        )
    return ""


def _note(row: dict) -> str:
    if row["status"] in ("not_computable", "column_missing"):
        return MISSING_VI.format(row["needs_vi"])
    if row["status"] == "no_dossiers":
        return STATUS_VI["no_dossiers"]
    return STATUS_VI["rate_only"] if row["formula"] == "rate_only" else ""


def indicator_rows(indicators: pl.DataFrame) -> pl.DataFrame:
    """kpi_766_indicators rows as shown: group, indicator, rate, points of maximum, rule, and why not."""
    rows = list(indicators.iter_rows(named=True))
    return pl.DataFrame(
        {
            "Nhóm": [row["group_label_vi"] for row in rows],
            "Chỉ số": [row["label_vi"] for row in rows],
            "Tỷ lệ": [format_rate_vi(row["rate_value"]) for row in rows],
            "Điểm": [format_points_vi(row["points"]) for row in rows],
            "Tối đa": [format_points_vi(row["max_points"]) for row in rows],
            "Cách tính": [_rule(row) for row in rows],
            "Ghi chú": [_note(row) for row in rows],
        },
        schema={
            name: pl.String for name in ("Nhóm", "Chỉ số", "Tỷ lệ", "Điểm", "Tối đa", "Cách tính", "Ghi chú")
        },
    )


def trend_summary(trend: pl.DataFrame) -> str:
    months = trend.drop_nulls("score_100")
    if months.is_empty():
        return NOTHING_COMPUTABLE
    low, high = (
        months.row(months["score_100"].arg_min(), named=True),
        months.row(months["score_100"].arg_max(), named=True),
    )
    last = months.row(-1, named=True)

    def month(row: dict) -> str:
        return f"{row['month'][5:]}/{row['month'][:4]}"

    return (
        f"Điểm quy về thang 100 thấp nhất {format_score_vi(low['score_100'])} ({month(low)}), cao nhất "
        f"{format_score_vi(high['score_100'])} ({month(high)}), tháng gần nhất "
        f"{format_score_vi(last['score_100'])} ({month(last)}, {last['band_label_vi'].lower()})."
    )


def _score_columns(rows: list[dict]) -> dict[str, list[str]]:
    return {
        "Điểm": [format_points_vi(row["total_points"]) for row in rows],
        "Tối đa tính được": [format_points_vi(row["total_max_points"]) for row in rows],
        "Thang 100": [format_score_vi(row["score_100"]) for row in rows],
        "Xếp loại": [row["band_label_vi"] or fmt.EMPTY for row in rows],
    }


def trend_rows(trend: pl.DataFrame) -> pl.DataFrame:
    rows = list(trend.iter_rows(named=True))
    return pl.DataFrame(
        {"Tháng": [f"{row['month'][5:]}/{row['month'][:4]}" for row in rows], **_score_columns(rows)},
        schema={name: pl.String for name in ("Tháng", "Điểm", "Tối đa tính được", "Thang 100", "Xếp loại")},
    )


def ranking_rows(ranking: pl.DataFrame, level: str) -> pl.DataFrame:
    """The kpi_766_ranking rows of the city departments (level 'city') or of the wards and communes (ranked
    as one list): rank, its change against the previous period, unit, points, score, band."""
    is_city = pl.col("unit_level") == "city"
    rows = list(ranking.filter(is_city if level == "city" else ~is_city).iter_rows(named=True))
    columns = ("Hạng", "So với kỳ trước", "Đơn vị", "Điểm", "Tối đa tính được", "Thang 100", "Xếp loại")
    return pl.DataFrame(
        {
            "Hạng": [fmt.number(row["unit_rank"]) for row in rows],
            "So với kỳ trước": [rank_change_vi(row["rank_change"]) for row in rows],
            "Đơn vị": [row["unit_name"] for row in rows],
            **_score_columns(rows),
        },
        schema={name: pl.String for name in columns},
    )
