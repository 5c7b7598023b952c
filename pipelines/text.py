"""Text normalisation used for every match: headers, units, sectors and coded values."""

import re
import unicodedata

_NON_WORD = re.compile(r"[^0-9a-z]+")
_UNIT_PREFIXES = ("uy ban nhan dan ", "ubnd ")
_UNIT_ABBREVIATIONS = {"p": "phuong", "x": "xa", "tt": "thi tran"}


def nfc(value: str) -> str:
    """Exports arrive in NFC or NFD; everything stored is NFC, trimmed, single-spaced."""
    return " ".join(unicodedata.normalize("NFC", value).split())


def fold(value: str) -> str:
    """Match key: no case, no diacritics (đ → d), punctuation as spaces, single spaces."""
    decomposed = unicodedata.normalize("NFD", value.casefold().replace("đ", "d").replace("Đ", "d"))
    ascii_only = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return _NON_WORD.sub(" ", ascii_only).strip()


def unit_key(value: str) -> str:
    """Match key for a unit: 'UBND P. Lê Lợi', 'Phường Lê Lợi', 'Ủy ban nhân dân phường Le Loi' agree."""
    key = fold(value)
    for prefix in _UNIT_PREFIXES:
        if key.startswith(prefix):
            key = key[len(prefix) :]
    first, _, rest = key.partition(" ")
    if rest and first in _UNIT_ABBREVIATIONS:
        key = f"{_UNIT_ABBREVIATIONS[first]} {rest}"
    return key


_UNPRINTABLE = ("Cc", "Cf", "Zl", "Zp")  # C0 and C1 controls (ESC, NUL, …), bidi overrides, U+2028/9


def printable(text: str) -> str:
    """Text safe for a terminal: control characters (escape sequences, NUL, bidi overrides, …) removed,
    line breaks and tabs kept."""
    return "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch) not in _UNPRINTABLE)
