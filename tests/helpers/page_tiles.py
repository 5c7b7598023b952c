"""The overview's KPI tiles (ui/tiles.py's HTML blocks), read back from the page as text."""

from lxml import html
from streamlit.testing.v1 import AppTest

PARTS = {
    "label": "tthc-tile-label",
    "value": "tthc-tile-value",
    "delta": "tthc-tile-delta",
    "badge": "tthc-badge",
    "missing": "tthc-tile-missing",
}


def _text(tile, css_class: str) -> str | None:
    found = tile.find_class(css_class)
    return found[0].text_content() if found else None


def tile_texts(at: AppTest) -> list[dict[str, str | None]]:
    """Every tile in order: its label, value, delta, badge ("✓ Đạt"), missing column's note and the note
    folded under «Ghi chú» ("help"); None for a part the tile does not have."""
    found = []
    for element in at.markdown:
        if 'class="tthc-tiles"' not in element.value:
            continue
        for tile in html.fragment_fromstring(element.value).find_class("tthc-tile"):
            help_text = tile.find(".//details/p")
            found.append(
                {name: _text(tile, css_class) for name, css_class in PARTS.items()}
                | {"help": None if help_text is None else help_text.text_content()}
            )
    return found


def tiles(at: AppTest) -> dict[str, str]:
    """Label → value shown."""
    return {tile["label"]: tile["value"] for tile in tile_texts(at)}
