"""Who is looking: OIDC (st.login) when [auth] is configured, else the built-in sign-in, else open mode."""

import streamlit as st

from pipelines.auth import OPEN_MODE_USER, LoginThrottle, User, check_password, is_open_mode, user_for_email

ROLE_LABELS_VI = {"viewer": "xem", "uploader": "tải lên", "admin": "quản trị"}
_SESSION_KEY = "signed_in_user"


@st.cache_resource(show_spinner=False)
def _throttle() -> LoginThrottle:
    """One per server process: wrong passwords count across sessions, so a new tab does not reset them."""
    return LoginThrottle()


def _oidc_configured() -> bool:
    try:
        return "auth" in st.secrets
    except FileNotFoundError:  # no secrets.toml at all
        return False


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
    wait = _throttle().wait_seconds(name)
    if wait > 0:
        st.error(f"Đăng nhập sai nhiều lần liên tiếp: vui lòng thử lại sau {wait:.0f} giây.")
        return
    user = check_password(name, password)
    _throttle().record(name, success=user is not None)
    if user is None:
        st.error("Tên đăng nhập hoặc mật khẩu không đúng.")
        return
    st.session_state[_SESSION_KEY] = user
    st.rerun()


def current_user() -> User:
    """The signed-in user (also kept for the pages, see signed_in); shows the sign-in screen and stops the
    run while nobody is signed in."""
    if _oidc_configured():
        st.session_state[_SESSION_KEY] = _oidc_user()
    elif is_open_mode():
        st.info(
            "**Chế độ mở**: chưa cấu hình người dùng, ai mở được trang này đều có toàn quyền. "
            "Bảng điều khiển chỉ nghe trên máy này (127.0.0.1). Xem SECURITY.md để bật đăng nhập.",
            icon=":material/lock_open:",
        )
        st.session_state[_SESSION_KEY] = OPEN_MODE_USER
    elif _SESSION_KEY not in st.session_state:
        _password_form()
        st.stop()
    return st.session_state[_SESSION_KEY]


def signed_in() -> User:
    """For pages: who app.py let in."""
    return st.session_state[_SESSION_KEY]


def sidebar_account(user: User) -> None:
    with st.sidebar:
        st.caption(f"Người dùng: **{user.name}** (quyền {ROLE_LABELS_VI[user.role]})")
        if user is not OPEN_MODE_USER and st.button("Đăng xuất"):
            if _oidc_configured():
                st.logout()
            st.session_state.pop(_SESSION_KEY, None)
            st.rerun()
