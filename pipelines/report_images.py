"""The Tổng quan charts as PNG images for the narrative report.

The figures are ui.charts' own (plain Plotly, no Streamlit), so the report shows exactly what the
overview shows. Kaleido 1.x draws them in a headless Chrome/Chromium that it finds on the PATH
(Debian's /usr/bin/chromium) or at BROWSER_PATH. Starting the browser is most of the time a report
takes: one start serves every chart of a report, and a long-running process (the dashboard) keeps one
browser open for all its reports (keep_browser_open). Kaleido loads MathJax from the internet unless told
not to: the charts have no formulas, so it is off.
"""

import tempfile
from dataclasses import dataclass
from pathlib import Path

import kaleido
import plotly.graph_objects as go

from pipelines.errors import TthcError
from pipelines.report_data import NarrativeData
from ui import charts

WIDTH_PX = 900
SCALE = 2  # twice the pixels, for print
KALEIDO_OPTIONS = {"mathjax": False}
_browser_kept_open = False


class ChartImagesUnavailable(TthcError):
    """The charts could not be drawn on this machine (no Chromium, or it failed)."""


@dataclass(frozen=True)
class ChartImage:
    title: str
    png: bytes


def overview_figures(data: NarrativeData) -> list[tuple[str, go.Figure]]:
    """The two charts of Tổng quan for the calendar year the period ends in, with their titles."""
    year = data.period.to_date.year
    return [
        (
            f"Tỷ lệ đúng hạn và trước hạn theo tháng, năm {year}",
            charts.rate_trend(data.trend, data.targets),
        ),
        (f"Hồ sơ tiếp nhận theo hình thức nộp, năm {year}", charts.channel_bars(data.trend)),
    ]


def keep_browser_open() -> None:
    """Start one Chromium that every later call of render_pngs in this process uses (closed at exit).
    Without a browser nothing is kept, and render_pngs says why when it is called."""
    global _browser_kept_open
    if _browser_kept_open:
        return
    try:
        kaleido.start_sync_server(**KALEIDO_OPTIONS, silence_warnings=True)
    except Exception:  # no Chromium: render_pngs reports it, the reports go without charts
        return
    _browser_kept_open = True


def render_pngs(figures: list[tuple[str, go.Figure]]) -> list[ChartImage]:
    """Each figure as a PNG; ChartImagesUnavailable with the reason when the browser cannot draw them."""
    with tempfile.TemporaryDirectory(prefix="tthc-charts-") as folder:
        jobs = [
            {
                "fig": figure,
                "path": Path(folder) / f"chart_{index}.png",
                "opts": {"format": "png", "width": WIDTH_PX, "height": figure.layout.height, "scale": SCALE},
            }
            for index, (_title, figure) in enumerate(figures)
        ]
        try:
            if _browser_kept_open:
                kaleido.write_fig_from_object_sync(jobs)
            else:  # a browser started for these charts only
                kaleido.write_fig_from_object_sync(jobs, kopts=KALEIDO_OPTIONS)
            pngs = [job["path"].read_bytes() for job in jobs]
        except Exception as exc:  # kaleido and choreographer raise many kinds: each means "no images"
            raise ChartImagesUnavailable(
                "Không vẽ được biểu đồ thành hình ảnh trên máy này (cần trình duyệt Chromium hoặc Chrome "
                f"cho Kaleido): {type(exc).__name__}: {str(exc).split('. ')[0]}."
            ) from exc
    return [ChartImage(title, png) for (title, _figure), png in zip(figures, pngs, strict=True)]
