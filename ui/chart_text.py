"""What a screen reader reads for each chart of ui/charts.py: a one-line summary in Vietnamese and, where
the chart has no table beside it already, its numbers as a table (widgets.chart shows both)."""

import polars as pl

from pipelines.labels import KPI_LABELS_VI
from ui import charts
from ui import format as fmt
from ui.tiles import COMPARISONS_VI, STATUS_BADGES

MONTH = "Tháng"
NOTHING_RESOLVED = "Chưa có hồ sơ nào được giải quyết."
MOST_LISTED = 5  # names listed in a summary; more are counted


def _month(key: str) -> str:
    """'2023-03' → '03/2023'."""
    return f"{key[5:]}/{key[:4]}"


def _target_text(comparison: str, value: float) -> str:
    return f"chỉ tiêu {COMPARISONS_VI[comparison]} {fmt.percent(value, 0)}"


def _names(rows: list[tuple[str, float | None]]) -> str:
    shown = ", ".join(f"{name} ({fmt.percent(rate)})" for name, rate in rows[:MOST_LISTED])
    more = len(rows) - MOST_LISTED
    return shown + (f" và {fmt.number(more)} đơn vị khác" if more > 0 else "")


def trend_summary(trend: pl.DataFrame, targets: pl.DataFrame) -> str:
    """charts.rate_trend: each rate's lowest and highest month, the latest month, its target."""
    target_rows = {row["kpi"]: row for row in targets.iter_rows(named=True)}
    parts = []
    for column in ("on_time_rate", "early_rate"):
        months = trend.select("key", column).drop_nulls(column)
        if months.is_empty():
            return NOTHING_RESOLVED
        low, high = months.row(months[column].arg_min()), months.row(months[column].arg_max())
        last = months.row(-1)
        text = (
            f"{KPI_LABELS_VI[column]} thấp nhất {fmt.percent(low[1])} ({_month(low[0])}), cao nhất "
            f"{fmt.percent(high[1])} ({_month(high[0])}), tháng gần nhất {fmt.percent(last[1])} "
            f"({_month(last[0])})"
        )
        if column in target_rows:
            target = target_rows[column]
            text += f"; {_target_text(target['comparison'], target['target_value'])}"
        parts.append(text)
    return ". ".join(parts) + "."


def trend_table(trend: pl.DataFrame) -> pl.DataFrame:
    months = trend.with_columns(pl.col("key").map_elements(_month, return_dtype=pl.String))
    labels = {
        "key": MONTH,
        "on_time_rate": KPI_LABELS_VI["on_time_rate"],
        "early_rate": KPI_LABELS_VI["early_rate"],
    }
    return fmt.display_table(months, labels, rates=("on_time_rate", "early_rate"))


def channel_summary(trend: pl.DataFrame) -> str:
    """charts.channel_bars: the year's total, the online share, the busiest month."""
    received, online = trend["n_received"].sum(), trend["n_received_online"].sum()
    if not received:
        return "Chưa có hồ sơ nào được tiếp nhận."
    busiest = trend.row(trend["n_received"].arg_max(), named=True)
    return (
        f"Tiếp nhận {fmt.number(received)} hồ sơ, trong đó trực tuyến {fmt.number(online)} "
        f"({fmt.percent(online / received)}). Tháng nhiều nhất: {_month(busiest['key'])} "
        f"({fmt.number(busiest['n_received'])} hồ sơ)."
    )


def channel_table(trend: pl.DataFrame) -> pl.DataFrame:
    months = trend.with_columns(
        pl.col("key").map_elements(_month, return_dtype=pl.String),
        (pl.col("n_received") - pl.col("n_received_online")).alias("n_other"),
    )
    labels = {
        "key": MONTH,
        "n_received_online": "Trực tuyến",
        "n_other": "Trực tiếp và bưu chính",
        "n_received": KPI_LABELS_VI["n_received"],
    }
    return fmt.display_table(months, labels, counts=("n_received_online", "n_other", "n_received"))


def outcome_summary(rows: pl.DataFrame, label_column: str) -> str:
    """charts.outcome_bars (its rows are in the table beside it): where the late share is highest."""
    resolved = rows.filter(pl.col("n_resolved") > 0).with_columns(
        (pl.col("n_late") / pl.col("n_resolved")).alias("late_rate")
    )
    if resolved.is_empty():
        return NOTHING_RESOLVED
    worst = resolved.row(resolved["late_rate"].arg_max(), named=True)
    return (
        f"Tỷ lệ trước hạn, đúng hạn và quá hạn của {fmt.number(rows.height)} dòng trong bảng dưới. Quá hạn "
        f"nhiều nhất: {worst[label_column]}, {fmt.percent(worst['late_rate'])} "
        f"({fmt.number(worst['n_late'])} hồ sơ)."
    )


def ranking_summary(rows: pl.DataFrame, label_column: str, rate_column: str, target: dict | None) -> str:
    """charts.rate_bars: how many rows meet the target, and which do not."""
    pairs = list(rows.select(label_column, rate_column).iter_rows())
    rated = [(name, rate) for name, rate in pairs if rate is not None]
    if not rated:
        return NOTHING_RESOLVED
    label = KPI_LABELS_VI[rate_column].lower()
    if target is None:
        high, low = max(rated, key=lambda p: p[1]), min(rated, key=lambda p: p[1])
        return f"{KPI_LABELS_VI[rate_column]} cao nhất: {_names([high])}; thấp nhất: {_names([low])}."
    missed = [(name, rate) for name, rate in rated if charts.status(rate, target) == "not_met"]
    text = (
        f"{fmt.number(len(rated) - len(missed))} trên {fmt.number(len(rated))} đơn vị đạt "
        f"{_target_text(target['comparison'], target['target_value'])} về {label}"
    )
    return text + (f"; chưa đạt: {_names(missed)}." if missed else ".")


def target_summary(statuses: pl.DataFrame, label_column: str) -> str:
    """charts.target_bars: every bar's value, target and Đạt / Chưa đạt in words."""
    return (
        "; ".join(
            f"{row[label_column]} {fmt.percent(row['value_rate'])}: {STATUS_BADGES[row['status']][0]} "
            f"({_target_text(row['comparison'], row['target_value'])})"
            for row in statuses.iter_rows(named=True)
        )
        + "."
    )


def heat_summary(rates: pl.DataFrame, row_column: str, target: dict | None) -> str:
    """charts.heat_table: its size, how many cells miss the target (a kpi_targets_status row), the lowest."""
    months = [name for name in rates.columns if name != row_column]
    cells = rates.unpivot(index=row_column, on=months, variable_name="month").drop_nulls("value")
    if cells.is_empty():
        return NOTHING_RESOLVED
    lowest = cells.row(cells["value"].arg_min(), named=True)
    text = f"{fmt.number(rates.height)} đơn vị × {len(months)} tháng"
    if target is not None:
        missed = sum(charts.status(rate, target) == "not_met" for rate in cells["value"])
        text += (
            f"; {fmt.number(missed)} ô chưa đạt {_target_text(target['comparison'], target['target_value'])}"
        )
    return (
        f"{text}. Thấp nhất: {lowest[row_column]}, {_month(lowest['month'])}, "
        f"{fmt.percent(lowest['value'])}. Ô trống: không có hồ sơ giải quyết trong tháng."
    )


def heat_data(rates: pl.DataFrame, row_column: str) -> pl.DataFrame:
    months = [name for name in rates.columns if name != row_column]
    labels = {row_column: "Đơn vị", **{month: _month(month) for month in months}}
    return fmt.display_table(rates, labels, rates=tuple(months))
