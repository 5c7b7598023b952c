"""Vietnamese display formats: 1.234, 95,3 %, dd/mm/yyyy, and "—" for a value that does not exist."""

import datetime as dt
import math
import operator
import re

import polars as pl

from pipelines.labels import UNDEFINED as EMPTY
from pipelines.labels import format_count_vi, format_rate_vi

# The marks that start a link, an image, raw HTML, emphasis, a Streamlit :color[…] directive or LaTeX;
# a backslash before one shows the mark itself (CommonMark). Other punctuation (": ", "2.042", "(46 %)")
# stays as written, so titles read the same in the page's source.
_MARKDOWN_SYNTAX = re.compile(r"([\\`*_\[\]<>$~|#@])")
# Bare web addresses, which GFM turns into links: https://… and www.…
_BARE_LINK = re.compile(r"(?i):(?=//)|(?<=\bwww)\.")


def md(text: object) -> str:
    """Text from the URL or the data as literal text in Markdown (titles, captions, button labels): a
    `[link](…)`, `![](image)` or bare address in it is shown, never followed or fetched."""
    escaped = _MARKDOWN_SYNTAX.sub(r"\\\1", str(text)).replace("\n", " ")
    return _BARE_LINK.sub(lambda mark: "\\" + mark.group(0), escaped)


# 0.953 → "95,3 %"; an empty denominator gives None, shown as "—" (never 0 % or 100 %).
percent = format_rate_vi


_MEETS = {">": operator.gt, ">=": operator.ge, "<": operator.lt, "<=": operator.le}


def percent_against(value: float | None, comparison: str | None, target_value: float | None) -> str:
    """A rate beside its target, one decimal as `percent`, except where rounding would contradict the
    badge (met / not met, decided on the unrounded value): then it is cut toward the badge's side. 94,96 %
    against "> 95 %" (not met) reads "94,9 %", never "95,0 %"; 95,01 % against "> 95 %" (met) reads
    "95,1 %"."""
    shown = percent(value)
    meets = _MEETS.get(comparison or "")
    if value is None or target_value is None or meets is None:
        return shown
    is_met = meets(value, target_value)
    rounded = float(shown.removesuffix(" %").replace(",", ".")) / 100
    # a value not met that rounds onto the target reads as met (unless it is the target itself)
    onto_target = math.isclose(rounded, target_value) and not math.isclose(value, target_value)
    if meets(rounded, target_value) == is_met and not (onto_target and not is_met):
        return shown
    tenths = round(value * 1000, 6)  # binary noise off before cutting
    higher_is_better = comparison in (">", ">=")
    cut = math.ceil(tenths) if is_met == higher_is_better else math.floor(tenths)
    return percent(cut / 1000)


def number(value: int | float | None) -> str:
    """1234 → "1.234"."""
    return EMPTY if value is None else format_count_vi(int(value))


def signed(value: int | float | None) -> str | None:
    """A change of a count, signed: 12 → "+12", -1234 → "-1.234"; None when not comparable."""
    if value is None:
        return None
    return ("-" if value < 0 else "+") + number(abs(value))


def points(delta: float | None) -> str | None:
    """A change of rate in percentage points, signed: 0.012 → "+1,2 điểm %"; None when not comparable."""
    if delta is None:
        return None
    return f"{delta * 100:+.1f}".replace(".", ",") + " điểm %"


def in_sentence(label: str) -> str:
    """A period's label inside a sentence: "Quý I/2023" → "quý I/2023" (its numerals kept)."""
    return label[:1].lower() + label[1:]


def capitalised(text: str) -> str:
    """Its first letter upper-case, the rest as written ("xem tỷ lệ ĐH" → "Xem tỷ lệ ĐH", which
    str.capitalize would lower)."""
    return text[:1].upper() + text[1:]


def date(value: dt.date | dt.datetime | None) -> str:
    if value is None:
        return EMPTY
    return value.strftime("%d/%m/%Y")


def datetime(value: dt.datetime | None) -> str:
    if value is None:
        return EMPTY
    return value.strftime("%d/%m/%Y %H:%M")


def display_table(
    frame: pl.DataFrame, labels: dict[str, str], rates: tuple[str, ...] = (), counts: tuple[str, ...] = ()
) -> pl.DataFrame:
    """Only the labelled columns, renamed to their Vietnamese headers; numbers, dates as Vietnamese text."""

    def shown(name: str) -> pl.Expr:
        column = pl.col(name)
        dtype = frame.schema[name]
        if name in rates:
            return column.map_elements(percent, return_dtype=pl.String, skip_nulls=False)
        if name in counts:
            return column.map_elements(number, return_dtype=pl.String, skip_nulls=False)
        if dtype == pl.Date:
            return column.map_elements(date, return_dtype=pl.String, skip_nulls=False)
        if isinstance(dtype, pl.Datetime):
            return column.map_elements(datetime, return_dtype=pl.String, skip_nulls=False)
        return column

    return frame.select(shown(name).alias(label) for name, label in labels.items())
