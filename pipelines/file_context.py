"""File-level context for exports without a unit, lĩnh vực or code column (registers of one unit, vendor
lists): what the uploader chose, or what the title lines say. A column in the file always wins.
Definitions: docs/definitions.md, "File-level context"."""

import re
from dataclasses import dataclass

from pipelines.catalogues import Catalogues
from pipelines.errors import ExportFormatError
from pipelines.headers import HeaderMatch
from pipelines.text import fold, nfc, unit_key

UNDETERMINED_SECTOR = "Chưa xác định"
_SECTOR_LEAD = re.compile(r"l[iìíỉĩị]nh\s+v[uùúủũụưừứửữự]c\b\s*[:\-–]?\s*", re.IGNORECASE)
_SECTOR_END = re.compile(r"\s+-\s|[\n(\[;,–]|\bt[ừu] ng[àa]y\b|\bđến ng[àa]y\b", re.IGNORECASE)
_LEVEL_WORDS = {"ward": ("phuong", "p"), "commune": ("xa", "x")}


@dataclass(frozen=True)
class UploadChoice:
    """What the uploader said about a file: the unit (a catalogue name, alias or id) for a file without a
    unit column. Recorded with the archived copy and replayed by a rebuild."""

    unit: str | None = None

    def as_dict(self) -> dict[str, str | None]:
        return {"unit": self.unit}


@dataclass(frozen=True)
class FileContext:
    unit_id: str | None  # the unit of every row, when the file has no unit column
    has_unit_column: bool
    has_sector_column: bool
    has_code_column: bool
    title_sector: str | None  # a lĩnh vực named by the title lines
    used_choice: bool  # whether the uploader's unit choice was needed (a different choice corrects the file)
    unit_scope: frozenset[str] | None = None  # the units the uploader may load (None: every unit)


def choice_unit_id(text: str, catalogues: Catalogues) -> str:
    """A unit given by the uploader: its id, canonical name or an alias."""
    wanted = text.strip()
    if wanted in set(catalogues.units["unit_id"]):
        return wanted
    aliases = catalogues.unit_aliases.filter(catalogues.unit_aliases["match_key"] == unit_key(wanted))
    if aliases.is_empty():
        raise ExportFormatError(
            f"Đơn vị «{wanted}» không có trong danh mục đơn vị (catalogues/units.csv): hãy chọn một đơn vị "
            "trong danh mục, hoặc thêm tên này làm bí danh."
        )
    return aliases["unit_id"][0]


def _unit_phrases(catalogues: Catalogues) -> dict[str, str]:
    """Folded phrases that name a unit in a title line → unit_id. Names that are also a lĩnh vực ("Tư pháp",
    "Y tế") are left out: a title's "lĩnh vực Tư pháp" names a sector, not Phòng Tư pháp."""
    sector_keys = set(catalogues.sector_aliases["match_key"])
    levels = dict(zip(catalogues.units["unit_id"], catalogues.units["level"], strict=True))
    phrases: dict[str, str] = {}
    for unit_id, alias in catalogues.unit_aliases.select("unit_id", "alias").iter_rows():
        key = fold(alias)
        if key in sector_keys:
            continue
        phrases[key] = unit_id
        words = _LEVEL_WORDS.get(levels.get(unit_id, ""))
        first, _, rest = key.partition(" ")
        if words and first in words and rest:
            phrases.update({f"{word} {rest}": unit_id for word in words})
    return phrases


def _sector_span(text: str) -> tuple[int, int] | None:
    """Where "lĩnh vực …" and the name after it stand in a line of text."""
    lead = _SECTOR_LEAD.search(text)
    if lead is None:
        return None
    end = _SECTOR_END.search(text, lead.end())
    return lead.start(), end.start() if end else len(text)


def title_unit_id(title_lines: tuple[str, ...], catalogues: Catalogues) -> str | None:
    """The one catalogue unit the title lines name ("UBND PHƯỜNG LÊ LỢI"), outside the words naming a
    lĩnh vực ("lĩnh vực Tài nguyên và Môi trường" is no unit); None when none or several do."""
    parts = []
    for line in title_lines:
        for part in nfc_lines(line):
            span = _sector_span(part)
            parts.append(part[: span[0]] + " " + part[span[1] :] if span else part)
    padded = f" {fold(' '.join(parts))} "
    found = {unit_id for phrase, unit_id in _unit_phrases(catalogues).items() if f" {phrase} " in padded}
    return found.pop() if len(found) == 1 else None


def sector_named_in(text: str, catalogues: Catalogues) -> str | None:
    """The lĩnh vực after the words "lĩnh vực" ("Sổ … lĩnh vực Đất đai", "Lĩnh vực: Hộ tịch"): the
    catalogue's name when a catalogue name or alias starts it, else the text as written."""
    text = nfc(text)
    span = _sector_span(text)
    if span is None:
        return None
    named = text[_SECTOR_LEAD.search(text).end() : span[1]].strip(" .:")
    if not named:
        return None
    key = fold(named)
    aliases = dict(
        zip(catalogues.sector_aliases["match_key"], catalogues.sector_aliases["name"], strict=True)
    )
    starting = [alias for alias in aliases if key == alias or key.startswith(f"{alias} ")]
    if starting:
        return aliases[max(starting, key=len)]
    return named[0] + named[1:].lower() if named.isupper() else named


def title_sector(title_lines: tuple[str, ...], catalogues: Catalogues) -> str | None:
    for line in title_lines:
        for part in nfc_lines(line):
            named = sector_named_in(part, catalogues)
            if named:
                return named
    return None


def file_context(
    header: HeaderMatch, choice: UploadChoice, catalogues: Catalogues, file_name: str
) -> FileContext:
    """Raises ExportFormatError when the file has no unit column and neither the uploader nor a title line
    says whose it is."""
    has_unit = "unit" in header.columns
    unit_id, used_choice = None, False
    if not has_unit:
        if choice.unit:
            unit_id, used_choice = choice_unit_id(choice.unit, catalogues), True
        else:
            unit_id = title_unit_id(header.title_lines, catalogues)
        if unit_id is None:
            raise ExportFormatError(missing_unit_message(file_name), needs_unit=True)
    return FileContext(
        unit_id=unit_id,
        has_unit_column=has_unit,
        has_sector_column="sector" in header.columns,
        has_code_column="dossier_code" in header.columns,
        title_sector=title_sector(header.title_lines, catalogues),
        used_choice=used_choice,
    )


def nfc_lines(text: str) -> list[str]:
    """A cell's or title row's lines, each in NFC with single spaces."""
    return [nfc(line) for line in text.split("\n") if line.strip()]


def missing_unit_message(file_name: str) -> str:
    return (
        f"Tệp «{file_name}» không có cột đơn vị và dòng tiêu đề không ghi tên một đơn vị trong danh mục, "
        "nên không biết hồ sơ thuộc đơn vị nào. Trên trang «Tải lên», chọn đơn vị cho tệp này; ở dòng lệnh, "
        "thêm --unit TÊN_ĐƠN_VỊ (tên hoặc bí danh trong catalogues/units.csv)."
    )
