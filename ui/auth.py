"""Who is looking: OIDC (st.login) when [auth] is configured, else the built-in sign-in, else open mode.

Open mode is decided by the process (pipelines.auth.OpenModeLatch), never kept in a session: a session
that was let in while no users existed is asked to sign in as soon as a users file appears.
"""

import ipaddress
from collections.abc import Callable, Collection

import streamlit as st

from pipelines.access import OUT_OF_SCOPE_VI
from pipelines.auth import (
    OPEN_MODE_USER,
    LoginThrottle,
    OpenModeLatch,
    User,
    check_password,
    client_source,
    trusted_proxies,
    user_for_email,
    user_named,
    wait_message_vi,
)
from ui import format as fmt
from ui.upload import unit_options

ROLE_LABELS_VI = {"viewer": "xem", "uploader": "tải lên", "admin": "quản trị"}
_SESSION_KEY = "signed_in_user"
_OPEN_MODE = OpenModeLatch()
LOCAL_ONLY_VI = (
    "Bảng điều khiển đang chạy ở **chế độ mở** (chưa cấu hình người dùng) nên chỉ phục vụ trên chính máy "
    "chủ (127.0.0.1). Quản trị: tạo người dùng bằng `tthc user add` (xem SECURITY.md) rồi mở lại trang."
)


@st.cache_resource(show_spinner=False)
def _throttle() -> LoginThrottle:
    """One per server process: wrong passwords count across sessions, so a new tab does not reset them."""
    return LoginThrottle()


def _oidc_configured() -> bool:
    try:
        return "auth" in st.secrets
    except FileNotFoundError:  # no secrets.toml at all
        return False


def _text(value: object) -> str | None:
    """A context value as text; anything else (AppTest's stand-in client has no network) is None."""
    return value if isinstance(value, str) else None


def _peer_address() -> str | None:
    """The TCP peer's address (None on the local machine, as Streamlit reports 127.0.0.1 and ::1)."""
    return _text(st.context.ip_address)


def _forwarded_for() -> str | None:
    """X-Forwarded-For, or Forwarded: a reverse proxy's note of whom it serves."""
    headers = st.context.headers
    return _text(headers.get("X-Forwarded-For")) or _text(headers.get("Forwarded"))


def _is_local_client() -> bool:
    """Open mode's test: the peer is this machine and no proxy on it forwards someone else's request."""
    address = _peer_address()
    if _forwarded_for():
        return False
    try:
        return address is None or ipaddress.ip_address(address).is_loopback
    except ValueError:  # e.g. an IPv6 address with a zone: not this machine's loopback
        return False


def _source() -> str:
    """What the sign-in throttle counts failures by: the client's address (see client_source)."""
    return client_source(_peer_address() or "127.0.0.1", _forwarded_for(), trusted_proxies())


def _oidc_user() -> User:
    if not st.user.is_logged_in:
        st.title("Đăng nhập")
        st.button("Đăng nhập bằng tài khoản cơ quan", on_click=st.login, type="primary")
        st.stop()
    user = user_for_email(st.user.email or "")
    if user is None:
        st.error(f"Tài khoản {st.user.email} chưa được cấp quyền xem bảng điều khiển. Liên hệ quản trị.")
        st.button("Đăng xuất", on_click=st.logout)
        st.stop()
    return user


def _password_form() -> None:
    st.title("Đăng nhập")
    with st.form("sign_in"):
        name = st.text_input("Tên đăng nhập")
        password = st.text_input("Mật khẩu", type="password")
        submitted = st.form_submit_button("Đăng nhập", type="primary")
    if not submitted:
        return
    source = _source()
    wait = _throttle().wait_seconds(name, source)
    if wait > 0:
        st.error(wait_message_vi(wait))
        return
    user = check_password(name, password)
    _throttle().record(name, source, success=user is not None)
    if user is None:
        st.error("Tên đăng nhập hoặc mật khẩu không đúng.")
        return
    st.session_state[_SESSION_KEY] = user
    st.rerun()


def current_user(keep_page: Callable[[], object] = lambda: None) -> User:
    """The signed-in user (also kept for the pages, see signed_in); shows the sign-in screen and stops the
    run while nobody is signed in. Open mode is never stored in the session."""
    if _oidc_configured():
        st.session_state[_SESSION_KEY] = _oidc_user()
    elif _OPEN_MODE.is_open():
        st.session_state.pop(_SESSION_KEY, None)
        if not _is_local_client():
            st.error(LOCAL_ONLY_VI, icon=":material/lock:")
            st.stop()
        st.info(
            "**Chế độ mở**: chưa cấu hình người dùng, ai mở được trang này trên máy này đều có toàn quyền. "
            "Bảng điều khiển chỉ phục vụ máy này (127.0.0.1). Xem SECURITY.md để bật đăng nhập.",
            icon=":material/lock_open:",
        )
        return OPEN_MODE_USER
    else:
        stored = st.session_state.get(_SESSION_KEY)
        # As the users file says now: a removed user is signed out, changed units apply at once.
        user = user_named(stored.name) if stored is not None else None
        if user is None:
            st.session_state.pop(_SESSION_KEY, None)
            keep_page()
            _password_form()
            st.stop()
        st.session_state[_SESSION_KEY] = user
    return st.session_state[_SESSION_KEY]


NO_UNIT = "(không có đơn vị nào)"  # a unit id no catalogue has: nobody signed in sees any dossier


def signed_in() -> User:
    """For pages and the data layer: who app.py let in (the open-mode user only while the process is in
    open mode; nobody signed in sees no dossier)."""
    user = st.session_state.get(_SESSION_KEY)
    if user is not None:
        return user
    if not _oidc_configured() and _OPEN_MODE.is_open():
        return OPEN_MODE_USER
    return User(name="(chưa đăng nhập)", role="viewer", units=(NO_UNIT,))


def unit_names(units: tuple[str, ...]) -> str:
    names = unit_options()
    return ", ".join(names.get(unit, unit) for unit in units)


def home_unit(offered: Collection[str] | None = None) -> str | None:
    """The unit a scoped user's pages open on: their first (of those `offered`, when given); None for
    everyone else."""
    units = [unit for unit in signed_in().units if offered is None or unit in offered]
    return units[0] if units else None


def dossier_notice(unit_id: str | None) -> None:
    """Above a list of dossiers: what a scoped user's list holds, or why it is empty (another unit's)."""
    units = signed_in().units
    if not units:
        return
    if unit_id is not None and unit_id not in units:
        st.warning(OUT_OF_SCOPE_VI.format(units=unit_names(units)), icon=":material/lock:")
    else:
        st.caption(f"Chỉ liệt kê hồ sơ của đơn vị: {unit_names(units)}.")


def sidebar_account(user: User) -> None:
    with st.sidebar:
        units = f"đơn vị: {unit_names(user.units)}" if user.units else "mọi đơn vị"
        st.caption(
            f"Đang xem với tài khoản **{fmt.md(user.name)}** (quyền {ROLE_LABELS_VI[user.role]}) — {units}. "
            + ("Số liệu tổng hợp của mọi đơn vị; hồ sơ chi tiết của đơn vị mình." if user.units else "")
        )
        if user is not OPEN_MODE_USER and st.button("Đăng xuất"):
            if _oidc_configured():
                st.logout()
            st.session_state.pop(_SESSION_KEY, None)
            st.rerun()
