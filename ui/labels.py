"""Vietnamese names of the per-dossier codes (outcomes, channels) and of met / not met; groups, levels
and KPIs are in pipelines.labels."""

OUTCOMES_VI = {
    "early": "Trước hạn",
    "on_time": "Đúng hạn",
    "late": "Quá hạn",
    "pending_in_time": "Đang giải quyết, trong hạn",
    "pending_overdue": "Đang giải quyết, quá hạn",
    "withdrawn": "Rút, hủy",
}
STATUS_LABELS_VI = {"met": "Đạt", "not_met": "Chưa đạt", "no_data": "Chưa có số liệu"}  # against a target
CHANNELS_VI = {"online": "Trực tuyến", "in_person": "Trực tiếp", "postal": "Bưu chính", "unknown": "Không rõ"}
# Bar charts label units by a short name (the tables keep the full one): "Phường Lê Lợi" → "P. Lê Lợi".
SHORT_UNIT_NAMES = (
    ("Chi nhánh Văn phòng đăng ký đất đai", "CN VPĐKĐĐ"),
    ("Phường ", "P. "),
    ("Xã ", "X. "),
    ("Phòng ", ""),
    (" thành phố", " TP"),
)


def short_unit_name(name: str) -> str:
    for long, short in SHORT_UNIT_NAMES:
        name = name.replace(long, short)
    return name
