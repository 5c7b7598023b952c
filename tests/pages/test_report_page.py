"""Báo cáo: the deadline calendar (the report due next after the data's as-of date opens by default,
past ones one click away), the three downloads, the Biểu 06 preview with all its columns."""

from pipelines.deadlines import next_due, reports_of_year
from pipelines.report_pdf import NOT_INSTALLED_VI
from tests.helpers.report_docx import as_of_date

DOWNLOADS = ["Tải Biểu 06 (.xlsx)", "Tải báo cáo (.docx)", "Tải báo cáo (.pdf)"]


def _calendar(at) -> dict[str, str]:
    """The calendar's buttons: period name → label."""
    return {
        button.key.removeprefix("calendar_"): button.label
        for button in at.button
        if button.key.startswith("calendar_")
    }


def test_opened_without_a_period_it_shows_the_report_due_next_after_the_data(app, kpi_con):
    due = next_due(as_of_date(kpi_con))  # the demo year's files run to 31/12/2023: BC-2024-Q1
    assert due.period.name == "BC-2024-Q1"
    at = app(opened_on="05_bao_cao")
    assert not at.exception
    assert at.query_params["ky"] == due.period.name
    assert at.subheader[0].value == due.period.title_vi
    assert at.markdown[0].value == "**Lịch báo cáo định kỳ năm 2024** (tính theo ngày dữ liệu 31/12/2023)"
    deadlines = [block.value for block in at.markdown if "Hạn: " in block.value]
    assert deadlines == [
        f"**{r.period.label_vi}**  \nHạn: {r.deadline:%d/%m/%Y}" for r in reports_of_year(2024)
    ]
    assert _calendar(at) == {
        "BC-2024-Q1": "Đang xem",
        "BC-2024-6T": "Xem báo cáo",
        "BC-2024-Q3": "Chưa có số liệu",  # starts 15/06/2024, after the data
        "BC-2024": "Xem báo cáo",
        "BC-2023-Q1": "Kỳ báo cáo quý I/2023",
        "BC-2023-6T": "Kỳ báo cáo 6 tháng năm 2023",
        "BC-2023-Q3": "Kỳ báo cáo quý III/2023",
        "BC-2023": "Kỳ báo cáo năm 2023",
    }
    assert any(block.value == ":orange-badge[Hạn tiếp theo] còn 74 ngày" for block in at.markdown)
    assert at.warning[0].value.startswith(
        "Lưu ý: số liệu chỉ tính đến ngày 31/12/2023, trước ngày cuối kỳ 14/03/2024"
    )


def test_a_past_report_is_one_click_away(app):
    at = app(opened_on="05_bao_cao")
    at.button(key="calendar_BC-2023-6T").click().run()
    assert at.query_params["ky"] == "BC-2023-6T"
    assert at.selectbox(key="filter_period_bc_6t").value.name == "BC-2023-6T"
    assert _calendar(at)["BC-2023-6T"] == "Đang xem"
    assert at.markdown[0].value.startswith("**Lịch báo cáo định kỳ năm 2023**")
    assert not at.warning  # the data run past 14/06/2023


def test_a_period_in_the_url_wins_over_the_default(app):
    at = app(opened_on="05_bao_cao", ky="BC-2023-Q1")
    assert at.query_params["ky"] == "BC-2023-Q1"
    assert _calendar(at)["BC-2023-Q1"] == "Đang xem"
    assert [badge.value for badge in at.markdown if "badge" in badge.value] == [":gray-badge[Đã qua hạn]"] * 4


def test_the_other_pages_still_open_on_the_latest_year(app):
    assert app().query_params["ky"] == "2023"


def test_three_downloads_and_a_clear_word_when_the_pdf_cannot_be_made(app, monkeypatch, tmp_path):
    at = app(opened_on="05_bao_cao")
    assert [button.label for button in at.download_button] == DOWNLOADS
    monkeypatch.setenv("PATH", str(tmp_path))  # no LibreOffice on it
    at = app(opened_on="05_bao_cao")
    assert [button.label for button in at.download_button] == DOWNLOADS[:2]
    assert at.info[-1].value == NOT_INSTALLED_VI
