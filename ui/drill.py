"""Drill-down state of the Lĩnh vực page (sector group → unit → dossiers), kept in the URL.

Plain functions over a frozen dataclass, so that the logic is tested without a browser: the page
reads the state from the query params, renders its level, and writes the next state back.
The drill starts from sector groups (Đất đai, Xây dựng, Đầu tư, khác): the KPI layer filters units
by group, not by single lĩnh vực.
"""

from collections.abc import Mapping, MutableMapping, Sequence
from dataclasses import dataclass

GROUP_PARAM = "linh_vuc"
UNIT_PARAM = "don_vi"
TOP_LABEL = "Tất cả lĩnh vực"


@dataclass(frozen=True)
class Drill:
    group: str | None = None
    unit_id: str | None = None

    @property
    def level(self) -> str:
        if self.group is None:
            return "groups"
        return "units" if self.unit_id is None else "dossiers"


def from_params(params: Mapping[str, str], groups: Mapping[str, str]) -> Drill:
    """An unknown group, or a unit without its group, is dropped: the URL may have been edited."""
    group = params.get(GROUP_PARAM)
    if group not in groups:
        return Drill()
    return Drill(group, params.get(UNIT_PARAM) or None)


def to_params(drill: Drill) -> dict[str, str]:
    values = {GROUP_PARAM: drill.group, UNIT_PARAM: drill.unit_id}
    return {key: value for key, value in values.items() if value is not None}


def into(drill: Drill, key: str) -> Drill:
    """One level down: a group from the top, a unit from a group (or another unit of the same group)."""
    if drill.level == "groups":
        return Drill(group=key)
    return Drill(group=drill.group, unit_id=key)


def crumbs(drill: Drill, groups: Mapping[str, str], unit_name: str | None = None) -> list[tuple[str, Drill]]:
    """(label, state to go back to) from the top down to where the user is; the last is the current one."""
    trail = [(TOP_LABEL, Drill())]
    if drill.group is not None:
        trail.append((groups[drill.group], Drill(group=drill.group)))
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
    for key in (GROUP_PARAM, UNIT_PARAM):
        params.pop(key, None)
    params.update(to_params(drill))
