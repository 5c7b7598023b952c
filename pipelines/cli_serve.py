"""`tthc serve`: start the dashboard (ui/server.py: its pages rendered once, then Streamlit's server); with no
users configured it listens on localhost only."""

import argparse
import os
import sys

from pipelines.auth import is_open_mode
from pipelines.settings import PROJECT_DIR


def server_settings(port: int, open_mode: bool) -> dict[str, str]:
    """Streamlit's server options as its environment variables: ui/server.py renders the pages before the
    server starts, and both must read the same configuration."""
    return {
        "STREAMLIT_SERVER_ADDRESS": "127.0.0.1" if open_mode else "0.0.0.0",
        "STREAMLIT_SERVER_PORT": str(port),
        "STREAMLIT_SERVER_HEADLESS": "true",
    }


def run_serve(args: argparse.Namespace) -> int:
    open_mode = is_open_mode()
    if open_mode:
        print("Chưa cấu hình người dùng: chạy ở chế độ mở, chỉ truy cập được từ máy này (127.0.0.1).")
    command = [sys.executable, "-m", "ui.server", str(PROJECT_DIR / "app.py")]
    os.execve(command[0], command, os.environ | server_settings(args.port, open_mode))


def register(commands: argparse._SubParsersAction) -> None:
    serve = commands.add_parser("serve", help="Chạy bảng điều khiển.")
    serve.add_argument("--port", type=int, default=8501)
    serve.set_defaults(run=run_serve)
