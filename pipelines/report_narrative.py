"""The narrative report "Báo cáo kết quả giải quyết thủ tục hành chính" as a .docx the office edits and
signs: every number from report_data (the KPI layer), written the Vietnamese way; the charts of Tổng
quan as images when the machine can draw them; Biểu 06 as the annex.
"""

import io
from pathlib import Path

from docx.shared import Mm

from pipelines.deadlines import is_incomplete
from pipelines.labels import format_rate_vi
from pipelines.periods import Period
from pipelines.report_annex import add_bieu_06_annex
from pipelines.report_data import NarrativeData
from pipelines.report_docx import (
    closing_block,
    date_vi,
    heading_block,
    new_document,
    paragraph,
    title,
)
from pipelines.report_images import ChartImage
from pipelines.report_narrative_tables import (
    comparison_section,
    focus_groups_section,
    late_without_apology_section,
    n_vi,
    of_period_vi,
    targets_section,
    units_missing_section,
)

PROGRESS_766_VI = (
    "Chỉ số tiến độ giải quyết theo Bộ chỉ số chỉ đạo, điều hành và đánh giá chất lượng phục vụ người dân, "
    "doanh nghiệp (Quyết định số 766/QĐ-TTg): {value}, tính bằng (số hồ sơ giải quyết trước hạn, đúng hạn "
    "và số hồ sơ đang giải quyết còn trong hạn) chia cho (số hồ sơ đã giải quyết và đang giải quyết)."
)


def _span(period: Period) -> str:
    return f"từ {date_vi(period.from_date)} đến {date_vi(period.to_date)}"


def _opening(document, data: NarrativeData) -> None:
    period, form = data.period, data.form
    dates = "" if period.kind == "custom" else f" ({_span(period)})"
    title(document, ["Kết quả giải quyết thủ tục hành chính", f"{of_period_vi(period)}{dates}"])
    as_of = f"số liệu tính đến {date_vi(form.as_of_date)}" if form.as_of_date else "chưa có tệp số liệu nào"
    paragraph(
        document,
        f"{form.settings.issuer_name} báo cáo kết quả giải quyết thủ tục hành chính {of_period_vi(period)}"
        f"{dates} ({as_of}) như sau:",
        indent=True,
    )
    if is_incomplete(period, form.as_of_date):
        paragraph(
            document,
            f"Lưu ý: số liệu chỉ tính đến {date_vi(form.as_of_date)}, trước ngày cuối kỳ "
            f"({date_vi(period.to_date)}); các số liệu dưới đây chưa đủ cả kỳ báo cáo.",
            bold=True,
            italic=True,
            indent=True,
        )


def _results(document, data: NarrativeData) -> None:
    total = data.form.summary.filter(row_kind="total").row(0, named=True)
    paragraph(document, "I. KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH", bold=True, space_before=12)
    paragraph(
        document,
        f"1. Số hồ sơ nhận giải quyết: {n_vi(total['n_received_total'])} hồ sơ, gồm "
        f"{n_vi(total['n_received_online'])} hồ sơ tiếp nhận trực tuyến, {n_vi(total['n_received_offline'])} "
        f"hồ sơ tiếp nhận trực tiếp và qua dịch vụ bưu chính, {n_vi(total['n_carried_over'])} hồ sơ từ kỳ "
        f"trước chuyển sang; trong số hồ sơ mới tiếp nhận có {n_vi(total['n_withdrawn'])} hồ sơ rút, hủy.",
        indent=True,
    )
    paragraph(
        document,
        f"2. Số hồ sơ đã giải quyết: {n_vi(total['n_resolved'])} hồ sơ, gồm {n_vi(total['n_early'])} hồ sơ "
        f"trước hạn, {n_vi(total['n_on_time'])} hồ sơ đúng hạn, {n_vi(total['n_late'])} hồ sơ quá hạn. Tỷ lệ "
        f"giải quyết đúng hạn (trước hạn và đúng hạn) đạt {format_rate_vi(data.value('on_time_rate'))}, "
        f"tỷ lệ trước hạn {format_rate_vi(data.value('early_rate'))}.",
        indent=True,
    )
    paragraph(
        document,
        f"3. Số hồ sơ đang giải quyết: {n_vi(total['n_pending'])} hồ sơ, gồm "
        f"{n_vi(total['n_pending_in_time'])} hồ sơ còn trong hạn, "
        f"{n_vi(total['n_pending_overdue'])} hồ sơ đã quá hạn.",
        indent=True,
    )
    progress = format_rate_vi(data.value("progress_rate_766"))
    paragraph(document, "4. " + PROGRESS_766_VI.format(value=progress), indent=True)


def _charts(document, images: list[ChartImage] | None, reason: str | None) -> None:
    paragraph(document, "IV. BIỂU ĐỒ", bold=True, space_before=12)
    if not images:
        paragraph(document, f"Báo cáo này không kèm biểu đồ: {reason}", italic=True, indent=True)
        return
    for number, image in enumerate(images, start=1):
        document.add_picture(io.BytesIO(image.png), width=Mm(160))
        paragraph(document, f"Hình {number}. {image.title}", italic=True, size=12, align="center")


def _assessment(document) -> None:
    paragraph(document, "V. ĐÁNH GIÁ CHUNG VÀ KIẾN NGHỊ", bold=True, space_before=12)
    paragraph(
        document,
        "(Văn phòng bổ sung đánh giá chung, nguyên nhân của hồ sơ quá hạn và kiến nghị trước khi trình ký.)",
        italic=True,
        indent=True,
    )


def write_narrative_docx(
    path: Path, data: NarrativeData, images: list[ChartImage] | None, images_missing_reason: str | None = None
) -> None:
    """The report; without images, the charts section says why (images_missing_reason)."""
    document = new_document()
    heading_block(document, data.form.settings)
    _opening(document, data)
    _results(document, data)
    targets_section(document, data)
    focus_groups_section(document, data)
    comparison_section(document, data)
    units_missing_section(document, data)
    late_without_apology_section(document, data)
    _charts(document, images, images_missing_reason)
    _assessment(document)
    closing_block(document, data.form.settings)
    add_bieu_06_annex(document, data.form)
    document.save(str(path))
