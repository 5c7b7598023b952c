"""From the text cells of the data rows to typed values: dates, NFC text, the status kind, coded values,
the lĩnh vực and the unit of each row. Python functions run on the few distinct values of a column,
never on every row. Definitions: docs/definitions.md, "Values" and "File-level context"."""

import polars as pl

from pipelines.catalogues import Catalogues
from pipelines.file_context import UNDETERMINED_SECTOR, FileContext
from pipelines.parse import parse_datetime_series
from pipelines.settings import IngestSettings
from pipelines.text import fold, nfc, unit_key
from pipelines.vocabulary import Vocabulary

DATE_FIELDS = ("received_at", "due_at", "finished_at")
TEXT_FIELDS = (
    "dossier_code",
    "procedure_name",
    "procedure_code",
    "sector",
    "unit",
    "received_at",
    "due_at",
    "finished_at",
    "status",
    "channel",
    "service_level",
    "rating",
    "synced",
    "apology",
    "has_e_result",
    "is_digitised",
    "is_paid_online",
    "payment_method",
    "outcome_reported",
)
YES_NO_FIELDS = ("synced", "apology", "has_e_result", "is_digitised")


def _map_unique(frame: pl.DataFrame, column: str, func, dtype) -> pl.Expr:
    """Apply a Python mapping to the distinct values of a column, not to every row."""
    mapping = {v: func(v) for v in frame[column].unique().to_list() if v is not None}
    return pl.col(column).replace_strict(mapping, default=func(None), return_dtype=dtype)


def _coded(frame: pl.DataFrame, field: str, vocabulary: Vocabulary, unmatched: str | None) -> pl.Expr:
    return _map_unique(frame, field, lambda raw: vocabulary.code(field, raw, unmatched), pl.String)


def _catalogue_code(rows: pl.DataFrame, catalogues: Catalogues) -> pl.Expr:
    """The procedure catalogue's code of each row: its own code when the catalogue has it, else the code of
    the catalogue procedure with the same name (case, diacritics and spacing ignored)."""
    procedures = catalogues.procedures
    codes = set(procedures["procedure_code"])
    by_name = {
        fold(name): code for code, name in procedures.select("procedure_code", "procedure_name").iter_rows()
    }
    named = _map_unique(rows, "procedure_name", lambda raw: by_name.get(fold(raw or "")), pl.String)
    return (
        pl.when(pl.col("procedure_code").is_in(list(codes))).then(pl.col("procedure_code")).otherwise(named)
    )


def _sector_names(rows: pl.DataFrame, context: FileContext, catalogues: Catalogues) -> pl.Expr:
    """The column's lĩnh vực (the catalogue's name for a known alias, else as written); where the file has
    none (no column, or an empty cell): the procedure catalogue's (by code, else by name); else a section
    row's or the title's; else "Chưa xác định"."""
    by_alias = dict(
        zip(catalogues.sector_aliases["match_key"], catalogues.sector_aliases["name"], strict=True)
    )

    def canonical(raw: str | None) -> str | None:
        return by_alias.get(fold(raw), nfc(raw)) if raw else None

    written = (
        _map_unique(rows, "sector", canonical, pl.String)
        if context.has_sector_column
        else pl.lit(None, pl.String)
    )
    procedures = catalogues.procedures
    by_code = {
        code: canonical(sector) for code, sector in procedures.select("procedure_code", "sector").iter_rows()
    }
    return pl.coalesce(
        written,
        pl.col("catalogue_code").replace_strict(by_code, default=None, return_dtype=pl.String),
        pl.col("section_sector"),
        pl.lit(context.title_sector, dtype=pl.String),
        pl.lit(UNDETERMINED_SECTOR),
    )


def _paid_online(rows: pl.DataFrame, present: set[str], vocabulary: Vocabulary) -> pl.Expr:
    """A yes/no payment column, else "Hình thức thanh toán" (online when paid through the portal)."""
    if "is_paid_online" in present:
        return _map_unique(rows, "is_paid_online", vocabulary.is_yes, pl.Boolean)
    if "payment_method" in present:
        return _map_unique(
            rows, "payment_method", lambda raw: vocabulary.code("payment_method", raw) == "yes", pl.Boolean
        )
    return pl.lit(None, dtype=pl.Boolean)


def match_units(rows: pl.DataFrame, catalogues: Catalogues) -> pl.DataFrame:
    """Unit text → unit_id of the unit with that name on the received date (names are reused over time)."""
    keyed = rows.with_columns(
        _map_unique(rows, "unit", lambda raw: unit_key(raw or ""), pl.String).alias("unit_key")
    )
    aliases = catalogues.unit_aliases
    shared = aliases["match_key"].is_duplicated()
    single, reused = aliases.filter(~shared), aliases.filter(shared)
    received = pl.col("received_at_ts").dt.date()

    def valid(valid_from: pl.Expr, valid_to: pl.Expr) -> pl.Expr:
        started = valid_from.is_null() | (valid_from <= received)
        return started & (valid_to.is_null() | (valid_to >= received))

    def lookup(column: str) -> pl.Expr:
        return pl.col("unit_key").replace_strict(
            single["match_key"], single[column], default=None, return_dtype=single[column].dtype
        )

    keyed = keyed.with_columns(
        pl.when(valid(lookup("valid_from"), lookup("valid_to"))).then(lookup("unit_id")).alias("unit_id")
    )
    if reused.height:
        by_date = (
            keyed.filter(pl.col("unit_key").is_in(reused["match_key"].implode()))
            .select("row_id", "unit_key", "received_at_ts")
            .join(reused, left_on="unit_key", right_on="match_key")
            .filter(valid(pl.col("valid_from"), pl.col("valid_to")))
            .unique(subset=["row_id"], keep="first", maintain_order=True)
            .select("row_id", pl.col("unit_id").alias("dated_unit_id"))
        )
        keyed = (
            keyed.join(by_date, on="row_id", how="left")
            .with_columns(pl.coalesce("unit_id", "dated_unit_id").alias("unit_id"))
            .drop("dated_unit_id")
        )
    return keyed.drop("unit_key")


def typed_rows(
    rows: pl.DataFrame, context: FileContext, catalogues: Catalogues, settings: IngestSettings
) -> pl.DataFrame:
    """rows: row_id, sheet_row, section_sector and the text of each mapped field. Adds the typed columns."""
    vocabulary = catalogues.vocabulary
    present = set(rows.columns)
    rows = rows.with_columns(pl.lit(None, dtype=pl.String).alias(f) for f in TEXT_FIELDS if f not in present)
    rows = rows.with_columns(
        _map_unique(rows, f, lambda raw: nfc(raw or ""), pl.String).replace("", None).alias(f)
        for f in ("procedure_code", "procedure_name", "status")
    )

    def in_range(expr: pl.Expr) -> pl.Expr:
        return pl.when(expr.dt.year().is_between(settings.min_year, settings.max_year)).then(expr)

    rows = rows.with_columns(_catalogue_code(rows, catalogues).alias("catalogue_code"))
    typed = rows.with_columns(
        pl.coalesce("procedure_code", "catalogue_code").alias("procedure_code"),
        *[in_range(parse_datetime_series(rows[f])).alias(f"{f}_ts") for f in DATE_FIELDS],
        _sector_names(rows, context, catalogues).alias("sector_name"),
        _map_unique(rows, "status", vocabulary.status_kind, pl.String).alias("status_kind"),
        _coded(rows, "channel", vocabulary, "unknown").fill_null("unknown").alias("channel_code"),
        _coded(rows, "service_level", vocabulary, "none").alias("service_level_code"),
        _coded(rows, "rating", vocabulary, None).alias("rating_code"),
        _coded(rows, "outcome_reported", vocabulary, None).alias("outcome_code"),
        *[
            (
                _map_unique(rows, f, vocabulary.is_yes, pl.Boolean)
                if f in present
                else pl.lit(None, pl.Boolean)
            ).alias(f"is_{f}")
            for f in YES_NO_FIELDS
        ],
        _paid_online(rows, present, vocabulary).alias("is_paid_online_flag"),
    )
    if context.has_unit_column:
        return match_units(typed, catalogues)
    return typed.with_columns(pl.lit(context.unit_id, dtype=pl.String).alias("unit_id"))
