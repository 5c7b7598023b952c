"""The narrative report read back with python-docx, and what the KPI layer says it should contain.

`expected_report` asks pipelines.kpi directly (not pipelines.report_data), so a test compares the
document with the KPI layer, not the report code with itself.
"""

import datetime as dt
import operator
import re
from dataclasses import dataclass
from pathlib import Path

import duckdb
from docx import Document

from pipelines import kpi
from pipelines.labels import KPI_LABELS_VI, SECTOR_GROUP_LABELS_VI, format_count_vi, format_rate_vi
from pipelines.periods import Period, previous_period, year_earlier
from pipelines.report_narrative_tables import COMPARED, STATUS_VI
from pipelines.scope import Scope

# Numbers as the report writes them: 1.234, 83,3 %, 0,0 điểm %; a sign in front of a change.
NUMBER = re.compile(r"[+-]?\d+(?:\.\d{3})*(?:,\d+)?(?: %)?")
MEETS = {">": operator.gt, ">=": operator.ge, "<": operator.lt, "<=": operator.le, "=": operator.eq}


@dataclass(frozen=True)
class ReadReport:
    paragraphs: list[str]
    tables: list[list[list[str]]]
    n_images: int
    font: str

    def paragraph_starting(self, prefix: str) -> str:
        [found] = [text for text in self.paragraphs if text.startswith(prefix)]
        return found

    def table_headed(self, first_header: str, second_header: str | None = None) -> list[list[str]]:
        """The rows (header row excluded) of the one table whose first header cells are these."""
        [found] = [
            table
            for table in self.tables
            if table[0][0] == first_header and (second_header is None or table[0][1] == second_header)
        ]
        return found[1:]


def read_report(path: Path) -> ReadReport:
    document = Document(str(path))
    tables = [[[cell.text for cell in row.cells] for row in table.rows] for table in document.tables]
    return ReadReport(
        paragraphs=[paragraph.text for paragraph in document.paragraphs],
        tables=tables,
        n_images=len(document.inline_shapes),
        font=document.styles["Normal"].font.name,
    )


def numbers_in(text: str) -> list[str]:
    return NUMBER.findall(text)


def n(value) -> str:
    return format_count_vi(int(value))


def change(value, is_rate: bool) -> str:
    if value is None:
        return "—"
    if is_rate:
        points = f"{abs(value) * 100:.1f}".replace(".", ",")
        return ("" if points == "0,0" else "+" if value > 0 else "-") + points + " điểm %"
    return ("" if value == 0 else "+" if value > 0 else "-") + n(abs(value))


def _shown(name: str, value) -> str:
    if value is None:
        return "—"
    return n(value) if name.startswith("n_") else format_rate_vi(value)


def _target_text(row: dict) -> str:
    words = {">": "trên", ">=": "từ", "<": "dưới", "<=": "không quá", "=": "bằng"}
    percent = row["target_value"] * 100
    return f"{words[row['comparison']]} {format_rate_vi(row['target_value'], 0 if percent == round(percent) else 1)}"


def as_of_date(con: duckdb.DuckDBPyConnection) -> dt.date:
    [(latest, received, finished)] = con.execute(
        "select latest_as_of_date, last_received_date, last_finished_date from kpi_dq_warehouse"
    ).fetchall()
    return latest or max(received, finished)


def expected_report(con: duckdb.DuckDBPyConnection, period: Period) -> dict:
    scope = Scope.of(period)
    form = kpi.report_table(con, scope=scope)
    total = form.filter(row_kind="total").row(0, named=True)
    compare = {row["kpi"]: row for row in kpi.kpi_compare(con, "total", scope=scope).iter_rows(named=True)}
    targets = kpi.targets_status(con, scope=scope)
    groups = {
        row["key"]: row for row in kpi.kpi_table(con, "sector_group", scope=scope).iter_rows(named=True)
    }
    on_time = targets.filter(kpi="on_time_rate", target_sector_group="all").row(0, named=True)
    ranking = kpi.unit_ranking(con, scope=scope)
    late = kpi.dossier_list(con, scope=scope, outcomes=["late"])
    without = late.filter(late["has_apology"].not_())
    group_targets = {
        row["sector_group"]: row
        for row in targets.filter(kpi="satisfaction_rate").iter_rows(named=True)
        if row["target_sector_group"] != "all"
    }
    return {
        "received": [
            n(total[c])
            for c in (
                "n_received_total",
                "n_received_online",
                "n_received_offline",
                "n_carried_over",
                "n_withdrawn",
            )
        ],
        "resolved": [n(total[c]) for c in ("n_resolved", "n_early", "n_on_time", "n_late")]
        + [format_rate_vi(compare["on_time_rate"]["value"]), format_rate_vi(compare["early_rate"]["value"])],
        "pending": [n(total[c]) for c in ("n_pending", "n_pending_in_time", "n_pending_overdue")],
        "progress_766": format_rate_vi(compare["progress_rate_766"]["value"]),
        "targets": [
            [
                KPI_LABELS_VI[row["kpi"]]
                + (
                    ""
                    if row["target_sector_group"] == "all"
                    else f" — {SECTOR_GROUP_LABELS_VI[row['sector_group']]}"
                ),
                format_rate_vi(row["value_rate"]),
                _target_text(row),
                STATUS_VI[row["status"]],
            ]
            for row in targets.iter_rows(named=True)
        ],
        "focus": [
            [
                SECTOR_GROUP_LABELS_VI[group],
                n(groups[group]["n_received"]) if group in groups else "0",
                n(groups[group]["n_resolved"]) if group in groups else "0",
                n(groups[group]["n_late"]) if group in groups else "0",
                format_rate_vi(groups[group]["on_time_rate"] if group in groups else None),
                format_rate_vi(groups[group]["satisfaction_rate"] if group in groups else None),
                f"{STATUS_VI[group_targets[group]['status']]} ({_target_text(group_targets[group])})"
                if group in group_targets
                else "Không có chỉ tiêu riêng",
            ]
            for group in ("land", "construction", "investment")
        ],
        "comparison": [
            [
                KPI_LABELS_VI[name],
                _shown(name, compare[name]["value"]),
                _shown(name, compare[name]["value_previous"]),
                change(compare[name]["delta_previous"], not name.startswith("n_")),
                _shown(name, compare[name]["value_year_ago"]),
                change(compare[name]["delta_year_ago"], not name.startswith("n_")),
            ]
            for name in COMPARED
        ],
        "previous_label": previous_period(period).label_vi,
        "year_ago_label": year_earlier(period).label_vi,
        "units_missing": [
            [row["unit_name"], n(row["n_resolved"]), n(row["n_late"]), format_rate_vi(row["on_time_rate"])]
            for row in ranking.sort("on_time_rate", maintain_order=True).iter_rows(named=True)
            if row["on_time_rate"] is not None
            and not MEETS[on_time["comparison"]](row["on_time_rate"], on_time["target_value"])
        ],
        "late": [n(late.height), n(without.height)],
        "late_without_apology": [
            [row["dossier_code"], row["unit_name"], row["sector_name"]]
            for row in without.head(20).iter_rows(named=True)
        ],
        "annex": [
            [n(row[c]) for c in row if c.startswith("n_") and c != "n_withdrawn"]
            for row in form.iter_rows(named=True)
        ],
    }
