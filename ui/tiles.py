"""KPI tiles of the overview: value, the year's target, met / not met, Δ against the previous period."""

from dataclasses import dataclass

import polars as pl
import streamlit as st

from pipelines.labels import KPI_LABELS_VI, SECTOR_GROUP_LABELS_VI
from ui import format as fmt
from ui.labels import STATUS_LABELS_VI

COMPARISONS_VI = {">": ">", ">=": "≥", "<": "<", "<=": "≤", "=": "="}
# Words and an icon, not colour alone (WCAG 1.4.1).
STATUS_BADGES = {
    "met": (STATUS_LABELS_VI["met"], "green", ":material/check_circle:"),
    "not_met": (STATUS_LABELS_VI["not_met"], "red", ":material/cancel:"),
    "no_data": (STATUS_LABELS_VI["no_data"], "gray", ":material/remove:"),
}
PROGRESS_766 = "progress_rate_766"
PROGRESS_766_HELP = (
    "Cách tính của Bộ chỉ số phục vụ người dân, doanh nghiệp (Quyết định 766/QĐ-TTg): (hồ sơ giải quyết "
    "trước hạn và đúng hạn + hồ sơ đang giải quyết trong hạn) / (hồ sơ đã giải quyết + đang giải quyết)."
)
VOLUMES = ("n_received", "n_resolved", "n_pending", "n_pending_overdue")
# Shown without a target when the period's year has none in catalogues/targets.csv.
RATES_WITHOUT_TARGETS = (
    "on_time_rate",
    "early_rate",
    "satisfaction_rate",
    "online_full_rate",
    "synced_rate",
    "apology_rate",
)
NO_TARGET_VI = "Chưa có chỉ tiêu cho năm này"
# The export column a rate is computed from: when no loaded file has it, the tile says which one is missing.
SOURCE_FIELDS = {
    "online_rate": "channel",
    "online_full_rate": "channel",
    "satisfaction_rate": "rating",
    "synced_rate": "synced",
    "apology_rate": "apology",
}
# More of these is worse: their Δ is coloured the other way round.
WORSE_WHEN_HIGHER = frozenset({"n_pending_overdue"})


@dataclass(frozen=True)
class Tile:
    kpi: str
    label: str
    value: float | None
    delta: float | None  # against the previous period; rates in fractions
    target: str | None = None  # "Chỉ tiêu > 95 %"
    status: str | None = None  # met / not_met / no_data; None: a KPI without a target
    help: str | None = None

    @property
    def is_rate(self) -> bool:
        return not self.kpi.startswith("n_")

    @property
    def value_text(self) -> str:
        return fmt.percent(self.value) if self.is_rate else fmt.number(self.value)

    @property
    def delta_text(self) -> str | None:
        return fmt.points(self.delta) if self.is_rate else fmt.signed(self.delta)

    @property
    def delta_colour(self) -> str:
        if not self.delta:
            return "off"
        return "inverse" if self.kpi in WORSE_WHEN_HIGHER else "normal"


def _values(compare: pl.DataFrame) -> dict[tuple[str, str], tuple[float | None, float | None]]:
    return {(r["key"], r["kpi"]): (r["value"], r["delta_previous"]) for r in compare.iter_rows(named=True)}


def target_tiles(
    targets: pl.DataFrame, compare_total: pl.DataFrame, compare_groups: pl.DataFrame, sector_group: str | None
) -> list[Tile]:
    """One tile per target of kpi_targets_status, the national index's progress right after on-time.

    A group's own target (satisfaction in land, …) takes its Δ from the by-group comparison; with a
    sector-group filter every KPI is measured on that group, so all take theirs from the total.
    """
    total, groups = _values(compare_total), _values(compare_groups)
    if targets.is_empty():
        return _untargeted_tiles(total)
    tiles = []
    for row in targets.iter_rows(named=True):
        own_group = sector_group is None and row["target_sector_group"] != "all"
        _, delta = (groups if own_group else total).get(
            (row["sector_group"] if own_group else "all", row["kpi"]), (None, None)
        )
        label = KPI_LABELS_VI[row["kpi"]]
        if own_group:
            label += f" — {SECTOR_GROUP_LABELS_VI[row['sector_group']]}"
        tiles.append(
            Tile(
                kpi=row["kpi"],
                label=label,
                value=row["value_rate"],
                delta=delta,
                target=f"Chỉ tiêu {COMPARISONS_VI[row['comparison']]} {fmt.percent(row['target_value'], 0)}",
                status=row["status"],
                help=row["note"],
            )
        )
        if row["kpi"] == "on_time_rate":
            value, delta = total.get(("all", PROGRESS_766), (None, None))
            tiles.append(
                Tile(PROGRESS_766, KPI_LABELS_VI[PROGRESS_766], value, delta, help=PROGRESS_766_HELP)
            )
    return tiles


def _untargeted_tiles(total: dict) -> list[Tile]:
    tiles = []
    for kpi in RATES_WITHOUT_TARGETS:
        value, delta = total.get(("all", kpi), (None, None))
        tiles.append(Tile(kpi, KPI_LABELS_VI[kpi], value, delta, target=NO_TARGET_VI))
        if kpi == "on_time_rate":
            value, delta = total.get(("all", PROGRESS_766), (None, None))
            label = KPI_LABELS_VI[PROGRESS_766]
            tiles.append(Tile(PROGRESS_766, label, value, delta, help=PROGRESS_766_HELP))
    return tiles


def volume_tiles(compare_total: pl.DataFrame) -> list[Tile]:
    total = _values(compare_total)
    return [Tile(kpi, KPI_LABELS_VI[kpi], *total.get(("all", kpi), (None, None))) for kpi in VOLUMES]


def missing_columns(coverage: pl.DataFrame, field_labels: dict[str, str]) -> dict[str, str]:
    """kpi → the header of the column it needs, for the rates whose column no loaded file has
    (coverage: kpi_dq_field_coverage rows)."""
    present = set(coverage["field_name"])
    return {kpi: field_labels[field] for kpi, field in SOURCE_FIELDS.items() if field not in present}


def show(tiles: list[Tile], per_row: int = 4, missing: dict[str, str] | None = None) -> None:
    """Bordered tiles in rows; on a phone-width window the columns stack. An undefined rate whose column is
    `missing` says so instead of leaving a bare "—"."""
    for first in range(0, len(tiles), per_row):
        for column, tile in zip(st.columns(per_row), tiles[first : first + per_row], strict=False):
            with column.container(border=True):
                st.metric(
                    tile.label,
                    tile.value_text,
                    tile.delta_text,
                    help=tile.help,
                    delta_color=tile.delta_colour,
                )
                if tile.status is not None:
                    text, colour, icon = STATUS_BADGES[tile.status]
                    st.markdown(f":{colour}-badge[{icon} {text}] :gray[{tile.target}]")
                elif tile.target:
                    st.markdown(f":gray[{tile.target}]")
                if tile.value is None and tile.kpi in (missing or {}):
                    st.caption(f"Không tính được: các tệp đã nạp không có cột «{missing[tile.kpi]}».")
