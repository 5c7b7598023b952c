"""Vietnamese names of the per-dossier codes (outcomes, channels); groups, levels and KPIs are in
pipelines.labels."""

OUTCOMES_VI = {
    "early": "Trước hạn",
    "on_time": "Đúng hạn",
    "late": "Quá hạn",
    "pending_in_time": "Đang giải quyết, trong hạn",
    "pending_overdue": "Đang giải quyết, quá hạn",
    "withdrawn": "Rút, hủy",
}
CHANNELS_VI = {"online": "Trực tuyến", "in_person": "Trực tiếp", "postal": "Bưu chính", "unknown": "Không rõ"}
