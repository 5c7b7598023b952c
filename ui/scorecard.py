"""The overview's key-sector scorecard (kpi_scorecard rows) as a table: Đất đai, Xây dựng, Đầu tư and the
whole city across on-time, early, satisfaction and online, each value with its target, Đạt / Chưa đạt and
its change. A markdown table: real table cells for screen readers, and it wraps on a phone."""

import polars as pl
import streamlit as st

from pipelines import definitions
from pipelines.labels import KPI_LABELS_VI, SECTOR_GROUP_LABELS_VI, TOTAL_LABEL_VI
from pipelines.markdown_table import markdown_rows
from pipelines.periods import Period
from ui import format as fmt
from ui.tiles import COMPARISONS_VI, STATUS_BADGES

ONLINE_FULL, ONLINE = "online_full_rate", "online_rate"
# Which procedures are offered fully online comes from the export's service level, else from the procedure
# catalogue by procedure code: without either column the fully-online rate cannot be computed.
FULL_ONLINE_FIELDS = ("service_level", "procedure_code")
NBSP = "\u00a0"


def online_kpi(present_fields: set[str]) -> str:
    """The online column: the fully-online rate where the loaded files allow it, else the plain rate."""
    return ONLINE_FULL if present_fields & set(FULL_ONLINE_FIELDS) else ONLINE


def columns(present_fields: set[str]) -> list[str]:
    """The scorecard's KPIs in display order, one online column."""
    dropped = ONLINE if online_kpi(present_fields) == ONLINE_FULL else ONLINE_FULL
    return [kpi.key for kpi in definitions.shown_in("scorecard") if kpi.key != dropped]


def missing_online_note(present_fields: set[str], field_labels: dict[str, str]) -> str | None:
    """Why the online column is the plain online rate, naming the columns it would need; None otherwise."""
    if online_kpi(present_fields) == ONLINE_FULL:
        return None
    needed = " hay ".join(f"«{field_labels[field]}»" for field in FULL_ONLINE_FIELDS)
    return (
        f"Cột trực tuyến là {KPI_LABELS_VI[ONLINE].lower()} (chung): các tệp đã nạp không có cột {needed} "
        f"nên không tính được {KPI_LABELS_VI[ONLINE_FULL].lower()}."
    )


def _target(row: dict) -> str:
    return f"{COMPARISONS_VI[row['comparison']]} {fmt.percent(row['target_value'], 0)}"


def _cell(row: dict, with_target: bool) -> str:
    """The value in bold, Đạt / Chưa đạt in words (a coloured badge), the target where the column's
    heading does not give it, the change in points."""
    parts = [f"**{fmt.percent_against(row['value_rate'], row['comparison'], row['target_value'])}**"]
    if row["status"] is not None:
        text, colour = STATUS_BADGES[row["status"]]
        parts.append(f":{colour}-badge[{text}]")
        if with_target:
            parts.append(f"({_target(row)})")
    delta = fmt.points(row["delta_compared"])
    parts.append(f"Δ {fmt.EMPTY if delta is None else delta.removesuffix(' điểm %')}")
    return " ".join(part.replace(" ", NBSP) for part in parts)  # a narrow column breaks between parts only


def row_label(sector_group: str) -> str:
    return TOTAL_LABEL_VI if sector_group == "all" else SECTOR_GROUP_LABELS_VI[sector_group]


def _heading(kpi: str, cells: pl.DataFrame) -> tuple[str, bool]:
    """The column's heading (short label, and the target when every row has the same), and whether its
    cells must give their own targets."""
    label = fmt.capitalised(KPI_LABELS_VI[kpi].removeprefix("Tỷ lệ "))
    targets = cells.filter(pl.col("kpi") == kpi).select("comparison", "target_value").unique()
    if targets.height == 1 and targets["target_value"][0] is not None:
        return f"{label} ({_target(targets.row(0, named=True))})", False
    return label, targets["target_value"].is_not_null().any()


def markdown(rows: pl.DataFrame, kpis: list[str]) -> str:
    """kpi_scorecard rows as a markdown table: a row per sector group, then the city's (in bold)."""
    headings = {kpi: _heading(kpi, rows) for kpi in kpis}
    body = []
    for (group,), cells in rows.partition_by("sector_group", maintain_order=True, as_dict=True).items():
        by_kpi = {row["kpi"]: row for row in cells.iter_rows(named=True)}
        label = row_label(group)
        label = f"**{label}**" if group == "all" else label
        body.append([label, *(_cell(by_kpi[kpi], with_target) for kpi, (_, with_target) in headings.items())])
    return markdown_rows(["Nhóm lĩnh vực", *(heading for heading, _ in headings.values())], body)


def show(
    rows: pl.DataFrame, present_fields: set[str], field_labels: dict[str, str], compared: Period
) -> None:
    """The scorecard under its heading, with how to read it."""
    st.subheader("Ba lĩnh vực trọng tâm")
    st.markdown(markdown(rows, columns(present_fields)))
    notes = [
        f"Δ: thay đổi (điểm %) so với {fmt.in_sentence(compared.label_vi)}; — khi kỳ đó không có hồ sơ.",
        "Nhóm không có chỉ tiêu riêng theo chỉ tiêu chung của thành phố.",
        "Đạt / Chưa đạt theo giá trị chưa làm tròn; số hiển thị làm tròn về phía kết luận",
        "(94,96 % so với > 95 % ghi 94,9 %). Bộ lọc nhóm lĩnh vực không áp dụng cho bảng này.",
        missing_online_note(present_fields, field_labels),
    ]
    st.caption(" ".join(note for note in notes if note))
