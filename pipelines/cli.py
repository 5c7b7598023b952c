"""`tthc` command line: each command module registers its own sub-command."""

import argparse
import importlib
import sys

from pipelines.errors import TthcError
from pipelines.text import printable

COMMAND_MODULES = (
    "pipelines.cli_ingest",
    "pipelines.cli_user",
    "pipelines.cli_serve",
    "pipelines.cli_kpi",
    "pipelines.cli_kpi_766",
    "pipelines.cli_demo",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="tthc", description="Kho dữ liệu hồ sơ TTHC (Bộ phận một cửa).")
    commands = parser.add_subparsers(dest="command", required=True)
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except TthcError as exc:
        print(printable(f"Lỗi: {exc.message_vi}"), file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
