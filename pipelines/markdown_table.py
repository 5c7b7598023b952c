"""One writer of Markdown tables, for the pages (ui/) and the generated docs alike."""


def markdown_rows(header: list[str], rows: list[list[str]], right_aligned: list[bool] | None = None) -> str:
    """Cells already written as Markdown (escaped where they are literal text) as a Markdown table;
    right_aligned: per column, for columns of numbers."""
    rules = [" ---: " if right else " --- " for right in right_aligned or [False] * len(header)]
    lines = [
        "| " + " | ".join(header) + " |",
        "|" + "|".join(rules) + "|",
        *("| " + " | ".join(row) + " |" for row in rows),
    ]
    return "\n".join(lines)
