"""The Báo cáo page's pieces: the deadline calendar, the download buttons and the Biểu 06 preview."""

import datetime as dt

import polars as pl
import streamlit as st

from pipelines.bieu_06 import form_rows
from pipelines.deadlines import DueReport, next_due, reports_of_year
from pipelines.periods import Period
from pipelines.report_pdf import NOT_INSTALLED_VI, converter
from ui import db, filters
from ui import format as fmt

# Short headers so that all 13 columns fit on the page; each column's help gives the form's wording.
HEADERS_VI = {
    "(3) Tổng số": "Số hồ sơ nhận giải quyết: tổng số",
    "(4) Trực tuyến": "Nhận giải quyết trong kỳ: trực tuyến",
    "(5) Trực tiếp, BCCI": "Nhận giải quyết trong kỳ: trực tiếp, dịch vụ bưu chính",
    "(6) Kỳ trước": "Nhận giải quyết: từ kỳ trước",
    "(7) Đã giải quyết": "Số hồ sơ đã giải quyết: tổng số",
    "(8) Trước hạn": "Đã giải quyết: trước hạn",
    "(9) Đúng hạn": "Đã giải quyết: đúng hạn",
    "(10) Quá hạn": "Đã giải quyết: quá hạn",
    "(11) Đang giải quyết": "Số hồ sơ đang giải quyết: tổng số",
    "(12) Trong hạn": "Đang giải quyết: trong hạn",
    "(13) Quá hạn": "Đang giải quyết: quá hạn",
}
FIRST_HEADERS_VI = ("(1) STT", "(2) Lĩnh vực, công việc giải quyết theo cấp")
ROW_HEIGHT_PX = 35
MIME = {
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".pdf": "application/pdf",
}


def _status(report: DueReport, as_of: dt.date, due: DueReport) -> str:
    if report == due:
        return f":orange-badge[Hạn tiếp theo] còn {(report.deadline - as_of).days} ngày"
    if report.deadline < as_of:
        return ":gray-badge[Đã qua hạn]"
    return ":blue-badge[Chưa đến hạn]"


def _go_to(period: Period) -> None:
    st.query_params[filters.PERIOD_PARAM] = period.name
    st.rerun()


def deadline_calendar(periods: list[Period], as_of: dt.date, shown: Period) -> None:
    """The four reports of the year with their deadlines, each one click away, and the year before's;
    the year is that of the report shown, else of the report due next after the data's as-of date."""
    due = next_due(as_of)
    is_a_plan_report = shown.year is not None and shown in [r.period for r in reports_of_year(shown.year)]
    year = shown.year if is_a_plan_report else due.period.year
    st.markdown(f"**Lịch báo cáo định kỳ năm {year}** (tính theo ngày dữ liệu {as_of:%d/%m/%Y})")
    available = {period.name for period in periods}
    for column, report in zip(st.columns(4), reports_of_year(year), strict=True):
        with column.container(border=True):
            st.markdown(f"**{report.period.label_vi}**  \nHạn: {report.deadline:%d/%m/%Y}")
            st.markdown(_status(report, as_of, due))
            is_shown, has_data = report.period == shown, report.period.name in available
            if st.button(
                "Đang xem" if is_shown else "Xem báo cáo" if has_data else "Chưa có số liệu",
                key=f"calendar_{report.period.name}",
                type="primary" if is_shown else "secondary",
                disabled=is_shown or not has_data,
                width="stretch",
            ):
                _go_to(report.period)
    earlier = [r for r in reports_of_year(year - 1) if r.period.name in available and r.period != shown]
    if earlier:
        with st.container(horizontal=True, vertical_alignment="center"):
            st.markdown(f"Năm {year - 1}:")
            for report in earlier:
                if st.button(report.period.label_vi, key=f"calendar_{report.period.name}", type="tertiary"):
                    _go_to(report.period)


def downloads(period: Period) -> None:
    """The workbook, the narrative report and its PDF, each made when its button is clicked."""
    buttons = (
        ("Tải Biểu 06 (.xlsx)", ".xlsx", f"bieu_06_{period.name}.xlsx"),
        ("Tải báo cáo (.docx)", ".docx", f"bao_cao_{period.name}.docx"),
        ("Tải báo cáo (.pdf)", ".pdf", f"bao_cao_{period.name}.pdf"),
    )
    has_pdf = converter() is not None
    with st.container(horizontal=True):
        for label, suffix, file_name in buttons:
            if suffix == ".pdf" and not has_pdf:
                continue
            st.download_button(
                label,
                lambda suffix=suffix: db.report_file(period, suffix),
                file_name=file_name,
                type="primary" if suffix == ".xlsx" else "secondary",
                icon=":material/download:",
                on_click="ignore",
                mime=MIME[suffix],
            )
    if not has_pdf:
        st.info(NOT_INSTALLED_VI, icon=":material/picture_as_pdf:")


def preview(rows: pl.DataFrame) -> pl.DataFrame:
    """rpt_bieu_06 rows as the form numbers and labels them, counts as Vietnamese text."""
    numbered = form_rows(rows)
    columns = {
        FIRST_HEADERS_VI[0]: [row.stt for row in numbered],
        FIRST_HEADERS_VI[1]: [row.label for row in numbered],
    }
    for index, header in enumerate(HEADERS_VI):
        columns[header] = [fmt.number(row.numbers[index]) for row in numbered]
    return pl.DataFrame(columns, schema=dict.fromkeys(columns, pl.String))


def show_preview(rows: pl.DataFrame) -> None:
    """All 13 columns (890 px: the page's width at 1400 px with the sidebar open) and every row down to the
    total, without scrolling inside the table."""
    shown = preview(rows)
    config = {
        FIRST_HEADERS_VI[0]: st.column_config.TextColumn(width=40),
        FIRST_HEADERS_VI[1]: st.column_config.TextColumn(width=190),
        **{
            header: st.column_config.TextColumn(help=text, width=60, alignment="right")
            for header, text in HEADERS_VI.items()
        },
    }
    st.dataframe(shown, hide_index=True, column_config=config, height=ROW_HEIGHT_PX * (shown.height + 1) + 3)
