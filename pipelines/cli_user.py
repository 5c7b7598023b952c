"""`tthc user add NAME --role R [--unit ID …]`: write a user with an argon2 password hash (and the units
their dossiers are limited to)."""

import argparse
import getpass
import sys

from pipelines.auth import ROLES, add_user, users_file
from pipelines.catalogues import load_catalogues


def run_user_add(args: argparse.Namespace) -> int:
    known = set(load_catalogues().units["unit_id"])
    unknown = [unit for unit in args.unit if unit not in known]
    if unknown:
        print(
            f"Mã đơn vị không có trong catalogues/units.csv: {', '.join(unknown)} (dùng cột unit_id).",
            file=sys.stderr,
        )
        return 1
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = getpass.getpass("Mật khẩu: ")
        if password != getpass.getpass("Nhập lại mật khẩu: "):
            print("Hai lần nhập mật khẩu không khớp.", file=sys.stderr)
            return 1
    if len(password) < 10:
        print("Mật khẩu cần ít nhất 10 ký tự.", file=sys.stderr)
        return 1
    add_user(args.name, password, args.role, units=args.unit)
    scope = f", chỉ xem hồ sơ của đơn vị {', '.join(args.unit)}" if args.unit else ""
    print(f"Đã lưu người dùng «{args.name}» (vai trò {args.role}{scope}) vào {users_file()}.")
    return 0


def register(commands: argparse._SubParsersAction) -> None:
    user = commands.add_parser("user", help="Quản lý người dùng đăng nhập bảng điều khiển.")
    actions = user.add_subparsers(dest="action", required=True)
    add = actions.add_parser("add", help="Thêm hoặc đổi mật khẩu một người dùng.")
    add.add_argument("name")
    add.add_argument("--role", choices=ROLES, required=True)
    add.add_argument(
        "--unit",
        action="append",
        default=[],
        help="Giới hạn hồ sơ chi tiết theo đơn vị (mã unit_id trong catalogues/units.csv; lặp lại cho nhiều "
        "đơn vị): số liệu tổng hợp vẫn của mọi đơn vị.",
    )
    add.add_argument("--password-stdin", action="store_true", help="Đọc mật khẩu từ đầu vào chuẩn.")
    add.set_defaults(run=run_user_add)
