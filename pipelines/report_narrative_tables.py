"""The narrative report's tables: results against the year's targets, the three key sectors, the
comparison with the previous period and a year earlier, the units that missed the on-time target and
the late dossiers without an apology letter. Numbers from report_data, written the Vietnamese way.
"""

from pipelines.labels import KPI_LABELS_VI, SECTOR_GROUP_LABELS_VI, UNDEFINED, format_count_vi, format_rate_vi
from pipelines.periods import Period
from pipelines.report_data import NarrativeData
from pipelines.report_docx import grid_table, paragraph

STATUS_VI = {"met": "Đạt", "not_met": "Chưa đạt", "no_data": "Chưa có số liệu"}
COMPARISONS_VI = {">": "trên", ">=": "từ", "<": "dưới", "<=": "không quá", "=": "bằng"}
# The KPIs compared with the previous period and a year earlier, in the table's order.
COMPARED = (
    "n_received",
    "n_resolved",
    "n_late",
    "n_pending",
    "n_pending_overdue",
    "on_time_rate",
    "early_rate",
    "satisfaction_rate",
    "progress_rate_766",
)
MAX_LISTED_DOSSIERS = 20


def n_vi(value) -> str:
    return UNDEFINED if value is None else format_count_vi(int(value))


def change_vi(value, is_rate: bool) -> str:
    """+12, -1.234, 0; +1,2 điểm %; "—" when either side is undefined."""
    if value is None:
        return UNDEFINED
    if is_rate:
        points = f"{abs(value) * 100:.1f}".replace(".", ",")
        sign = "" if points == "0,0" else "+" if value > 0 else "-"
        return f"{sign}{points} điểm %"
    sign = "" if value == 0 else "+" if value > 0 else "-"
    return sign + format_count_vi(abs(int(value)))


def of_period_vi(period: Period) -> str:
    """'kỳ báo cáo quý I/2023', 'năm 2023': the label as it reads inside a sentence."""
    return period.label_vi[:1].lower() + period.label_vi[1:]


def target_text(row: dict) -> str:
    """'trên 95 %', 'từ 80 %', 'từ 97,5 %'."""
    percent = row["target_value"] * 100
    decimals = 0 if abs(percent - round(percent)) < 1e-9 else 1
    return f"{COMPARISONS_VI[row['comparison']]} {format_rate_vi(row['target_value'], decimals)}"


def targets_section(document, data: NarrativeData) -> None:
    year = data.period.to_date.year
    paragraph(document, f"5. Kết quả so với chỉ tiêu năm {year}", bold=True, indent=True, space_before=6)
    if data.targets.is_empty():
        paragraph(document, f"Năm {year} chưa có chỉ tiêu trong danh mục chỉ tiêu.", indent=True)
        return
    rows = []
    for row in data.targets.iter_rows(named=True):
        label = KPI_LABELS_VI[row["kpi"]]
        if row["target_sector_group"] != "all":
            label += f" — {SECTOR_GROUP_LABELS_VI[row['sector_group']]}"
        rows.append([label, format_rate_vi(row["value_rate"]), target_text(row), STATUS_VI[row["status"]]])
    grid_table(document, ["Chỉ tiêu", "Kết quả", "Chỉ tiêu năm", "Đánh giá"], rows, (70, 30, 35, 30))


def focus_groups_section(document, data: NarrativeData) -> None:
    paragraph(
        document,
        "6. Ba lĩnh vực trọng tâm: đất đai, xây dựng, đầu tư",
        bold=True,
        indent=True,
        space_before=6,
    )
    rows = []
    for row in data.focus_groups.iter_rows(named=True):
        target = data.target("satisfaction_rate", row["key"])
        assessment = (
            f"{STATUS_VI[target['status']]} ({target_text(target)})" if target else "Không có chỉ tiêu riêng"
        )
        rows.append(
            [
                SECTOR_GROUP_LABELS_VI[row["key"]],
                n_vi(row["n_received"] or 0),
                n_vi(row["n_resolved"] or 0),
                n_vi(row["n_late"] or 0),
                format_rate_vi(row["on_time_rate"]),
                format_rate_vi(row["satisfaction_rate"]),
                assessment,
            ]
        )
    headers = ["Lĩnh vực", "Tiếp nhận", "Đã giải quyết", "Quá hạn", "Tỷ lệ đúng hạn", "Tỷ lệ hài lòng"]
    grid_table(document, [*headers, "Chỉ tiêu hài lòng"], rows, (27, 21, 22, 20, 22, 22, 31))


def comparison_section(document, data: NarrativeData) -> None:
    year_ago = f"{of_period_vi(data.year_ago)} (cùng kỳ năm trước)"
    # The cumulative periods (6 and 9 months) have no period of their kind just before: both are a year ago.
    compared = year_ago if data.previous == data.year_ago else f"{of_period_vi(data.previous)} và {year_ago}"
    paragraph(document, f"7. So với {compared}", bold=True, indent=True, space_before=6)
    rows = []
    for kpi in COMPARED:
        is_rate = not kpi.startswith("n_")
        shown = format_rate_vi if is_rate else n_vi
        rows.append(
            [
                KPI_LABELS_VI[kpi],
                shown(data.value(kpi)),
                shown(data.value(kpi, "value_previous")),
                change_vi(data.value(kpi, "delta_previous"), is_rate),
                shown(data.value(kpi, "value_year_ago")),
                change_vi(data.value(kpi, "delta_year_ago"), is_rate),
            ]
        )
    headers = ["Chỉ tiêu", "Kỳ này", "Kỳ trước", "Tăng, giảm", "Cùng kỳ năm trước", "Tăng, giảm"]
    grid_table(document, headers, rows, (43, 22, 22, 27, 24, 27))


def units_missing_section(document, data: NarrativeData) -> None:
    paragraph(document, "II. CÁC ĐƠN VỊ CHƯA ĐẠT CHỈ TIÊU GIẢI QUYẾT ĐÚNG HẠN", bold=True, space_before=12)
    target = data.target("on_time_rate")
    if target is None:
        paragraph(document, "Năm báo cáo chưa có chỉ tiêu tỷ lệ giải quyết đúng hạn.", indent=True)
        return
    missing = data.units_missing
    if missing.is_empty():
        paragraph(
            document,
            f"Mọi đơn vị có hồ sơ đã giải quyết trong kỳ đều đạt chỉ tiêu tỷ lệ đúng hạn "
            f"({target_text(target)}).",
            indent=True,
        )
        return
    paragraph(
        document,
        f"Có {n_vi(missing.height)} đơn vị chưa đạt chỉ tiêu tỷ lệ giải quyết đúng hạn "
        f"({target_text(target)}):",
        indent=True,
    )
    rows = [
        [
            str(index),
            row["unit_name"],
            n_vi(row["n_resolved"]),
            n_vi(row["n_late"]),
            format_rate_vi(row["on_time_rate"]),
        ]
        for index, row in enumerate(missing.iter_rows(named=True), start=1)
    ]
    grid_table(
        document,
        ["STT", "Đơn vị", "Đã giải quyết", "Quá hạn", "Tỷ lệ đúng hạn"],
        rows,
        (12, 78, 25, 20, 30),
        number_from=2,
    )


def late_without_apology_section(document, data: NarrativeData) -> None:
    paragraph(document, "III. HỒ SƠ QUÁ HẠN CHƯA CÓ PHIẾU XIN LỖI, HẸN LẠI", bold=True, space_before=12)
    counts, without = data.late_counts, data.late_without_apology
    n_unknown, n_without = counts["n_apology_unknown"], counts["n_without_apology"]
    text = (
        f"Trong {n_vi(counts['n_late'])} hồ sơ giải quyết quá hạn trong kỳ, {n_vi(n_without)} hồ sơ chưa có "
        "phiếu xin lỗi và hẹn lại ngày trả kết quả"
    )
    if n_unknown:
        text += f"; {n_vi(n_unknown)} hồ sơ không có thông tin về phiếu xin lỗi trong tệp xuất"
    paragraph(document, text + ".", indent=True)
    if data.is_list_limited:
        paragraph(document, "Danh sách hồ sơ dưới đây chỉ gồm hồ sơ của đơn vị mình.", indent=True)
    if without.is_empty():
        return
    listed = without.head(MAX_LISTED_DOSSIERS)
    if without.height > listed.height:
        paragraph(
            document,
            f"Danh sách {n_vi(listed.height)} hồ sơ quá hạn nhiều ngày nhất (danh sách đầy đủ ở trang Hồ sơ "
            "của bảng điều khiển):",
            indent=True,
        )
    rows = [
        [
            str(index),
            row["dossier_code"],
            row["unit_name"],
            row["sector_name"],
            f"{row['received_date']:%d/%m/%Y}",
            f"{row['due_date']:%d/%m/%Y}",
            f"{row['finished_date']:%d/%m/%Y}",
        ]
        for index, row in enumerate(listed.iter_rows(named=True), start=1)
    ]
    headers = ["STT", "Mã hồ sơ", "Đơn vị", "Lĩnh vực", "Ngày tiếp nhận", "Ngày hẹn trả", "Ngày có kết quả"]
    grid_table(document, headers, rows, (11, 28, 36, 27, 21, 21, 21), number_from=4)
