"""Users, roles and password checks (no Streamlit): the dashboard and `tthc user` share this module."""

import math
import os
import tempfile
import threading
import time
import tomllib
from collections.abc import Iterable
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
    # The units whose single dossiers this user may see (numbers for everyone, dossiers for their own
    # units); empty: every unit.
    units: tuple[str, ...] = ()

    def may(self, action: str) -> bool:
        return action in PERMISSIONS[self.role]

    @property
    def unit_scope(self) -> frozenset[str] | None:
        """The units this user's dossiers are limited to, None for every unit."""
        return frozenset(self.units) if self.units else None


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


class OpenModeLatch:
    """Open mode as the dashboard process decides it: from the users file when the process first asks,
    then only ever switched off. A users file that appears later turns sign-in on for good; one that
    disappears or reads empty (or unreadable) does not bring open mode back before a restart."""

    def __init__(self):
        self._open: dict[Path, bool] = {}
        self._lock = threading.Lock()

    def is_open(self, path: Path | None = None) -> bool:
        path = path or users_file()
        try:
            now_open = is_open_mode(path)
        except (OSError, tomllib.TOMLDecodeError):
            now_open = False
        with self._lock:
            self._open[path] = self._open.get(path, now_open) and now_open
            return self._open[path]


def _user_from(name: str, entry: dict) -> User:
    role = entry.get("role", "viewer")
    if role not in ROLES:
        raise ValueError(f"Vai trò «{role}» của «{name}» không hợp lệ (viewer, uploader, admin).")
    units = entry.get("units", [])
    if isinstance(units, str) or not all(isinstance(unit, str) for unit in units):
        raise ValueError(f'«units» của «{name}» phải là một danh sách mã đơn vị, ví dụ ["p_le_loi"].')
    return User(name=name, role=role, units=tuple(units))


def user_named(name: str, path: Path | None = None) -> User | None:
    """A built-in user as the users file says now (role and units may have changed since sign-in)."""
    entry = load_users(path).get("users", {}).get(name)
    return _user_from(name, entry) if entry else None


def user_for_email(email: str, path: Path | None = None) -> User | None:
    email = email.strip().lower()
    entry = load_users(path).get("emails", {}).get(email)
    return _user_from(email, entry) if entry else None


class LoginThrottle:
    """Wrong passwords slow further tries, counted per (name, source) and per source: 2^(n-free) seconds
    after the free tries. A source is the client's address, so failing on purpose from one place does not
    keep a user waiting who signs in from another, and one source spraying many names is slowed too."""

    def __init__(
        self,
        free_tries: int = 3,
        free_tries_per_source: int = 10,
        max_delay_s: float = 60.0,
        clock=time.monotonic,
    ):
        self._failures: dict[tuple[str, str] | str, tuple[int, float]] = {}
        self._free = {"pair": free_tries, "source": free_tries_per_source}
        self._max, self._clock = max_delay_s, clock

    def _wait(self, key: tuple[str, str] | str, free: int) -> float:
        count, last = self._failures.get(key, (0, 0.0))
        if count < free:
            return 0.0
        delay = min(self._max, 2.0 ** (count - free))
        return max(0.0, last + delay - self._clock())

    def wait_seconds(self, name: str, source: str) -> float:
        return max(self._wait((name, source), self._free["pair"]), self._wait(source, self._free["source"]))

    def record(self, name: str, source: str, success: bool) -> None:
        """A success clears its (name, source) only: the source's count of failures for other names stays."""
        if success:
            self._failures.pop((name, source), None)
            return
        for key in ((name, source), source):
            count, _ = self._failures.get(key, (0, 0.0))
            self._failures[key] = (count + 1, self._clock())


def wait_message_vi(wait_s: float) -> str:
    """Whole seconds, rounded up: never «0 giây» while the wait is on."""
    return f"Đăng nhập sai nhiều lần liên tiếp: vui lòng thử lại sau {max(1, math.ceil(wait_s))} giây."


def client_source(address: str | None, forwarded_for: str | None, trusted_proxies: Iterable[str]) -> str:
    """Who is signing in: the peer's address, or, when the peer is a trusted reverse proxy, the last address
    in X-Forwarded-For that is not one of the trusted proxies (a client can prepend anything it likes)."""
    trusted = set(trusted_proxies)
    if address in trusted and forwarded_for:
        hops = [hop.strip() for hop in forwarded_for.split(",") if hop.strip()]
        for hop in reversed(hops):
            if hop not in trusted:
                return hop
    return address or "không rõ"


def trusted_proxies() -> tuple[str, ...]:
    """TTHC_TRUSTED_PROXIES: the reverse proxies' addresses, comma-separated (none by default)."""
    return tuple(hop.strip() for hop in os.environ.get("TTHC_TRUSTED_PROXIES", "").split(",") if hop.strip())


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


def _toml_list(values: Iterable[str]) -> str:
    return "[" + ", ".join(_toml_string(value) for value in values) + "]"


def _entry_lines(table: str, name: str, entry: dict, keys: tuple[str, ...]) -> list[str]:
    lines = [f"[{table}.{_toml_string(name)}]"]
    lines += [f"{key} = {_toml_string(str(entry.get(key, '')))}" for key in keys]
    if entry.get("units"):
        lines.append(f"units = {_toml_list(entry['units'])}")
    return [*lines, ""]


def write_users_file(config: dict, path: Path) -> None:
    """Written whole to a temporary file beside it (mode 600 from the start), then renamed over it: another
    process reads either the old file or the new one, never an empty or half-written one."""
    lines = ["# Người dùng của bảng điều khiển (tạo bằng `tthc user add`). Không đưa tệp này vào git.", ""]
    for name, entry in config.get("users", {}).items():
        lines += _entry_lines("users", name, entry, ("role", "password_hash"))
    for email, entry in config.get("emails", {}).items():
        lines += _entry_lines("emails", email, entry, ("role",))
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)  # mode 600
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write("\n".join(lines))
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def add_user(
    name: str, password: str, role: str, path: Path | None = None, units: Iterable[str] = ()
) -> None:
    """Add or replace a user; the file keeps only the argon2 hash, never the password. `units`: the unit
    ids this user's dossiers are limited to (none: every unit)."""
    if role not in ROLES:
        raise ValueError(f"Vai trò phải là một trong: {', '.join(ROLES)}.")
    path = path or users_file()
    config = load_users(path)
    entry = {"role": role, "password_hash": _HASHER.hash(password)}
    if units:
        entry["units"] = list(dict.fromkeys(units))
    config.setdefault("users", {})[name] = entry
    write_users_file(config, path)
