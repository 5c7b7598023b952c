"""Vietnamese labels for the codes the KPI views return, and numbers written the Vietnamese way."""

import math

from pipelines import definitions

# Declared in definitions/ (dimensions.toml, kpis.toml); here under the names the UI and the CLI use.
SECTOR_GROUP_LABELS_VI = definitions.labels("sector_group")
UNIT_LEVEL_LABELS_VI = definitions.labels("unit_level")
# What the unit-level filter offers: the levels, and the wards and communes together.
UNIT_LEVEL_FILTER_LABELS_VI = definitions.labels("unit_level", with_filter_choices=True)
REPORT_BLOCK_LABELS_VI = {"city": UNIT_LEVEL_LABELS_VI["city"], "ward_commune": "Cấp xã (phường, xã)"}
TOTAL_LABEL_VI = definitions.labels("all")["all"]
KPI_LABELS_VI = {kpi.key: kpi.label_vi for kpi in definitions.kpis()}

UNDEFINED = "—"


def format_count_vi(n: int) -> str:
    """1234567 → '1.234.567'."""
    return f"{n:,}".replace(",", ".")


def format_rate_vi(rate: float | None, decimals: int = 1) -> str:
    """0.953 → '95,3 %'; an undefined rate → '—'."""
    if rate is None:
        return UNDEFINED
    return f"{rate * 100:.{decimals}f}".replace(".", ",") + " %"


def format_points_vi(points: float | None) -> str:
    """Points of the national index (Quyết định 766), two decimals: 4.1538 → '4,15'; none → '—'."""
    if points is None:
        return UNDEFINED
    return f"{points:,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".")


def shown_score(score: float | None) -> float | None:
    """A score on 100 as shown: one decimal rounded down, so that it never reads as a band it has not
    reached (69.96 → 69.9, not 70.0)."""
    return None if score is None else math.floor(score * 10) / 10


def format_score_vi(score: float | None) -> str:
    """A score on 100 as shown (shown_score), the Vietnamese way: 69.96 → '69,9'; none → '—'."""
    if score is None:
        return UNDEFINED
    return f"{shown_score(score):.1f}".replace(".", ",")
