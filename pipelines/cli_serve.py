"""`tthc serve`: start the dashboard; with no users configured it listens on localhost only."""

import argparse
import os
import shutil
import sys

from pipelines.auth import is_open_mode
from pipelines.settings import PROJECT_DIR


def streamlit_command(port: int, open_mode: bool) -> list[str]:
    address = "127.0.0.1" if open_mode else "0.0.0.0"
    streamlit = shutil.which("streamlit", path=os.path.dirname(sys.executable)) or "streamlit"
    return [
        streamlit,
        "run",
        str(PROJECT_DIR / "app.py"),
        "--server.address",
        address,
        "--server.port",
        str(port),
        "--server.headless",
        "true",
    ]


def run_serve(args: argparse.Namespace) -> int:
    open_mode = is_open_mode()
    if open_mode:
        print("Chưa cấu hình người dùng: chạy ở chế độ mở, chỉ truy cập được từ máy này (127.0.0.1).")
    command = streamlit_command(args.port, open_mode)
    os.execv(command[0], command)


def register(commands: argparse._SubParsersAction) -> None:
    serve = commands.add_parser("serve", help="Chạy bảng điều khiển.")
    serve.add_argument("--port", type=int, default=8501)
    serve.set_defaults(run=run_serve)
