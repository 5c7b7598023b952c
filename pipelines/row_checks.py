"""Why a row is rejected (kept aside with its reason, never silently dropped), and the rejected rows as
stored: file row, reason, the column at fault as written, a Vietnamese message and the original values
of the mapped fields (personal columns are never mapped). Definitions: docs/definitions.md, "Rows that
are rejected"."""

import polars as pl

from pipelines.file_context import FileContext
from pipelines.headers import HeaderMatch
from pipelines.vocabulary import Vocabulary

NOT_RECEIVED = "not_received"
OUTSIDE_ACCOUNT_UNITS = "outside_account_units"


def reject_reason(context: FileContext) -> pl.Expr:
    """The first failed check's reason code, None for a row that is kept. A date compares by calendar day:
    a result entered with a clock time before the reception time of the same day is kept."""
    received = pl.col("received_at_ts").dt.date()
    checks = [
        ("missing_code", pl.lit(context.has_code_column) & pl.col("dossier_code").is_null()),
        ("missing_received", pl.col("received_at").is_null()),
        ("invalid_received", pl.col("received_at_ts").is_null()),
        ("invalid_due", pl.col("due_at").is_not_null() & pl.col("due_at_ts").is_null()),
        ("invalid_finished", pl.col("finished_at").is_not_null() & pl.col("finished_at_ts").is_null()),
        ("finished_before_received", pl.col("finished_at_ts").dt.date() < received),
        ("due_before_received", pl.col("due_at_ts").dt.date() < received),
        ("missing_unit", pl.lit(context.has_unit_column) & pl.col("unit").is_null()),
        ("unknown_unit", pl.col("unit_id").is_null()),
        (OUTSIDE_ACCOUNT_UNITS, _outside(context.unit_scope)),
    ]
    expr = pl.lit(None, dtype=pl.String)
    for code, condition in reversed(checks):
        expr = pl.when(condition.fill_null(False)).then(pl.lit(code)).otherwise(expr)
    return expr


def _outside(unit_scope: frozenset[str] | None) -> pl.Expr:
    """A row of a unit the uploader's account is not limited to."""
    if unit_scope is None:
        return pl.lit(False)
    return ~pl.col("unit_id").is_in(sorted(unit_scope))


def _messages(vocabulary: Vocabulary) -> pl.Expr:
    expr = pl.lit(None, dtype=pl.String)
    for code, reason in vocabulary.reasons.items():
        template, fields = reason.template
        filled = pl.format(template, *[pl.col(f).fill_null("") for f in fields])
        expr = pl.when(pl.col("reason_code") == code).then(filled).otherwise(expr)
    return expr


def rejects_frame(rejected: pl.DataFrame, header: HeaderMatch, vocabulary: Vocabulary) -> pl.DataFrame:
    """Rows of the rejects table. The original values are JSON keyed by each field's Vietnamese label."""
    labels = vocabulary.field_labels_vi
    values = pl.struct([pl.col(f).alias(labels[f]) for f in header.columns]).struct.json_encode()
    column_name = pl.col("reason_code").replace_strict(
        {code: header.names.get(reason.field) for code, reason in vocabulary.reasons.items()},
        default=None,
        return_dtype=pl.String,
    )
    # Another unit's row is not this uploader's to see again: its reason and row number only.
    is_own = pl.col("reason_code") != OUTSIDE_ACCOUNT_UNITS
    return rejected.rechunk().select(
        pl.col("sheet_row").cast(pl.Int32),
        "reason_code",
        column_name.alias("column_name"),
        _messages(vocabulary).alias("message_vi"),
        pl.when(~pl.col("is_derived_key") & is_own).then(pl.col("dossier_key")).alias("dossier_code"),
        pl.when(is_own).then(values).alias("original_values"),
    )
