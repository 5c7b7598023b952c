"""Each row's dossier key, and what happens to rows sharing one. Definitions: docs/definitions.md,
"Re-uploads and later exports"."""

import hashlib

import polars as pl

DERIVED_PREFIX = "DK-"
# What makes a dossier of a file without a code column: two identical rows are two citizens' requests.
DERIVED_KEY_PARTS = ("unit_id", "received_at_ts", "procedure_name", "due_at_ts")


def _digest(text: str) -> str:
    return DERIVED_PREFIX + hashlib.sha1(text.encode("utf-8")).hexdigest()[:20].upper()


def with_keys(typed: pl.DataFrame, has_code_column: bool) -> pl.DataFrame:
    """dossier_key: the code trimmed and upper-cased; without a code column, a key derived from unit,
    received_at, procedure name, due_at and the row's ordinal among the file's rows with those values,
    so that uploading the same register twice gives the same keys."""
    if has_code_column:
        return typed.with_columns(
            pl.col("dossier_code").str.to_uppercase().alias("dossier_key"),
            pl.lit(False).alias("is_derived_key"),
        )
    ordinal = pl.int_range(1, pl.len() + 1).over(DERIVED_KEY_PARTS)
    parts = typed.select(
        pl.concat_str(
            [pl.col(p).cast(pl.String).fill_null("") for p in DERIVED_KEY_PARTS] + [ordinal.cast(pl.String)],
            separator="|",
        )
    ).to_series()
    keys = pl.Series("dossier_key", [_digest(text) for text in parts.to_list()], dtype=pl.String)
    return typed.with_columns(keys, pl.lit(True).alias("is_derived_key"))


def split_duplicates(kept: pl.DataFrame, fields: list[str]) -> tuple[pl.DataFrame, pl.DataFrame, int]:
    """Rows sharing a key: exact duplicates count once; among conflicting ones the last row wins and the
    others are returned to be rejected. Returns (winners, losers, number of exact duplicates dropped)."""
    repeated = kept["dossier_key"].is_duplicated()
    if not repeated.any():
        return kept, kept.clear(), 0
    content = ["dossier_key", *(f for f in fields if f != "dossier_code")]
    unique_rows = kept.filter(repeated).unique(subset=content, keep="last", maintain_order=True)
    n_exact = int(repeated.sum()) - unique_rows.height
    is_last = pl.col("sheet_row") == pl.col("sheet_row").max().over("dossier_key")
    winners = pl.concat([kept.filter(~repeated), unique_rows.filter(is_last)])
    return winners, unique_rows.filter(~is_last), n_exact
