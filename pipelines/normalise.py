"""From a text grid and its header to typed dossier rows, rejected rows (with reasons) and skipped rows."""

import datetime as dt
import json
import re
from dataclasses import dataclass, field

import polars as pl

from pipelines.catalogues import Catalogues
from pipelines.headers import FIELD_LABELS_VI, HeaderMatch
from pipelines.parse import (
    channel_code,
    is_withdrawn_status,
    outcome_code,
    parse_datetime_series,
    rating_code,
    service_level_code,
    yes_no,
)
from pipelines.read_export import SHEET_ROW
from pipelines.settings import IngestSettings
from pipelines.text import fold, nfc, unit_key

MISSING_SECTOR = "(Không ghi lĩnh vực)"
DATE_FIELDS = ("received_at", "due_at", "finished_at")
TOTALS_PATTERN = r"(?i)^\s*(tổng cộng|tổng số|tổng|cộng)\b"
_AS_OF = re.compile(r"den ngay (\d{1,2}) (\d{1,2}) (\d{4})")

# Reason code -> Vietnamese message template ({} filled from the row).
REJECT_REASONS_VI = {
    "missing_code": "Thiếu mã hồ sơ.",
    "missing_received": "Thiếu ngày tiếp nhận.",
    "invalid_received": "Ngày tiếp nhận «{}» không phải ngày hợp lệ (dd/mm/yyyy).",
    "invalid_due": "Ngày hẹn trả «{}» không phải ngày hợp lệ (dd/mm/yyyy).",
    "invalid_finished": "Ngày có kết quả «{}» không phải ngày hợp lệ (dd/mm/yyyy).",
    "finished_before_received": "Ngày có kết quả «{}» trước ngày tiếp nhận «{}».",
    "due_before_received": "Ngày hẹn trả «{}» trước ngày tiếp nhận «{}».",
    "unknown_unit": "Đơn vị «{}» không có trong danh mục đơn vị (catalogues/units.csv).",
    "duplicate_conflict": "Mã hồ sơ «{}» lặp lại với nội dung khác trong cùng tệp; giữ dòng cuối cùng.",
}
REASON_FIELD = {
    "missing_code": "dossier_code",
    "missing_received": "received_at",
    "invalid_received": "received_at",
    "invalid_due": "due_at",
    "invalid_finished": "finished_at",
    "finished_before_received": "finished_at",
    "due_before_received": "due_at",
    "unknown_unit": "unit",
    "duplicate_conflict": "dossier_code",
}


@dataclass
class Normalised:
    dossiers: pl.DataFrame  # DOSSIER_COLUMNS + source_row
    rejects: pl.DataFrame  # sheet_row, reason_code, column_name, message_vi, dossier_code, original_values
    skipped_by_reason: dict[str, int] = field(default_factory=dict)
    n_read: int = 0
    as_of_date: dt.date | None = None


def _map_unique(frame: pl.DataFrame, column: str, func, dtype) -> pl.Expr:
    """Apply a Python mapping to the few distinct values of a column, not to every row."""
    values = frame[column].unique().to_list()
    mapping = {v: func(v) for v in values if v is not None}
    return pl.col(column).replace_strict(mapping, default=func(""), return_dtype=dtype)


def _data_rows(grid: pl.DataFrame, header: HeaderMatch) -> pl.DataFrame:
    fields = {f: pl.col(c).str.strip_chars() for f, c in header.columns.items()}
    rows = grid.filter(pl.col(SHEET_ROW) > header.header_rows[-1])
    return rows.select(pl.col(SHEET_ROW), *[expr.replace("", None).alias(f) for f, expr in fields.items()])


def _skip_blank_and_totals(
    rows: pl.DataFrame, grid: pl.DataFrame, header: HeaderMatch
) -> tuple[pl.DataFrame, dict[str, int]]:
    """Totals rows ("Tổng cộng" in any cell, no dossier code) and blank rows are skipped, not rejected."""
    codeless = rows.filter(pl.col("dossier_code").is_null())[SHEET_ROW]
    text_cells = [c for c in grid.columns if c not in header.personal_columns and c != SHEET_ROW]
    # Two steps so that the text test runs on the few codeless rows only.
    candidates = grid.filter(pl.col(SHEET_ROW).is_in(codeless.implode()))
    totals_rows = candidates.filter(
        pl.any_horizontal(pl.col(c).str.normalize("NFC").str.contains(TOTALS_PATTERN) for c in text_cells)
    )[SHEET_ROW]
    is_totals = pl.col(SHEET_ROW).is_in(totals_rows.implode())
    is_blank = pl.all_horizontal([pl.col(f).is_null() for f in header.columns]) & ~is_totals
    skipped = {"totals": totals_rows.len(), "blank": rows.filter(is_blank).height}
    kept = rows.filter(~is_blank & ~is_totals)
    return kept, {k: v for k, v in skipped.items() if v}


def _match_units(rows: pl.DataFrame, catalogues: Catalogues) -> pl.DataFrame:
    """Unit text → unit_id of the unit with that name on the received date (names are reused over time)."""
    keyed = rows.with_columns(_map_unique(rows, "unit", unit_key, pl.String).alias("unit_match_key"))
    aliases = catalogues.unit_aliases
    shared = aliases["match_key"].is_duplicated()
    single, reused = aliases.filter(~shared), aliases.filter(shared)
    received = pl.col("received_at_ts").dt.date()

    def valid(valid_from: pl.Expr, valid_to: pl.Expr) -> pl.Expr:
        started = valid_from.is_null() | (valid_from <= received)
        return started & (valid_to.is_null() | (valid_to >= received))

    def lookup(column: str) -> pl.Expr:
        return pl.col("unit_match_key").replace_strict(
            single["match_key"], single[column], default=None, return_dtype=single[column].dtype
        )

    in_force = valid(lookup("valid_from"), lookup("valid_to"))
    keyed = keyed.with_columns(pl.when(in_force).then(lookup("unit_id")).alias("unit_id"))
    if reused.height:
        by_date = (
            keyed.filter(pl.col("unit_match_key").is_in(reused["match_key"].implode()))
            .select(SHEET_ROW, "unit_match_key", "received_at_ts")
            .join(reused, left_on="unit_match_key", right_on="match_key")
            .filter(valid(pl.col("valid_from"), pl.col("valid_to")))
            .unique(subset=[SHEET_ROW], keep="first", maintain_order=True)
            .select(SHEET_ROW, pl.col("unit_id").alias("dated_unit_id"))
        )
        keyed = (
            keyed.join(by_date, on=SHEET_ROW, how="left")
            .with_columns(pl.coalesce("unit_id", "dated_unit_id").alias("unit_id"))
            .drop("dated_unit_id")
        )
    return keyed.drop("unit_match_key")


def _sector_names(rows: pl.DataFrame, catalogues: Catalogues) -> pl.Expr:
    by_key = dict(zip(catalogues.sector_aliases["match_key"], catalogues.sector_aliases["name"], strict=True))

    def canonical(raw: str) -> str:
        return by_key.get(fold(raw), nfc(raw) or MISSING_SECTOR)

    return _map_unique(rows, "sector", canonical, pl.String)


def _typed(rows: pl.DataFrame, catalogues: Catalogues, settings: IngestSettings) -> pl.DataFrame:
    def in_range(expr: pl.Expr) -> pl.Expr:
        return pl.when(expr.dt.year().is_between(settings.min_year, settings.max_year)).then(expr)

    present = set(rows.columns)
    optional = (
        "procedure_code",
        "finished_at",
        "channel",
        "service_level",
        "rating",
        "synced",
        "apology",
        "outcome_reported",
    )
    rows = rows.with_columns(pl.lit(None, dtype=pl.String).alias(n) for n in optional if n not in present)
    # NFC on the few distinct values of the stored text columns, not on every cell.
    rows = rows.with_columns(
        _map_unique(rows, n, nfc, pl.String).replace("", None).alias(n)
        for n in ("procedure_code", "procedure_name", "status")
    ).with_columns(parse_datetime_series(rows[f]).alias(f"{f}_ts") for f in DATE_FIELDS)
    typed = rows.with_columns(
        *[in_range(pl.col(f"{f}_ts")).alias(f"{f}_ts") for f in DATE_FIELDS],
        pl.col("dossier_code").str.to_uppercase().alias("dossier_key"),
        _sector_names(rows, catalogues).alias("sector_name"),
        _map_unique(rows, "status", is_withdrawn_status, pl.Boolean).alias("is_withdrawn"),
        _map_unique(rows, "channel", channel_code, pl.String).alias("channel_code"),
        _map_unique(rows, "service_level", service_level_code, pl.String).alias("service_level_code"),
        _map_unique(rows, "rating", rating_code, pl.String).alias("rating_code"),
        *[
            (
                _map_unique(rows, n, yes_no, pl.Boolean) if n in present else pl.lit(None, dtype=pl.Boolean)
            ).alias(f"is_{n}")
            for n in ("synced", "apology")
        ],
        _map_unique(rows, "outcome_reported", outcome_code, pl.String).alias("outcome_code"),
    )
    return _match_units(typed, catalogues)


def _reject_reason() -> pl.Expr:
    received_date = pl.col("received_at_ts").dt.date()
    checks = [
        ("missing_code", pl.col("dossier_code").is_null()),
        ("missing_received", pl.col("received_at").is_null()),
        ("invalid_received", pl.col("received_at_ts").is_null()),
        ("invalid_due", pl.col("due_at").is_not_null() & pl.col("due_at_ts").is_null()),
        ("invalid_finished", pl.col("finished_at").is_not_null() & pl.col("finished_at_ts").is_null()),
        ("finished_before_received", pl.col("finished_at_ts") < pl.col("received_at_ts")),
        ("due_before_received", pl.col("due_at_ts").dt.date() < received_date),
        ("unknown_unit", pl.col("unit_id").is_null()),
    ]
    expr = pl.lit(None, dtype=pl.String)
    for code, condition in reversed(checks):
        expr = pl.when(condition.fill_null(False)).then(pl.lit(code)).otherwise(expr)
    return expr


def _reject_message() -> pl.Expr:
    args = {
        "invalid_received": ["received_at"],
        "invalid_due": ["due_at"],
        "invalid_finished": ["finished_at"],
        "finished_before_received": ["finished_at", "received_at"],
        "due_before_received": ["due_at", "received_at"],
        "unknown_unit": ["unit"],
        "duplicate_conflict": ["dossier_code"],
    }
    expr = pl.lit(None, dtype=pl.String)
    for code, template in REJECT_REASONS_VI.items():
        filled = pl.format(template, *[pl.col(a).fill_null("") for a in args.get(code, [])])
        expr = pl.when(pl.col("reason_code") == code).then(filled).otherwise(expr)
    return expr


def _split_duplicates(valid: pl.DataFrame, fields: list[str]) -> tuple[pl.DataFrame, pl.DataFrame, int]:
    """Exact duplicate rows count once; among conflicting ones the last row wins, the others are rejected."""
    repeated = valid["dossier_key"].is_duplicated()
    if not repeated.any():
        return valid, valid.clear().with_columns(pl.lit(None, dtype=pl.String).alias("reason_code")), 0
    content = ["dossier_key", *(f for f in fields if f != "dossier_code")]
    unique_rows = valid.filter(repeated).unique(subset=content, keep="last", maintain_order=True)
    n_exact = int(repeated.sum()) - unique_rows.height
    is_last = pl.col(SHEET_ROW) == pl.col(SHEET_ROW).max().over("dossier_key")
    winners = pl.concat([valid.filter(~repeated), unique_rows.filter(is_last)])
    losers = unique_rows.filter(~is_last).with_columns(pl.lit("duplicate_conflict").alias("reason_code"))
    return winners, losers, n_exact


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
    "is_withdrawn": pl.col("is_withdrawn"),
    "channel": pl.col("channel_code"),
    "service_level": pl.col("service_level_code"),
    "rating": pl.col("rating_code"),
    "is_synced": pl.col("is_synced"),
    "has_apology": pl.col("is_apology"),
    "outcome_reported": pl.col("outcome_code"),
}


def _rejects_frame(rejected: pl.DataFrame, header: HeaderMatch) -> pl.DataFrame:
    mapped = list(header.columns)
    values_json = pl.struct([pl.col(f).alias(FIELD_LABELS_VI[f]) for f in mapped]).map_elements(
        lambda v: json.dumps(v, ensure_ascii=False), return_dtype=pl.String
    )
    column_name = pl.col("reason_code").replace_strict(
        {code: header.names.get(f) for code, f in REASON_FIELD.items()}, default=None, return_dtype=pl.String
    )
    return rejected.select(
        pl.col(SHEET_ROW).cast(pl.Int32),
        "reason_code",
        column_name.alias("column_name"),
        _reject_message().alias("message_vi"),
        pl.col("dossier_key").alias("dossier_code"),
        values_json.alias("original_values"),
    )


def title_as_of(title_lines: tuple[str, ...]) -> dt.date | None:
    """The "đến ngày dd/mm/yyyy" of the title rows."""
    for line in title_lines:
        match = _AS_OF.search(fold(line))
        if match:
            day, month, year = (int(g) for g in match.groups())
            try:
                return dt.date(year, month, day)
            except ValueError:
                return None
    return None


def normalise(
    grid: pl.DataFrame,
    header: HeaderMatch,
    catalogues: Catalogues,
    settings: IngestSettings,
) -> Normalised:
    rows = _data_rows(grid, header)
    kept, skipped = _skip_blank_and_totals(rows, grid, header)
    typed = _typed(kept, catalogues, settings).with_columns(_reject_reason().alias("reason_code"))
    valid = typed.filter(pl.col("reason_code").is_null())
    winners, conflicting, n_exact = _split_duplicates(valid, list(header.columns))
    if n_exact:
        skipped["exact_duplicate"] = n_exact
    rejected = pl.concat([typed.filter(pl.col("reason_code").is_not_null()), conflicting]).sort(SHEET_ROW)
    dossiers = winners.select(
        *[e.alias(name) for name, e in DOSSIER_COLUMNS.items()], pl.col(SHEET_ROW).alias("source_row")
    )
    as_of = title_as_of(header.title_lines)
    if as_of is None and dossiers.height:
        as_of = dossiers.select(
            pl.max_horizontal(pl.col("received_at").max(), pl.col("finished_at").max()).dt.date()
        ).item()
    return Normalised(
        dossiers=dossiers,
        rejects=_rejects_frame(rejected, header),
        skipped_by_reason=skipped,
        n_read=rows.height,
        as_of_date=as_of,
    )
