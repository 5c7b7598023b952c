"""The overview's "Đơn vị chưa đạt chỉ tiêu" (kpi_unit_laggards rows): worst first, each unit a link to
its own view on the Đơn vị page (?don_vi=…, the sidebar's filters kept); units with few resolved dossiers
apart, as "ít hồ sơ"."""

from urllib.parse import urlencode

import polars as pl
import streamlit as st

from ui import format as fmt
from ui.tiles import COMPARISONS_VI, NO_TARGET_VI

UNIT_PAGE = "don_vi"
UNIT_PARAM = "don_vi"
ALL_MET_VI = ":green-badge[:material/check_circle: Mọi đơn vị đều đạt chỉ tiêu đúng hạn]"


def unit_link(unit_id: str, kept_params: dict[str, str]) -> str:
    """The Đơn vị page with the unit chosen, relative to the app's root (the sidebar's filters kept)."""
    return f"{UNIT_PAGE}?{urlencode({**kept_params, UNIT_PARAM: unit_id})}"


def _gap(gap_pp: float) -> str:
    return f"{gap_pp:+.1f}".replace(".", ",").replace("-", "−") + " điểm %"


def markdown(rows: pl.DataFrame, kept_params: dict[str, str]) -> str:
    """Rows as a markdown table: unit (a link), on-time rate, the gap to the target, resolved, late."""
    lines = [
        "| Đơn vị | Tỷ lệ đúng hạn | So với chỉ tiêu | Đã giải quyết | Quá hạn |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for row in rows.iter_rows(named=True):
        unit = f"[{row['unit_name']}]({unit_link(row['unit_id'], kept_params)})"
        rate = fmt.percent_against(row["on_time_rate"], row["comparison"], row["target_value"])
        numbers = f"{fmt.number(row['n_resolved'])} | {fmt.number(row['n_late'])}"
        lines.append(f"| {unit} | {rate} | {_gap(row['gap_pp'])} | {numbers} |")
    return "\n".join(lines)


def show(rows: pl.DataFrame, target: dict | None, kept_params: dict[str, str]) -> None:
    """The list under its heading: units with enough resolved dossiers, then the few-dossier ones folded."""
    st.subheader("Đơn vị chưa đạt chỉ tiêu")
    if target is None:
        st.caption(f"{NO_TARGET_VI}.")
        return
    st.caption(
        f"Tỷ lệ đúng hạn dưới chỉ tiêu ({COMPARISONS_VI[target['comparison']]} "
        f"{fmt.percent(target['target_value'], 0)}), thấp nhất trước; bấm tên đơn vị để xem chi tiết."
    )
    enough = rows.filter(~pl.col("is_few_dossiers"))
    few = rows.filter(pl.col("is_few_dossiers"))
    st.markdown(ALL_MET_VI if enough.is_empty() else markdown(enough, kept_params))
    if not few.is_empty():
        minimum = few["n_min_resolved"][0]
        with st.expander(f"Ít hồ sơ (dưới {minimum} hồ sơ đã giải quyết): {few.height} đơn vị"):
            st.markdown(markdown(few, kept_params))
