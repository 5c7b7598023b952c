"""Vietnamese labels for the codes the KPI views return, and numbers written the Vietnamese way."""

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
