"""From a text grid and its header to the dossier versions a file holds, its rejected rows (with reasons)
and its skipped rows: the steps in order, each in its own module."""

import datetime as dt
import re
from dataclasses import dataclass, field

import polars as pl

from pipelines.catalogues import Catalogues
from pipelines.dossier_keys import split_duplicates, with_keys
from pipelines.file_context import FileContext, sector_named_in
from pipelines.headers import HeaderMatch
from pipelines.read_export import SHEET_ROW
from pipelines.row_checks import NOT_RECEIVED, reject_reason, rejects_frame
from pipelines.row_values import typed_rows
from pipelines.settings import IngestSettings
from pipelines.text import fold

TOTALS_PATTERN = r"(?i)^\s*(tổng cộng|tổng số|tổng|cộng)\b"
_SECTION_LEAD = re.compile(r"((?:[ivxlc]+|\d+|[a-z]) )?linh vuc\b")  # "I. Lĩnh vực …", "Lĩnh vực: …"
_AS_OF = (
    re.compile(r"den ngay (\d{1,2}) (\d{1,2}) (\d{4})"),
    re.compile(r"den ngay (\d{1,2}) thang (\d{1,2}) nam (\d{4})"),
)

# The dossiers table's content columns, from the typed frame's columns.
DOSSIER_COLUMNS = {
    "dossier_code": pl.col("dossier_key"),
    "procedure_code": pl.col("procedure_code"),
    "procedure_name": pl.col("procedure_name"),
    "sector_name": pl.col("sector_name"),
    "unit_id": pl.col("unit_id"),
    "received_at": pl.col("received_at_ts"),
    "due_at": pl.col("due_at_ts"),
    "finished_at": pl.col("finished_at_ts"),
    "status_text": pl.col("status"),
    "status_kind": pl.col("status_kind"),
    "is_withdrawn": (pl.col("status_kind") == "withdrawn").fill_null(False),
    "channel": pl.col("channel_code"),
    "service_level": pl.col("service_level_code"),
    "rating": pl.col("rating_code"),
    "is_synced": pl.col("is_synced"),
    "has_apology": pl.col("is_apology"),
    "has_e_result": pl.col("is_has_e_result"),
    "is_digitised": pl.col("is_is_digitised"),
    "is_paid_online": pl.col("is_paid_online_flag"),
    "outcome_reported": pl.col("outcome_code"),
    "is_derived_key": pl.col("is_derived_key"),
}


@dataclass
class Normalised:
    dossiers: pl.DataFrame  # DOSSIER_COLUMNS + source_row: received ones and "not received" ones
    rejects: pl.DataFrame  # sheet_row, reason_code, column_name, message_vi, dossier_code, original_values
    skipped_by_reason: dict[str, int] = field(default_factory=dict)
    n_read: int = 0
    as_of_date: dt.date | None = None


def _data_rows(grid: pl.DataFrame, header: HeaderMatch) -> pl.DataFrame:
    fields = {f: pl.col(c).str.strip_chars() for f, c in header.columns.items()}
    rows = grid.filter(pl.col(SHEET_ROW) > header.header_rows[-1])
    return rows.select(
        pl.col(SHEET_ROW), *[expr.replace("", None).alias(f) for f, expr in fields.items()]
    ).with_row_index("row_id")


def _text_cells(grid: pl.DataFrame, header: HeaderMatch) -> list[str]:
    return [c for c in grid.columns if c not in header.personal_columns and c != SHEET_ROW]


def _section_rows(candidates: pl.DataFrame, header: HeaderMatch, catalogues: Catalogues) -> pl.DataFrame:
    """Rows holding only "Lĩnh vực: …" (a merged cell across the table): sheet_row and the lĩnh vực named."""
    cells = _text_cells(candidates, header)
    texts = candidates.select(
        SHEET_ROW,
        pl.concat_list([pl.col(c).str.strip_chars() for c in cells])
        .list.drop_nulls()
        .list.eval(pl.element().filter(pl.element() != ""))
        .alias("texts"),
    ).filter(pl.col("texts").list.len() == 1)
    named = [
        (sheet_row, sector_named_in(texts[0], catalogues))
        for sheet_row, texts in texts.iter_rows()
        if _SECTION_LEAD.match(fold(texts[0]))
    ]
    return pl.DataFrame(
        [row for row in named if row[1]],
        schema={SHEET_ROW: pl.Int64, "section_sector": pl.String},
        orient="row",
    )


def _skip_rows(
    rows: pl.DataFrame, grid: pl.DataFrame, header: HeaderMatch, catalogues: Catalogues
) -> tuple[pl.DataFrame, dict[str, int]]:
    """Totals rows ("Tổng cộng" in a cell, no received date), section rows ("Lĩnh vực: Hộ tịch",
    whose lĩnh vực applies to the rows below) and blank rows are skipped, not rejected."""
    # Both kinds hold no date; their words may stand in any column, the code's or the STT's included.
    undated = rows.filter(pl.col("received_at").is_null())[SHEET_ROW]
    candidates = grid.filter(pl.col(SHEET_ROW).is_in(undated.implode()))
    totals_rows = candidates.filter(
        pl.any_horizontal(
            pl.col(c).str.normalize("NFC").str.contains(TOTALS_PATTERN) for c in _text_cells(grid, header)
        )
    )[SHEET_ROW]
    sections = _section_rows(candidates, header, catalogues)
    rows = rows.join(sections, on=SHEET_ROW, how="left").with_columns(
        pl.col("section_sector").forward_fill(),
        pl.col(SHEET_ROW).is_in(sections[SHEET_ROW].implode()).alias("is_section"),
    )
    is_totals = pl.col(SHEET_ROW).is_in(totals_rows.implode())
    is_blank = (
        pl.all_horizontal([pl.col(f).is_null() for f in header.columns]) & ~is_totals & ~pl.col("is_section")
    )
    skipped = {
        "totals": totals_rows.len(),
        "section": sections.height,
        "blank": rows.filter(is_blank).height,
    }
    kept = rows.filter(~is_blank & ~is_totals & ~pl.col("is_section")).drop("is_section")
    return kept, skipped


def title_as_of(title_lines: tuple[str, ...]) -> dt.date | None:
    """The "đến ngày dd/mm/yyyy" (or "đến ngày d tháng m năm yyyy") of the title rows."""
    for line in title_lines:
        for pattern in _AS_OF:
            match = pattern.search(fold(line))
            if match:
                day, month, year = (int(g) for g in match.groups())
                try:
                    return dt.date(year, month, day)
                except ValueError:
                    return None
    return None


def _latest_date(typed: pl.DataFrame) -> dt.date | None:
    """The latest received or finished date of the file's rows (when its title gives no as-of date)."""
    return typed.select(
        pl.max_horizontal(pl.col("received_at_ts").max(), pl.col("finished_at_ts").max()).dt.date()
    ).item()


def normalise(
    grid: pl.DataFrame,
    header: HeaderMatch,
    context: FileContext,
    catalogues: Catalogues,
    settings: IngestSettings,
) -> Normalised:
    rows = _data_rows(grid, header)
    kept, skipped = _skip_rows(rows, grid, header, catalogues)
    typed = typed_rows(kept, context, catalogues, settings)
    typed = with_keys(typed, context.has_code_column).with_columns(
        reject_reason(context).alias("reason_code")
    )
    # A "not received" dossier is skipped, never in a KPI; its version is stored all the same, so that it
    # replaces an earlier received version of the same dossier, as any later version does.
    not_received = pl.col("status_kind") == NOT_RECEIVED
    unkeyed = not_received & pl.col("dossier_key").is_null()
    typed = typed.with_columns(
        pl.when(not_received).then(None).otherwise(pl.col("reason_code")).alias("reason_code")
    )
    stored = typed.filter(pl.col("reason_code").is_null() & ~unkeyed)
    if context.has_code_column:
        winners, conflicting, n_exact = split_duplicates(stored, list(header.columns))
    else:  # every row of a file without codes is its own dossier
        winners, conflicting, n_exact = stored, stored.clear(), 0
    skipped["exact_duplicate"] = n_exact
    skipped[NOT_RECEIVED] = typed.filter(not_received).height
    conflicting = conflicting.with_columns(pl.lit("duplicate_conflict").alias("reason_code"))
    rejected = pl.concat([typed.filter(pl.col("reason_code").is_not_null()), conflicting]).sort(SHEET_ROW)
    dossiers = winners.select(
        *[e.alias(name) for name, e in DOSSIER_COLUMNS.items()], pl.col(SHEET_ROW).alias("source_row")
    )
    return Normalised(
        dossiers=dossiers,
        rejects=rejects_frame(rejected, header, catalogues.vocabulary),
        skipped_by_reason={k: v for k, v in skipped.items() if v},
        n_read=rows.height,
        as_of_date=title_as_of(header.title_lines) or _latest_date(typed),
    )
