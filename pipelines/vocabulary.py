"""The ingest vocabulary, as data: header spellings, status and value phrases, personal-column names,
and the reasons a row is rejected, skipped or flagged, with their Vietnamese labels.

The built-in lists are in definitions/ (part of the product); a city adds spellings and phrases in the
same-named files of its catalogue folder. Personal-column names can be added there, never removed
(Nghị định 13/2023/NĐ-CP). Definitions: docs/definitions.md.
"""

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from pipelines.settings import DEFINITIONS_DIR
from pipelines.text import fold

# The fields a file must have a column for (cells of due_at may be empty); the others may come from
# file-level context (unit, lĩnh vực, code) or be absent.
REQUIRED_FIELDS = ("procedure_name", "received_at", "due_at")
STATUS_KINDS = ("not_received", "withdrawn", "finished", "open")
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


@dataclass(frozen=True)
class Reason:
    code: str
    kind: str  # reject / skip / flag
    field: str | None  # the canonical field at fault, when one is
    label_vi: str  # short, for lists and counts
    message_vi: str  # a row's message; {field} is filled with that field's text as written
    hint_vi: str  # what to do about it, for the file's summary

    @property
    def template(self) -> tuple[str, tuple[str, ...]]:
        """The message with '{}' placeholders, and the fields that fill them in order."""
        return _PLACEHOLDER.sub("{}", self.message_vi), tuple(_PLACEHOLDER.findall(self.message_vi))


@dataclass(frozen=True)
class Vocabulary:
    header_fields: dict[str, tuple[str, int]]  # folded spelling -> (field, priority: 1 wins over 2)
    field_labels_vi: dict[str, str]  # field -> its first spelling, for messages
    status_phrases: dict[str, str]  # folded phrase -> status kind
    value_phrases: dict[str, dict[str, str]]  # field -> folded phrase -> code
    personal_exact: frozenset[str]  # folded header names
    personal_words: tuple[str, ...]  # folded words that make any header personal
    reasons: dict[str, Reason]

    def is_personal(self, header: str) -> bool:
        key = fold(header)
        padded = f" {key} "
        return key in self.personal_exact or any(f" {word} " in padded for word in self.personal_words)

    def reasons_of(self, kind: str) -> dict[str, Reason]:
        return {code: reason for code, reason in self.reasons.items() if reason.kind == kind}

    def status_kind(self, raw: str | None) -> str | None:
        """not_received / withdrawn / finished / open by the longest status phrase in the text; None."""
        return longest_phrase(raw, self.status_phrases)

    def code(self, field: str, raw: str | None, unmatched: str | None = None) -> str | None:
        """A value's code by its longest phrase (channel, rating, service_level, outcome_reported,
        payment_method); `unmatched` for a value no phrase matches; None for an empty cell."""
        if not (raw or "").strip():
            return None
        return longest_phrase(raw, self.value_phrases[field]) or unmatched

    def is_yes(self, raw: str | None) -> bool:
        """Yes when the value is a yes phrase or starts with one ("Có …", "Đã đồng bộ"); else no."""
        key = _phrase_key(raw or "")
        return any(key == phrase or key.startswith(f"{phrase} ") for phrase in self.value_phrases["yes"])


def _rows(folder: Path, name: str) -> list[dict[str, str]]:
    path = folder / name
    if not path.exists():
        return []
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(handle)]


def _both(city_folder: Path, name: str) -> list[dict[str, str]]:
    """The built-in rows, then the city's additions."""
    return _rows(DEFINITIONS_DIR, name) + _rows(city_folder, name)


def load_vocabulary(city_folder: Path) -> Vocabulary:
    headers = _both(city_folder, "header_spellings.csv")
    header_fields: dict[str, tuple[str, int]] = {}
    labels: dict[str, str] = {}
    for row in headers:
        header_fields.setdefault(fold(row["spelling"]), (row["field"], int(row["priority"] or 1)))
        labels.setdefault(row["field"], row["spelling"])
    values: dict[str, dict[str, str]] = {}
    for row in _both(city_folder, "value_phrases.csv"):
        values.setdefault(row["field"], {})[_phrase_key(row["phrase"])] = row["code"]
    personal = _both(city_folder, "personal_columns.csv")
    reasons = {
        row["code"]: Reason(
            row["code"], row["kind"], row["field"] or None, row["label_vi"], row["message_vi"], row["hint_vi"]
        )
        for row in _rows(DEFINITIONS_DIR, "ingest_reasons.csv")
    }
    return Vocabulary(
        header_fields=header_fields,
        field_labels_vi=labels,
        status_phrases={
            fold(r["phrase"]): r["status_kind"] for r in _both(city_folder, "status_phrases.csv")
        },
        value_phrases=values,
        personal_exact=frozenset(fold(r["spelling"]) for r in personal if r["match"] == "exact"),
        personal_words=tuple(fold(r["spelling"]) for r in personal if r["match"] == "contains"),
        reasons=reasons,
    )


def _phrase_key(phrase: str) -> str:
    """Tick marks fold to nothing, so they keep their own key."""
    return fold(phrase) or phrase.strip()


def longest_phrase(raw: str | None, phrases: dict[str, str]) -> str | None:
    """The code of the longest phrase found in `raw` as whole words, after folding; None if none is."""
    key = _phrase_key(raw or "")
    padded = f" {key} "
    found = [phrase for phrase in phrases if f" {phrase} " in padded]
    return phrases[max(found, key=len)] if found else None
