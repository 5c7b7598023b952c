"""KPI tiles of the overview: value, the year's target, met / not met, Δ against the previous period.

The tiles are one HTML block of Markdown (styles in tiles.css), not a bordered st.metric each: the browser
draws a page's elements together, so every element delays the first KPI. A small app with sixteen bordered
metrics in columns reloaded in 1.49–1.57× a one-line app's time, with the same tiles as one block in
1.13–1.14× (bench/README, issue 15).
"""

import html
from dataclasses import dataclass

import polars as pl
import streamlit as st

from pipelines import definitions
from pipelines.labels import KPI_LABELS_VI, SECTOR_GROUP_LABELS_VI
from ui import format as fmt
from ui.labels import STATUS_LABELS_VI

COMPARISONS_VI = {">": ">", ">=": "≥", "<": "<", "<=": "≤", "=": "="}
# Words and a colour (the scorecard's Markdown badges), not colour alone (WCAG 1.4.1).
STATUS_BADGES = {
    status: (STATUS_LABELS_VI[status], colour)
    for status, colour in (("met", "green"), ("not_met", "red"), ("no_data", "gray"))
}
# The tiles' HTML badges carry a mark before the words.
STATUS_MARKS = {"met": "✓", "not_met": "✗", "no_data": "–"}
HELP_VI = "Ghi chú"
NO_TARGET_VI = "Chưa có chỉ tiêu cho năm này"


@dataclass(frozen=True)
class Tile:
    kpi: str
    label: str
    value: float | None
    delta: float | None  # against the previous period; rates in fractions
    target: str | None = None  # "Chỉ tiêu > 95 %"
    status: str | None = None  # met / not_met / no_data; None: a KPI without a target
    help: str | None = None
    comparison: str | None = None  # the target's, so that the value shown never contradicts the badge
    target_value: float | None = None

    @property
    def is_rate(self) -> bool:
        return definitions.kpi(self.kpi).is_rate

    @property
    def value_text(self) -> str:
        if not self.is_rate:
            return fmt.number(self.value)
        return fmt.percent_against(self.value, self.comparison, self.target_value)

    @property
    def delta_text(self) -> str:
        """The change, or "—" when there is none to show (a side undefined, or a comparison period without
        any dossier): never the whole value as if it were a change."""
        if self.delta is None:
            return fmt.EMPTY
        return fmt.points(self.delta) if self.is_rate else fmt.signed(self.delta)

    @property
    def delta_arrow(self) -> str:
        """↑ / ↓ before a change, so that its direction does not rest on colour alone; none without one."""
        if not self.delta:
            return ""
        return "↑ " if self.delta > 0 else "↓ "

    @property
    def delta_tone(self) -> str:
        """good / bad / flat: a rise is good where higher is better (a fall of overdue dossiers is)."""
        if not self.delta:
            return "flat"
        return "good" if (self.delta > 0) == definitions.kpi(self.kpi).is_higher_better else "bad"


AGAINST = ("previous", "year_ago")  # the Δ of kpi_period_compare shown: delta_previous or delta_year_ago


def _values(
    compare: pl.DataFrame, against: str = "previous"
) -> dict[tuple[str, str], tuple[float | None, float | None]]:
    delta = f"delta_{against}"
    return {(r["key"], r["kpi"]): (r["value"], r[delta]) for r in compare.iter_rows(named=True)}


def _beside(kpi: str, total: dict) -> list[Tile]:
    """The tiles shown right after `kpi`'s whatever the targets (the national index's progress)."""
    return [
        Tile(other.key, other.label_vi, *total.get(("all", other.key), (None, None)), help=other.help_vi)
        for other in definitions.beside(kpi)
    ]


def target_tiles(
    targets: pl.DataFrame,
    compare_total: pl.DataFrame,
    compare_groups: pl.DataFrame,
    sector_group: str | None,
    against: str = "previous",
) -> list[Tile]:
    """One tile per target of kpi_targets_status, each followed by the KPIs shown beside it.

    A group's own target (satisfaction in land, …) takes its Δ from the by-group comparison; with a
    sector-group filter every KPI is measured on that group, so all take theirs from the total.
    """
    total, groups = _values(compare_total, against), _values(compare_groups, against)
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
                comparison=row["comparison"],
                target_value=row["target_value"],
            )
        )
        if not own_group:
            tiles += _beside(row["kpi"], total)
    return tiles


def _untargeted_tiles(total: dict) -> list[Tile]:
    """The rate tiles of definitions/kpis.toml, in a year without targets."""
    tiles = []
    for kpi in definitions.shown_in("tile"):
        if kpi.is_rate:
            value, delta = total.get(("all", kpi.key), (None, None))
            tiles.append(Tile(kpi.key, kpi.label_vi, value, delta, target=NO_TARGET_VI))
            tiles += _beside(kpi.key, total)
    return tiles


def volume_tiles(compare_total: pl.DataFrame, against: str = "previous") -> list[Tile]:
    total = _values(compare_total, against)
    counts = (kpi for kpi in definitions.shown_in("tile") if not kpi.is_rate)
    return [Tile(kpi.key, kpi.label_vi, *total.get(("all", kpi.key), (None, None))) for kpi in counts]


def missing_columns(coverage: pl.DataFrame, field_labels: dict[str, str]) -> dict[str, str]:
    """kpi → the header of the column it needs, for the rates whose column no loaded file has
    (coverage: kpi_dq_field_coverage rows)."""
    present = set(coverage["field_name"])
    return {
        kpi.key: field_labels[kpi.source_field]
        for kpi in definitions.kpis()
        if kpi.source_field and kpi.source_field not in present
    }


def _paragraph(css_class: str, content: str) -> str:
    return f'<p class="{css_class}">{content}</p>'


def _tile_html(tile: Tile, missing: dict[str, str]) -> str:
    """One tile; every text from the data or the catalogues escaped."""
    text = html.escape
    parts = [
        _paragraph("tthc-tile-label", text(tile.label)),
        _paragraph("tthc-tile-value", text(tile.value_text)),
        _paragraph(f"tthc-tile-delta tthc-{tile.delta_tone}", tile.delta_arrow + text(tile.delta_text)),
    ]
    target = f'<span class="tthc-muted">{text(tile.target)}</span>' if tile.target else ""
    if tile.status is not None:
        badge = f"{STATUS_MARKS[tile.status]} {text(STATUS_LABELS_VI[tile.status])}"
        target = f'<span class="tthc-badge tthc-{tile.status}">{badge}</span> {target}'
    if target:
        parts.append(_paragraph("tthc-tile-target", target))
    if tile.value is None and tile.kpi in missing:
        note = f"Không tính được: các tệp đã nạp không có cột «{text(missing[tile.kpi])}»."
        parts.append(_paragraph("tthc-muted tthc-tile-missing", note))
    if tile.help:
        parts.append(f"<details><summary>{HELP_VI}</summary><p>{text(tile.help)}</p></details>")
    return f'<div class="tthc-tile">{"".join(parts)}</div>'


def html_block(tiles: list[Tile], missing: dict[str, str] | None = None) -> str:
    """The tiles as one HTML block of Markdown, on one line: a blank line would end the block."""
    tiles_html = "".join(_tile_html(tile, missing or {}) for tile in tiles)
    return f'<div class="tthc-tiles">{tiles_html}</div>'.replace("\n", " ")


def show(tiles: list[Tile], missing: dict[str, str] | None = None) -> None:
    """Bordered tiles, four to a row (two on a phone). An undefined rate whose column is `missing` says so
    instead of leaving a bare "—"."""
    st.markdown(html_block(tiles, missing), unsafe_allow_html=True)
