"""Users, roles, hashes and the slow-down after wrong passwords."""

import io
import os
import tomllib

import pytest

from pipelines import auth
from pipelines.auth import (
    LoginThrottle,
    OpenModeLatch,
    User,
    add_user,
    check_password,
    client_source,
    is_open_mode,
    load_users,
    user_for_email,
    wait_message_vi,
)
from pipelines.cli import main
from pipelines.settings import PROJECT_DIR


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
        assert throttle.wait_seconds("a", "10.0.0.1") == 0
        throttle.record("a", "10.0.0.1", success=False)
    assert throttle.wait_seconds("a", "10.0.0.1") == 1.0
    throttle.record("a", "10.0.0.1", success=False)
    assert throttle.wait_seconds("a", "10.0.0.1") == 2.0
    now[0] += 2.0
    assert throttle.wait_seconds("a", "10.0.0.1") == 0
    assert throttle.wait_seconds("b", "10.0.0.1") == 0
    throttle.record("a", "10.0.0.1", success=True)
    assert throttle.wait_seconds("a", "10.0.0.1") == 0


def test_failing_on_purpose_elsewhere_does_not_keep_a_user_waiting():
    throttle = LoginThrottle(free_tries=3, clock=lambda: 100.0)
    for _ in range(20):
        throttle.record("chutich", "203.0.113.9", success=False)
    assert throttle.wait_seconds("chutich", "203.0.113.9") > 0
    assert throttle.wait_seconds("chutich", "10.1.2.3") == 0  # the real user, from the office


def test_spraying_many_names_from_one_source_is_slowed():
    throttle = LoginThrottle(free_tries=3, free_tries_per_source=10, clock=lambda: 100.0)
    for index in range(10):
        assert throttle.wait_seconds(f"user{index}", "203.0.113.9") == 0
        throttle.record(f"user{index}", "203.0.113.9", success=False)
    assert throttle.wait_seconds("user-new", "203.0.113.9") == 1.0
    assert throttle.wait_seconds("user-new", "10.1.2.3") == 0


@pytest.mark.parametrize(
    ("wait", "said"), [(0.01, "1 giây"), (0.6, "1 giây"), (1.0, "1 giây"), (1.2, "2 giây")]
)
def test_the_wait_message_never_says_zero_seconds(wait, said):
    assert wait_message_vi(wait).endswith(f"sau {said}.")


def test_the_client_behind_a_trusted_proxy_is_the_last_untrusted_hop():
    proxies = ("10.0.0.5",)
    assert client_source("10.0.0.5", "198.51.100.7", proxies) == "198.51.100.7"
    # A client cannot choose its source by sending its own header: the proxy appends the real peer.
    assert client_source("10.0.0.5", "1.2.3.4, 198.51.100.7", proxies) == "198.51.100.7"
    # Without a trusted proxy the header is ignored.
    assert client_source("198.51.100.7", "1.2.3.4", ()) == "198.51.100.7"
    assert client_source("198.51.100.7", "1.2.3.4", proxies) == "198.51.100.7"


def test_open_mode_is_latched_off_once_users_appear(users):
    latch = OpenModeLatch()
    assert latch.is_open()
    add_user("vanphong", "mat-khau-dai-1", "uploader")
    assert not latch.is_open()
    users.write_text("", encoding="utf-8")  # emptied, or read half-written: still no open mode
    assert not latch.is_open()
    users.unlink()
    assert not latch.is_open()
    assert OpenModeLatch().is_open()  # a restarted process decides again


def test_a_process_started_with_users_never_opens(users):
    add_user("vanphong", "mat-khau-dai-1", "uploader")
    latch = OpenModeLatch()
    assert not latch.is_open()
    users.unlink()
    assert not latch.is_open()


def test_the_users_file_is_replaced_whole_never_rewritten_in_place(users, monkeypatch):
    add_user("vanphong", "mat-khau-dai-1", "uploader")
    inode_before = users.stat().st_ino
    seen_while_writing = []
    real_replace = os.replace

    def replace(source, target):  # the moment the new file goes in: a reader still sees the old one
        seen_while_writing.append((is_open_mode(users), sorted(load_users(users)["users"])))
        real_replace(source, target)

    monkeypatch.setattr(auth.os, "replace", replace)
    add_user("leloi", "mat-khau-dai-2", "viewer", units=["p_le_loi"])
    assert seen_while_writing == [(False, ["vanphong"])]
    assert users.stat().st_ino != inode_before
    assert users.stat().st_mode & 0o077 == 0
    assert [p.name for p in users.parent.iterdir()] == ["users.toml"]  # no temporary file left


def test_users_and_emails_carry_units(users):
    add_user("leloi", "mat-khau-dai-1", "viewer", units=["p_le_loi", "p_minh_khai"])
    assert check_password("leloi", "mat-khau-dai-1") == User("leloi", "viewer", ("p_le_loi", "p_minh_khai"))
    with users.open("a", encoding="utf-8") as handle:
        handle.write('\n[emails."a@hungyen.gov.vn"]\nrole = "uploader"\nunits = ["p_le_loi"]\n')
    assert user_for_email("a@hungyen.gov.vn").units == ("p_le_loi",)
    add_user("x", "mat-khau-dai-1", "admin")  # rewriting the file keeps the e-mail's units
    assert user_for_email("a@hungyen.gov.vn").unit_scope == frozenset({"p_le_loi"})
    assert check_password("x", "mat-khau-dai-1").unit_scope is None


def test_cli_user_add(users, monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO("mat-khau-dai-1\n"))
    assert main(["user", "add", "vanphong", "--role", "uploader", "--password-stdin"]) == 0
    assert "Đã lưu người dùng «vanphong»" in capsys.readouterr().out
    assert check_password("vanphong", "mat-khau-dai-1").role == "uploader"
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    assert main(["user", "add", "x", "--role", "viewer", "--password-stdin"]) == 1


def test_cli_user_add_with_units_checked_against_the_catalogue(users, monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO("mat-khau-dai-1\n"))
    command = ["user", "add", "leloi", "--role", "viewer", "--unit", "p_le_loi", "--unit", "p_minh_khai"]
    assert main([*command, "--password-stdin"]) == 0
    assert check_password("leloi", "mat-khau-dai-1").units == ("p_le_loi", "p_minh_khai")
    monkeypatch.setattr("sys.stdin", io.StringIO("mat-khau-dai-1\n"))
    assert main(["user", "add", "y", "--role", "viewer", "--unit", "p_khong_co", "--password-stdin"]) == 1
    assert "p_khong_co" in capsys.readouterr().err
    assert "y" not in load_users()["users"]


def test_the_committed_config_listens_on_localhost_only():
    """However the dashboard is started (`streamlit run app.py` too), it listens on 127.0.0.1 unless told
    otherwise on the command line, which `tthc serve` does only when users exist."""
    config = tomllib.loads((PROJECT_DIR / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["address"] == "127.0.0.1"


def test_open_mode_listens_on_localhost_only():
    from pipelines.cli_serve import server_settings

    assert server_settings(8501, open_mode=True)["STREAMLIT_SERVER_ADDRESS"] == "127.0.0.1"
    assert server_settings(8501, open_mode=False)["STREAMLIT_SERVER_ADDRESS"] == "0.0.0.0"
