"""What a KPI query covers: a period and the filters, one named value passed by keyword."""

import dataclasses
import datetime as dt
from dataclasses import KW_ONLY, dataclass

from pipelines.periods import Period


@dataclass(frozen=True)
class Scope:
    """Dates inclusive; a filter left as None means all. The filters are named, never positional. Frozen,
    hence hashable: a cache key as it is."""

    from_date: dt.date
    to_date: dt.date
    _: KW_ONLY
    sector_group: str | None = None
    unit_level: str | None = None  # a level, or a choice standing for several (ward_commune)
    unit_id: str | None = None

    @classmethod
    def of(
        cls,
        period: Period,
        *,
        sector_group: str | None = None,
        unit_level: str | None = None,
        unit_id: str | None = None,
    ) -> "Scope":
        filters = {"sector_group": sector_group, "unit_level": unit_level, "unit_id": unit_id}
        return cls(period.from_date, period.to_date, **filters)

    def over(self, period: Period) -> "Scope":
        """The same filters over another period."""
        return dataclasses.replace(self, from_date=period.from_date, to_date=period.to_date)

    def narrowed(self, **filters: str | None) -> "Scope":
        """The same period with some filters set (or cleared with None)."""
        return dataclasses.replace(self, **filters)

    def filters_set(self) -> set[str]:
        return {name for name in ("sector_group", "unit_level", "unit_id") if getattr(self, name) is not None}
