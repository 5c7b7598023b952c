"""Users, roles, hashes and the slow-down after wrong passwords."""

import io

import pytest

from pipelines.auth import (
    LoginThrottle,
    User,
    add_user,
    check_password,
    is_open_mode,
    load_users,
    user_for_email,
)
from pipelines.cli import main


@pytest.fixture
def users(tmp_path, monkeypatch):
    path = tmp_path / "users.toml"
    monkeypatch.setenv("TTHC_USERS_FILE", str(path))
    return path


def test_open_mode_without_users(users):
    assert is_open_mode()


def test_add_user_stores_a_hash_not_the_password(users):
    add_user("vanphong", "mat-khau-dai-1", "uploader")
    add_user("leloi", 'mật "khẩu" 2', "viewer")
    text = users.read_text(encoding="utf-8")
    assert "mat-khau-dai-1" not in text and "$argon2id$" in text
    assert not is_open_mode()
    assert check_password("vanphong", "mat-khau-dai-1") == User("vanphong", "uploader")
    assert check_password("leloi", 'mật "khẩu" 2') == User("leloi", "viewer")
    assert check_password("vanphong", "wrong") is None
    assert check_password("nobody", "mat-khau-dai-1") is None
    assert users.stat().st_mode & 0o077 == 0


def test_roles_grant_what_the_issue_says():
    viewer, uploader, admin = (User("a", r) for r in ("viewer", "uploader", "admin"))
    assert (viewer.may("view"), viewer.may("upload"), viewer.may("administer")) == (True, False, False)
    assert (uploader.may("upload"), uploader.may("administer")) == (True, False)
    assert admin.may("administer")


def test_oidc_emails_map_to_roles(users):
    users.write_text('[emails."a@hungyen.gov.vn"]\nrole = "viewer"\n', encoding="utf-8")
    assert user_for_email(" A@hungyen.gov.vn") == User("a@hungyen.gov.vn", "viewer")
    assert user_for_email("b@hungyen.gov.vn") is None
    add_user("x", "mat-khau-dai-1", "admin")
    assert "a@hungyen.gov.vn" in load_users()["emails"]


def test_wrong_passwords_in_a_row_slow_further_tries():
    now = [100.0]
    throttle = LoginThrottle(free_tries=3, clock=lambda: now[0])
    for _ in range(3):
        assert throttle.wait_seconds("a") == 0
        throttle.record("a", success=False)
    assert throttle.wait_seconds("a") == 1.0
    throttle.record("a", success=False)
    assert throttle.wait_seconds("a") == 2.0
    now[0] += 2.0
    assert throttle.wait_seconds("a") == 0
    assert throttle.wait_seconds("b") == 0
    throttle.record("a", success=True)
    assert throttle.wait_seconds("a") == 0


def test_cli_user_add(users, monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO("mat-khau-dai-1\n"))
    assert main(["user", "add", "vanphong", "--role", "uploader", "--password-stdin"]) == 0
    assert "Đã lưu người dùng «vanphong»" in capsys.readouterr().out
    assert check_password("vanphong", "mat-khau-dai-1").role == "uploader"
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    assert main(["user", "add", "x", "--role", "viewer", "--password-stdin"]) == 1


def test_open_mode_listens_on_localhost_only():
    from pipelines.cli_serve import server_settings

    assert server_settings(8501, open_mode=True)["STREAMLIT_SERVER_ADDRESS"] == "127.0.0.1"
    assert server_settings(8501, open_mode=False)["STREAMLIT_SERVER_ADDRESS"] == "0.0.0.0"
