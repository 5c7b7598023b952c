"""Drill-down state of the Lĩnh vực page: URL round trips, going down, the breadcrumb, picking a key."""

import pytest

from pipelines.labels import SECTOR_GROUP_LABELS_VI as GROUPS
from ui.drill import (
    TOP_LABEL,
    Drill,
    apply,
    crumbs,
    from_params,
    into,
    into_sector,
    known_unit,
    picked,
    to_params,
)

SECTORS = ("Hộ tịch", "Đất đai")

PARAMS = [
    ({}, Drill(), "groups"),
    ({"linh_vuc": "land"}, Drill("land"), "units"),
    ({"linh_vuc": "land", "don_vi": "p_le_loi"}, Drill("land", "p_le_loi"), "dossiers"),
    ({"don_vi": "p_le_loi"}, Drill(), "groups"),  # a unit without its group means nothing here
    ({"linh_vuc": "Đất đai"}, Drill(), "groups"),  # not a group code: an edited URL
    ({"linh_vuc": "land", "don_vi": ""}, Drill("land"), "units"),
    ({"linh_vuc": "other", "ky": "2023-Q1"}, Drill("other"), "units"),  # other params are not ours
    ({"ten_linh_vuc": "Hộ tịch"}, Drill(sector="Hộ tịch"), "units"),
    (
        {"ten_linh_vuc": "Hộ tịch", "don_vi": "p_le_loi"},
        Drill(unit_id="p_le_loi", sector="Hộ tịch"),
        "dossiers",
    ),
    ({"linh_vuc": "land", "ten_linh_vuc": "Hộ tịch"}, Drill("land"), "units"),  # a group wins
    # A lĩnh vực the data does not have is an edited URL: its text is never shown.
    ({"ten_linh_vuc": "[x](https://evil.example) ![](http://x/p.png)"}, Drill(), "groups"),
]


@pytest.mark.parametrize(("params", "expected", "level"), PARAMS)
def test_from_params(params, expected, level):
    drill = from_params(params, GROUPS, SECTORS)
    assert drill == expected
    assert drill.level == level


@pytest.mark.parametrize(
    "drill",
    [
        Drill(),
        Drill("land"),
        Drill("land", "p_le_loi"),
        Drill(sector="Hộ tịch"),
        Drill(unit_id="p_le_loi", sector="Hộ tịch"),
    ],
)
def test_params_round_trip(drill):
    assert from_params(to_params(drill), GROUPS, SECTORS) == drill


def test_going_down_group_then_unit():
    drill = into(Drill(), "land")
    assert drill == Drill("land")
    drill = into(drill, "p_le_loi")
    assert drill == Drill("land", "p_le_loi")
    assert into(drill, "p_minh_khai") == Drill("land", "p_minh_khai")  # another unit, same group


def test_going_down_a_single_sector_then_unit():
    drill = into_sector("Hộ tịch")
    assert drill.level == "units"
    assert into(drill, "p_le_loi") == Drill(unit_id="p_le_loi", sector="Hộ tịch")
    assert crumbs(into(drill, "p_le_loi"), GROUPS, "Phường Lê Lợi") == [
        (TOP_LABEL, Drill()),
        ("Hộ tịch", Drill(sector="Hộ tịch")),
        ("Phường Lê Lợi", Drill(unit_id="p_le_loi", sector="Hộ tịch")),
    ]


def test_crumbs_lead_back_to_each_level():
    assert crumbs(Drill(), GROUPS) == [(TOP_LABEL, Drill())]
    assert crumbs(Drill("land", "p_le_loi"), GROUPS, "Phường Lê Lợi") == [
        (TOP_LABEL, Drill()),
        ("Đất đai", Drill("land")),
        ("Phường Lê Lợi", Drill("land", "p_le_loi")),
    ]
    assert crumbs(Drill("land", "p_le_loi"), GROUPS)[-1][0] == "p_le_loi"  # name unknown: the id


KEYS = ["land", "construction", "other"]
SELECTIONS = [
    ({"rows": [1], "columns": []}, "construction"),  # st.dataframe row selection
    ({"points": [{"x": 0.9, "y": "Lĩnh vực khác", "customdata": ["other"]}]}, "other"),  # plotly bar
    ({"points": [{"customdata": "land"}]}, "land"),
    ({"rows": [], "points": []}, None),
    ({"points": [{"x": 1, "y": 2}]}, None),  # a point without the key
    ({}, None),
]


@pytest.mark.parametrize(("selection", "expected"), SELECTIONS)
def test_picked(selection, expected):
    assert picked(selection, KEYS) == expected


def test_apply_writes_only_the_drill_params():
    params = {"ky": "2023-Q1", "nhom": "land", "linh_vuc": "land", "don_vi": "p_le_loi"}
    apply(params, Drill("construction"))
    assert params == {"ky": "2023-Q1", "nhom": "land", "linh_vuc": "construction"}
    apply(params, Drill())
    assert params == {"ky": "2023-Q1", "nhom": "land"}


def test_an_unknown_unit_is_dropped_from_the_drill():
    units = {"p_le_loi": "Phường Lê Lợi"}
    assert known_unit(Drill("land", "p_le_loi"), units) == Drill("land", "p_le_loi")
    assert known_unit(Drill("land", "[x](https://evil.example)"), units) == Drill("land")
    assert known_unit(Drill(unit_id="x", sector="Hộ tịch"), units) == Drill(sector="Hộ tịch")
