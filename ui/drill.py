"""Drill-down state of the Lĩnh vực page (sector group or single lĩnh vực → unit → dossiers), kept in
the URL.

Plain functions over a frozen dataclass, so that the logic is tested without a browser: the page
reads the state from the query params, renders its level, and writes the next state back.
"""

from collections.abc import Collection, Mapping, MutableMapping, Sequence
from dataclasses import dataclass

GROUP_PARAM = "linh_vuc"
SECTOR_PARAM = "ten_linh_vuc"  # the same name the Hồ sơ page filters on, so a link there keeps it
UNIT_PARAM = "don_vi"
TOP_LABEL = "Tất cả lĩnh vực"


@dataclass(frozen=True)
class Drill:
    group: str | None = None  # a sector group code, or
    unit_id: str | None = None
    sector: str | None = None  # a single lĩnh vực's name

    @property
    def level(self) -> str:
        if self.group is None and self.sector is None:
            return "groups"
        return "units" if self.unit_id is None else "dossiers"


def from_params(params: Mapping[str, str], groups: Mapping[str, str], sectors: Collection[str]) -> Drill:
    """An unknown group or lĩnh vực, or a unit without its group or lĩnh vực, is dropped: the URL may
    have been edited, and its text is never shown. A group wins over a lĩnh vực given with it."""
    group, sector = params.get(GROUP_PARAM), params.get(SECTOR_PARAM) or None
    unit_id = params.get(UNIT_PARAM) or None
    if group in groups:
        return Drill(group, unit_id)
    return Drill(unit_id=unit_id, sector=sector) if sector in set(sectors) else Drill()


def known_unit(drill: Drill, units: Mapping[str, str]) -> Drill:
    """The drill without its unit when the unit is not one of `units` (those of its group or lĩnh vực)."""
    if drill.unit_id is None or drill.unit_id in units:
        return drill
    return Drill(group=drill.group, sector=drill.sector)


def to_params(drill: Drill) -> dict[str, str]:
    values = {GROUP_PARAM: drill.group, SECTOR_PARAM: drill.sector, UNIT_PARAM: drill.unit_id}
    return {key: value for key, value in values.items() if value is not None}


def into(drill: Drill, key: str) -> Drill:
    """One level down: a group from the top, a unit from a group or lĩnh vực (or another unit of it)."""
    if drill.level == "groups":
        return Drill(group=key)
    return Drill(group=drill.group, unit_id=key, sector=drill.sector)


def into_sector(name: str) -> Drill:
    """From the top into a single lĩnh vực."""
    return Drill(sector=name)


def crumbs(drill: Drill, groups: Mapping[str, str], unit_name: str | None = None) -> list[tuple[str, Drill]]:
    """(label, state to go back to) from the top down to where the user is; the last is the current one."""
    trail = [(TOP_LABEL, Drill())]
    if drill.group is not None:
        trail.append((groups[drill.group], Drill(group=drill.group)))
    if drill.sector is not None:
        trail.append((drill.sector, Drill(sector=drill.sector)))
    if drill.unit_id is not None:
        trail.append((unit_name or drill.unit_id, drill))
    return trail


def picked(selection: Mapping, keys: Sequence[str]) -> str | None:
    """The key of what the user selected: a table row (`rows`, by position in `keys`) or a chart point
    carrying it as its first customdata."""
    rows = selection.get("rows") or []
    if rows:
        return keys[rows[0]]
    for point in selection.get("points") or []:
        custom = point.get("customdata")
        if isinstance(custom, list | tuple):
            custom = custom[0] if custom else None
        if custom is not None:
            return custom
    return None


def apply(params: MutableMapping[str, str], drill: Drill) -> None:
    """Write the drill state into the URL's params, leaving the others (the shared filters) alone."""
    for key in (GROUP_PARAM, SECTOR_PARAM, UNIT_PARAM):
        params.pop(key, None)
    params.update(to_params(drill))
