"""Vietnamese labels for the codes the KPI views return, and numbers written the Vietnamese way."""

SECTOR_GROUP_LABELS_VI = {
    "land": "Đất đai",
    "construction": "Xây dựng",
    "investment": "Đầu tư",
    "other": "Lĩnh vực khác",
}
UNIT_LEVEL_LABELS_VI = {"city": "Cấp thành phố", "ward": "Phường", "commune": "Xã"}
# What the unit-level filter offers: the levels, and the wards and communes together.
UNIT_LEVEL_FILTER_LABELS_VI = {
    "city": "Cấp thành phố",
    "ward_commune": "Phường và xã",
    "ward": "Phường",
    "commune": "Xã",
}
REPORT_BLOCK_LABELS_VI = {"city": "Cấp thành phố", "ward_commune": "Cấp xã (phường, xã)"}
TOTAL_LABEL_VI = "Toàn thành phố"

KPI_LABELS_VI = {
    "n_received": "Tiếp nhận",
    "n_carried_over": "Kỳ trước chuyển sang",
    "n_resolved": "Đã giải quyết",
    "n_early": "Trước hạn",
    "n_on_time": "Đúng hạn",
    "n_late": "Quá hạn",
    "n_pending": "Đang giải quyết",
    "n_pending_in_time": "Đang giải quyết trong hạn",
    "n_pending_overdue": "Đang giải quyết quá hạn",
    "n_withdrawn": "Rút, hủy",
    "on_time_rate": "Tỷ lệ đúng hạn",
    "early_rate": "Tỷ lệ trước hạn",
    "online_rate": "Tỷ lệ trực tuyến",
    "online_full_rate": "Tỷ lệ trực tuyến toàn trình",
    "satisfaction_rate": "Tỷ lệ hài lòng",
    "synced_rate": "Tỷ lệ đồng bộ",
    "apology_rate": "Tỷ lệ có phiếu xin lỗi",
    "progress_rate_766": "Chỉ số tiến độ (QĐ 766)",
}

UNDEFINED = "—"


def format_count_vi(n: int) -> str:
    """1234567 → '1.234.567'."""
    return f"{n:,}".replace(",", ".")


def format_rate_vi(rate: float | None, decimals: int = 1) -> str:
    """0.953 → '95,3 %'; an undefined rate → '—'."""
    if rate is None:
        return UNDEFINED
    return f"{rate * 100:.{decimals}f}".replace(".", ",") + " %"
