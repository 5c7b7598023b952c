"""The KPI, dimension and national-index sections of docs/definitions.md, written from definitions/.

    python -m pipelines.definitions_doc          # rewrite them after changing definitions/
    python -m pipelines.definitions_doc --check  # exit 1 when the file is not current

Only the text between the BEGIN and END markers is generated; the rest of the file is written by hand.
"""

import argparse
import sys
from pathlib import Path

from pipelines import definitions, index_766
from pipelines.markdown_table import markdown_rows
from pipelines.settings import PROJECT_DIR

DOC_PATH = PROJECT_DIR / "docs" / "definitions.md"
BEGIN = "<!-- BEGIN generated from definitions/ by `python -m pipelines.definitions_doc` -->"
END = "<!-- END generated -->"
PLACES_EN = {
    "compare": "Δ",
    "table": "tables",
    "ranking": "ranking",
    "tile": "overview tile",
    "scorecard": "key-sector scorecard",
}


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _sum(counts: tuple[str, ...]) -> str:
    return counts[0] if len(counts) == 1 else f"({' + '.join(counts)})"


def _formula(kpi: definitions.Kpi) -> str:
    return f"{_sum(kpi.numerator)} / {_sum(kpi.denominator)}" if kpi.is_rate else "count"


def _shown(kpi: definitions.Kpi) -> str:
    places = [PLACES_EN[place] for place in kpi.shown_in]
    if kpi.beside:
        places.append(f"beside {kpi.beside}")
    if kpi.cli_order is not None:
        places.append(f"`tthc kpi` ({kpi.cli_field})")
    return ", ".join(places) or "numerator / denominator only"


def _kpi_table(kpis: tuple[definitions.Kpi, ...]) -> str:
    return markdown_rows(
        ["key", "label", "definition", "formula", "shown in", "source"],
        [
            [
                f"`{kpi.key}`",
                kpi.label_vi,
                _cell(kpi.note) + ("" if kpi.is_higher_better else " A rise is bad news."),
                _formula(kpi),
                _shown(kpi),
                _cell(kpi.source),
            ]
            for kpi in kpis
        ],
    )


def _dimension_table() -> str:
    return markdown_rows(
        ["dimension", "key", "other columns", "heading", "`tthc kpi --by`", "rows"],
        [
            [
                f"`{d.name}`",
                d.key_column,
                ", ".join(d.kept_columns) or "—",
                d.header_vi,
                "yes" if d.is_in_cli else "no",
                _cell(d.note) + (" Every key listed." if d.is_always_listed else ""),
            ]
            for d in definitions.dimensions()
        ],
    )


def _code_lines() -> list[str]:
    lines = []
    for column in ("sector_group", "unit_level"):
        codes = [code for code in definitions.load().codes if code.column == column]
        lines.append(f"`{column}`, in display order:")
        lines.append("")
        for code in codes:
            members = f" (filter choice: {' + '.join(code.members)})" if code.members else ""
            note = f": {_cell(code.note)}" if code.note else ""
            lines.append(f"- `{code.code}` {code.label_vi}{members}{note}")
        lines.append("")
    return lines


def _index_766_lines() -> list[str]:
    index = index_766.load()
    bands = "; ".join(f"from {band.min_score:g}: {band.label_vi}" for band in index.bands)
    groups = "; ".join(f"{group.label_vi} {group.max_points:g}" for group in index.groups)
    header = [
        *("indicator", "group", "label", "formula", "max", "threshold, below it", "rate", "needs", "rule"),
        "source",
    ]
    rows = [
        [
            f"`{i.key}`",
            i.group,
            i.label_vi,
            i.formula,
            "" if i.max_points is None else f"{i.max_points:g}",
            f"{i.threshold:g}, {i.points_below:g}" if i.formula == "step" else "",
            f"`{i.rate}`" if i.rate else "",
            _cell(i.needs_vi),
            _cell(i.note),
            _cell(i.source),
        ]
        for i in index.indicators
    ]
    return [
        f"Bands of the score on 100: {bands}. Groups and their points in the national index: {groups}.",
        "",
        markdown_rows(header, rows, [column == "max" for column in header]),
    ]


def render() -> str:
    """The generated block, markers included."""
    kpis = definitions.kpis()
    lines = [
        BEGIN,
        "",
        "### Rates",
        "",
        "A rate with an empty denominator is empty (shown as «—»), never 0 and never 100 %.",
        "",
        _kpi_table(tuple(kpi for kpi in kpis if kpi.is_rate)),
        "",
        "### Counts",
        "",
        _kpi_table(tuple(kpi for kpi in kpis if not kpi.is_rate)),
        "",
        "### Dimensions",
        "",
        "Rows are sorted by sector group, then unit level (in the orders below), then name.",
        "",
        _dimension_table(),
        "",
        *_code_lines(),
        "### Chỉ số 766 (definitions/index_766.toml)",
        "",
        *_index_766_lines(),
        "",
        END,
    ]
    return "\n".join(lines)


def current_text(text: str) -> str:
    """`text` with its generated block replaced by a fresh one."""
    head, _, rest = text.partition(BEGIN)
    _, _, tail = rest.partition(END)
    if not rest:
        raise ValueError(f"{DOC_PATH.name} has no line {BEGIN!r}")
    return head + render() + tail


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when the file is not current")
    parser.add_argument("--path", type=Path, default=DOC_PATH)
    args = parser.parse_args(argv)
    text = args.path.read_text(encoding="utf-8")
    fresh = current_text(text)
    if args.check:
        if fresh != text:
            print(f"{args.path} is not current: run python -m pipelines.definitions_doc", file=sys.stderr)
            return 1
        return 0
    args.path.write_text(fresh, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
