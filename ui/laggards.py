"""The overview's "Đơn vị chưa đạt chỉ tiêu" (kpi_unit_laggards rows): worst first, each unit with its
numbers as a link to its own view on the Đơn vị page (?don_vi=…, the sidebar's filters kept; a page link,
so that the session, and a sign-in, go along); units with few resolved dossiers apart, as "ít hồ sơ"."""

import polars as pl
import streamlit as st

from ui import format as fmt
from ui.tiles import COMPARISONS_VI, NO_TARGET_VI

UNIT_PAGE = "app_pages/03_don_vi.py"
UNIT_PARAM = "don_vi"
ALL_MET_VI = ":green-badge[:material/check_circle: Mọi đơn vị đều đạt chỉ tiêu đúng hạn]"


def _gap(gap_pp: float) -> str:
    return f"{gap_pp:+.1f}".replace(".", ",").replace("-", "−") + " điểm %"


def label(row: dict) -> str:
    """A unit's line: its name, on-time rate and gap to the target, late among resolved."""
    rate = fmt.percent_against(row["on_time_rate"], row["comparison"], row["target_value"])
    return (
        f"**{row['unit_name']}**: {rate} ({_gap(row['gap_pp'])}), {fmt.number(row['n_late'])} quá hạn / "
        f"{fmt.number(row['n_resolved'])} đã giải quyết"
    )


def _links(rows: pl.DataFrame, kept_params: dict[str, str]) -> None:
    for row in rows.iter_rows(named=True):
        st.page_link(
            UNIT_PAGE,
            label=label(row),
            icon=":material/apartment:",
            query_params={**kept_params, UNIT_PARAM: row["unit_id"]},
        )


def show(rows: pl.DataFrame, target: dict | None, kept_params: dict[str, str]) -> None:
    """The list under its heading: units with enough resolved dossiers, then the few-dossier ones folded."""
    st.subheader("Đơn vị chưa đạt chỉ tiêu")
    if target is None:
        st.caption(f"{NO_TARGET_VI}.")
        return
    st.caption(
        f"Tỷ lệ đúng hạn dưới chỉ tiêu ({COMPARISONS_VI[target['comparison']]} "
        f"{fmt.percent(target['target_value'], 0)}), thấp nhất trước; bấm một đơn vị để xem chi tiết."
    )
    enough = rows.filter(~pl.col("is_few_dossiers"))
    few = rows.filter(pl.col("is_few_dossiers"))
    if enough.is_empty():
        st.markdown(ALL_MET_VI)
    _links(enough, kept_params)
    if not few.is_empty():
        minimum = few["n_min_resolved"][0]
        with st.expander(f"Ít hồ sơ (dưới {minimum} hồ sơ đã giải quyết): {few.height} đơn vị"):
            _links(few, kept_params)
