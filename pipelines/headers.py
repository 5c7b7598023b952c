"""Find the header row under the title rows and map header spellings to canonical fields
(definitions/header_spellings.csv and the city's additions)."""

from dataclasses import dataclass

import polars as pl

from pipelines.errors import ExportFormatError
from pipelines.read_export import SHEET_ROW
from pipelines.text import fold
from pipelines.vocabulary import REQUIRED_FIELDS, Vocabulary


@dataclass(frozen=True)
class HeaderMatch:
    columns: dict[str, str]  # canonical field -> grid column
    names: dict[str, str]  # canonical field -> header as written in the file
    header_rows: tuple[int, ...]  # sheet rows that hold the header (one or two)
    title_lines: tuple[str, ...]  # text above the header ("Từ ngày … đến ngày …")
    personal_columns: tuple[str, ...]  # grid columns dropped as personal data


@dataclass(frozen=True)
class _Candidate:
    index: int
    height: int
    names: list[str]
    mapping: dict[str, str]

    @property
    def score(self) -> tuple[int, int, int]:
        """Most required fields, then most fields, then a one-row header over a two-row reading."""
        return sum(f in self.mapping for f in REQUIRED_FIELDS), len(self.mapping), -self.height


def _cells(grid: pl.DataFrame, index: int) -> list[str]:
    row = grid.row(index, named=True)
    return [(row[c] or "").strip() for c in grid.columns if c != SHEET_ROW]


def _map_names(names: list[str], columns: list[str], vocabulary: Vocabulary) -> dict[str, str]:
    """Each field takes the column of its best spelling (priority 1 over 2), the leftmost among equals.
    A personal column is never mapped."""
    best: dict[str, tuple[int, str]] = {}
    for name, column in zip(names, columns, strict=True):
        found = vocabulary.header_fields.get(fold(name))
        if found is None or vocabulary.is_personal(name):
            continue
        field, priority = found
        if field not in best or priority < best[field][0]:
            best[field] = (priority, column)
    return {field: column for field, (_, column) in best.items()}


def _two_row_names(top: list[str], bottom: list[str], vocabulary: Vocabulary) -> list[str]:
    """A merged group cell ("Ngày", "Ngày, tháng, năm") spans sub-cells ("Tiếp nhận", "Nhận hồ sơ"): read
    them together ("Ngày tiếp nhận"), or the sub-cell alone when only it is a known spelling."""
    names, group = [], ""
    for upper, lower in zip(top, bottom, strict=True):
        group = upper or group
        if not lower:
            names.append(upper)
            continue
        combined = f"{group} {lower}".strip()
        known = vocabulary.header_fields
        only_lower_known = fold(combined) not in known and fold(lower) in known
        names.append(lower if only_lower_known else combined)
    return names


def locate_header(grid: pl.DataFrame, vocabulary: Vocabulary, search_rows: int) -> HeaderMatch:
    columns = [c for c in grid.columns if c != SHEET_ROW]
    best: _Candidate | None = None
    for index in range(min(search_rows, grid.height)):
        top = _cells(grid, index)
        readings = [(top, 1)]
        if index + 1 < grid.height:
            readings.append((_two_row_names(top, _cells(grid, index + 1), vocabulary), 2))
        for names, height in readings:
            candidate = _Candidate(index, height, names, _map_names(names, columns, vocabulary))
            if best is None or candidate.score > best.score:
                best = candidate
    if best is None or best.score[0] < len(REQUIRED_FIELDS):
        raise ExportFormatError(_not_an_export_message(grid, best, vocabulary))
    personal = tuple(
        column
        for name, column in zip(best.names, columns, strict=True)
        if name and vocabulary.is_personal(name)
    )
    written = dict(zip(columns, best.names, strict=True))
    return HeaderMatch(
        columns=best.mapping,
        names={field: written[column] for field, column in best.mapping.items()},
        header_rows=tuple(grid[SHEET_ROW][best.index + k] for k in range(best.height)),
        title_lines=tuple("\n".join(cell for cell in _cells(grid, i) if cell) for i in range(best.index)),
        personal_columns=personal,
    )


def _not_an_export_message(grid: pl.DataFrame, best: _Candidate | None, vocabulary: Vocabulary) -> str:
    """What is missing, and the recognised columns only: never the cells of a row, which may be a data row
    holding personal data."""
    if best is None:
        return "Trang tính không có dữ liệu."
    missing = [vocabulary.field_labels_vi[f] for f in REQUIRED_FIELDS if f not in best.mapping]
    found = [vocabulary.field_labels_vi[f] for f in best.mapping]
    where = f" (dòng {grid[SHEET_ROW][best.index]})" if found else ""
    return (
        "Không phải danh sách hồ sơ TTHC: không tìm thấy cột "
        f"{', '.join(f'«{m}»' for m in missing)}. Các cột nhận ra được{where}: "
        f"{', '.join(found) or '(không có)'}. Dòng tiêu đề cột phải có ít nhất tên thủ tục, ngày tiếp nhận "
        "và ngày hẹn trả."
    )
