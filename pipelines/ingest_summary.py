"""What an ingest did to one file, in Vietnamese: a one-sentence summary (what was loaded, new, updated,
mainly rejected because of what, and what to do next) and the per-reason counts. For the CLI and the
upload page alike."""

from pipelines.ingest import IngestResult
from pipelines.labels import format_count_vi
from pipelines.vocabulary import Vocabulary

STATUS_LABELS_VI = {
    "loaded": "Đã nạp",
    "duplicate_file": "Đã nạp trước đó, không có gì mới",
    "failed": "Không đọc được",
    "replaced": "Đã được sửa bằng lần nạp sau",
    "rebuilt": "Dựng lại kho dữ liệu",
}


def _n(value: int) -> str:
    return format_count_vi(value)


def main_reason(counts: dict[str, int], vocabulary: Vocabulary) -> tuple[str, int]:
    """The most frequent reason; among equals, the first in the vocabulary."""
    order = list(vocabulary.reasons)
    return min(counts.items(), key=lambda item: (-item[1], order.index(item[0])))


def summary_vi(result: IngestResult, vocabulary: Vocabulary, unit_names: dict[str, str]) -> str:
    if result.status == "failed":
        return f"Không nạp được «{result.file_name}»: {result.error_vi}"
    if result.status == "duplicate_file":
        return f"«{result.file_name}» đã được nạp trước đó (cùng nội dung): không có gì mới, kho không đổi."
    as_of = f"dữ liệu đến ngày {result.as_of_date:%d/%m/%Y}" if result.as_of_date else "không rõ ngày dữ liệu"
    sentence = (
        f"Đã nạp «{result.file_name}» ({as_of}): {_n(result.n_read)} dòng, {_n(result.n_new)} hồ sơ mới, "
        f"{_n(result.n_updated)} cập nhật, {_n(result.n_unchanged)} không đổi"
    )
    if result.unit_choice:
        sentence += f"; đơn vị của tệp: {unit_names.get(result.unit_choice, result.unit_choice)}"
    if result.is_correction:
        sentence += " (thay cho lần nạp trước của cùng tệp với đơn vị khác hoặc bởi tài khoản khác)"
    skipped = result.skipped_by_reason.get("not_received", 0)
    if skipped:
        sentence += f"; {_n(skipped)} hồ sơ không được hoặc chưa được tiếp nhận, không tính"
    if result.n_rejected:
        code, count = main_reason(result.rejected_by_reason, vocabulary)
        reason = vocabulary.reasons[code]
        sentence += (
            f"; {_n(result.n_rejected)} dòng bị loại, chủ yếu vì {reason.label_vi} ({_n(count)} dòng): "
            f"{reason.hint_vi}"
        )
    return sentence + "."


def reason_lines_vi(result: IngestResult, vocabulary: Vocabulary) -> list[str]:
    """One line per reject and skip reason, with its count."""
    lines = [
        f"bị loại: {_n(n)} dòng {vocabulary.reasons[code].label_vi} ({code})"
        for code, n in sorted(result.rejected_by_reason.items())
    ]
    lines += [
        f"bỏ qua: {_n(n)} {vocabulary.reasons[code].label_vi}"
        for code, n in sorted(result.skipped_by_reason.items())
    ]
    return lines
