"""Users, roles and password checks (no Streamlit): the dashboard and `tthc user` share this module."""

import os
import time
import tomllib
from dataclasses import dataclass
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from pipelines.settings import PROJECT_DIR

ROLES = ("viewer", "uploader", "admin")
# What each role may do beyond reading every page: an uploader uploads and acts on data quality,
# an admin also edits catalogues and targets.
PERMISSIONS = {
    "viewer": frozenset({"view"}),
    "uploader": frozenset({"view", "upload"}),
    "admin": frozenset({"view", "upload", "administer"}),
}
_HASHER = PasswordHasher()


def users_file() -> Path:
    return Path(os.environ.get("TTHC_USERS_FILE", PROJECT_DIR / ".streamlit" / "users.toml"))


@dataclass(frozen=True)
class User:
    name: str
    role: str

    def may(self, action: str) -> bool:
        return action in PERMISSIONS[self.role]


OPEN_MODE_USER = User(name="(chế độ mở)", role="admin")


def load_users(path: Path | None = None) -> dict[str, dict]:
    """users.toml: [users.NAME] role, password_hash; [emails."a@b.vn"] role (for OIDC sign-in)."""
    path = path or users_file()
    if not path.exists():
        return {}
    with path.open("rb") as handle:
        return tomllib.load(handle)


def is_open_mode(path: Path | None = None) -> bool:
    config = load_users(path)
    return not config.get("users") and not config.get("emails")


def _user_from(name: str, entry: dict) -> User:
    role = entry.get("role", "viewer")
    if role not in ROLES:
        raise ValueError(f"Vai trò «{role}» của «{name}» không hợp lệ (viewer, uploader, admin).")
    return User(name=name, role=role)


def user_for_email(email: str, path: Path | None = None) -> User | None:
    email = email.strip().lower()
    entry = load_users(path).get("emails", {}).get(email)
    return _user_from(email, entry) if entry else None


class LoginThrottle:
    """A few wrong passwords in a row slow further tries: 2^(n-3) seconds after the third failure."""

    def __init__(self, free_tries: int = 3, max_delay_s: float = 60.0, clock=time.monotonic):
        self._failures: dict[str, tuple[int, float]] = {}
        self._free, self._max, self._clock = free_tries, max_delay_s, clock

    def wait_seconds(self, name: str) -> float:
        count, last = self._failures.get(name, (0, 0.0))
        if count < self._free:
            return 0.0
        delay = min(self._max, 2.0 ** (count - self._free))
        return max(0.0, last + delay - self._clock())

    def record(self, name: str, success: bool) -> None:
        if success:
            self._failures.pop(name, None)
        else:
            count, _ = self._failures.get(name, (0, 0.0))
            self._failures[name] = (count + 1, self._clock())


def check_password(name: str, password: str, path: Path | None = None) -> User | None:
    entry = load_users(path).get("users", {}).get(name)
    if not entry:
        _HASHER.hash(password)  # same cost whether or not the user exists
        return None
    try:
        _HASHER.verify(entry.get("password_hash", ""), password)
    except (VerificationError, InvalidHashError):
        return None
    return _user_from(name, entry)


def _toml_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def add_user(name: str, password: str, role: str, path: Path | None = None) -> None:
    """Add or replace a user; the file keeps only the argon2 hash, never the password."""
    if role not in ROLES:
        raise ValueError(f"Vai trò phải là một trong: {', '.join(ROLES)}.")
    path = path or users_file()
    config = load_users(path)
    users = config.get("users", {})
    users[name] = {"role": role, "password_hash": _HASHER.hash(password)}
    lines = ["# Người dùng của bảng điều khiển (tạo bằng `tthc user add`). Không đưa tệp này vào git.", ""]
    for table, entries, keys in (
        ("users", users, ("role", "password_hash")),
        ("emails", config.get("emails", {}), ("role",)),
    ):
        for key_name, entry in entries.items():
            lines.append(f"[{table}.{_toml_string(key_name)}]")
            lines += [f"{key} = {_toml_string(str(entry.get(key, '')))}" for key in keys]
            lines.append("")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines), encoding="utf-8")
    path.chmod(0o600)
