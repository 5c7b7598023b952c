"""Find the header row under the title rows and map header spellings to canonical fields."""

from dataclasses import dataclass

import polars as pl

from pipelines.errors import ExportFormatError
from pipelines.read_export import SHEET_ROW
from pipelines.text import fold

# Each field's spellings, most specific first; the first field whose variant matches a column takes it.
FIELD_VARIANTS: dict[str, tuple[str, ...]] = {
    "dossier_code": ("Mã hồ sơ", "Số hồ sơ", "Mã HS", "Mã số hồ sơ", "Số biên nhận"),
    "procedure_name": ("Tên thủ tục", "Tên thủ tục hành chính", "Thủ tục", "Tên TTHC"),
    "procedure_code": ("Mã thủ tục", "Mã TTHC"),
    "sector": ("Lĩnh vực", "Lĩnh vực TTHC", "Tên lĩnh vực"),
    "unit": ("Đơn vị", "Đơn vị tiếp nhận", "Đơn vị xử lý", "Cơ quan giải quyết", "Cơ quan thực hiện"),
    "received_at": ("Ngày tiếp nhận", "Ngày nhận", "Thời gian tiếp nhận", "Ngày nộp"),
    "due_at": ("Ngày hẹn trả", "Ngày hẹn trả kết quả", "Hạn xử lý", "Hạn giải quyết"),
    "finished_at": ("Ngày có kết quả", "Ngày hoàn thành", "Ngày kết thúc xử lý"),
    "status": ("Trạng thái", "Tình trạng", "Trạng thái hồ sơ"),
    "channel": ("Hình thức nộp", "Kênh nộp", "Hình thức tiếp nhận", "Nguồn hồ sơ"),
    "service_level": ("Mức độ DVC", "Mức độ", "Loại DVC"),
    "rating": ("Đánh giá", "Mức độ hài lòng", "Kết quả đánh giá"),
    "synced": ("Đồng bộ DVCQG", "Đã đồng bộ"),
    "apology": ("Phiếu xin lỗi", "Xin lỗi"),
    "outcome_reported": ("Kết quả xử lý",),
}
# Used for finished_at only when the export has none of the finished_at spellings above.
FINISHED_FALLBACK = "Ngày trả kết quả"
REQUIRED_FIELDS = ("dossier_code", "procedure_name", "sector", "unit", "received_at", "due_at", "status")
FIELD_LABELS_VI = {
    "dossier_code": "Mã hồ sơ",
    "procedure_name": "Tên thủ tục",
    "procedure_code": "Mã thủ tục",
    "sector": "Lĩnh vực",
    "unit": "Đơn vị",
    "received_at": "Ngày tiếp nhận",
    "due_at": "Ngày hẹn trả",
    "finished_at": "Ngày có kết quả",
    "status": "Trạng thái",
    "channel": "Hình thức nộp",
    "service_level": "Mức độ DVC",
    "rating": "Đánh giá",
    "synced": "Đồng bộ DVCQG",
    "apology": "Phiếu xin lỗi",
    "outcome_reported": "Kết quả xử lý",
}

_VARIANT_FIELD = {fold(v): field for field, variants in FIELD_VARIANTS.items() for v in variants}


@dataclass(frozen=True)
class HeaderMatch:
    columns: dict[str, str]  # canonical field -> grid column
    names: dict[str, str]  # canonical field -> header as written in the file
    header_rows: tuple[int, ...]  # sheet rows that hold the header (one or two)
    title_lines: tuple[str, ...]  # text above the header ("Từ ngày … đến ngày …")
    personal_columns: tuple[str, ...]  # grid columns dropped as personal data


def _cells(grid: pl.DataFrame, index: int) -> list[str]:
    row = grid.row(index, named=True)
    return [(row[c] or "").strip() for c in grid.columns if c != SHEET_ROW]


def _map_names(names: list[str], columns: list[str]) -> dict[str, str]:
    mapping: dict[str, str] = {}
    fallback = None
    for name, column in zip(names, columns, strict=True):
        key = fold(name)
        field = _VARIANT_FIELD.get(key)
        if field and field not in mapping:
            mapping[field] = column
        elif key == fold(FINISHED_FALLBACK):
            fallback = column
    if "finished_at" not in mapping and fallback:
        mapping["finished_at"] = fallback
    return mapping


def _two_row_names(top: list[str], bottom: list[str]) -> list[str]:
    """A merged group cell ("Ngày") spans sub-cells ("Tiếp nhận", "Hẹn trả"): read them together."""
    names, group = [], ""
    for upper, lower in zip(top, bottom, strict=True):
        group = upper or group
        if not lower:
            names.append(upper)
            continue
        combined = f"{group} {lower}".strip()
        only_lower_known = fold(combined) not in _VARIANT_FIELD and fold(lower) in _VARIANT_FIELD
        names.append(lower if only_lower_known else combined)
    return names


def _score(mapping: dict[str, str], height: int) -> tuple[int, int, int]:
    """Most required fields, then most fields, then a one-row header over a two-row reading."""
    return sum(f in mapping for f in REQUIRED_FIELDS), len(mapping), -height


def locate_header(grid: pl.DataFrame, personal_headers: tuple[str, ...], search_rows: int) -> HeaderMatch:
    columns = [c for c in grid.columns if c != SHEET_ROW]
    best: tuple[tuple[int, int, int], dict[str, str], int, int, list[str]] | None = None
    for index in range(min(search_rows, grid.height)):
        top = _cells(grid, index)
        candidates = [(top, 1)]
        if index + 1 < grid.height:
            candidates.append((_two_row_names(top, _cells(grid, index + 1)), 2))
        for names, height in candidates:
            mapping = _map_names(names, columns)
            score = _score(mapping, height)
            if best is None or score > best[0]:
                best = (score, mapping, index, height, names)
    if best is None or best[0][0] < len(REQUIRED_FIELDS):
        raise ExportFormatError(_not_an_export_message(grid, best))
    _, mapping, index, height, names = best
    personal_keys = {fold(h) for h in personal_headers}
    personal = tuple(c for name, c in zip(names, columns, strict=True) if fold(name) in personal_keys)
    title_lines = tuple(" ".join(cell for cell in _cells(grid, i) if cell) for i in range(index))
    sheet_rows = tuple(grid[SHEET_ROW][index + k] for k in range(height))
    written = dict(zip(columns, names, strict=True))
    return HeaderMatch(
        columns=mapping,
        names={f: written[c] for f, c in mapping.items()},
        header_rows=sheet_rows,
        title_lines=title_lines,
        personal_columns=personal,
    )


def _not_an_export_message(grid: pl.DataFrame, best) -> str:
    if best is None:
        return "Trang tính không có dữ liệu."
    _, mapping, index, _, names = best
    missing = [FIELD_LABELS_VI[f] for f in REQUIRED_FIELDS if f not in mapping]
    seen = [n for n in names if n]
    return (
        "Không phải danh sách hồ sơ TTHC: không tìm thấy các cột bắt buộc "
        f"{', '.join(missing)}. Tiêu đề cột đọc được (dòng {grid[SHEET_ROW][index]}): "
        f"{', '.join(seen[:30]) or '(trống)'}."
    )
