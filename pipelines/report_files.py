"""The period report files, chosen by the output's suffix: .xlsx (Biểu 06), .docx (the narrative report)
and .pdf (the same report converted). The page and `tthc report` both write through here, so they give
the same content.
"""

import tempfile
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

import duckdb

from pipelines.errors import TthcError
from pipelines.periods import Period
from pipelines.report_data import gather_form, gather_narrative
from pipelines.report_images import ChartImagesUnavailable, overview_figures, render_pngs
from pipelines.report_narrative import write_narrative_docx
from pipelines.report_pdf import docx_to_pdf
from pipelines.report_xlsx import write_bieu_06

SUFFIXES = (".xlsx", ".docx", ".pdf")


@dataclass(frozen=True)
class Written:
    path: Path
    n_unit_sheets: int | None = None  # .xlsx: sheets after the summary
    charts_missing_reason: str | None = None  # .docx, .pdf: why the report has no charts


def write_report(
    con: duckdb.DuckDBPyConnection,
    period: Period,
    out: Path,
    with_charts: bool = True,
    units: Collection[str] | None = None,
) -> Written:
    """Write the report of `period` to `out`, its kind chosen by the suffix; its list of dossiers limited
    to `units` (a scoped reader's; None: every unit), its numbers always the whole city's."""
    suffix = out.suffix.lower()
    if suffix not in SUFFIXES:
        raise TthcError(f"Tệp «{out.name}»: chỉ ghi được báo cáo .xlsx, .docx hoặc .pdf.")
    if suffix == ".xlsx":
        form = gather_form(con, period)
        write_bieu_06(out, form)
        return Written(out, n_unit_sheets=len(form.unit_tables))
    data = gather_narrative(con, period, units=units)
    images, reason = None, "đã chọn in báo cáo không kèm biểu đồ."
    if with_charts:
        try:
            images, reason = render_pngs(overview_figures(data)), None
        except ChartImagesUnavailable as exc:
            reason = exc.message_vi
    if suffix == ".docx":
        write_narrative_docx(out, data, images, reason)
        return Written(out, charts_missing_reason=reason)
    with tempfile.TemporaryDirectory(prefix="tthc-report-") as folder:
        docx = Path(folder) / f"{out.stem}.docx"
        write_narrative_docx(docx, data, images, reason)
        docx_to_pdf(docx, out)
    return Written(out, charts_missing_reason=reason)
