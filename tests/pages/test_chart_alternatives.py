"""Every chart of every page carries its text alternative (widgets.chart): its title as accessible name,
a summary under it, and the numbers of the KPI layer in it."""

import pytest

from pipelines import kpi
from pipelines.labels import format_count_vi, format_rate_vi
from pipelines.periods import parse_period
from pipelines.scope import Scope
from ui.widgets import DATA_LABEL

# Page → the charts' titles (their accessible names), in order, for the year 2023.
CHART_TITLES = {
    "01_tong_quan": [
        "Tỷ lệ đúng hạn và trước hạn theo tháng, năm 2023",
        "Hồ sơ tiếp nhận theo hình thức nộp, theo tháng, năm 2023",
    ],
    "02_linh_vuc": [
        "Trước hạn, đúng hạn, quá hạn theo nhóm lĩnh vực",
        "Tỷ lệ hài lòng của các lĩnh vực trọng tâm so với chỉ tiêu",
        "Trước hạn, đúng hạn, quá hạn theo từng lĩnh vực",
    ],
    "03_don_vi": [
        "Tỷ lệ đúng hạn, phường và xã",
        "Tỷ lệ đúng hạn theo tháng, phường và xã, năm 2023",
        "Tỷ lệ đúng hạn, cấp thành phố",
        "Tỷ lệ đúng hạn theo tháng, cấp thành phố, năm 2023",
    ],
}
# The page's own captions before its charts' summaries: the period line; on the overview also the
# scorecard's reading note and the line over the units below target.
PAGE_CAPTIONS = {"01_tong_quan": 3, "02_linh_vuc": 1, "03_don_vi": 1}
YEAR = parse_period("2023")


def charts(at):
    return at.get("plotly_chart")


@pytest.mark.parametrize("page", CHART_TITLES)
def test_each_chart_is_named_by_its_title_and_summarised_under_it(app, page):
    at = app(page, ky=YEAR.name)
    titles = CHART_TITLES[page]
    assert [chart.proto.alt for chart in charts(at)] == titles
    assert [h.value for h in at.subheader if h.value in titles] == titles
    assert len(at.main.caption) == PAGE_CAPTIONS[page] + len(titles)  # then one summary per chart


def test_overview_summaries_speak_the_kpi_layers_numbers(app, kpi_con):
    at = app("01_tong_quan", ky=YEAR.name)
    total = kpi.kpi_table(kpi_con, "total", scope=Scope.of(YEAR)).row(0, named=True)
    online = format_rate_vi(total["n_received_online"] / total["n_received"])
    summaries = [caption.value for caption in at.main.caption]
    assert f"Tiếp nhận {format_count_vi(total['n_received'])} hồ sơ" in summaries[-1]
    assert f"({online})" in summaries[-1]
    assert [e.label for e in at.expander if e.label == DATA_LABEL] == [DATA_LABEL, DATA_LABEL]
    assert at.dataframe[1].value["Tiếp nhận"].to_list()[-1] == format_count_vi(
        kpi.monthly_trend(kpi_con, scope=Scope.of(YEAR))["n_received"][-1]
    )
